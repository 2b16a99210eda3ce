package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"copydesk/editor"
	"copydesk/editor/export"
)

// OpenInBrowser writes the article's page, with everything it links
// (stylesheet, script, the library image), into a new temporary folder
// and opens it, so the browser shows it as the site will.
func (a *App) OpenInBrowser() {
	snap, s := a.Article().Clone(), a.settings
	open := a.opts.OpenURL
	if open == nil {
		open = openWithDesktop
	}
	a.bg(func() {
		path, err := a.writeTempPage(snap, s)
		if err != nil {
			a.ui(func() { a.showError(fmt.Errorf("open in browser: %w", err)) })
			return
		}
		pu, _ := storageURL(storage.NewFileURI(path))
		err = open(pu)
		a.ui(func() {
			if err != nil {
				a.browserFailed(path, err)
				return
			}
			a.status.note.SetText("Opened " + path + " in the browser.")
		})
	})
}

// browserFailed says the page is written but no browser showed it, with
// the file's path to open by hand.
func (a *App) browserFailed(path string, err error) {
	log.Printf("copydesk: open %s: %v", path, err)
	msg := widget.NewLabel("The browser could not be started (" + editor.OneLine(err.Error()) + ").\n\n" +
		"The page is written; open it in a browser yourself:")
	msg.Wrapping = fyne.TextWrapWord
	field := widget.NewEntry()
	field.SetText(path) // selectable, to copy
	d := dialog.NewCustom("Open in browser", "Close", container.NewVBox(msg, field), a.win)
	d.Resize(fyne.NewSize(560, 220))
	d.Show()
}

// browserStartWait is how long openWithDesktop waits for xdg-open to fail.
// A browser that starts keeps xdg-open running for as long as it runs with
// some browsers, so a running xdg-open after this long means success.
const browserStartWait = 3 * time.Second

// openWithDesktop opens u with xdg-open and reports its failure (no
// browser installed, none configured). Fyne's OpenURL starts xdg-open and
// never hears back, so a failing browser was silent.
func openWithDesktop(u *url.URL) error {
	if runtime.GOOS != "linux" && runtime.GOOS != "freebsd" {
		return fyne.CurrentApp().OpenURL(u)
	}
	var out bytes.Buffer
	cmd := exec.Command("xdg-open", u.String())
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			if msg := strings.TrimSpace(out.String()); msg != "" {
				return fmt.Errorf("xdg-open: %w: %s", err, msg)
			}
			return fmt.Errorf("xdg-open: %w", err)
		}
		return nil
	case <-time.After(browserStartWait):
		return nil // still running: the browser is up; Wait reaps it later
	}
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
