package bodyedit

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"github.com/go-text/typesetting/segmenter"
)

// para is one line of the source (the text between two '\n').
type para struct {
	text  []rune
	str   string // text as UTF-8, for Text(); "" and !strOK until needed
	strOK bool
	lay   *layout // nil until laid out for the current width and metrics
	// After one in-place edit, the layout from before it and where the edit
	// was ([c0, c1) replaced by ins runes), so relayout can reuse most of it.
	old         *layout
	c0, c1, ins int
	h           float32 // height counted in Editor.hts: measured, or estimated if lay is nil
}

// Editor is a Markdown body editor whose cost per keystroke does not depend
// on the length of the text. It satisfies app.BodyEditor structurally
// (importing package app here would be a cycle). Use it only from the UI
// goroutine, like every Fyne widget.
type Editor struct {
	widget.BaseWidget

	paras    []*para
	lens     fenwick // len(text)+1 per paragraph: rune offset of each paragraph
	hts      fenwick // pixel height per paragraph: y of each paragraph
	fenDirty bool

	caret, anchor int     // rune offsets; anchor == caret means no selection
	goalX         float32 // x kept across Up/Down/Page moves
	goalValid     bool
	scrollY       float32
	wantCaret     bool // scroll the caret into view on the next layout
	focused       bool
	shift         bool

	onChanged func()
	ms        markState // squiggles (marks.go)
	hist      history
	now       func() time.Time // injectable so undo grouping tests need no sleeps

	text      string // cache of Text()
	textValid bool

	m        *metrics
	wrapW    float32 // width layouts were made for
	viewSize fyne.Size
	// go-text/typesetting is already in the build through Fyne's text
	// shaper; its segmenter gives Unicode grapheme (UAX #29) and line-break
	// (UAX #14) boundaries, so CJK wraps between characters and emoji
	// sequences stay whole without adding a module.
	seg segmenter.Segmenter

	// mouse
	lastDouble  time.Time
	mouseDowned bool // a MouseDown already placed the caret for this click
	dragging    bool
	barDrag     bool // this drag started on the scroll bar
}

// New returns an empty editor. It scrolls itself, so place it directly in
// the window's layout (a Border centre, say), not inside a container.Scroll.
// Font size and colours come from the current Fyne theme and follow it on
// Refresh.
func New() *Editor {
	e := &Editor{now: time.Now}
	e.ExtendBaseWidget(e)
	e.paras = []*para{{}}
	e.fenDirty = true
	return e
}

// Object returns the editor itself, for the window layout.
func (e *Editor) Object() fyne.CanvasObject { return e }

// SetOnChanged registers f to run after every edit made through the editor
// (typing, clipboard, undo/redo, ReplaceRange) but not after SetText.
func (e *Editor) SetOnChanged(f func()) { e.onChanged = f }

// Text returns the whole Markdown source. Building it is O(length) (it is
// cached until the next edit), so callers that only need to know that
// something changed should not call it on every keystroke.
func (e *Editor) Text() string {
	if !e.textValid {
		// Each paragraph keeps its UTF-8 form until edited, so after a
		// keystroke only one paragraph is re-encoded and the rest is a copy:
		// the window reads Text() after every edit.
		var b strings.Builder
		n := len(e.paras)
		for _, p := range e.paras {
			if !p.strOK {
				p.str, p.strOK = string(p.text), true
			}
		}
		for _, p := range e.paras {
			n += len(p.str)
		}
		b.Grow(n)
		for i, p := range e.paras {
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(p.str)
		}
		e.text, e.textValid = b.String(), true
	}
	return e.text
}

// Len is the length of Text() in runes.
func (e *Editor) Len() int {
	e.syncFenwick()
	return int(e.lens.prefix(len(e.paras))) - 1
}

// SetText replaces the text, clears the undo history and puts the caret at
// the start. It does not call the OnChanged callback.
func (e *Editor) SetText(text string) {
	e.paras = splitParas(normalizeNewlines(text))
	e.ms.marks = nil
	e.fenDirty = true
	e.text, e.textValid = "", false
	e.caret, e.anchor, e.scrollY = 0, 0, 0
	e.goalValid = false
	e.hist = history{}
	e.Refresh()
}

func normalizeNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// splitParas is O(len(s)): one pass to count, one to convert.
func splitParas(s string) []*para {
	ps := make([]*para, 0, strings.Count(s, "\n")+1)
	for {
		i := strings.IndexByte(s, '\n')
		line := s
		if i >= 0 {
			line = s[:i]
		}
		ps = append(ps, &para{text: []rune(line)})
		if i < 0 {
			return ps
		}
		s = s[i+1:]
	}
}

// Selection returns the selected range [start, end); start == end is the caret.
func (e *Editor) Selection() (start, end int) {
	return min(e.caret, e.anchor), max(e.caret, e.anchor)
}

// Caret returns the caret offset, which is one end of the selection.
func (e *Editor) Caret() int { return e.caret }

// Select selects [start, end), with the caret at end, and scrolls it into view.
func (e *Editor) Select(start, end int) {
	n := e.Len()
	e.anchor = e.snap(clamp(start, 0, n))
	e.caret = e.snap(clamp(end, 0, n))
	e.moved()
}

// ReplaceRange replaces [start, end) with text as one undo step and leaves
// the caret after the inserted text.
func (e *Editor) ReplaceRange(start, end int, text string) {
	n := e.Len()
	start, end = clamp(start, 0, n), clamp(end, 0, n)
	if start > end {
		start, end = end, start
	}
	e.edit(start, end, []rune(normalizeNewlines(text)), kindOther)
}

// Focus gives the editor keyboard focus.
func (e *Editor) Focus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
		c.Focus(e)
	}
}

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }

func (e *Editor) syncFenwick() {
	if !e.fenDirty {
		return
	}
	if e.m == nil {
		e.m = newMetrics(e.Theme())
	}
	e.lens.build(len(e.paras), func(i int) float64 { return float64(len(e.paras[i].text) + 1) })
	for _, p := range e.paras {
		if p.lay == nil {
			p.h = e.estimateHeight(len(p.text), e.wrapW)
		}
	}
	e.hts.build(len(e.paras), func(i int) float64 { return float64(e.paras[i].h) })
	e.fenDirty = false
}

// locate maps a rune offset to (paragraph, column).
func (e *Editor) locate(off int) (p, col int) {
	e.syncFenwick()
	p = e.lens.find(float64(off))
	col = off - int(e.lens.prefix(p))
	return p, clamp(col, 0, len(e.paras[p].text))
}

func (e *Editor) offset(p, col int) int {
	e.syncFenwick()
	return int(e.lens.prefix(p)) + col
}

// ensureLayout lays paragraph p out for the current width if needed and
// keeps the height tree in step. It reports the height change.
func (e *Editor) ensureLayout(p int) (*layout, float32) {
	e.syncFenwick()
	pa := e.paras[p]
	if pa.lay != nil {
		return pa.lay, 0
	}
	pa.lay = e.relayout(pa.text, pa.old, pa.c0, pa.c1, pa.ins, e.wrapWidth())
	if pa.lay == nil {
		pa.lay = e.layoutPara(pa.text, e.wrapWidth())
	}
	pa.old = nil
	d := pa.lay.height() - pa.h
	if d != 0 {
		pa.h += d
		e.hts.add(p, float64(d))
	}
	return pa.lay, d
}

func (e *Editor) wrapWidth() float32 {
	if e.wrapW <= 0 {
		return 1 << 20
	}
	return e.wrapW
}

// snap moves off back to the nearest grapheme boundary.
func (e *Editor) snap(off int) int {
	p, col := e.locate(off)
	l, _ := e.ensureLayout(p)
	for col > 0 && !l.gb[col] {
		col--
	}
	return e.offset(p, col)
}

// replace is the one primitive every edit goes through. It returns the
// removed runes. Only the touched paragraphs lose their layout.
func (e *Editor) replace(start, end int, ins []rune) []rune {
	e.shiftMarks(start, end, len(ins))
	p0, c0 := e.locate(start)
	p1, c1 := e.locate(end)
	var removed []rune
	if p0 == p1 {
		removed = append(removed, e.paras[p0].text[c0:c1]...)
	} else {
		removed = append(removed, e.paras[p0].text[c0:]...)
		for p := p0 + 1; p < p1; p++ {
			removed = append(removed, '\n')
			removed = append(removed, e.paras[p].text...)
		}
		removed = append(removed, '\n')
		removed = append(removed, e.paras[p1].text[:c1]...)
	}
	e.textValid = false

	nl := 0
	for _, r := range ins {
		if r == '\n' {
			nl++
		}
	}
	if p0 == p1 && nl == 0 {
		pa := e.paras[p0]
		t := make([]rune, 0, len(pa.text)-(c1-c0)+len(ins))
		t = append(t, pa.text[:c0]...)
		t = append(t, ins...)
		t = append(t, pa.text[c1:]...)
		e.lens.add(p0, float64(len(t)-len(pa.text)))
		pa.text = t
		pa.strOK = false
		if pa.lay != nil {
			pa.old, pa.c0, pa.c1, pa.ins = pa.lay, c0, c1, len(ins)
		} else {
			pa.old = nil // two edits since the last layout: start afresh
		}
		pa.lay = nil // height stays counted until it is laid out again
		return removed
	}

	head := e.paras[p0].text[:c0]
	tail := e.paras[p1].text[c1:]
	newParas := make([]*para, 0, nl+1)
	cur := append([]rune(nil), head...)
	for _, r := range ins {
		if r == '\n' {
			newParas = append(newParas, &para{text: cur})
			cur = nil
			continue
		}
		cur = append(cur, r)
	}
	cur = append(cur, tail...)
	newParas = append(newParas, &para{text: cur})
	for _, np := range newParas {
		np.h = e.estimateHeight(len(np.text), e.wrapW)
	}
	rest := e.paras[p1+1:]
	out := make([]*para, 0, p0+len(newParas)+len(rest))
	out = append(out, e.paras[:p0]...)
	out = append(out, newParas...)
	out = append(out, rest...)
	e.paras = out
	e.fenDirty = true
	return removed
}

// edit applies a user or API edit: it records undo, moves the caret after
// the inserted text, notifies and refreshes.
func (e *Editor) edit(start, end int, ins []rune, k editKind) {
	if start == end && len(ins) == 0 {
		return
	}
	before := [2]int{e.caret, e.anchor}
	removed := e.replace(start, end, ins)
	e.caret = start + len(ins)
	e.anchor = e.caret
	e.hist.record(start, removed, ins, before, k, e.now())
	e.changed()
}

func (e *Editor) changed() {
	e.goalValid = false
	e.wantCaret = true
	e.Refresh()
	if e.onChanged != nil {
		e.onChanged()
	}
}

// moved is called after the caret or selection moved without an edit.
func (e *Editor) moved() {
	e.hist.seal()
	e.wantCaret = true
	e.Refresh()
}

// Undo reverts the last undo step.
func (e *Editor) Undo() {
	s, ok := e.hist.popUndo()
	if !ok {
		return
	}
	e.replace(s.start, s.start+len(s.inserted), s.removed)
	e.caret, e.anchor = s.before[0], s.before[1]
	e.changed()
}

// Redo re-applies the last undone step.
func (e *Editor) Redo() {
	s, ok := e.hist.popRedo()
	if !ok {
		return
	}
	e.replace(s.start, s.start+len(s.removed), s.inserted)
	e.caret = s.start + len(s.inserted)
	e.anchor = e.caret
	e.changed()
}

// CanUndo and CanRedo let a toolbar enable its buttons.
func (e *Editor) CanUndo() bool { return len(e.hist.undo) > 0 }

// CanRedo reports whether Redo would change anything.
func (e *Editor) CanRedo() bool { return len(e.hist.redo) > 0 }
