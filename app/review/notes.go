package review

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"copydesk/editor"
	"copydesk/editor/review"
)

// NotesPanel shows an article's notes, newest last, and lets a person add
// one (on the passage selected in the body, if any), resolve and reopen
// them, and jump to a note's passage.
type NotesPanel struct {
	store review.NoteStore
	id    int64
	opts  Options

	notes  []review.Note
	rows   []*noteRow
	box    *fyne.Container
	text   *widget.Entry
	add    *widget.Button
	anchor string // the passage a new note will be pinned to …
	start  int    // … at this rune offset of the body
	on     *widget.Label
	hide   *widget.Check // hide resolved notes
	status *widget.Label
	root   fyne.CanvasObject

	// OnSelectPassage asks the body editor to select [start, end), in runes.
	OnSelectPassage func(start, end int)
	// OnChanged is called after notes are added, resolved or reopened, so
	// the checks (unresolved-notes) can run again.
	OnChanged func()
}

type noteRow struct {
	note    review.Note
	text    *widget.Label
	meta    *widget.Label
	resolve *widget.Button
	show    *widget.Button // nil when the note has no live passage
}

// NewNotesPanel builds the panel for article id and starts loading it.
func NewNotesPanel(store review.NoteStore, id int64, opts Options) *NotesPanel {
	p := &NotesPanel{store: store, id: id, opts: opts.withDefaults()}
	p.box = container.NewVBox()
	p.text = widget.NewMultiLineEntry()
	p.text.SetPlaceHolder("Write a note for the desk…")
	p.text.Wrapping = fyne.TextWrapWord
	p.text.SetMinRowsVisible(3)
	p.add = widget.NewButtonWithIcon("Add note", theme.ContentAddIcon(), p.addNote)
	p.on = widget.NewLabel("")
	p.on.Wrapping = fyne.TextWrapWord
	p.hide = widget.NewCheck("Hide resolved", func(bool) { p.rebuild() })
	p.status = widget.NewLabel("")
	p.status.Wrapping = fyne.TextWrapWord
	form := container.NewVBox(p.on, p.text, container.NewHBox(p.add, p.hide), p.status)
	p.root = container.NewBorder(nil, form, nil, nil, container.NewVScroll(p.box))
	p.SetAnchor(0, "")
	p.reload(p.changed) // the checks count the notes once they are read
	return p
}

// Object is what the window places in its layout.
func (p *NotesPanel) Object() fyne.CanvasObject { return p.root }

// SetAnchor sets the passage the next note will be pinned to and its rune
// offset: the window passes the body editor's selection.
func (p *NotesPanel) SetAnchor(start int, passage string) {
	p.anchor, p.start = passage, start
	if strings.TrimSpace(passage) == "" {
		p.anchor = ""
		p.on.SetText("On the whole article (select text in the body to pin a note to it)")
		return
	}
	p.on.SetText("On “" + ellipsis(passage, 60) + "”")
}

func ellipsis(s string, n int) string {
	s = editor.OneLine(s)
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// Reload reads the notes again (after the body was saved, so anchors move).
func (p *NotesPanel) Reload() { p.reload(nil) }

// reload reads the notes and then, with the new list in place, runs then:
// whoever counts unresolved notes must count the list just read.
func (p *NotesPanel) reload(then func()) {
	p.opts.Go(func() {
		notes, err := p.store.Notes(context.Background(), p.id)
		p.opts.Do(func() {
			if err != nil {
				p.status.SetText("Could not load notes: " + Cause(err))
				return
			}
			p.notes = notes
			p.rebuild()
			if then != nil {
				then()
			}
		})
	})
}

func (p *NotesPanel) rebuild() {
	p.rows = p.rows[:0]
	var objs []fyne.CanvasObject
	for _, n := range p.notes {
		if n.Resolved && p.hide.Checked {
			continue
		}
		r := p.newRow(n)
		p.rows = append(p.rows, r)
		buttons := container.NewHBox(r.resolve)
		if r.show != nil {
			buttons.Add(r.show)
		}
		objs = append(objs, container.NewVBox(r.meta, r.text, buttons), widget.NewSeparator())
	}
	if len(objs) == 0 {
		objs = append(objs, widget.NewLabel("No notes."))
	}
	p.box.Objects = objs
	p.box.Refresh()
}

func (p *NotesPanel) newRow(n review.Note) *noteRow {
	r := &noteRow{note: n}
	author := n.Author
	if author == "" {
		author = "No name"
	}
	meta := author + " · " + p.opts.Stamp(n.Time)
	switch {
	case n.Anchor.Deleted:
		meta += " · on “" + ellipsis(n.Anchor.Text, 40) + "” (passage deleted)"
	case n.Anchor.Text != "":
		meta += " · on “" + ellipsis(n.Anchor.Text, 40) + "”"
	}
	if n.Resolved {
		meta += " · resolved"
	}
	r.meta = widget.NewLabelWithStyle(meta, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	r.meta.Wrapping = fyne.TextWrapWord
	r.text = widget.NewLabel(n.Text)
	r.text.Wrapping = fyne.TextWrapWord
	if n.Resolved {
		r.resolve = widget.NewButton("Reopen", func() { p.setResolved(n.ID, false) })
	} else {
		r.resolve = widget.NewButtonWithIcon("Resolve", theme.ConfirmIcon(), func() { p.setResolved(n.ID, true) })
	}
	if n.Anchor.Text != "" && !n.Anchor.Deleted {
		r.show = widget.NewButtonWithIcon("Show passage", theme.SearchIcon(), func() {
			if p.OnSelectPassage != nil {
				p.OnSelectPassage(n.Anchor.Start, n.Anchor.End())
			}
		})
	}
	return r
}

func (p *NotesPanel) addNote() {
	text, anchor, start := strings.TrimSpace(p.text.Text), p.anchor, p.start
	if text == "" {
		p.status.SetText("Write the note first.")
		return
	}
	p.add.Disable()
	p.opts.Go(func() {
		_, err := p.store.AddNoteAt(context.Background(), p.id, text, anchor, start)
		p.opts.Do(func() {
			p.add.Enable()
			switch {
			case errors.Is(err, review.ErrPassageNotFound):
				p.status.SetText("The selected passage is no longer in the saved body; save first or select it again.")
				return
			case err != nil:
				p.status.SetText("Could not add the note: " + Cause(err))
				return
			}
			p.status.SetText("")
			p.text.SetText("")
			p.SetAnchor(0, "")
			p.reload(p.changed)
		})
	})
}

func (p *NotesPanel) setResolved(id int64, resolved bool) {
	p.opts.Go(func() {
		_, err := p.store.SetNoteResolved(context.Background(), id, resolved)
		p.opts.Do(func() {
			if err != nil {
				p.status.SetText(fmt.Sprintf("Could not change note %d: %s", id, Cause(err)))
				return
			}
			p.reload(p.changed)
		})
	})
}

func (p *NotesPanel) changed() {
	if p.OnChanged != nil {
		p.OnChanged()
	}
}
