package app

import (
	"fmt"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

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

func newFormatToolbar(a *App) *widget.Toolbar {
	act := func(icon fyne.Resource, name string) widget.ToolbarItem {
		return widget.NewToolbarAction(icon, func() { a.Format(name) })
	}
	return widget.NewToolbar(
		act(theme.NewThemedResource(iconBold), "bold"),
		act(theme.NewThemedResource(iconItalic), "italic"),
		act(theme.NewThemedResource(iconLink), "link"),
		widget.NewToolbarSeparator(),
		act(theme.NewThemedResource(iconHeading), "heading"),
		act(theme.NewThemedResource(iconQuote), "quote"),
		act(theme.ListIcon(), "bulleted"),
		act(theme.NewThemedResource(iconNumbered), "numbered"),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.ContentUndoIcon(), func() { a.body.Undo(); a.bodyChanged() }),
		widget.NewToolbarAction(theme.ContentRedoIcon(), func() { a.body.Redo(); a.bodyChanged() }),
		widget.NewToolbarSpacer(),
		widget.NewToolbarAction(theme.SearchReplaceIcon(), func() { a.find.show() }),
	)
}

// findBar is the find and replace strip above the body.
type findBar struct {
	a                  *App
	bar                *fyne.Container
	find, repl         *widget.Entry
	info               *widget.Label
	next, replace, all *widget.Button
}

func newFindBar(a *App) *findBar {
	f := &findBar{a: a}
	f.find = widget.NewEntry()
	f.find.SetPlaceHolder("Find")
	f.find.OnChanged = func(string) { f.updateCount() }
	f.find.OnSubmitted = func(string) { f.findNext() }
	f.repl = widget.NewEntry()
	f.repl.SetPlaceHolder("Replace with")
	f.info = widget.NewLabel("")
	f.next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), f.findNext)
	f.replace = widget.NewButton("Replace", f.replaceOne)
	f.all = widget.NewButton("Replace all", f.replaceAll)
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { f.bar.Hide() })
	f.bar = container.NewBorder(nil, nil, nil, container.NewHBox(f.info, f.next, f.replace, f.all, closeBtn),
		container.NewGridWithColumns(2, f.find, f.repl))
	f.bar.Hide()
	return f
}

func (f *findBar) show() {
	f.bar.Show()
	if s, e := f.a.body.Selection(); e > s {
		r := []rune(f.a.body.Text())
		f.find.SetText(string(r[s:e]))
	}
	if c := f.a.win.Canvas(); c != nil {
		c.Focus(f.find)
	}
}

func (f *findBar) updateCount() {
	if f.find.Text == "" {
		f.info.SetText("")
		return
	}
	f.info.SetText(plural(countMatches(f.a.body.Text(), f.find.Text), "match"))
}

func (f *findBar) findNext() {
	_, e := f.a.body.Selection()
	if s, end, ok := findNext(f.a.body.Text(), f.find.Text, e); ok {
		f.a.body.Select(s, end)
		return
	}
	f.info.SetText("Not found")
}

// replaceOne replaces the selected match, then moves to the next one.
func (f *findBar) replaceOne() {
	text := f.a.body.Text()
	s, e := f.a.body.Selection()
	ms, me, ok := findNext(text, f.find.Text, s)
	if !ok {
		f.info.SetText("Not found")
		return
	}
	if ms != s || me != e {
		f.a.body.Select(ms, me) // first show what would be replaced
		return
	}
	f.a.body.ReplaceRange(s, e, f.repl.Text)
	f.a.bodyChanged()
	end := s + utf8.RuneCountInString(f.repl.Text)
	if ns, ne, ok := findNext(f.a.body.Text(), f.find.Text, end); ok {
		f.a.body.Select(ns, ne)
	}
	f.updateCount()
}

// replaceAll is one undo step, however many matches it replaces.
func (f *findBar) replaceAll() {
	text := f.a.body.Text()
	out, n := replaceAllFold(text, f.find.Text, f.repl.Text)
	if n == 0 {
		f.info.SetText("Not found")
		return
	}
	f.a.body.ReplaceRange(0, utf8.RuneCountInString(text), out)
	f.a.bodyChanged()
	f.info.SetText(fmt.Sprintf("Replaced %s", plural(n, "match")))
}
