package bodyedit

import (
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// A 50,000-word story must cost only the visible lines in canvas objects.
func TestOnlyVisibleLinesAreObjects(t *testing.T) {
	text := prose(50000)
	e, _ := newTestEditor(t, text, 700, 600)
	check := func(where string) {
		t.Helper()
		objs := test.WidgetRenderer(e).Objects()
		texts, chars := 0, 0
		for _, o := range objs {
			if txt, ok := o.(*canvas.Text); ok {
				texts++
				chars += len(txt.Text)
				if y := txt.Position().Y; y < -30 || y > 600 {
					t.Errorf("%s: text object at y=%.0f, outside the 600 px view", where, y)
				}
			}
		}
		// 600 px holds about 28 lines of ~100 characters, a few runs each.
		if len(objs) > 250 || chars > 4000 {
			t.Errorf("%s: %d objects, %d characters drawn for a %d-character story", where, len(objs), chars, len(text))
		}
		if texts == 0 {
			t.Errorf("%s: nothing drawn", where)
		}
	}
	check("top")
	ctrl(e, fyne.KeyEnd)
	check("end")
	last := strings.TrimSpace(text[strings.LastIndexByte(strings.TrimRight(text, ". "), ' '):])
	if !strings.Contains(strings.Join(visibleTexts(e), ""), strings.TrimSuffix(last, ".")) {
		t.Errorf("after Ctrl+End the last word %q is not drawn", last)
	}
	e.Select(e.Len()/2, e.Len()/2)
	check("middle")
}

// Moving the caret past the bottom (or top) of the view scrolls it back in.
func TestCaretKeptInView(t *testing.T) {
	e, _ := newTestEditor(t, prose(4000), 700, 300)
	for range 60 {
		key(e, fyne.KeyDown)
		assertCaretVisible(t, e)
	}
	if e.ScrollOffset() == 0 {
		t.Fatal("60 lines down did not scroll")
	}
	ctrl(e, fyne.KeyEnd)
	assertCaretVisible(t, e)
	if want := e.TotalHeight() - e.viewHeight(); e.ScrollOffset() < want-1 {
		t.Errorf("at the end scroll offset %.0f, want %.0f", e.ScrollOffset(), want)
	}
	ctrl(e, fyne.KeyHome)
	if e.ScrollOffset() != 0 {
		t.Errorf("Ctrl+Home left scroll offset %.0f", e.ScrollOffset())
	}
	e.Select(e.Len()/3, e.Len()/3+10)
	assertCaretVisible(t, e)
	test.Type(e, "typed")
	assertCaretVisible(t, e)
}

type bigText struct{ fyne.Theme }

func (b bigText) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameText {
		return 2 * b.Theme.Size(n)
	}
	return b.Theme.Size(n)
}

type redText struct{ fyne.Theme }

func (r redText) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameForeground {
		return color.NRGBA{R: 255, A: 255}
	}
	return r.Theme.Color(n, v)
}

// A theme change (font size, colours) re-lays out on Refresh.
func TestThemeChange(t *testing.T) {
	e, _ := newTestEditor(t, long, 700, 400)
	l, _ := e.ensureLayout(0)
	before := len(l.starts)
	fyne.CurrentApp().Settings().SetTheme(bigText{theme.DefaultTheme()})
	e.Refresh()
	l, _ = e.ensureLayout(0)
	if len(l.starts) < before*3/2 {
		t.Errorf("doubling the text size went from %d to %d lines", before, len(l.starts))
	}
	fyne.CurrentApp().Settings().SetTheme(redText{theme.DefaultTheme()})
	e.Refresh()
	for _, o := range test.WidgetRenderer(e).Objects() {
		if txt, ok := o.(*canvas.Text); ok && txt.Color != (color.NRGBA{R: 255, A: 255}) {
			t.Errorf("text %q colour %v after theme change", txt.Text, txt.Color)
			break
		}
	}
}

// Caret positions come from summed glyph advances; the end of every
// plain-styled line must agree with the shaper's width of the whole line
// (kerning included) to within half a pixel, or the caret drifts into
// letters towards the right edge.
func TestCaretMatchesShapedText(t *testing.T) {
	e, _ := newTestEditor(t, prose(3000), 700, 400)
	checked := 0
	for p := range e.paras {
		l, _ := e.ensureLayout(p)
		txt := e.paras[p].text
		for li := range l.starts {
			s, end := l.starts[li], l.lineEnd(li, len(txt))
			uniform := true
			for i := s; i < end; i++ {
				uniform = uniform && l.styles[i] == l.styles[s]
			}
			if !uniform || end-s < 20 {
				continue
			}
			last := l.prevBoundary(end)
			st := textStyle(l.styles[s], l.level)
			ours := l.xs[last] + e.m.width(txt[last:end], fontKey{l.size, st})
			shaped := fyne.MeasureText(string(txt[s:end]), l.size, st).Width
			if d := ours - shaped; d > 0.5 || d < -0.5 {
				t.Errorf("paragraph %d line %d: caret end %.2f, shaped width %.2f", p, li, ours, shaped)
			}
			checked++
		}
	}
	if checked < 50 {
		t.Fatalf("only %d lines checked", checked)
	}
}

// Scrolling up into paragraphs that were never laid out replaces their
// estimated heights with measured ones; the text on screen must not jump.
func TestScrollUpIntoEstimatedParagraphsKeepsTextStill(t *testing.T) {
	e, win := newTestEditor(t, prose(20000), 700, 400)
	ctrl(e, fyne.KeyEnd)
	firstLine := func() (string, float32) {
		for _, o := range test.WidgetRenderer(e).Objects() {
			if txt, ok := o.(*canvas.Text); ok && txt.Position().Y > 100 && len(txt.Text) > 30 {
				return txt.Text, txt.Position().Y
			}
		}
		return "", 0
	}
	for step := range 20 {
		text, y := firstLine()
		test.Scroll(win.Canvas(), fyne.NewPos(100, 100), 0, 40) // up 40 px
		found := false
		for _, o := range test.WidgetRenderer(e).Objects() {
			if txt, ok := o.(*canvas.Text); ok && txt.Text == text {
				if d := txt.Position().Y - (y + 40); d > 0.5 || d < -0.5 {
					t.Fatalf("step %d: %q moved from y=%.1f to %.1f, want %.1f", step, text, y, txt.Position().Y, y+40)
				}
				found = true
			}
		}
		if !found {
			t.Fatalf("step %d: %q vanished after scrolling 40 px", step, text)
		}
	}
}

func TestPasteOneMegabyte(t *testing.T) {
	e, _ := newTestEditor(t, "start end", 700, 400)
	big := prose(170000)[:1<<20]
	fyne.CurrentApp().Clipboard().SetContent(big)
	e.Select(6, 6)
	e.TypedShortcut(&fyne.ShortcutPaste{})
	want := "start " + big + "end"
	if e.Text() != want {
		t.Fatalf("after paste: %d bytes, want %d", len(e.Text()), len(want))
	}
	assertCaretVisible(t, e)
	test.Type(e, "!")
	if got := e.Text(); got != "start "+big+"!end" {
		t.Errorf("typing after paste went wrong")
	}
	e.Undo()
	e.Undo()
	if got := e.Text(); got != "start end" {
		t.Errorf("undo paste left %d bytes", len(got))
	}
}

func TestSelectionRects(t *testing.T) {
	e, _ := newTestEditor(t, "alpha beta\n\nsecond\n"+long, 700, 400)
	r := test.WidgetRenderer(e).(*renderer)
	lay := func(p int) *layout { l, _ := e.ensureLayout(p); return l }
	l0, l1, l2, l3 := lay(0), lay(1), lay(2), lay(3)
	nl := e.m.avgWidth
	w3 := l3.widths[0]
	type tc struct {
		name       string
		l          *layout
		li, base   int
		selS, selE int
		want       lineSpan
	}
	tests := []tc{
		{"inside a line", l0, 0, 0, 1, 3, lineSpan{l0.xs[1], l0.xs[3] - l0.xs[1]}},
		{"no selection", l0, 0, 0, 2, 2, lineSpan{}},
		{"runs past the paragraph end", l0, 0, 0, 6, 14, lineSpan{l0.xs[6], l0.widths[0] + nl - l0.xs[6]}},
		{"empty paragraph inside selection", l1, 0, 11, 6, 14, lineSpan{0, nl}},
		{"ends inside the next paragraph", l2, 0, 12, 6, 14, lineSpan{0, l2.xs[2]}},
		{"ends at paragraph end", l2, 0, 12, 6, 18, lineSpan{0, l2.xs[6]}},
		{"before this line", l2, 0, 12, 0, 12, lineSpan{}},
		{"wrapped line fully selected", l3, 0, 19, 0, 19 + l3.starts[1] + 2, lineSpan{0, w3}},
		{"next wrapped line partly", l3, 1, 19, 0, 19 + l3.starts[1] + 2, lineSpan{0, l3.xs[l3.starts[1]+2]}},
		{"starts on the next wrapped line", l3, 0, 19, 19 + l3.starts[1], 19 + l3.starts[1] + 2, lineSpan{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := r.selectionRect(tt.l, tt.li, tt.base, tt.selS, tt.selE, tt.l.widths[tt.li])
			if d := got.X - tt.want.X; d > 0.01 || d < -0.01 || got.Width-tt.want.Width > 0.01 || got.Width-tt.want.Width < -0.01 {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
	if len(l3.starts) < 2 {
		t.Fatal("long paragraph did not wrap")
	}
}
