// Package conflictview is the window's place to settle what a desk sync
// could not merge: for one field or one run of body paragraphs at a time
// it shows the common version and both machines' versions side by side,
// and the person keeps theirs, takes the other, or writes their own.
package conflictview

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"copydesk/app/worddiff"
	"copydesk/editor"
	"copydesk/editor/merge"
	"copydesk/editor/review"
)

// Store is what the view reads and settles conflicts through (the
// conflicts with a Part are this view's); review.Library has it.
type Store interface {
	Conflicts(ctx context.Context, id int64) ([]review.Conflict, error)
	review.PartConflictStore
}

// Options are what the view is given by the window that shows it.
type Options struct {
	Go func(func()) // runs store calls off the UI goroutine
	Do func(func()) // runs f on the UI goroutine (fyne.Do)
	// Flush saves the open article's pending edits, then calls done on
	// the UI goroutine. A choice waits for it, so it is made against what
	// the person sees and nothing they typed is overwritten; if the save
	// fails, nothing is settled. nil: nothing to save.
	Flush func(done func(error))
	// OnResolved is called on the UI goroutine with the article as stored
	// after a choice changed it, so the window can show it.
	OnResolved func(a *editor.Article)
	// OnCount is told how many conflicts are open after each load, for a
	// tab title or a status bar.
	OnCount func(n int)
}

// View lists an article's open conflicts and settles them one by one.
type View struct {
	store Store
	id    int64
	opts  Options

	conflicts []review.Conflict // with a Part only
	current   int               // index into conflicts; -1 when none is shown

	summary          *widget.Label
	list             *widget.List
	title            *widget.Label
	base             *widget.Label
	mine, theirs     *widget.RichText // what each side changed from base, marked
	theirsTitle      *widget.Label
	keepMine         *widget.Button
	takeTheirs       *widget.Button
	edit             *widget.Button
	editor           *widget.Entry
	saveEdit, cancel *widget.Button
	editRow          *fyne.Container
	status           *widget.Label
	detail           *fyne.Container
	root             fyne.CanvasObject
}

// New builds the view for article id and starts loading its conflicts.
func New(store Store, id int64, opts Options) *View {
	if opts.Go == nil {
		opts.Go = func(f func()) { go f() }
	}
	if opts.Do == nil {
		opts.Do = fyne.Do
	}
	v := &View{store: store, id: id, opts: opts, current: -1}
	v.summary = widget.NewLabel("Loading conflicts…")
	v.summary.Wrapping = fyne.TextWrapWord
	v.list = widget.NewList(
		func() int { return len(v.conflicts) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(rowText(v.conflicts[i])) },
	)
	v.list.OnSelected = func(i widget.ListItemID) { v.show(i) }

	wrapped := func() *widget.Label {
		l := widget.NewLabel("")
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	v.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.base = wrapped()
	v.mine, v.theirs = widget.NewRichText(), widget.NewRichText()
	v.mine.Wrapping, v.theirs.Wrapping = fyne.TextWrapWord, fyne.TextWrapWord
	v.theirsTitle = widget.NewLabelWithStyle("Theirs", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	column := func(title *widget.Label, body fyne.CanvasObject) fyne.CanvasObject {
		return container.NewBorder(title, nil, nil, nil, container.NewVScroll(body))
	}
	bold := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	versions := container.NewGridWithColumns(3,
		column(bold("Before either change"), v.base),
		column(bold("Mine (this machine)"), v.mine),
		column(v.theirsTitle, v.theirs))

	v.keepMine = widget.NewButtonWithIcon("Keep mine", theme.ConfirmIcon(), func() { v.choose(merge.KeepMine, "") })
	v.takeTheirs = widget.NewButtonWithIcon("Take theirs", theme.DownloadIcon(), func() { v.choose(merge.TakeTheirs, "") })
	v.edit = widget.NewButtonWithIcon("Edit…", theme.DocumentCreateIcon(), v.startEdit)
	v.editor = widget.NewMultiLineEntry()
	v.editor.Wrapping = fyne.TextWrapWord
	v.editor.SetMinRowsVisible(4)
	v.saveEdit = widget.NewButtonWithIcon("Use this text", theme.DocumentSaveIcon(), func() { v.choose(merge.Edit, v.editor.Text) })
	v.saveEdit.Importance = widget.HighImportance
	v.cancel = widget.NewButton("Cancel", v.endEdit)
	v.editRow = container.NewBorder(nil, container.NewHBox(v.saveEdit, v.cancel), nil, nil, v.editor)
	v.editRow.Hide()
	v.status = wrapped()

	buttons := container.NewHBox(v.keepMine, v.takeTheirs, v.edit)
	v.detail = container.NewBorder(v.title, container.NewVBox(buttons, v.editRow, v.status), nil, nil, versions)
	v.detail.Hide()
	split := container.NewVSplit(v.list, v.detail)
	split.Offset = 0.25
	v.root = container.NewBorder(v.summary, nil, nil, nil, split)
	v.Reload()
	return v
}

// Object is the view's canvas object.
func (v *View) Object() fyne.CanvasObject { return v.root }

// Buttons are the choices for the conflict shown, for a window that wants
// to focus one or put it on a shortcut (and for tests outside the package).
func (v *View) Buttons() (keepMine, takeTheirs, edit *widget.Button) {
	return v.keepMine, v.takeTheirs, v.edit
}

// Shown is the conflict on screen: its title and the three versions ("(empty)"
// for none), "" when none is shown.
func (v *View) Shown() (title, base, mine, theirs string) {
	if v.current < 0 {
		return "", "", "", ""
	}
	p := v.conflicts[v.current].Part
	return v.title.Text, v.base.Text, shown(p.Mine), shown(p.Theirs)
}

// Count is how many conflicts the view holds open.
func (v *View) Count() int { return len(v.conflicts) }

// Reload fetches the open conflicts again (after a sync, say).
func (v *View) Reload() {
	v.opts.Go(func() {
		all, err := v.store.Conflicts(context.Background(), v.id)
		var parts []review.Conflict
		for _, c := range all {
			if c.Part != nil {
				parts = append(parts, c)
			}
		}
		v.opts.Do(func() {
			if err != nil {
				v.summary.SetText("Could not load the conflicts: " + oneLine(err))
				return
			}
			v.loaded(parts)
		})
	})
}

func (v *View) loaded(parts []review.Conflict) {
	keep := int64(0)
	if v.current >= 0 && v.current < len(v.conflicts) {
		keep = v.conflicts[v.current].ID
	}
	v.conflicts = parts
	v.list.UnselectAll()
	v.list.Refresh()
	if v.opts.OnCount != nil {
		v.opts.OnCount(len(parts))
	}
	if len(parts) == 0 {
		v.summary.SetText("No conflicts: everything the desk sync brought in merged.")
		v.current = -1
		v.detail.Hide()
		return
	}
	by := parts[0].FiledBy
	if by == "" {
		by = "another member"
	}
	v.summary.SetText(fmt.Sprintf("%d %s both here and by %s since the last sync. Nothing is lost: pick each one to choose.",
		len(parts), plural(len(parts), "part was changed", "parts were changed"), by))
	next := 0
	for i, c := range parts {
		if c.ID == keep {
			next = i
		}
	}
	v.list.Select(next) // calls show
}

// show puts conflict i's three versions side by side.
func (v *View) show(i int) {
	if i < 0 || i >= len(v.conflicts) {
		return
	}
	v.current = i
	c := v.conflicts[i]
	p := c.Part
	v.title.SetText(strings.ToUpper(p.Label()[:1]) + p.Label()[1:])
	v.base.SetText(shown(p.Base))
	v.mine.Segments = changes(p.Base, p.Mine)
	v.mine.Refresh()
	v.theirs.Segments = changes(p.Base, p.Theirs)
	v.theirs.Refresh()
	who := c.FiledBy
	if who == "" {
		who = "the desk"
	}
	v.theirsTitle.SetText("Theirs (" + who + ")")
	v.status.SetText("")
	v.endEdit()
	v.detail.Show()
}

// changes is text with what it changed from base marked word by word, as
// History marks a revision's changes.
func changes(base, text string) []widget.RichTextSegment {
	if strings.TrimSpace(text) == "" {
		return []widget.RichTextSegment{&widget.TextSegment{Text: shown(text), Style: widget.RichTextStyleInline}}
	}
	return worddiff.Segments(review.Words(base, text))
}

// shown makes an empty version visible as such rather than as a blank.
func shown(s string) string {
	if strings.TrimSpace(s) == "" {
		return "(empty)"
	}
	return s
}

func (v *View) startEdit() {
	if v.current < 0 {
		return
	}
	v.editor.SetText(v.conflicts[v.current].Part.Mine)
	v.editRow.Show()
	v.edit.Disable()
	v.detail.Refresh() // the bottom rows grew: lay the detail out again
	if c := fyne.CurrentApp().Driver().CanvasForObject(v.editor); c != nil {
		c.Focus(v.editor)
	}
}

func (v *View) endEdit() {
	v.editRow.Hide()
	v.edit.Enable()
	v.detail.Refresh()
}

func (v *View) setBusy(busy bool) {
	for _, b := range []*widget.Button{v.keepMine, v.takeTheirs, v.edit, v.saveEdit} {
		if busy {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

// choose settles the shown conflict, once the window has saved what the
// person typed.
func (v *View) choose(choice merge.Choice, text string) {
	if v.current < 0 {
		return
	}
	c := v.conflicts[v.current]
	run := func() {
		v.setBusy(true)
		v.status.SetText("Saving…")
		v.opts.Go(func() {
			a, err := v.store.ResolveConflict(context.Background(), c.ID, choice, text)
			v.opts.Do(func() { v.resolved(c, choice, a, err) })
		})
	}
	if v.opts.Flush == nil {
		run()
		return
	}
	v.opts.Flush(func(err error) {
		if err != nil {
			v.status.SetText("Your latest edits could not be saved first, so nothing was settled: " + oneLine(err))
			return
		}
		run()
	})
}

func (v *View) resolved(c review.Conflict, choice merge.Choice, a *editor.Article, err error) {
	v.setBusy(false)
	if err != nil {
		if errors.Is(err, merge.ErrChanged) {
			v.status.SetText("The " + c.Part.Label() + " was edited after the sync, so this choice could change words you see differently now. " +
				"Keep mine keeps it as it is now; or edit it to say what you want.")
		} else {
			v.status.SetText("Could not settle it: " + oneLine(err))
		}
		return
	}
	v.status.SetText("")
	if choice != merge.KeepMine && a != nil && v.opts.OnResolved != nil {
		v.opts.OnResolved(a)
	}
	v.Reload()
}

// rowText is a conflict's line in the list: where, and both new versions in brief.
func rowText(c review.Conflict) string {
	p := c.Part
	return fmt.Sprintf("%s — mine: %s · theirs: %s", p.Label(), brief(p.Mine), brief(p.Theirs))
}

func brief(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "(empty)"
	}
	if r := []rune(s); len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return s
}

func oneLine(err error) string { return strings.Join(strings.Fields(err.Error()), " ") }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
