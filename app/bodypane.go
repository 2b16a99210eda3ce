package app

import (
	"fmt"
	"sync"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"copydesk/editor"
)

// eagerBodyRunes is the body length up to which the window reads the
// whole text after every edit, so a.art.Body is always exact; that is
// cheap for any story. Above it (a pasted transcript) reading the text
// would cost time and garbage on every keystroke, so the body is read
// once per pause instead, when the preview, the autosave or Article()
// needs it (BenchmarkKeystrokeAfter10MBPaste measures the difference).
const eagerBodyRunes = 1 << 20

// bigEditRunes: an edit that changes the body's length by more than this
// (a paste, not typing) is measured against editor.MaxBodyBytes at once.
const bigEditRunes = 4096

// bodyState is how far a.art.Body may lag behind the body editor.
type bodyState struct {
	stale    bool // the editor holds edits a.art.Body does not have yet
	runes    int  // the editor's length after the last edit the window took
	refusing bool // undoing an edit over the size limit: not an edit itself
	// Background work the body feeds, one job at a time, newest first.
	preview, checks latestOnly
}

// bodyChanged runs after every edit made in the body editor. An edit that
// would take the body over editor.MaxBodyBytes is undone at once and the
// status bar says why: the article never holds a body it could not save.
func (a *App) bodyChanged() {
	if a.loading || a.bs.refusing {
		return
	}
	a.spell.changed()
	n := a.body.Len()
	size, over := a.overLimit(n)
	if !over {
		if a.status.note.Text != "" {
			a.status.note.SetText("")
		}
		a.takeBody(n)
		return
	}
	before := a.bs.runes
	a.bs.refusing = true
	a.body.Undo()
	a.bs.refusing = false
	// Undo restores the text from before a paste exactly. A run of typing
	// is one undo step, so at the limit it takes back the whole run: take
	// whatever the body holds now.
	if n = a.body.Len(); n != before {
		a.takeBody(n)
	}
	a.status.note.SetText(fmt.Sprintf("Not changed: the body would be %.1f MB, over the %d MB an article can hold.",
		float64(size)/(1<<20), editor.MaxBodyBytes>>20))
}

// overLimit reports whether the body is over editor.MaxBodyBytes, and its
// size in bytes if so. A rune is at most 4 bytes, so a short body needs
// no measuring; a long one is measured after a big edit only.
func (a *App) overLimit(n int) (int, bool) {
	if 4*n <= editor.MaxBodyBytes {
		return 0, false
	}
	if n <= editor.MaxBodyBytes && max(n-a.bs.runes, a.bs.runes-n) <= bigEditRunes {
		// Typing near the limit is left to the save's validation,
		// which says "Body is larger than 20 MB" in the status bar.
		return 0, false
	}
	size := len(a.body.Text())
	return size, size > editor.MaxBodyBytes
}

// takeBody adopts the body editor's text as the article's (now, or at the
// next syncBody for a long body) and counts it as an edit.
func (a *App) takeBody(n int) {
	a.bs.runes = n
	if n > eagerBodyRunes {
		a.bs.stale = true
		a.edited()
		return
	}
	a.bs.stale = false
	text := a.body.Text()
	if text == a.art.Body {
		return // e.g. an undo with nothing to undo, or a second notification
	}
	a.art.Body = text
	a.edited()
}

// syncBody brings a.art.Body up to date with the editor. Everything that
// reads the article's body calls it first (or runs after a preview round,
// which does).
func (a *App) syncBody() {
	if a.bs.stale {
		a.bs.stale = false
		a.art.Body = a.body.Text()
	}
}

// latestOnly runs background jobs one at a time. A job submitted while
// another runs waits, and a newer one replaces it unstarted: a render or
// a check of a 10 MB body takes longer than a pause in typing, and
// without this every pause would start one more, all running at once.
// The jobs it drops are superseded ones whose results the window would
// discard anyway.
type latestOnly struct {
	bg      func(func())
	mu      sync.Mutex
	running bool
	next    func()
}

// Go runs f off the UI goroutine, after the job running now, unless a
// newer job is submitted before it starts.
func (l *latestOnly) Go(f func()) {
	l.mu.Lock()
	if l.running {
		l.next = f
		l.mu.Unlock()
		return
	}
	l.running = true
	l.mu.Unlock()
	l.bg(func() { l.loop(f) })
}

func (l *latestOnly) loop(f func()) {
	for f != nil {
		f()
		l.mu.Lock()
		f, l.next = l.next, nil
		l.running = f != nil
		l.mu.Unlock()
	}
}

// applyEdit performs a formatting edit on the body as one undo step.
func (a *App) applyEdit(e edit) {
	a.body.ReplaceRange(e.Start, e.End, e.Text)
	a.body.Select(e.SelStart, e.SelEnd)
	a.bodyChanged()
	a.body.Focus()
}

// Format applies a toolbar action by name: bold, italic, link, heading,
// quote, bulleted, numbered. The toolbar buttons and the Format menu
// (with its shortcuts) both call it.
func (a *App) Format(action string) {
	text := a.body.Text()
	s, e := a.body.Selection()
	switch action {
	case "bold":
		a.applyEdit(wrapInline(text, s, e, "**"))
	case "italic":
		a.applyEdit(wrapInline(text, s, e, "*"))
	case "link":
		a.applyEdit(makeLink(text, s, e))
	case "heading", "quote", "bulleted", "numbered":
		a.applyEdit(prefixLines(text, s, e, action))
	}
}

func newFormatToolbar(a *App) *fyne.Container {
	act := func(icon fyne.Resource, name string) widget.ToolbarItem {
		return widget.NewToolbarAction(icon, func() { a.Format(name) })
	}
	// Four groups that wrap onto a second row in a narrow window instead
	// of spilling over the preview.
	return container.New(&flowLayout{},
		widget.NewToolbar(
			act(theme.NewThemedResource(iconBold), "bold"),
			act(theme.NewThemedResource(iconItalic), "italic"),
			act(theme.NewThemedResource(iconLink), "link")),
		widget.NewToolbar(
			act(theme.NewThemedResource(iconHeading), "heading"),
			act(theme.NewThemedResource(iconQuote), "quote"),
			act(theme.ListIcon(), "bulleted"),
			act(theme.NewThemedResource(iconNumbered), "numbered")),
		widget.NewToolbar(
			widget.NewToolbarAction(theme.ContentUndoIcon(), func() { a.body.Undo(); a.bodyChanged() }),
			widget.NewToolbarAction(theme.ContentRedoIcon(), func() { a.body.Redo(); a.bodyChanged() })),
		widget.NewToolbar(
			widget.NewToolbarAction(theme.SearchReplaceIcon(), func() { a.find.show() })),
	)
}

// flowLayout places objects left to right at their minimum size and
// starts a new row when the next one does not fit. Its minimum width is
// its widest object; its minimum height is what the rows took at the
// width it was last laid out at.
type flowLayout struct{ width float32 }

func (l *flowLayout) rows(objs []fyne.CanvasObject, width float32, place bool) float32 {
	x, y, rowH := float32(0), float32(0), float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		if x > 0 && x+m.Width > width {
			x, y, rowH = 0, y+rowH, 0
		}
		if place {
			o.Move(fyne.NewPos(x, y))
			o.Resize(m)
		}
		x += m.Width
		rowH = max(rowH, m.Height)
	}
	return y + rowH
}

func (l *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	l.rows(objs, size.Width, true)
}

func (l *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, all float32
	for _, o := range objs {
		if o.Visible() {
			w = max(w, o.MinSize().Width)
			all += o.MinSize().Width
		}
	}
	width := l.width
	if width <= 0 {
		width = all // not laid out yet: one row
	}
	return fyne.NewSize(w, l.rows(objs, max(width, w), false))
}

// findBar is the find and replace strip above the body.
type findBar struct {
	body               BodyEditor
	edited             func() // after a replacement: the window takes the new text
	focus              func(fyne.Focusable)
	bar                *fyne.Container
	find, repl         *escapeEntry
	info               *widget.Label
	next, replace, all *widget.Button
}

func newFindBar(body BodyEditor, edited func(), focus func(fyne.Focusable)) *findBar {
	f := &findBar{body: body, edited: edited, focus: focus}
	f.find = newEscapeEntry(f.hide)
	f.find.SetPlaceHolder("Find")
	f.find.OnChanged = func(string) { f.updateCount() }
	f.find.OnSubmitted = func(string) { f.findNext() }
	f.repl = newEscapeEntry(f.hide)
	f.repl.SetPlaceHolder("Replace with")
	f.info = widget.NewLabel("")
	f.next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), f.findNext)
	f.replace = widget.NewButton("Replace", f.replaceOne)
	f.all = widget.NewButton("Replace all", f.replaceAll)
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), f.hide)
	f.bar = container.NewBorder(nil, nil, nil, container.NewHBox(f.info, f.next, f.replace, f.all, closeBtn),
		container.NewGridWithColumns(2, f.find, f.repl))
	f.bar.Hide()
	return f
}

// hide closes the bar and gives the body back the keyboard, as Escape
// does in every editor's find bar.
func (f *findBar) hide() {
	f.bar.Hide()
	if fo, ok := f.body.Object().(fyne.Focusable); ok {
		f.focus(fo)
	}
}

// escapeEntry is an Entry that runs onEscape when Escape is pressed in it.
type escapeEntry struct {
	widget.Entry
	onEscape func()
}

func newEscapeEntry(onEscape func()) *escapeEntry {
	e := &escapeEntry{onEscape: onEscape}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey closes on Escape and types everything else.
func (e *escapeEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(k)
}

func (f *findBar) show() {
	f.bar.Show()
	if s, e := f.body.Selection(); e > s {
		r := []rune(f.body.Text())
		f.find.SetText(string(r[s:e]))
	}
	f.focus(f.find)
}

func (f *findBar) updateCount() {
	if f.find.Text == "" {
		f.info.SetText("")
		return
	}
	f.info.SetText(count(countMatches(f.body.Text(), f.find.Text), "match", "matches"))
}

func (f *findBar) findNext() {
	_, e := f.body.Selection()
	if s, end, ok := findNext(f.body.Text(), f.find.Text, e); ok {
		f.body.Select(s, end)
		return
	}
	f.info.SetText("Not found")
}

// replaceOne replaces the selected match, then moves to the next one.
func (f *findBar) replaceOne() {
	text := f.body.Text()
	s, e := f.body.Selection()
	ms, me, ok := findNext(text, f.find.Text, s)
	if !ok {
		f.info.SetText("Not found")
		return
	}
	if ms != s || me != e {
		f.body.Select(ms, me) // first show what would be replaced
		return
	}
	f.body.ReplaceRange(s, e, f.repl.Text)
	f.edited()
	end := s + utf8.RuneCountInString(f.repl.Text)
	if ns, ne, ok := findNext(f.body.Text(), f.find.Text, end); ok {
		f.body.Select(ns, ne)
	}
	f.updateCount()
}

// replaceAll is one undo step, however many matches it replaces.
func (f *findBar) replaceAll() {
	text := f.body.Text()
	out, n := replaceAllFold(text, f.find.Text, f.repl.Text)
	if n == 0 {
		f.info.SetText("Not found")
		return
	}
	f.body.ReplaceRange(0, utf8.RuneCountInString(text), out)
	f.edited()
	f.info.SetText(fmt.Sprintf("Replaced %s", count(n, "match", "matches")))
}
