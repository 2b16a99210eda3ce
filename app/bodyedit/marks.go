package bodyedit

import (
	"image/color"
	"slices"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// Mark is a passage underlined with a squiggle (a misspelt word), by rune
// offsets into Text().
type Mark struct{ Start, End int }

// markState is the editor's marks and what a right-click on one offers.
type markState struct {
	marks []Mark // sorted, not overlapping
	menu  func(m Mark) []*fyne.MenuItem
}

// SetMarks replaces the underlined passages. Marks move with the text as
// it is edited, and a mark an edit touches is dropped until the caller
// sets fresh ones.
func (e *Editor) SetMarks(ms []Mark) {
	ms = slices.Clone(ms)
	slices.SortFunc(ms, func(a, b Mark) int { return a.Start - b.Start })
	e.ms.marks = ms
	e.Refresh()
}

// Marks returns the underlined passages in text order.
func (e *Editor) Marks() []Mark { return slices.Clone(e.ms.marks) }

// SetMarkMenu sets what a right-click on a mark offers (suggestions,
// Ignore, Add to dictionary) above the usual Cut/Copy/Paste.
func (e *Editor) SetMarkMenu(f func(m Mark) []*fyne.MenuItem) { e.ms.menu = f }

// MarkAt returns the mark containing rune offset off.
func (e *Editor) MarkAt(off int) (Mark, bool) {
	i := sort.Search(len(e.ms.marks), func(i int) bool { return e.ms.marks[i].End >= off })
	if i < len(e.ms.marks) && e.ms.marks[i].Start <= off {
		return e.ms.marks[i], true
	}
	return Mark{}, false
}

// SelectNextMark selects the first mark after the selection, wrapping to
// the first one, and reports whether there was any (F7 in the window).
func (e *Editor) SelectNextMark() (Mark, bool) {
	if len(e.ms.marks) == 0 {
		return Mark{}, false
	}
	_, end := e.Selection()
	i := sort.Search(len(e.ms.marks), func(i int) bool { return e.ms.marks[i].Start >= end })
	if i == len(e.ms.marks) {
		i = 0
	}
	m := e.ms.marks[i]
	e.Select(m.Start, m.End)
	return m, true
}

// shiftMarks keeps marks on their words across an edit of [start, end)
// replaced by n runes.
func (e *Editor) shiftMarks(start, end, n int) {
	if len(e.ms.marks) == 0 {
		return
	}
	delta := n - (end - start)
	out := e.ms.marks[:0]
	for _, m := range e.ms.marks {
		switch {
		case m.End < start:
		case m.Start > end:
			m.Start += delta
			m.End += delta
		default:
			continue // the edit touched the word: no stale squiggle
		}
		out = append(out, m)
	}
	e.ms.marks = out
}

// markMenuItems are the right-click items for the mark under off, if any.
func (e *Editor) markMenuItems(off int) []*fyne.MenuItem {
	if e.ms.menu == nil {
		return nil
	}
	m, ok := e.MarkAt(off)
	if !ok {
		return nil
	}
	items := e.ms.menu(m)
	if len(items) > 0 {
		items = append(items, fyne.NewMenuItemSeparator())
	}
	return items
}

// squiggleColor is the theme's error colour: the convention of every
// word processor for a spelling mistake.
func squiggleColor(th fyne.Theme, v fyne.ThemeVariant) color.Color {
	return th.Color(theme.ColorNameError, v)
}

// drawMarks underlines the marks on one wrapped line (rune offsets
// [lineStart, lineEnd) of the document).
func (r *renderer) drawMarks(l *layout, li, base, lineStart, lineEnd int, lineW, x0, bottom float32, c color.Color, n *int) {
	e := r.e
	i := sort.Search(len(e.ms.marks), func(i int) bool { return e.ms.marks[i].End > lineStart })
	for ; i < len(e.ms.marks) && e.ms.marks[i].Start < lineEnd; i++ {
		m := e.ms.marks[i]
		span := r.selectionRect(l, li, base, m.Start, m.End, lineW)
		if span.Width <= 0 {
			continue
		}
		u := r.squiggle(*n)
		*n++
		u.FillColor = c
		h := max(e.m.lineSpacing/2, 2)
		u.Move(fyne.NewPos(x0+span.X, bottom-h))
		u.Resize(fyne.NewSize(span.Width, h))
		r.objs = append(r.objs, u)
	}
}

func (r *renderer) squiggle(i int) *canvas.Rectangle { return pooledRect(&r.squiggles, i) }
