package render

import (
	"bytes"
	"strings"
	"testing"

	"copydesk/editor/xsstest"

	"github.com/yuin/goldmark/ast"
)

func TestHTML(t *testing.T) {
	tests := []struct {
		name, body, dateline string
		want                 []string // substrings that must appear
		not                  []string // substrings that must not appear
	}{
		{
			name: "dateline run in", body: "In a significant development, allies agreed.", dateline: "paris",
			want: []string{`<p><span class="dateline">PARIS</span> — In a significant development`},
		},
		{
			name: "typed dateline not doubled", body: "PARIS — In a move.", dateline: "Paris",
			want: []string{`<p><span class="dateline">PARIS</span> — In a move.</p>`},
			not:  []string{"PARIS</span> — PARIS"},
		},
		{
			name: "typed dateline with double hyphen", body: "Paris -- In a move.", dateline: "PARIS",
			want: []string{`<p><span class="dateline">PARIS</span> — In a move.</p>`},
		},
		{
			name: "dateline-like word is kept", body: "Paris-based firms grew.", dateline: "PARIS",
			want: []string{`<span class="dateline">PARIS</span> — Paris-based firms grew.`},
		},
		{
			name: "dateline goes to first paragraph, not heading", body: "# Head\n\nFirst para.", dateline: "Oslo",
			want: []string{`<h1 id="head">Head</h1>`, `<p><span class="dateline">OSLO</span> — First para.</p>`},
		},
		{
			name: "dateline escaped", body: "Text.", dateline: `<b>x</b>`,
			want: []string{`<span class="dateline">&lt;B&gt;X&lt;/B&gt;</span>`},
		},
		{name: "no dateline", body: "Text.", want: []string{"<p>Text.</p>"}, not: []string{"dateline"}},
		{name: "blank dateline keeps a leading dash", body: "— Text.", dateline: " \n ", want: []string{"<p>— Text.</p>"}, not: []string{"dateline"}},
		{
			name: "typographer", body: `He said "no" -- twice --- and left...`,
			want: []string{"He said “no” – twice — and left…"},
		},
		{name: "gfm table", body: "| a | b |\n|---|---|\n| 1 | 2 |", want: []string{"<table>", "<td>1</td>"}},
		{name: "strikethrough", body: "~~gone~~", want: []string{"<del>gone</del>"}},
		{name: "task list", body: "- [x] done", want: []string{`<input checked="" disabled="" type="checkbox">`}},
		{name: "footnote", body: "Claim[^1]\n\n[^1]: Source.", want: []string{`class="footnote-ref"`, "Source."}},
		{
			name: "external link rel", body: "[site](https://example.com/a)",
			want: []string{`<a href="https://example.com/a" rel="nofollow noopener">site</a>`},
		},
		{name: "relative link no rel", body: "[about](/about)", want: []string{`<a href="/about">about</a>`}},
		{name: "linkify", body: "see www.example.com now", want: []string{`href="http://www.example.com" rel="nofollow noopener"`}},
		{name: "raw html removed", body: "a <b>bold</b> <script>alert(1)</script> b", want: []string{"a bold"}, not: []string{"<b>", "<script", "raw HTML"}},
		{name: "javascript link unwrapped", body: "[click](javascript:alert(1))", want: []string{"<p>click</p>"}, not: []string{"href"}},
		{name: "entity scheme", body: "[click](javascript&colon;alert(1))", want: []string{"<p>click</p>"}, not: []string{"href"}},
		{name: "numeric entity scheme", body: "[c](&#106;avascript:alert(1))", not: []string{"href"}},
		{name: "vbscript", body: "[c](VBScript:msgbox(1))", not: []string{"href"}},
		{name: "data url", body: "[c](data:text/html,hi)", not: []string{"href"}},
		{name: "data image dropped", body: "![pic](data:image/png;base64,AAAA)", want: []string{"<p>pic</p>"}, not: []string{"<img"}},
		{name: "autolink javascript", body: "<javascript:alert(1)>", want: []string{"javascript:alert(1)"}, not: []string{"href"}},
		{name: "mailto kept", body: "<mailto:desk@example.com>", want: []string{`href="mailto:desk@example.com"`}},
		{name: "heading ids", body: "## Who said what", want: []string{`<h2 id="who-said-what">`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := HTMLString([]byte(tt.body), tt.dateline)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %q in\n%s", w, got)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(got, n) {
					t.Errorf("unexpected %q in\n%s", n, got)
				}
			}
		})
	}
}

func TestParseDatelineNode(t *testing.T) {
	src := []byte("Rome -- First.\n\nSecond.")
	doc := Parse(src, "rome")
	p := doc.FirstChild()
	if p == nil || p.Kind() != ast.KindParagraph {
		t.Fatalf("first child = %v", p)
	}
	d, ok := p.FirstChild().(*Dateline)
	if !ok {
		t.Fatalf("first inline is %T, want *Dateline", p.FirstChild())
	}
	if d.Place != "ROME" || d.Kind() != KindDateline {
		t.Errorf("dateline = %q kind %v", d.Place, d.Kind())
	}
	if got := string(d.NextSibling().(*ast.Text).Segment.Value(src)); got != "First" {
		t.Errorf("text after dateline = %q, want %q", got, "First")
	}
	var count int
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == KindDateline {
			count++
		}
		return ast.WalkContinue, nil
	})
	if count != 1 {
		t.Errorf("%d dateline nodes, want 1", count)
	}
}

func TestTypedDatelineLen(t *testing.T) {
	tests := []struct {
		s, dateline string
		want        int
	}{
		{"PARIS — In a move", "Paris", len("PARIS — ")},
		{"paris -- In", "PARIS", len("paris -- ")},
		{"Paris–In", "paris", 0}, // a dash glued to the next word is not a dateline's
		{"— In", "  ", 0},
		{"Paris-based firms", "Paris", 0},
		{"PARISIAN — x", "Paris", 0},
		{"In Paris", "Paris", 0},
		{"ZÜRICH — x", "zürich", len("ZÜRICH — ")},
		{"PARIS — x", "", 0},
	}
	for _, tt := range tests {
		if got := TypedDatelineLen(tt.s, tt.dateline); got != tt.want {
			t.Errorf("TypedDatelineLen(%q, %q) = %d, want %d", tt.s, tt.dateline, got, tt.want)
		}
	}
}

func TestXHTMLIsWellFormed(t *testing.T) {
	var b bytes.Buffer
	if err := XHTML(&b, []byte("a  \nb\n\n![x](/x.png)\n\n---\n\n- [ ] t\n\nfn[^1]\n\n[^1]: n"), "X"); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"<br />", "<hr />", `<img src="/x.png" alt="x" />`} {
		if !strings.Contains(b.String(), w) {
			t.Errorf("missing %q in %s", w, b.String())
		}
	}
}

func TestSafeURL(t *testing.T) {
	tests := []struct {
		u    string
		want bool
	}{
		{"https://example.com", true}, {"HTTP://x", true}, {"mailto:a@b", true}, {"tel:+1", true},
		{"/a/b", true}, {"a/b:c", true}, {"#top", true}, {"?q=1", true}, {"", true},
		{"javascript:alert(1)", false}, {" JavaScript:x", false}, {"java\tscript:x", false},
		{"\x01javascript:x", false}, {"vbscript:x", false}, {"data:text/html,x", false},
		{"data:image/png;base64,AA", false}, {"file:///etc/passwd", false}, {"&#106;avascript:x", false},
		{"javascript&colon;x", false}, {"copydesk-image:abc.png", false},
	}
	for _, tt := range tests {
		if got := SafeURL(tt.u); got != tt.want {
			t.Errorf("SafeURL(%q) = %v, want %v", tt.u, got, tt.want)
		}
	}
}

func TestPayloadsRenderSafely(t *testing.T) {
	for i, p := range xsstest.Payloads {
		for _, body := range []string{p, "Text " + p + " more", "> " + p, "- " + p, "[" + p + "](/x)"} {
			got, err := HTMLString([]byte(body), p)
			if err != nil {
				t.Fatal(err)
			}
			if err := xsstest.CheckHTMLString(got); err != nil {
				t.Errorf("payload %d in %q: %v\n%s", i, body, err, got)
			}
		}
	}
}

func FuzzRenderHTML(f *testing.F) {
	for _, p := range xsstest.Payloads {
		f.Add(p, "PARIS")
	}
	f.Add("PARIS — In a *significant* [move](https://x.example).\n\n| a |\n|---|\n| b |", "Paris")
	f.Add("Claim[^1]\n\n[^1]: <img src=x onerror=alert(1)>", "<script>")
	f.Fuzz(func(t *testing.T, body, dateline string) {
		var b bytes.Buffer
		if err := HTML(&b, []byte(body), dateline); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if err := xsstest.CheckHTMLString(out); err != nil {
			t.Fatalf("body %q dateline %q: %v", body, dateline, err)
		}
		if dateline := FormatDateline(dateline); dateline != "" && !strings.Contains(out, `<span class="dateline">`) && strings.TrimSpace(body) != "" {
			// Only bodies without a top-level paragraph may lack it.
			doc := Parse([]byte(body), dateline)
			for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
				if c.Kind() == ast.KindParagraph {
					t.Fatalf("dateline missing although body has a paragraph: %q", body)
				}
			}
		}
	})
}
