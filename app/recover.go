package app

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"copydesk/editor"
	"copydesk/editor/review"
)

// BackupInfo is one backup of the library the recovery dialog can offer.
type BackupInfo struct {
	Path  string
	Taken time.Time // when it was written
}

// RecoveryOptions connect the recovery dialog to the library. The app
// does not import storage, so cmd/copydesk passes the operations in.
type RecoveryOptions struct {
	// Backups lists the library's backups, newest first.
	Backups func() ([]BackupInfo, error)
	// Restore closes the damaged library, moves it aside and installs the
	// backup at path in its place; it returns where the damaged file went.
	Restore func(path string) (aside string, err error)
	// Reopen opens the restored library for the new window content.
	Reopen func() (review.Library, error)
	// Reopened is called on the UI goroutine with the rebuilt window.
	Reopened func(*App)
	// Options build the window again on the restored store (the export
	// encoders read images from it); Go and Do also run the dialog's work.
	Options func(review.Library) Options
	// RescueDir is where Quit writes the open article as Markdown, so
	// text the damaged library could not take is not lost.
	RescueDir string
	// Quit ends the program; default: close the window.
	Quit func()
}

// Recovery is the dialog shown when the library failed its check. Its
// widgets are fields so tests can read and tap them.
type Recovery struct {
	win     fyne.Window
	current *App
	opts    RecoveryOptions
	keep    *editor.Article // the open article, to carry into the restored library
	bg, ui  func(func())

	dlg     dialog.Dialog
	message *widget.Label
	choice  *widget.Select
	note    *widget.Label // progress and failures
	restore *widget.Button
	quit    *widget.Button
	backups []BackupInfo
	// Rescued is the file Quit wrote the open article to.
	Rescued string
}

// ShowRecovery tells the person the library is damaged and offers to
// restore a backup or quit. current is the window's App if it was already
// built (the check failed in the background), or nil; its open article is
// kept either way: saved into the restored library, or written to a
// Markdown file on Quit. Saving to the damaged library stops at once.
func ShowRecovery(w fyne.Window, current *App, opts RecoveryOptions) *Recovery {
	r := &Recovery{win: w, current: current, opts: opts}
	if opts.Options != nil {
		o := opts.Options(nil)
		r.bg, r.ui = o.Go, o.Do
	} else {
		r.opts.Options = func(review.Library) Options { return Options{} }
	}
	if r.bg == nil {
		r.bg = func(f func()) { go f() }
	}
	if r.ui == nil {
		r.ui = fyne.Do
	}
	if r.opts.Quit == nil {
		r.opts.Quit = w.Close
	}
	if current != nil {
		current.detach()
		if ar := current.art; ar != nil && (strings.TrimSpace(ar.Headline) != "" || strings.TrimSpace(ar.Body) != "") {
			r.keep = ar.Clone()
		}
	}
	// Closing the window is Quit, so the open article is rescued too.
	w.SetCloseIntercept(r.Quit)

	r.message = widget.NewLabel(r.text(nil, nil))
	r.message.Wrapping = fyne.TextWrapWord
	r.choice = widget.NewSelect(nil, nil)
	r.choice.Hide()
	r.note = widget.NewLabel("")
	r.note.Wrapping = fyne.TextWrapWord
	r.restore = widget.NewButton("Restore backup", r.Restore)
	r.restore.Importance = widget.HighImportance
	r.restore.Disable()
	r.quit = widget.NewButton("Quit", r.Quit)
	body := container.NewVBox(r.message, r.choice, r.note, container.NewHBox(r.quit, r.restore))
	r.dlg = dialog.NewCustomWithoutButtons("The library is damaged", container.NewGridWrap(fyne.NewSize(560, 340), container.NewVScroll(body)), w)
	r.dlg.Show()

	r.bg(func() {
		list, err := opts.Backups()
		r.ui(func() { r.showBackups(list, err) })
	})
	return r
}

// detach stops the App from touching its store: no more autosaves or
// close-time saves into a library that refuses them.
func (a *App) detach() {
	a.closing = true
	if a.saver != nil {
		a.saver.Stop()
	}
	if a.prevT != nil {
		a.prevT.Stop()
	}
}

// text is the explanation for a reporter: what happened, that nothing
// changed, and what restoring means for their work.
func (r *Recovery) text(newest *BackupInfo, listErr error) string {
	var b strings.Builder
	b.WriteString("Copydesk checks the library file every time it starts, and this time the check found damage " +
		"(a disk or power problem can cause this). Copydesk has not changed the file, and will not save into it.\n\n")
	switch {
	case listErr != nil:
		fmt.Fprintf(&b, "The backups could not be listed (%s).", editor.OneLine(listErr.Error()))
	case newest == nil && len(r.backups) == 0 && r.backups != nil:
		b.WriteString("There is no backup to restore. Quit, keep the file, and ask for help: 'copydesk verify' shows what is wrong.")
	case newest == nil:
		b.WriteString("Looking for backups…")
	default:
		fmt.Fprintf(&b, "The newest backup is from %s. Restoring it puts the library back as it was then; "+
			"the damaged file is kept beside it, renamed, so nothing is thrown away.", backupWhen(newest.Taken))
	}
	if r.keep != nil {
		fmt.Fprintf(&b, "\n\nThe article you have open, %q, stays as you see it: after a restore it is saved into the "+
			"restored library; if you quit, it is written to a file next to the library.", articleName(r.keep))
	}
	return b.String()
}

func backupWhen(t time.Time) string {
	return t.Local().Format("Monday 2 January 2006 at 15:04")
}

func articleName(a *editor.Article) string {
	if h := strings.TrimSpace(a.Headline); h != "" {
		return h
	}
	return "Untitled"
}

func (r *Recovery) showBackups(list []BackupInfo, err error) {
	r.backups = list
	if r.backups == nil {
		r.backups = []BackupInfo{}
	}
	if err != nil || len(list) == 0 {
		r.message.SetText(r.text(nil, err))
		return
	}
	r.message.SetText(r.text(&list[0], nil))
	if len(list) > 1 {
		// Only needed when the newest backup turns out damaged as well.
		names := make([]string, len(list))
		for i, b := range list {
			names[i] = backupWhen(b.Taken)
		}
		r.choice.Options = names
		r.choice.SetSelectedIndex(0)
		r.choice.Show()
	}
	r.restore.Enable()
}

// Restore puts the chosen backup in place of the damaged library, reopens
// it in the window and saves the open article into it.
func (r *Recovery) Restore() {
	i := max(r.choice.SelectedIndex(), 0)
	if i >= len(r.backups) {
		return
	}
	backup := r.backups[i]
	r.restore.Disable()
	r.quit.Disable()
	r.note.SetText("Restoring the backup from " + backupWhen(backup.Taken) + "…")
	r.bg(func() {
		aside, err := r.opts.Restore(backup.Path)
		var store review.Library
		if err == nil {
			store, err = r.opts.Reopen()
		}
		r.ui(func() {
			if err != nil {
				log.Printf("copydesk: restore %s: %v", backup.Path, err)
				r.note.SetText("The backup could not be restored: " + editor.OneLine(err.Error()) +
					"\nChoose an older backup, or quit.")
				r.quit.Enable()
				r.restore.Enable()
				if len(r.backups) > 1 && !r.choice.Visible() {
					r.choice.Show()
				}
				return
			}
			r.reopened(store, backup, aside)
		})
	})
}

func (r *Recovery) reopened(store review.Library, backup BackupInfo, aside string) {
	r.dlg.Hide()
	a := New(r.win, store, r.opts.Options(store))
	msg := "The backup from " + backupWhen(backup.Taken) + " is back in place."
	if aside != "" {
		msg += "\nThe damaged file was kept as " + filepath.Base(aside) + "."
	}
	if r.keep != nil {
		a.adoptArticle(r.keep)
		msg += fmt.Sprintf("\n%q is open as you left it and is being saved into the restored library.", articleName(r.keep))
	}
	if r.opts.Reopened != nil {
		r.opts.Reopened(a)
	}
	dialog.ShowInformation("Library restored", msg, r.win)
}

// adoptArticle opens keep, the article that was open when the library
// turned out damaged, in the restored library: as a new revision of the
// backup's copy, or as a new article if the backup predates it. Unchanged
// text opens without a save.
func (a *App) adoptArticle(keep *editor.Article) {
	keep = keep.Clone()
	a.bg(func() {
		var stored *editor.Article
		if keep.ID > 0 {
			if s, err := a.store.Article(context.Background(), keep.ID); err == nil && s.UID == keep.UID {
				stored = s
			}
		}
		a.ui(func() {
			if stored != nil && sameText(stored, keep) {
				a.startArticle(stored)
				return
			}
			if stored != nil {
				keep.Version = stored.Version // the edit goes on top of the restored version
			} else {
				keep.ID, keep.Version = 0, 0 // the uid stays, so exports still match
			}
			a.startArticle(keep)
			a.saver.Changed()
			a.updateTitle()
		})
	})
}

// sameText reports whether two versions of an article say the same thing.
func sameText(x, y *editor.Article) bool {
	return x.Headline == y.Headline && x.Summary == y.Summary && x.Dateline == y.Dateline &&
		x.Section == y.Section && x.Body == y.Body && x.Status == y.Status && x.Slug == y.Slug &&
		x.Image == y.Image && slices.Equal(x.Byline, y.Byline) && slices.Equal(x.Tags, y.Tags) &&
		slices.Equal(x.Corrections, y.Corrections)
}

// Quit writes the open article to a Markdown file next to the library,
// so nothing typed is lost with the damaged file, says where, then quits.
func (r *Recovery) Quit() {
	quit := func() {
		r.win.SetCloseIntercept(nil)
		r.opts.Quit()
	}
	if r.keep == nil || r.opts.RescueDir == "" {
		quit()
		return
	}
	path, err := rescueArticle(r.opts.RescueDir, r.keep, time.Now())
	if err != nil {
		log.Printf("copydesk: %v", err)
		r.note.SetText("The open article could not be written to a file (" + editor.OneLine(err.Error()) + "). Copy its text before quitting.")
		r.keep = nil // a second Quit goes through
		return
	}
	r.keep = nil
	r.Rescued = path
	log.Printf("copydesk: the open article was written to %s", path)
	r.dlg.Hide()
	info := dialog.NewInformation("Your article is kept",
		"The article you had open was written to\n"+path+"\n\n'copydesk import' brings it into a library.", r.win)
	info.SetOnClosed(quit)
	info.Show()
}

// rescueArticle writes a as Markdown with front matter, the format
// 'copydesk import' reads back, under a name that never overwrites.
func rescueArticle(dir string, a *editor.Article, now time.Time) (string, error) {
	name := editor.Slugify(a.Headline)
	if name == "" {
		name = "article"
	}
	f, err := os.CreateTemp(dir, "unsaved-"+name+"-"+now.Format("20060102-150405")+"-*.md")
	if err != nil {
		return "", fmt.Errorf("keep the open article: %w", err)
	}
	if err := editor.WriteMarkdown(f, a); err != nil {
		f.Close()
		return "", fmt.Errorf("keep the open article: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return "", fmt.Errorf("keep the open article: %w", err)
	}
	return f.Name(), f.Close()
}
