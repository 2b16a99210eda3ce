package app

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"copydesk/editor"
	"copydesk/editor/export"
)

// OpenInBrowser writes the article's page, with everything it links
// (stylesheet, script, the library image), into a new temporary folder
// and opens it, so the browser shows it as the site will.
func (a *App) OpenInBrowser() {
	snap, s := a.Article().Clone(), a.settings
	a.bg(func() {
		path, err := a.writeTempPage(snap, s)
		a.ui(func() {
			if err != nil {
				a.showError(fmt.Errorf("open in browser: %w", err))
				return
			}
			u := storage.NewFileURI(path)
			open := a.opts.OpenURL
			if open == nil {
				open = fyne.CurrentApp().OpenURL
			}
			pu, _ := storageURL(u)
			if err := open(pu); err != nil {
				a.showError(fmt.Errorf("open %s: %w", path, err))
			}
		})
	})
}

// writeTempPage writes the page into a new temporary folder with the
// export package's own single-article writer, the one `copydesk export`
// uses, so the page in the browser is byte for byte the exported one and
// its library image is there.
func (a *App) writeTempPage(ar *editor.Article, s editor.Settings) (string, error) {
	dir, err := os.MkdirTemp("", "copydesk-page-*")
	if err != nil {
		return "", err
	}
	site := export.Site{Settings: s, Now: a.clock.Now(), Images: a.store}
	return export.WriteArticle(context.Background(), dir, export.HTML, ar, site)
}

// importFile reads a Copydesk Markdown file (front matter and body) and
// saves it as a new article.
func (a *App) importFile() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			if err != nil {
				a.showError(err)
			}
			return
		}
		a.bg(func() {
			defer r.Close()
			data, err := io.ReadAll(io.LimitReader(r, editor.MaxBodyBytes+1<<20))
			var ar *editor.Article
			if err == nil {
				ar, err = editor.ParseMarkdown(data)
			}
			if err == nil {
				ar.ID, ar.Version = 0, 0
				err = a.store.Save(context.Background(), ar)
			}
			a.ui(func() {
				if err != nil {
					a.showError(fmt.Errorf("import %s: %w", r.URI().Name(), err))
					return
				}
				a.lib.reload()
				a.openArticle(ar.ID)
			})
		})
	}, a.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".md", ".markdown", ".txt"}))
	d.Show()
}

// backup copies the whole library to a file the person chooses.
func (a *App) backup() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			if err != nil {
				a.showError(err)
			}
			return
		}
		path := w.URI().Path()
		w.Close()
		os.Remove(path) // the backup writes the file itself, atomically
		a.bg(func() {
			err := a.store.Backup(context.Background(), path)
			a.ui(func() {
				if err != nil {
					a.showError(fmt.Errorf("backup to %s: %w", path, err))
					return
				}
				dialog.ShowInformation("Backup", "The library was copied to\n"+path, a.win)
			})
		})
	}, a.win)
	d.SetFileName("copydesk-backup-" + strings.ReplaceAll(a.clock.Now().Format(time.DateOnly), "-", "") + ".db")
	d.Show()
}

func storageURL(u fyne.URI) (*url.URL, error) { return url.Parse(u.String()) }
