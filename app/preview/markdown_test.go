package preview

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2/widget"
)

// flat lists every text segment with its style flags, descending into
// lists and paragraphs, as "text/biml" (bold, italic, mono, link).
func flat(segs []widget.RichTextSegment) []string {
	var out []string
	for _, s := range segs {
		switch t := s.(type) {
		case *widget.TextSegment:
			if t.Text == "" {
				continue
			}
			f := ""
			if t.Style.TextStyle.Bold {
				f += "b"
			}
			if t.Style.TextStyle.Italic {
				f += "i"
			}
			if t.Style.TextStyle.Monospace {
				f += "m"
			}
			if !t.Style.Inline {
				f += "|"
			}
			out = append(out, t.Text+"/"+f)
		case *widget.HyperlinkSegment:
			out = append(out, t.Text+"/l:"+t.URL.String())
		case *widget.ListSegment:
			for _, it := range t.Items {
				out = append(out, "•")
				out = append(out, flat([]widget.RichTextSegment{it})...)
			}
		case *widget.ParagraphSegment:
			out = append(out, flat(t.Texts)...)
		case *widget.SeparatorSegment:
			out = append(out, "---")
		}
	}
	return out
}

func TestRenderMarkdownBlocks(t *testing.T) {
	tests := []struct {
		name, src, dateline string
		want                []string // one entry per Block: its flattened segments joined by " + "
	}{
		{"dateline runs into first paragraph", "# Title\n\nFirst para.\n\nSecond.", "paris",
			[]string{"Title/b|", "PARIS — /b + First para./", "Second./"}},
		{"nested emphasis keeps both styles", "a **bold _both_** c", "",
			[]string{"a / + bold /b + both/bi +  c/"}},
		{"strikethrough is struck", "~~gone~~", "",
			[]string{"g\u0336o\u0336n\u0336e\u0336/"}},
		{"hard break ends the line", "one  \ntwo", "",
			[]string{"one/| + two/"}},
		{"soft break is a space", "one\ntwo", "",
			[]string{"one two/"}},
		{"links keep their URL", "see [the site](https://example.com/x)", "",
			[]string{"see / + the site/l:https://example.com/x"}},
		{"lists", "- a\n- b\n\n1. x\n2. y", "",
			[]string{"• + a/ + • + b/", "• + x/ + • + y/"}},
		{"quote", "> said *so*", "",
			[]string{"| /b + said so/i"}},
		{"code", "`x := 1` and\n\n```\nfunc f() {}\n```", "",
			[]string{"x := 1/m +  and/", "func f() {}/m|"}},
		{"table in columns", "| a | bb |\n|---|---:|\n| ccc | d |", "",
			[]string{"a   | bb\n----+---\nccc |  d/m|"}},
		{"footnotes", "Claim.[^1]\n\n[^1]: Source.", "",
			[]string{"Claim./ + [1]/", "--- + • + Source./"}},
		{"raw HTML dropped", "<script>alert(1)</script>\n\nText", "",
			[]string{"Text/"}},
		{"typography", `"Quoted" -- and...`, "",
			[]string{"“Quoted” – and…/"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var r bodyRenderer
			blocks := r.render(tc.src, tc.dateline)
			var got []string
			for _, b := range blocks {
				got = append(got, strings.Join(flat(b.segs), " + "))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("blocks:\n%q\nwant:\n%q", got, tc.want)
			}
		})
	}
}

func TestRenderReusesUnchangedBlocks(t *testing.T) {
	var paras []string
	for i := 0; i < 50; i++ {
		paras = append(paras, strings.Repeat("word ", 40)+string(rune('a'+i%26)))
	}
	src := strings.Join(paras, "\n\n")
	var r bodyRenderer
	before := r.render(src, "Paris")
	paras[25] += " typed"
	after := r.render(strings.Join(paras, "\n\n"), "Paris")
	if len(before) != 50 || len(after) != 50 {
		t.Fatalf("blocks %d → %d", len(before), len(after))
	}
	for i := range after {
		same := after[i].key == before[i].key
		if (i == 25) == same {
			t.Errorf("Block %d: key unchanged = %v", i, same)
		}
		if i != 25 && i != 0 && &after[i].segs[0] != &before[i].segs[0] {
			t.Errorf("Block %d was rendered again", i)
		}
	}
	if !strings.HasPrefix(after[0].segs[0].Textual(), "PARIS") {
		t.Error("dateline lost on reuse")
	}
}

func TestSplitChunks(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"a\n\nb", []string{"a\n\n", "b"}},
		{"- a\n\n  more a\n- b\n\nc", []string{"- a\n\n  more a\n- b\n\n", "c"}},
		{"```\nx\n\ny\n```\n\nz", []string{"```\nx\n\ny\n```\n\n", "z"}},
		{"", []string{""}},
	}
	for _, tc := range tests {
		if got := splitChunks(tc.src); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("splitChunks(%q) = %q, want %q", tc.src, got, tc.want)
		}
	}
}

// FuzzPreviewRender checks the incremental renderer against a fresh one:
// whatever was rendered before, the result must be the same, and
// chunking must never lose or duplicate source text.
func FuzzPreviewRender(f *testing.F) {
	for _, s := range []string{"# T\n\npara **b _bi_**\n\n- x\n- y", "```\n\n```\n\ntext", "> q\n\n> r", "| a |\n|---|\n| b |", "a[^1]\n\n[^1]: n", "~~s~~  \nx", "1. a\n\n   b\n2. c", "<!--\n\n-->x"} {
		f.Add(s, "first draft\n\nof it")
	}
	f.Fuzz(func(t *testing.T, src, prev string) {
		if !utf8.ValidString(src) || len(src) > 4096 {
			t.Skip()
		}
		if got := strings.Join(splitChunks(src), ""); got != src {
			t.Fatalf("chunks join to %q, not the source", got)
		}
		var warm, cold bodyRenderer
		warm.render(prev, "x")
		a, b := warm.render(src, "Paris"), cold.render(src, "Paris")
		if len(a) != len(b) {
			t.Fatalf("%d blocks after a previous render, %d fresh", len(a), len(b))
		}
		for i := range a {
			if a[i].key != b[i].key || segText(a[i].segs) != segText(b[i].segs) {
				t.Fatalf("Block %d differs: %q vs %q", i, segText(a[i].segs), segText(b[i].segs))
			}
		}
	})
}

func TestNeedsWholeParse(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{"plain text\n\nmore [a link](x)", false},
		{"text\n\n[ref]: https://example.com", true},
		{"text\n   [^1]: note", true},
		{"text\n    [x]: indented code, not a definition", false},
		{"a <!-- comment --> b", true},
		{"<PRE>\nx\n\ny</PRE>", true},
		{"x < y and [brackets] ]:", false},
		{"", false},
	}
	for _, tc := range tests {
		if got := needsWholeParse(tc.src); got != tc.want {
			t.Errorf("needsWholeParse(%q) = %v, want %v", tc.src, got, tc.want)
		}
	}
}

func TestRenderDoesNotRepeatTypedDateline(t *testing.T) {
	tests := []struct {
		body, dateline, want string
	}{
		{"PARIS — In a move, allies agreed.", "Paris", "PARIS — In a move, allies agreed."},
		{"Paris -- In a move.", "Paris", "PARIS — In a move."},
		{"paris – In a move.", "PARIS", "PARIS — In a move."},
		{"PARIS — **Allies** agreed.", "Paris", "PARIS — Allies agreed."},
		{"Paris-based firms rallied.", "Paris", "PARIS — Paris-based firms rallied."},
		{"In Paris, allies agreed.", "Paris", "PARIS — In Paris, allies agreed."},
		{"PARIS — In a move.", "", "PARIS — In a move."},
		{"BERLIN — In a move.", "Paris", "PARIS — BERLIN — In a move."},
	}
	for _, tc := range tests {
		var r bodyRenderer
		got := blockText(r.render(tc.body, tc.dateline))
		if got[0] != tc.want {
			t.Errorf("body %q dateline %q: first block %q, want %q", tc.body, tc.dateline, got[0], tc.want)
		}
		// The cut is made on a copy: the cached blocks still hold what was typed.
		fresh := blockText((&bodyRenderer{}).render(tc.body, ""))
		if again := blockText(r.render(tc.body, "")); again[0] != fresh[0] {
			t.Errorf("body %q: render without a dateline after one gave %q, want %q", tc.body, again[0], fresh[0])
		}
	}
}

func blockText(bs []Block) []string {
	var out []string
	for _, b := range bs {
		var s strings.Builder
		for _, seg := range b.Segments() {
			s.WriteString(seg.Textual())
		}
		out = append(out, s.String())
	}
	return append(out, "")
}
