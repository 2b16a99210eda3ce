package app

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
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
	"copydesk/editor/render"
)

// backuper is implemented by libraries that can copy themselves safely
// while open (storage.DB).
type backuper interface {
	Backup(ctx context.Context, dest string) error
}

var pageTemplate = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>{{.A.Headline}} — {{.S.Masthead}}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:Georgia,serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.55}
.masthead{text-align:center;font-size:2.2rem;font-weight:bold;margin:0}.tagline{text-align:center;font-style:italic;margin-top:.2rem}
.section{text-transform:uppercase;font-weight:bold;letter-spacing:.05em}.byline{font-weight:bold}.when{color:#666}
.dateline{font-weight:bold}.summary{font-size:1.2rem}</style></head>
<body><header><p class="masthead">{{.S.Masthead}}</p><p class="tagline">{{.S.Tagline}}</p></header><hr>
<article>{{with .A.Section}}<p class="section">{{.}}</p>{{end}}<h1>{{.A.Headline}}</h1>
{{with .Byline}}<p class="byline">By {{.}}</p>{{end}}<p class="when">{{.When}}</p>
{{with .A.Image.Src}}<figure><img src="{{.}}" alt="{{$.A.Image.Alt}}"><figcaption>{{$.A.Image.Caption}} {{with $.A.Image.Credit}}<span class="credit">{{.}}</span>{{end}}</figcaption></figure>{{end}}
{{with .A.Summary}}<p class="summary">{{.}}</p>{{end}}
{{.Body}}</article></body></html>
`))

// simplePage is the built-in site page: the same body HTML as the site
// (editor/render) in a plain frame. cmd/copydesk passes the export
// package's real page instead.
func simplePage(w io.Writer, a *editor.Article, s editor.Settings) error {
	body, err := render.HTMLString([]byte(a.Body), a.Dateline)
	if err != nil {
		return fmt.Errorf("render body: %w", err)
	}
	when := "Draft"
	if !a.Published.IsZero() {
		when = a.Published.In(s.Location()).Format("January 2, 2006 3:04 PM")
	}
	return pageTemplate.Execute(w, map[string]any{
		"A": a, "S": s, "Lang": s.Language, "Byline": joinByline(a.Byline), "When": when,
		"Body": template.HTML(body), // rendered by editor/render without raw HTML
	})
}

// OpenInBrowser writes the article's page, with everything it links
// (stylesheet, script, the library image), into a new temporary folder
// and opens it, so the browser shows it as the site will.
func (a *App) OpenInBrowser() {
	snap, s := a.Article().Clone(), a.settings
	write := a.opts.WritePage
	if write == nil {
		write = a.exportPage
	}
	open := a.opts.OpenURL
	if open == nil {
		open = openWithDesktop
	}
	a.bg(func() {
		path, err := writeTempPage(write, snap, s)
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
	msg := widget.NewLabel("The browser could not be started (" + oneLineErr(err) + ").\n\n" +
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

// exportPage is the default Options.WritePage: the export package's own
// single-article writer, the one `copydesk export` uses, so the page in the
// browser is byte for byte the exported one and its library image is there.
func (a *App) exportPage(ctx context.Context, dir string, ar *editor.Article, s editor.Settings) (string, error) {
	site := export.Site{Settings: s, Now: a.clock.Now()}
	if is, ok := a.store.(export.ImageSource); ok {
		site.Images = is
	}
	return export.WriteArticle(ctx, dir, export.HTML, ar, site)
}

// writeTempPage writes the page into a new temporary folder.
func writeTempPage(write func(ctx context.Context, dir string, a *editor.Article, s editor.Settings) (string, error), ar *editor.Article, s editor.Settings) (string, error) {
	dir, err := os.MkdirTemp("", "copydesk-page-*")
	if err != nil {
		return "", err
	}
	return write(context.Background(), dir, ar, s)
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

// exportFile writes the open article in a chosen format.
func (a *App) exportFile() {
	names := make([]string, len(a.opts.Formats))
	for i, f := range a.opts.Formats {
		names[i] = f.Name
	}
	sel := widget.NewSelect(names, nil)
	sel.SetSelectedIndex(0)
	dialog.ShowCustomConfirm("Export article", "Choose file…", "Cancel", container.NewVBox(widget.NewLabel("Format"), sel), func(ok bool) {
		if !ok {
			return
		}
		f := a.opts.Formats[sel.SelectedIndex()]
		snap, s := a.Article().Clone(), a.settings
		save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err != nil || w == nil {
				if err != nil {
					a.showError(err)
				}
				return
			}
			a.bg(func() {
				err := f.Encode(w, snap, s)
				if cerr := w.Close(); err == nil {
					err = cerr
				}
				a.ui(func() {
					if err != nil {
						a.showError(fmt.Errorf("export %s: %w", f.Name, err))
					}
				})
			})
		}, a.win)
		name := snap.Slug
		if name == "" {
			name = editor.Slugify(snap.Headline)
		}
		save.SetFileName(firstNonEmpty(name, "article") + "." + f.Ext)
		save.Show()
	}, a.win)
}

// backup copies the whole library to a file the person chooses.
func (a *App) backup() {
	b, ok := a.store.(backuper)
	if !ok {
		return
	}
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
			err := b.Backup(context.Background(), path)
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
