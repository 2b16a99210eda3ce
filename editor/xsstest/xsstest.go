// Package xsstest holds the shared list of cross-site-scripting payloads
// that every exporter and renderer is tested against. Each payload, if a
// browser ever executed it, calls alert(…) or sets document.title to start
// with "XSS", so a real-browser test can tell that script ran without
// knowing which payload it was.
package xsstest

// Payloads are placed verbatim in every article field (headline, byline,
// summary, dateline, tags, image fields, body, slug, section). They cover
// the OWASP filter-evasion classics, entity- and case-obfuscated URL
// schemes, data: URLs, SVG/MathML handlers, breakouts from <script>,
// <title>, <style>, attribute and CDATA contexts, Markdown-specific link
// and image forms, and polyglots.
var Payloads = []string{
	// Plain script elements and case/encoding tricks.
	`<script>alert('XSS1')</script>`,
	`<SCRIPT>document.title='XSS2'</SCRIPT>`,
	`<scr<script>ipt>alert('XSS3')</scr</script>ipt>`,
	`<script src=data:text/javascript,alert('XSS4')></script>`,
	`<<SCRIPT>alert("XSS5");//<</SCRIPT>`,
	// Event handlers.
	`<img src=x onerror=alert('XSS6')>`,
	`<IMG SRC=/ onerror="document.title='XSS7'"></img>`,
	`<svg onload=alert('XSS8')>`,
	`<svg><script>alert('XSS9')</script></svg>`,
	`<body onload=alert('XSS10')>`,
	`<details open ontoggle="document.title='XSS11'">`,
	`<input autofocus onfocus=alert('XSS12')>`,
	`<iframe src="javascript:alert('XSS13')"></iframe>`,
	`<iframe srcdoc="<script>parent.document.title='XSS14'</script>"></iframe>`,
	`<math><mtext><table><mglyph><style><img src=x onerror=alert('XSS15')>`,
	`<a href="javascript:alert('XSS16')">click</a>`,
	`<object data="data:text/html,<script>alert('XSS17')</script>"></object>`,
	`<embed src="data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTMTgnKTwvc2NyaXB0Pg==">`,
	`<meta http-equiv="refresh" content="0;url=javascript:alert('XSS19')">`,
	`<style>@import 'javascript:alert("XSS20")';</style>`,
	`<div style="background:url(javascript:alert('XSS21'))">`,
	`<video><source onerror="alert('XSS22')"></video>`,
	`<form><button formaction=javascript:alert('XSS23')>go</button></form>`,
	// Markdown links and images with dangerous or obfuscated schemes.
	`[click](javascript:alert('XSS24'))`,
	`[click](JaVaScRiPt:alert('XSS25'))`,
	`[click](javascript&colon;alert('XSS26'))`,
	`[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert('XSS27'))`,
	`[click](&#x6A;avascript:alert('XSS28'))`,
	`[click](java&#x09;script:alert('XSS29'))`,
	`[click](vbscript:msgbox("XSS30"))`,
	`[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTMzEnKTwvc2NyaXB0Pg==)`,
	`[click](data:text/html,<script>alert('XSS32')</script>)`,
	`![img](javascript:alert('XSS33'))`,
	`![x" onerror="alert('XSS34')](x.png)`,
	`[a](x "title\" onmouseover=\"alert('XSS35')")`,
	`<javascript:alert('XSS36')>`,
	`[ref]` + "\n\n" + `[ref]: javascript:alert('XSS37')`,
	"```\n</code></pre><script>alert('XSS38')</script>\n```",
	// Breakouts from the contexts an exporter writes into.
	`</script><script>alert('XSS39')</script>`,
	`</title><script>alert('XSS40')</script>`,
	`"><script>alert('XSS41')</script>`,
	`'><img src=x onerror=alert('XSS42')>`,
	`" onmouseover="alert('XSS43')" x="`,
	`</style><script>alert('XSS44')</script>`,
	`]]><script>alert('XSS45')</script>`,
	`<![CDATA[<script>alert('XSS46')</script>]]>`,
	`--><script>alert('XSS47')</script><!--`,
	`</textarea><script>alert('XSS48')</script>`,
	`\u003c/script\u003e<script>alert('XSS49')</script>`,
	`javascript:alert('XSS50')`,
	`data:text/html,<script>alert('XSS51')</script>`,
	// Polyglots (after 0xSobky and Ashar Javed).
	"jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=alert('XSS52') )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert('XSS53')//>\\x3e",
	`'">><marquee><img src=x onerror=alert('XSS54a')></marquee>"></plaintext\></|\><plaintext/onmouseover=alert('XSS54b')><script>alert('XSS54c')</script>@gmail.com<isindex formaction=javascript:alert(/XSS54/) type=submit>'-->"></script><script>alert('XSS55')</script>">`,
	`<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000053&#0000054&#0000039&#0000041">x</a>`,
	`<img src="jav&#x09;ascript:alert('XSS57');">`,
	`<svg><a xlink:href="javascript:alert('XSS58')"><text x="20" y="20">XSS</text></a></svg>`,
	`<base href="javascript:alert('XSS59')//">`,
	`<link rel="stylesheet" href="javascript:alert('XSS60')">`,
}
