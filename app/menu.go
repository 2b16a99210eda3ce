package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"copydesk/editor/spell"
)

func shortcut(k fyne.KeyName, mods ...fyne.KeyModifier) fyne.Shortcut {
	m := fyne.KeyModifierShortcutDefault
	for _, x := range mods {
		m |= x
	}
	return &desktop.CustomShortcut{KeyName: k, Modifier: m}
}

func item(label string, sc fyne.Shortcut, action func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, action)
	it.Shortcut = sc
	return it
}

// buildMenu sets the main menu. Shortcuts live on menu items because the
// window checks the main menu before the focused widget, so they work
// while an Entry has focus, where canvas shortcuts would not fire.
func (a *App) buildMenu() {
	quit := item("Quit", shortcut(fyne.KeyQ), a.requestClose)
	quit.IsQuit = true
	file := fyne.NewMenu("File",
		item("New article", shortcut(fyne.KeyN), a.NewArticle),
		item("Import…", shortcut(fyne.KeyO), a.importFile),
		item("Export…", shortcut(fyne.KeyE), a.exportFile),
		item("Backup…", nil, a.backup),
		fyne.NewMenuItemSeparator(),
		item("Settings…", shortcut(fyne.KeyComma), a.ShowSettings),
		fyne.NewMenuItemSeparator(),
		quit,
	)
	edit := fyne.NewMenu("Edit",
		item("Undo", &fyne.ShortcutUndo{}, func() { a.editAction(&fyne.ShortcutUndo{}) }),
		item("Redo", &fyne.ShortcutRedo{}, func() { a.editAction(&fyne.ShortcutRedo{}) }),
		fyne.NewMenuItemSeparator(),
		item("Cut", &fyne.ShortcutCut{}, func() { a.editAction(&fyne.ShortcutCut{Clipboard: a.clipboard()}) }),
		item("Copy", &fyne.ShortcutCopy{}, func() { a.editAction(&fyne.ShortcutCopy{Clipboard: a.clipboard()}) }),
		item("Paste", &fyne.ShortcutPaste{}, func() { a.editAction(&fyne.ShortcutPaste{Clipboard: a.clipboard()}) }),
		item("Select all", &fyne.ShortcutSelectAll{}, func() { a.editAction(&fyne.ShortcutSelectAll{}) }),
		fyne.NewMenuItemSeparator(),
		item("Find and replace…", shortcut(fyne.KeyF), a.find.show),
		item("Next misspelling", &desktop.CustomShortcut{KeyName: fyne.KeyF7}, a.spell.next),
	)
	format := fyne.NewMenu("Format",
		item("Bold", shortcut(fyne.KeyB), func() { a.Format("bold") }),
		item("Italic", shortcut(fyne.KeyI), func() { a.Format("italic") }),
		item("Link", shortcut(fyne.KeyK), func() { a.Format("link") }),
		fyne.NewMenuItemSeparator(),
		item("Heading", shortcut(fyne.Key2, fyne.KeyModifierAlt), func() { a.Format("heading") }),
		item("Quote", shortcut(fyne.KeyQ, fyne.KeyModifierShift), func() { a.Format("quote") }),
		item("Bulleted list", shortcut(fyne.Key8, fyne.KeyModifierShift), func() { a.Format("bulleted") }),
		item("Numbered list", shortcut(fyne.Key7, fyne.KeyModifierShift), func() { a.Format("numbered") }),
	)
	themeMenu := fyne.NewMenuItem("Theme", nil)
	themeMenu.ChildMenu = fyne.NewMenu("",
		fyne.NewMenuItem("Light", func() { a.SetTheme("light") }),
		fyne.NewMenuItem("Dark", func() { a.SetTheme("dark") }),
		fyne.NewMenuItem("System", func() { a.SetTheme("system") }),
	)
	view := fyne.NewMenu("View",
		item("Preview", shortcut(fyne.KeyP, fyne.KeyModifierShift), a.TogglePreview),
		item("Focus mode", shortcut(fyne.KeyF, fyne.KeyModifierShift), a.ToggleFocus),
		item("Open in browser", shortcut(fyne.KeyB, fyne.KeyModifierShift), a.OpenInBrowser),
		fyne.NewMenuItemSeparator(),
		themeMenu,
		item("Zoom in", shortcut(fyne.KeyEqual), func() { a.Zoom(1.1) }),
		item("Zoom out", shortcut(fyne.KeyMinus), func() { a.Zoom(1 / 1.1) }),
		item("Actual size", shortcut(fyne.Key0), func() { a.Zoom(0) }),
	)
	a.articleMenu = fyne.NewMenu("Article",
		append([]*fyne.MenuItem{item("Save now", shortcut(fyne.KeyS), a.SaveNow)}, a.articleMenuItems()...)...,
	)
	help := fyne.NewMenu("Help",
		fyne.NewMenuItem("Keyboard shortcuts", a.showShortcuts),
		fyne.NewMenuItem("About Copydesk", a.showAbout),
	)
	menus := []*fyne.Menu{file, edit, format, view, a.articleMenu}
	if a.opts.Desk != nil {
		menus = append(menus, a.deskMenu())
	}
	a.menu = fyne.NewMainMenu(append(menus, help)...)
	a.win.SetMainMenu(a.menu)
}

// AddArticleMenuItems appends items to the Article menu: the review
// features (status moves, history, notes) plug in here.
func (a *App) AddArticleMenuItems(items ...*fyne.MenuItem) {
	a.articleMenu.Items = append(a.articleMenu.Items, items...)
	a.menu.Refresh()
}

func (a *App) clipboard() fyne.Clipboard {
	if c, ok := a.win.(interface{ Clipboard() fyne.Clipboard }); ok {
		return c.Clipboard()
	}
	return fyne.CurrentApp().Clipboard()
}

// editAction sends an Edit menu command to the focused widget; the body
// gets undo and redo from its own history.
func (a *App) editAction(sc fyne.Shortcut) {
	focused := a.win.Canvas().Focused()
	bodyFocused := focused != nil && any(focused) == any(a.body.Object())
	switch sc.(type) {
	case *fyne.ShortcutUndo:
		if bodyFocused || focused == nil {
			a.body.Undo()
			a.bodyChanged() // whether or not the editor reports undo as an edit
			return
		}
	case *fyne.ShortcutRedo:
		if bodyFocused || focused == nil {
			a.body.Redo()
			a.bodyChanged()
			return
		}
	}
	if s, ok := focused.(fyne.Shortcutable); ok {
		s.TypedShortcut(sc)
	}
}

// TogglePreview shows or hides the preview pane (with the review tabs).
func (a *App) TogglePreview() {
	a.showPreview = !a.showPreview
	if a.showPreview {
		a.review.Object().Show()
	} else {
		a.review.Object().Hide()
	}
	a.mainSplit.Refresh()
}

// ToggleFocus hides the library and the form so only the body (and the
// preview, if shown) remain.
func (a *App) ToggleFocus() {
	a.focusMode = !a.focusMode
	if a.focusMode {
		a.lib.object.Hide()
		a.mainSplit.Offset = 0
		a.editSplit.Offset = 0
	} else {
		a.lib.object.Show()
		a.mainSplit.Offset = 0.24
		a.editSplit.Offset = 0.42
	}
	a.mainSplit.Refresh()
	a.editSplit.Refresh()
}

func (a *App) showAbout() {
	v := a.opts.Version
	if v == "" {
		v = "development build"
	}
	// The spelling dictionary's licence asks for its notice in every copy.
	notice := widget.NewLabel("Spelling dictionary (en_US, from SCOWL):\n\n" + spell.Notice())
	notice.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(notice)
	scroll.SetMinSize(fyne.NewSize(480, 240))
	dialog.ShowCustom("About Copydesk", "Close", container.NewBorder(
		widget.NewLabel("Copydesk "+v+"\nThe newsroom editor of "+a.settings.Masthead+"."), nil, nil, nil, scroll), a.win)
}

// showShortcuts lists the shortcuts from the menus themselves, so the
// list cannot drift from what the keys do.
func (a *App) showShortcuts() {
	var lines []string
	for _, m := range a.menu.Items {
		for _, it := range m.Items {
			if it.Shortcut != nil {
				lines = append(lines, fmt.Sprintf("%-22s %s ▸ %s", shortcutText(it.Shortcut), m.Label, it.Label))
			}
		}
	}
	t := widget.NewLabel(strings.Join(lines, "\n"))
	t.TextStyle.Monospace = true
	d := dialog.NewCustom("Keyboard shortcuts", "Close", container.NewVScroll(t), a.win)
	d.Resize(fyne.NewSize(560, 520))
	d.Show()
}

func shortcutText(s fyne.Shortcut) string {
	ks, ok := s.(fyne.KeyboardShortcut)
	if !ok {
		return s.ShortcutName()
	}
	var parts []string
	m := ks.Mod()
	if m&fyne.KeyModifierControl != 0 {
		parts = append(parts, "Ctrl")
	}
	if m&fyne.KeyModifierSuper != 0 {
		parts = append(parts, "Cmd")
	}
	if m&fyne.KeyModifierAlt != 0 {
		parts = append(parts, "Alt")
	}
	if m&fyne.KeyModifierShift != 0 {
		parts = append(parts, "Shift")
	}
	return strings.Join(append(parts, string(ks.Key())), "+")
}
