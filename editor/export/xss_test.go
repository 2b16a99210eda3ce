package export

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/net/html"

	"copydesk/editor"
	"copydesk/editor/xsstest"
)

// fields places a value in one article field; every field a reporter can
// type reaches at least one output.
var fields = map[string]func(a *editor.Article, v string){
	"headline":   func(a *editor.Article, v string) { a.Headline = v },
	"byline":     func(a *editor.Article, v string) { a.Byline = []string{v, "Second Author"} },
	"summary":    func(a *editor.Article, v string) { a.Summary = v },
	"dateline":   func(a *editor.Article, v string) { a.Dateline = v },
	"tags":       func(a *editor.Article, v string) { a.Tags = []string{v} },
	"image.src":  func(a *editor.Article, v string) { a.Image.Src = v },
	"image.alt":  func(a *editor.Article, v string) { a.Image.Alt = v },
	"caption":    func(a *editor.Article, v string) { a.Image.Caption = v },
	"credit":     func(a *editor.Article, v string) { a.Image.Credit = v },
	"body":       func(a *editor.Article, v string) { a.Body = v + "\n\n" + a.Body },
	"slug":       func(a *editor.Article, v string) { a.Slug = v },
	"section":    func(a *editor.Article, v string) { a.Section = v },
	"correction": func(a *editor.Article, v string) { a.Corrections[0].Text = v },
}

// textOf returns the text content of the first element named tag.
func textOf(n *html.Node, tag string) (string, bool) {
	if n.Type == html.ElementNode && n.Data == tag {
		var b strings.Builder
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.TextNode {
				b.WriteString(n.Data)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(n)
		return b.String(), true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if s, ok := textOf(c, tag); ok {
			return s, true
		}
	}
	return "", false
}

// jsonLDOf returns the parsed JSON-LD block of a page.
func jsonLDOf(t testing.TB, doc *html.Node) map[string]any {
	t.Helper()
	var found *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "script" {
			for _, a := range n.Attr {
				if a.Key == "type" && a.Val == "application/ld+json" {
					found = n
				}
			}
		}
		for c := n.FirstChild; c != nil && found == nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if found == nil || found.FirstChild == nil {
		t.Fatal("no JSON-LD in page")
	}
	var ld map[string]any
	if err := json.Unmarshal([]byte(found.FirstChild.Data), &ld); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, found.FirstChild.Data)
	}
	return ld
}

// checkAllFormats encodes a in every format and fails if any output could
// run script or does not parse back.
func checkAllFormats(t testing.TB, a *editor.Article, schemaCheck bool) {
	t.Helper()
	site := testSite()
	for _, f := range Formats {
		var b bytes.Buffer
		err := f.Encode(&b, a, site)
		if f.Name == "markdown" {
			var ve *editor.ValidationError
			if errors.As(err, &ve) {
				continue // the interchange file refuses what a save would refuse
			}
		}
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		out := b.Bytes()
		switch f.Name {
		case "html":
			if err := xsstest.CheckHTML(bytes.NewReader(out)); err != nil {
				t.Fatalf("html: %v", err)
			}
			doc, err := html.Parse(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if h1, _ := textOf(doc, "h1"); h1 != editor.OneLine(a.Headline) {
				t.Fatalf("html: h1 = %q, want %q", h1, editor.OneLine(a.Headline))
			}
			if title, _ := textOf(doc, "title"); !strings.HasPrefix(title, editor.OneLine(a.Headline)) {
				t.Fatalf("html: title = %q", title)
			}
			if ld := jsonLDOf(t, doc); ld["headline"] != editor.OneLine(a.Headline) {
				t.Fatalf("html: JSON-LD headline = %q", ld["headline"])
			}
		case "nitf":
			checkXMLTokens(t, out)
			var doc struct {
				HL1 string `xml:"body>body.head>hedline>hl1"`
			}
			if err := xml.Unmarshal(out, &doc); err != nil {
				t.Fatalf("nitf: %v", err)
			}
			if doc.HL1 != strings.ToValidUTF8(editor.OneLine(a.Headline), "\uFFFD") && utf8.ValidString(a.Headline) && !strings.ContainsFunc(a.Headline, func(r rune) bool { return r < 0x20 }) {
				t.Fatalf("nitf: hl1 = %q, want %q", doc.HL1, editor.OneLine(a.Headline))
			}
		case "ninjs":
			var doc struct {
				Headlines []struct{ Value string }
			}
			if err := json.Unmarshal(out, &doc); err != nil {
				t.Fatalf("ninjs: %v\n%s", err, out)
			}
			if doc.Headlines[0].Value != editor.OneLine(a.Headline) {
				t.Fatalf("ninjs: headline = %q", doc.Headlines[0].Value)
			}
			if bytes.Contains(out, []byte("<")) {
				t.Fatalf("ninjs: raw '<' in JSON; it must be \\u003c")
			}
			if schemaCheck {
				validateNINJS(t, out)
			}
		case "hugo", "markdown":
			parts := bytes.SplitN(out, []byte("---\n"), 3)
			if len(parts) != 3 {
				t.Fatalf("%s: no front matter", f.Name)
			}
			var fm map[string]any
			if err := yaml.Unmarshal(parts[1], &fm); err != nil {
				t.Fatalf("%s: front matter does not parse: %v", f.Name, err)
			}
			key := "title"
			if f.Name == "markdown" {
				key = "headline"
			}
			want := a.Headline
			if f.Name == "hugo" {
				want = editor.OneLine(a.Headline)
			}
			if fm[key] != want {
				t.Fatalf("%s: %s = %q, want %q", f.Name, key, fm[key], want)
			}
			if f.Name == "hugo" {
				// Hugo passes the body through as HTML (markup: html).
				if err := xsstest.CheckHTMLString(string(parts[2])); err != nil {
					t.Fatalf("hugo body: %v", err)
				}
			}
		case "text":
			if i := bytes.IndexFunc(out, func(r rune) bool { return r < 0x20 && r != '\n' }); i >= 0 {
				t.Fatalf("text: control character at %d", i)
			}
		}
	}
}

// TestXSSPayloadsEveryFieldEveryFormat puts each shared payload into each
// field and checks every format's output by parsing it.
func TestXSSPayloadsEveryFieldEveryFormat(t *testing.T) {
	for name, set := range fields {
		t.Run(name, func(t *testing.T) {
			for i, p := range xsstest.Payloads {
				a := sampleFull()
				set(a, p)
				// Schema validation is slower; once per field is enough to
				// show hostile text cannot break the document's structure.
				checkAllFormats(t, a, i%10 == 0)
			}
		})
	}
}

func FuzzEncoders(f *testing.F) {
	for _, p := range xsstest.Payloads[:20] {
		f.Add(p, p, p, p, p, p, p)
	}
	f.Add("Headline", "PARIS — Body *text* [l](https://x.example)", "Sum", "Paris", "tag", "https://x.example/a.jpg", "sec")
	f.Fuzz(func(t *testing.T, headline, body, summary, dateline, tag, src, section string) {
		for _, s := range []string{headline, body, summary, dateline, tag, src, section} {
			if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
				return // editor.Validate refuses these before anything is saved
			}
		}
		a := sampleFull()
		a.Headline, a.Body, a.Summary, a.Dateline, a.Section = headline, body, summary, dateline, section
		a.Tags = []string{tag}
		a.Image.Src, a.Image.Alt, a.Slug = src, tag, section
		checkAllFormats(t, a, false)
	})
}
