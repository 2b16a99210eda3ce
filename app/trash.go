package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"copydesk/editor"
)

// trashStore is a store with a trash and copies; *storage.DB implements
// it. Article ▸ Delete, Duplicate and Trash… are offered only for one.
type trashStore interface {
	Trash(ctx context.Context, id int64) error
	TrashList(ctx context.Context) ([]editor.TrashItem, error)
	RestoreFromTrash(ctx context.Context, trashID int64) (*editor.Article, error)
	EmptyTrash(ctx context.Context) (int, error)
	Duplicate(ctx context.Context, id int64) (*editor.Article, error)
}

// articleMenuItems are Article ▸ Duplicate, Delete… and Trash…, disabled
// for a store without a trash.
func (a *App) articleMenuItems() []*fyne.MenuItem {
	dup := item("Duplicate", shortcut(fyne.KeyD, fyne.KeyModifierShift), a.DuplicateArticle)
	del := item("Delete…", nil, a.DeleteArticle)
	trash := item("Trash…", nil, a.ShowTrash)
	if _, ok := a.store.(trashStore); !ok {
		dup.Disabled, del.Disabled, trash.Disabled = true, true, true
	}
	return []*fyne.MenuItem{fyne.NewMenuItemSeparator(), dup, del, trash}
}

// DuplicateArticle saves the open article, then opens a copy of it.
func (a *App) DuplicateArticle() {
	ts, ok := a.store.(trashStore)
	if !ok {
		return
	}
	a.saveThen(func() {
		id := a.art.ID
		if id == 0 {
			return // nothing saved to copy yet
		}
		a.bg(func() {
			c, err := ts.Duplicate(context.Background(), id)
			a.ui(func() {
				if err != nil {
					a.showError(err)
					return
				}
				a.startArticle(c)
				a.lib.reload()
				a.status.note.SetText("Opened a copy: \"" + c.Headline + "\".")
			})
		})
	})
}

// DeleteArticle asks, then moves the open article to the trash and opens
// the library's most recent one.
func (a *App) DeleteArticle() {
	ts, ok := a.store.(trashStore)
	if !ok {
		return
	}
	headline := a.art.Headline
	if headline == "" {
		headline = "this untitled article"
	} else {
		headline = "\"" + headline + "\""
	}
	dialog.ShowConfirm("Delete article",
		"Move "+headline+" to the trash?\nArticle ▸ Trash… restores it until the trash is emptied.",
		func(ok bool) {
			if !ok {
				return
			}
			a.saver.Stop()
			id := a.art.ID
			a.bg(func() {
				var err error
				if id != 0 {
					err = ts.Trash(context.Background(), id)
				}
				a.ui(func() {
					if err != nil {
						a.showError(err)
						return
					}
					if a.prefs.Int("article.last") == int(id) {
						a.prefs.SetInt("article.last", 0)
					}
					a.startArticle(a.firstArticle())
					a.lib.reload()
					a.status.note.SetText("Moved " + headline + " to the trash.")
				})
			})
		}, a.win)
}

// ShowTrash lists the trash, to restore an article or empty it.
func (a *App) ShowTrash() {
	ts, ok := a.store.(trashStore)
	if !ok {
		return
	}
	a.bg(func() {
		items, err := ts.TrashList(context.Background())
		a.ui(func() {
			if err != nil {
				a.showError(err)
				return
			}
			a.trashDialog(ts, items)
		})
	})
}

func (a *App) trashDialog(ts trashStore, items []editor.TrashItem) {
	selected := -1
	var d dialog.Dialog
	restore := widget.NewButton("Restore", nil)
	restore.Disable()
	empty := widget.NewButton("Empty trash", nil)
	if len(items) == 0 {
		empty.Disable()
	}
	list := widget.NewList(func() int { return len(items) },
		func() fyne.CanvasObject { return widget.NewLabel("Headline · deleted") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			it := items[i]
			h := it.Headline
			if h == "" {
				h = "(untitled)"
			}
			o.(*widget.Label).SetText(h + " · deleted " + it.Trashed.Local().Format("Jan 2, 2006 15:04"))
		})
	list.OnSelected = func(i widget.ListItemID) { selected = i; restore.Enable() }
	restore.OnTapped = func() {
		if selected < 0 || selected >= len(items) {
			return
		}
		id := items[selected].ID
		d.Hide()
		a.saveThen(func() {
			a.bg(func() {
				ar, err := ts.RestoreFromTrash(context.Background(), id)
				a.ui(func() {
					if err != nil {
						a.showError(err)
						return
					}
					a.startArticle(ar)
					a.lib.reload()
				})
			})
		})
	}
	empty.OnTapped = func() {
		dialog.ShowConfirm("Empty trash", fmt.Sprintf("Delete the %s in the trash for good? This cannot be undone.", count(len(items), "article", "articles")),
			func(ok bool) {
				if !ok {
					return
				}
				d.Hide()
				a.bg(func() {
					_, err := ts.EmptyTrash(context.Background())
					a.ui(func() {
						if err != nil {
							a.showError(err)
						}
					})
				})
			}, a.win)
	}
	var body fyne.CanvasObject = list
	if len(items) == 0 {
		body = widget.NewLabel("The trash is empty.")
	}
	d = dialog.NewCustom("Trash", "Close", container.NewBorder(nil, container.NewHBox(restore, empty), nil, nil, body), a.win)
	d.Resize(fyne.NewSize(560, 400))
	d.Show()
}
