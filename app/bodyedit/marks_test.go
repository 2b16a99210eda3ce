package bodyedit

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// squiggles returns the underlines the renderer draws, by x and width.
func squiggles(e *Editor) []canvas.Rectangle {
	c := squiggleColor(e.Theme(), fyne.CurrentApp().Settings().ThemeVariant())
	var out []canvas.Rectangle
	for _, o := range test.WidgetRenderer(e).Objects() {
		if r, ok := o.(*canvas.Rectangle); ok && r.FillColor == c && r.Size().Height < 8 {
			out = append(out, *r)
		}
	}
	return out
}

func TestMarksDrawnUnderWords(t *testing.T) {
	e, _ := newTestEditor(t, "The councl met.\n\nTeh end.", 600, 300)
	e.SetMarks([]Mark{{17, 20}, {4, 10}})
	got := squiggles(e)
	if len(got) != 2 {
		t.Fatalf("drew %d squiggles, want 2", len(got))
	}
	// The first lies under "councl": after "The " and as wide as the word.
	var word *canvas.Text
	for _, o := range test.WidgetRenderer(e).Objects() {
		if tx, ok := o.(*canvas.Text); ok && tx.Text == "The councl met." {
			word = tx
		}
	}
	if word == nil {
		t.Fatal("paragraph text not drawn")
	}
	first := got[0]
	if first.Position().X <= word.Position().X || first.Size().Width <= 0 {
		t.Errorf("squiggle at x=%v w=%v, text starts at %v", first.Position().X, first.Size().Width, word.Position().X)
	}
	if first.Position().Y < word.Position().Y {
		t.Errorf("squiggle above its line")
	}
	e.SetMarks(nil)
	if n := len(squiggles(e)); n != 0 {
		t.Errorf("%d squiggles after clearing", n)
	}
}

func TestMarksFollowEdits(t *testing.T) {
	e, _ := newTestEditor(t, "The councl met teh mayor.", 600, 300)
	e.SetMarks([]Mark{{4, 10}, {15, 18}})
	e.ReplaceRange(0, 3, "A") // before both: they move left by two
	if got, want := e.Marks(), []Mark{{2, 8}, {13, 16}}; !slices.Equal(got, want) {
		t.Errorf("after an edit before: %v, want %v", got, want)
	}
	e.ReplaceRange(13, 16, "the") // fixing a word drops its squiggle
	if got, want := e.Marks(), []Mark{{2, 8}}; !slices.Equal(got, want) {
		t.Errorf("after fixing a word: %v, want %v", got, want)
	}
	e.SetText("new text")
	if len(e.Marks()) != 0 {
		t.Error("SetText kept old marks")
	}
}

func TestSelectNextMark(t *testing.T) {
	e, _ := newTestEditor(t, "aa bb cc dd", 600, 300)
	e.SetMarks([]Mark{{3, 5}, {9, 11}})
	for _, want := range []Mark{{3, 5}, {9, 11}, {3, 5}} {
		m, ok := e.SelectNextMark()
		s, end := e.Selection()
		if !ok || m != want || s != want.Start || end != want.End {
			t.Errorf("next = %v (selection %d–%d), want %v", m, s, end, want)
		}
	}
	e.SetMarks(nil)
	if _, ok := e.SelectNextMark(); ok {
		t.Error("a mark found with none set")
	}
}

func TestMarkMenu(t *testing.T) {
	e, _ := newTestEditor(t, "The councl met.", 600, 300)
	e.SetMarks([]Mark{{4, 10}})
	var chosen string
	e.SetMarkMenu(func(m Mark) []*fyne.MenuItem {
		return []*fyne.MenuItem{fyne.NewMenuItem("council", func() {
			e.ReplaceRange(m.Start, m.End, "council")
			chosen = "council"
		})}
	})
	if items := e.markMenuItems(1); len(items) != 0 {
		t.Errorf("menu items off a mark: %d", len(items))
	}
	items := e.markMenuItems(6)
	if len(items) != 2 || items[0].Label != "council" || !items[1].IsSeparator {
		t.Fatalf("menu on a mark: %v", items)
	}
	items[0].Action()
	if e.Text() != "The council met." || chosen != "council" || len(e.Marks()) != 0 {
		t.Errorf("after choosing: %q, marks %v", e.Text(), e.Marks())
	}
}

func TestF7SelectsNextMark(t *testing.T) {
	e, _ := newTestEditor(t, "aa bb cc", 600, 300)
	e.SetMarks([]Mark{{3, 5}})
	key(e, fyne.KeyF7)
	if s, end := e.Selection(); s != 3 || end != 5 {
		t.Errorf("F7 selected %d–%d, want 3–5", s, end)
	}
}
