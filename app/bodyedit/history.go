package bodyedit

import "time"

// editKind says how an edit was made, for undo grouping.
type editKind int

const (
	kindOther     editKind = iota // paste, cut, ReplaceRange, toolbar: one step each
	kindType                      // typed characters
	kindBackspace                 // deleting backwards
	kindDelete                    // deleting forwards
)

// groupPause ends a typed run: after a second's pause the next keystroke
// starts a new undo step, so undo never takes back more than the user
// remembers typing. A run also ends when the caret is moved or clicked,
// after Enter, and when the kind of edit changes (typing, then deleting).
const groupPause = time.Second

// step is one undo step: at start, removed was replaced by inserted.
type step struct {
	start             int
	removed, inserted []rune
	before            [2]int // caret and anchor before the step
	kind              editKind
	at                time.Time
}

// history is an unlimited undo/redo stack of steps.
type history struct {
	undo, redo []*step
	open       bool // the top undo step may still grow
}

func (h *history) seal() { h.open = false }

func (h *history) record(start int, removed, ins []rune, before [2]int, k editKind, now time.Time) {
	h.redo = nil
	newline := len(ins) == 1 && ins[0] == '\n'
	if h.open && len(h.undo) > 0 {
		last := h.undo[len(h.undo)-1]
		if last.kind == k && now.Sub(last.at) < groupPause {
			switch {
			case k == kindType && len(removed) == 0 && start == last.start+len(last.inserted):
				last.inserted = append(last.inserted, ins...)
				last.at = now
				h.open = !newline
				return
			case k == kindBackspace && len(ins) == 0 && len(last.inserted) == 0 && start+len(removed) == last.start:
				last.removed = append(append([]rune(nil), removed...), last.removed...)
				last.start = start
				last.at = now
				return
			case k == kindDelete && len(ins) == 0 && len(last.inserted) == 0 && start == last.start:
				last.removed = append(last.removed, removed...)
				last.at = now
				return
			}
		}
	}
	h.undo = append(h.undo, &step{
		start:    start,
		removed:  removed,
		inserted: append([]rune(nil), ins...),
		before:   before,
		kind:     k,
		at:       now,
	})
	h.open = k != kindOther && !newline
}

func (h *history) popUndo() (*step, bool) { return h.move(&h.undo, &h.redo) }

func (h *history) popRedo() (*step, bool) { return h.move(&h.redo, &h.undo) }

// move takes the newest step off from and pushes it onto to; a step taken
// back ends any open run of typing.
func (h *history) move(from, to *[]*step) (*step, bool) {
	h.open = false
	if len(*from) == 0 {
		return nil, false
	}
	s := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	*to = append(*to, s)
	return s, true
}
