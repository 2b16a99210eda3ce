package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"copydesk/app/bodyedit"
)

// apply performs e on text the way BodyEditor.ReplaceRange would.
func apply(text string, e edit) string {
	r := []rune(text)
	return string(r[:e.Start]) + e.Text + string(r[e.End:])
}

func TestFormatActions(t *testing.T) {
	tests := []struct {
		name       string
		text       string
		start, end int
		do         func(string, int, int) edit
		want       string
		sel        [2]int
	}{
		{"bold wraps", "make this bold", 10, 14, func(s string, a, b int) edit { return wrapInline(s, a, b, "**") }, "make this **bold**", [2]int{12, 16}},
		{"bold toggles off", "make this **bold**", 12, 16, func(s string, a, b int) edit { return wrapInline(s, a, b, "**") }, "make this bold", [2]int{10, 14}},
		{"italic on empty selection", "ab", 1, 1, func(s string, a, b int) edit { return wrapInline(s, a, b, "*") }, "a**b", [2]int{2, 2}},
		{"link selects the URL", "see site", 4, 8, makeLink, "see [site](https://)", [2]int{11, 19}},
		{"heading on the caret's line", "one\ntwo\nthree", 5, 5, func(s string, a, b int) edit { return prefixLines(s, a, b, "heading") }, "one\n## two\nthree", [2]int{4, 10}},
		{"heading on an empty line", "one\n\nthree", 4, 4, func(s string, a, b int) edit { return prefixLines(s, a, b, "heading") }, "one\n## \nthree", [2]int{7, 7}},
		{"heading in an empty body", "", 0, 0, func(s string, a, b int) edit { return prefixLines(s, a, b, "heading") }, "## ", [2]int{3, 3}},
		{"quote on a blank line", "a\n  \nb", 2, 2, func(s string, a, b int) edit { return prefixLines(s, a, b, "quote") }, "a\n>   \nb", [2]int{6, 6}},
		{"heading toggles off", "## two", 3, 3, func(s string, a, b int) edit { return prefixLines(s, a, b, "heading") }, "two", [2]int{0, 3}},
		{"quote every selected line", "a\nb\nc", 0, 3, func(s string, a, b int) edit { return prefixLines(s, a, b, "quote") }, "> a\n> b\nc", [2]int{0, 7}},
		{"numbered counts", "x\ny\nz", 0, 5, func(s string, a, b int) edit { return prefixLines(s, a, b, "numbered") }, "1. x\n2. y\n3. z", [2]int{0, 14}},
		{"bulleted toggles off", "- x\n- y", 0, 7, func(s string, a, b int) edit { return prefixLines(s, a, b, "bulleted") }, "x\ny", [2]int{0, 3}},
		{"runes, not bytes", "café crème", 5, 10, func(s string, a, b int) edit { return wrapInline(s, a, b, "**") }, "café **crème**", [2]int{7, 12}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := tc.do(tc.text, tc.start, tc.end)
			if got := apply(tc.text, e); got != tc.want {
				t.Errorf("text = %q, want %q", got, tc.want)
			}
			if [2]int{e.SelStart, e.SelEnd} != tc.sel {
				t.Errorf("selection = %d..%d, want %v", e.SelStart, e.SelEnd, tc.sel)
			}
		})
	}
}

func TestFindAndReplace(t *testing.T) {
	text := "The Mayor met the mayor's aide. MAYOR!"
	s, e, ok := findNext(text, "mayor", 0)
	if !ok || s != 4 || e != 9 {
		t.Errorf("first match %d..%d %v", s, e, ok)
	}
	if s, _, _ = findNext(text, "mayor", 9); s != 18 {
		t.Errorf("second match at %d", s)
	}
	if s, _, _ = findNext(text, "mayor", 33); s != 4 {
		t.Errorf("search did not wrap around: %d", s)
	}
	if _, _, ok = findNext(text, "governor", 0); ok {
		t.Error("found a word that is not there")
	}
	out, n := replaceAllFold(text, "mayor", "chair")
	if out != "The chair met the chair's aide. chair!" || n != 3 {
		t.Errorf("replace all = %q (%d)", out, n)
	}
	if c := countMatches("Ärger ärger", "ärger"); c != 2 {
		t.Errorf("case-insensitive count = %d", c)
	}
}

// TestBodyEditorAdapter: the body editor the window uses keeps the
// BodyEditor contract the toolbar, find/replace and checks rely on.
func TestBodyEditorAdapter(t *testing.T) {
	test.NewTempApp(t)
	var b BodyEditor = bodyedit.New()
	w := test.NewWindow(b.Object())
	defer w.Close()
	w.Resize(fyne.NewSize(400, 300))
	changes := 0
	b.SetOnChanged(func() { changes++ })
	b.SetText("first line\nsecond line is longer\nthird")
	if changes != 0 {
		t.Errorf("SetText counted as %d edits", changes)
	}
	b.Select(11, 17)
	if s, e := b.Selection(); s != 11 || e != 17 || string([]rune(b.Text())[s:e]) != "second" {
		t.Fatalf("selection %d..%d of %q", s, e, b.Text())
	}
	b.ReplaceRange(11, 17, "2nd")
	if got := b.Text(); got != "first line\n2nd line is longer\nthird" || changes != 1 {
		t.Fatalf("after replace %q, %d edits", got, changes)
	}
	if s, e := b.Selection(); s != 14 || e != 14 {
		t.Errorf("caret after replace at %d..%d, want 14", s, e)
	}
	test.Type(b.Object().(*bodyedit.Editor), "!")
	b.Undo()
	b.Undo()
	if got := b.Text(); got != "first line\nsecond line is longer\nthird" {
		t.Errorf("after two undos %q", got)
	}
	b.Redo()
	if got := b.Text(); got != "first line\n2nd line is longer\nthird" {
		t.Errorf("after redo %q", got)
	}
}
