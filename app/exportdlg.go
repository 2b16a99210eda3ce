package app

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"copydesk/editor"
	"copydesk/editor/export"
)

// SiteExporter writes the whole static site of the library into dir, as
// "copydesk export --site" does, reporting progress, and commits and
// pushes it when dir is a Git working copy; cmd/copydesk supplies it.
// Publish does the same into the working copy of the site repository
// named in Settings and returns that folder.
type SiteExporter struct {
	Export  func(ctx context.Context, dir string, progress func(done, total int)) (export.Report, error)
	Publish func(ctx context.Context, progress func(done, total int)) (dir string, rep export.Report, err error)
}

// Choices the export dialog offers besides the single-article formats.
const (
	exportSiteChoice    = "Static site (every published article)"
	exportPublishChoice = "Publish to the site repository"
)

// exportView is File ▸ Export…: a format (every format the CLI has, the
// static site and publishing), a folder, progress, and at the end how many
// files were written where, with a button that opens the folder.
type exportView struct {
	format   *widget.Select
	folder   *widget.Entry
	choose   *widget.Button
	run      *widget.Button
	progress *widget.ProgressBar
	status   *widget.Label
	open     *widget.Button
	content  fyne.CanvasObject
	dlg      dialog.Dialog
	dir      string // the folder the last export wrote into
}

// exportFile shows the export dialog for the open article.
func (a *App) exportFile() {
	v := a.newExportView()
	a.exportDlg = v
	v.dlg = dialog.NewCustom("Export", "Close", v.content, a.win)
	v.dlg.Resize(fyne.NewSize(560, 320))
	v.dlg.Show()
}

func (a *App) newExportView() *exportView {
	v := &exportView{}
	var names []string
	for _, f := range export.Formats {
		names = append(names, f.Name)
	}
	if a.opts.Site.Export != nil {
		names = append(names, exportSiteChoice)
	}
	if a.opts.Site.Publish != nil {
		names = append(names, exportPublishChoice)
	}
	v.folder = widget.NewEntry()
	v.folder.SetPlaceHolder("Folder to write into")
	v.folder.SetText(a.prefs.StringWithFallback("exportFolder", ""))
	v.format = widget.NewSelect(names, func(choice string) {
		// Publishing writes into the repository's own working copy.
		if choice == exportPublishChoice {
			v.folder.Disable()
			v.choose.Disable()
		} else {
			v.folder.Enable()
			v.choose.Enable()
		}
	})
	v.choose = widget.NewButton("Choose folder…", func() {
		d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err != nil {
				a.showError(err)
				return
			}
			if u != nil {
				v.folder.SetText(u.Path())
			}
		}, a.win)
		if dir := strings.TrimSpace(v.folder.Text); dir != "" {
			if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
				d.SetLocation(l)
			}
		}
		d.Show()
	})
	v.format.SetSelectedIndex(0)
	v.progress = widget.NewProgressBar()
	v.progress.Hide()
	v.status = widget.NewLabel("")
	v.status.Wrapping = fyne.TextWrapWord
	v.open = widget.NewButton("Open folder", func() {
		open := a.opts.OpenURL
		if open == nil {
			open = fyne.CurrentApp().OpenURL
		}
		u, _ := url.Parse(storage.NewFileURI(v.dir).String())
		if err := open(u); err != nil {
			a.showError(fmt.Errorf("open %s: %w", v.dir, err))
		}
	})
	v.open.Hide()
	v.run = widget.NewButton("Export", func() { a.runExport(v) })
	v.run.Importance = widget.HighImportance
	v.content = container.NewVBox(
		widget.NewLabel("Format"), v.format,
		widget.NewLabel("Folder"), container.NewBorder(nil, nil, nil, v.choose, v.folder),
		v.progress, v.status,
		container.NewHBox(v.run, v.open),
	)
	return v
}

// runExport does the chosen export off the UI goroutine; the dialog
// shows progress and then the result.
func (a *App) runExport(v *exportView) {
	choice := v.format.Selected
	dir := strings.TrimSpace(v.folder.Text)
	if choice != exportPublishChoice {
		if dir == "" {
			v.status.SetText("Choose a folder to write into.")
			return
		}
		if st, err := os.Stat(dir); err == nil && !st.IsDir() {
			v.status.SetText(dir + " is a file, not a folder.")
			return
		}
		a.prefs.SetString("exportFolder", dir)
	}
	snap, s := a.Article().Clone(), a.settings
	site := export.Site{Settings: s, Now: a.clock.Now(), Images: a.store}
	v.run.Disable()
	v.open.Hide()
	v.progress.SetValue(0)
	v.progress.Show()
	v.status.SetText("Exporting…")
	progress := func(done, total int) {
		a.ui(func() {
			if total > 0 {
				v.progress.SetValue(float64(done) / float64(total))
			}
		})
	}
	a.bg(func() {
		ctx := context.Background()
		var (
			files int
			err   error
		)
		switch choice {
		case exportSiteChoice:
			var rep export.Report
			rep, err = a.opts.Site.Export(ctx, dir, progress)
			files = rep.Written
		case exportPublishChoice:
			var rep export.Report
			dir, rep, err = a.opts.Site.Publish(ctx, progress)
			files = rep.Written
		default:
			f, _ := export.Lookup(choice)
			var written []string
			written, err = export.WriteArticleFiles(ctx, dir, f, snap, site)
			files = len(written)
		}
		a.ui(func() {
			v.run.Enable()
			v.progress.Hide()
			if err != nil {
				v.status.SetText("")
				a.showError(fmt.Errorf("export %s: %w", choice, err))
				return
			}
			v.dir = dir
			v.status.SetText(fmt.Sprintf("Wrote %d %s in %s", files, editor.Plural(files, "file", "files"), dir))
			v.open.Show()
		})
	})
}
