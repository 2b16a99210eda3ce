package xsstest

import "testing"

// TestCheckHTML shows the checker can fail: a checker that accepts
// everything would make every XSS test pass.
func TestCheckHTML(t *testing.T) {
	tests := []struct {
		doc string
		ok  bool
	}{
		{`<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>`, true},
		{`<script src="assets/site.js" defer></script>`, true},
		{`<script type="application/ld+json">{"a":"\u003c/script\u003e"}</script>`, true},
		{`<a href="https://example.com" title="javascript:x">x</a>`, true},
		{`<script>alert(1)</script>`, false},
		{`<script src="https://evil.example/x.js"></script>`, false},
		{`<script src="//evil.example/x.js"></script>`, false},
		{`<img src=x onerror=alert(1)>`, false},
		{`<svg><a xlink:href="javascript:alert(1)">x</a></svg>`, false},
		{`<a href=" JaVa&#x09;Script:alert(1)">x</a>`, false},
		{`<a href="vbscript:x">x</a>`, false},
		{`<iframe src="data:text/html,x"></iframe>`, false},
		{`<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>`, false},
		{`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`, false},
		{`<div style="background:url(javascript:alert(1))">`, false},
		{`<form><button formaction="javascript:alert(1)">x</button></form>`, false},
		{`<p title="x"></p><script type="text/javascript">document.title='XSS'</script>`, false},
	}
	for _, tt := range tests {
		err := CheckHTMLString(tt.doc)
		if (err == nil) != tt.ok {
			t.Errorf("CheckHTML(%q) = %v, want ok=%v", tt.doc, err, tt.ok)
		}
	}
}

func TestPayloadsAreDetectable(t *testing.T) {
	if len(Payloads) < 40 {
		t.Fatalf("only %d payloads", len(Payloads))
	}
	seen := map[string]bool{}
	for _, p := range Payloads {
		if seen[p] {
			t.Errorf("duplicate payload %q", p)
		}
		seen[p] = true
	}
}
