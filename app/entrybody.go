package app

import (
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// entryBody is the BodyEditor on a multi-line widget.Entry: the fallback
// until app/bodyedit lands, and a reference for what the interface means.
// Entry's own undo stack is private and cleared by SetText, so this keeps
// its own history of whole texts; fine for the stories the fallback is
// meant for, and bodyedit replaces it for long ones.
type entryBody struct {
	entry    *bodyEntry
	onChange func()

	last       string
	lastStep   time.Time
	undo, redo []string
}

// maxUndo bounds the history: each step holds a whole text.
const maxUndo = 200

// bodyEntry routes the entry's own undo/redo shortcuts to entryBody's
// history, so Ctrl+Z means the same thing in the entry and in the menu.
type bodyEntry struct {
	widget.Entry
	owner *entryBody
}

func (e *bodyEntry) TypedShortcut(s fyne.Shortcut) {
	switch s.(type) {
	case *fyne.ShortcutUndo:
		e.owner.Undo()
		return
	case *fyne.ShortcutRedo:
		e.owner.Redo()
		return
	}
	e.Entry.TypedShortcut(s)
}

// newEntryBody returns the fallback body editor.
func newEntryBody() *entryBody {
	b := &entryBody{}
	e := &bodyEntry{owner: b}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder("Write the story in Markdown…")
	e.OnChanged = func(s string) { b.userEdit(s) }
	b.entry = e
	return b
}

var _ BodyEditor = (*entryBody)(nil)

func (b *entryBody) Object() fyne.CanvasObject { return b.entry }
func (b *entryBody) Text() string              { return b.entry.Text }
func (b *entryBody) SetOnChanged(f func())     { b.onChange = f }
func (b *entryBody) Focus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(b.entry); c != nil {
		c.Focus(b.entry)
	}
}

func (b *entryBody) SetText(s string) {
	b.entry.OnChanged = nil
	b.entry.SetText(s)
	b.entry.OnChanged = func(s string) { b.userEdit(s) }
	b.last, b.undo, b.redo = s, nil, nil
	b.entry.CursorRow, b.entry.CursorColumn = 0, 0
	b.entry.Refresh()
}

// userEdit groups typing into undo steps a second apart.
func (b *entryBody) userEdit(s string) {
	now := time.Now()
	if len(b.undo) == 0 || now.Sub(b.lastStep) > time.Second {
		b.push(b.last)
	}
	b.lastStep = now
	b.last = s
	b.redo = nil
	if b.onChange != nil {
		b.onChange()
	}
}

func (b *entryBody) push(s string) {
	b.undo = append(b.undo, s)
	if len(b.undo) > maxUndo {
		b.undo = b.undo[len(b.undo)-maxUndo:]
	}
}

func (b *entryBody) replaceAll(s string) {
	b.entry.OnChanged = nil
	b.entry.SetText(s)
	b.entry.OnChanged = func(s string) { b.userEdit(s) }
	b.last = s
	if b.onChange != nil {
		b.onChange()
	}
}

func (b *entryBody) Undo() {
	if len(b.undo) == 0 {
		return
	}
	prev := b.undo[len(b.undo)-1]
	b.undo = b.undo[:len(b.undo)-1]
	b.redo = append(b.redo, b.entry.Text)
	b.replaceAll(prev)
	b.lastStep = time.Time{}
}

func (b *entryBody) Redo() {
	if len(b.redo) == 0 {
		return
	}
	next := b.redo[len(b.redo)-1]
	b.redo = b.redo[:len(b.redo)-1]
	b.push(b.entry.Text)
	b.replaceAll(next)
	b.lastStep = time.Time{}
}

// Selection works out the anchor from the selected text: Entry exposes
// the caret and the selected text but not where the selection began.
func (b *entryBody) Selection() (int, int) {
	caret := b.entry.CursorTextOffset()
	sel := b.entry.SelectedText()
	if sel == "" {
		return caret, caret
	}
	n := utf8.RuneCountInString(sel)
	runes := []rune(b.entry.Text)
	if caret-n >= 0 && caret <= len(runes) && string(runes[caret-n:caret]) == sel {
		return caret - n, caret
	}
	return caret, min(caret+n, len(runes))
}

// moveCaret puts the caret at rune offset off. Entry rows are wrapped
// rows, so the row is found by binary search over CursorTextOffset.
func (b *entryBody) moveCaret(off int) {
	e := b.entry
	rowStart := func(r int) int {
		e.CursorRow, e.CursorColumn = r, 0
		return e.CursorTextOffset()
	}
	lo, hi := 0, utf8.RuneCountInString(e.Text)+1
	for lo < hi { // largest row whose start is ≤ off
		mid := (lo + hi + 1) / 2
		if s := rowStart(mid); s > 0 && s <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	start := rowStart(lo)
	e.CursorRow, e.CursorColumn = lo, off-start
}

func (b *entryBody) Select(start, end int) {
	e := b.entry
	n := utf8.RuneCountInString(e.Text)
	start, end = clamp(start, 0, n), clamp(end, 0, n)
	e.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft}) // drops any selection
	b.moveCaret(start)
	if end > start {
		e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
		for i := start; i < end; i++ {
			e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
		}
		e.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	}
	e.Refresh()
}

func (b *entryBody) ReplaceRange(start, end int, text string) {
	runes := []rune(b.entry.Text)
	start, end = clamp(start, 0, len(runes)), clamp(end, 0, len(runes))
	if end < start {
		start, end = end, start
	}
	b.push(b.entry.Text)
	b.redo = nil
	b.lastStep = time.Time{} // the next keystroke starts a new step
	next := string(runes[:start]) + text + string(runes[end:])
	b.replaceAll(next)
	b.Select(start+utf8.RuneCountInString(text), start+utf8.RuneCountInString(text))
}

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }
