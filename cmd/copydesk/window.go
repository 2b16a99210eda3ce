package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime/debug"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"copydesk/app"
	"copydesk/assets"
	"copydesk/editor"
	"copydesk/editor/review"
	"copydesk/storage"
)

// appID is the desktop application ID (FyneApp.toml and the .desktop file
// use the same); Fyne keeps preferences under it.
const appID = "org.appletontimes.copydesk"

// runWindow shows the window at once and opens the library behind it.
// The article appears as soon as it can be read: the integrity check and
// the day's backup run in the background (storage.CheckInBackground), and
// saves wait for the check. If the check finds damage, the window offers
// to restore a backup instead of exiting.
func runWindow(ctx context.Context, e *env) error {
	path, err := e.libraryPath()
	if err != nil {
		return err
	}
	fa := fyneapp.NewWithID(appID)
	fa.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG))
	w := fa.NewWindow("Copydesk")
	w.Resize(fyne.NewSize(1280, 860))
	s := newWindowSession(ctx, path, w)
	s.stderr = e.stderr
	s.readyFile = os.Getenv(readyFileEnv)
	go s.open()
	w.ShowAndRun()
	if err := s.close(); err != nil {
		return err
	}
	return s.err // main prints it too, for scripts and terminals
}

// windowSession is the window's hold on the library: which DB is open, the
// App showing it, and the recovery when the library turns out damaged.
// Its fields belong to the UI goroutine (do); open runs off it.
type windowSession struct {
	ctx    context.Context
	path   string
	win    fyne.Window
	stderr io.Writer
	// goFn and do are go and fyne.Do; tests run the UI part on their own
	// goroutine instead.
	goFn func(func())
	do   func(func())
	// options adjusts the App's options (tests: clock and goroutine hops).
	options func(app.Options) app.Options
	// readyFile, if set, is created once the first article is shown and
	// laid out (app.Options.Ready) and the library's start-up check and
	// backup are done, so saves go through: what real-window tests wait for.
	readyFile string
	readyLeft int // of those two

	progress *widget.ProgressBarInfinite
	db       *storage.DB
	app      *app.App
	recovery *app.Recovery
	err      error // why the library could not be opened at all
}

func newWindowSession(ctx context.Context, path string, w fyne.Window) *windowSession {
	s := &windowSession{ctx: ctx, path: path, win: w, stderr: io.Discard, readyLeft: 2,
		goFn: func(f func()) { go f() }, do: fyne.Do, options: func(o app.Options) app.Options { return o }}
	s.progress = widget.NewProgressBarInfinite()
	w.SetContent(container.NewCenter(container.NewVBox(widget.NewLabel("Opening the library…"), s.progress)))
	return s
}

// open opens the library; call it off the UI goroutine.
func (s *windowSession) open() {
	d, err := storage.Open(s.ctx, s.path, windowOpenOptions()...)
	s.do(func() { s.opened(d, d.BackgroundErrors(), err) })
}

func (s *windowSession) opened(d *storage.DB, events <-chan error, err error) {
	s.progress.Stop()
	switch {
	case errors.Is(err, storage.ErrDamaged):
		log.Printf("copydesk: %v", err)
		s.recover(nil)
	case err != nil:
		s.err = err
		msg := widget.NewLabel("The library could not be opened:\n\n" + editor.OneLine(err.Error()) + "\n\nRun 'copydesk verify' for details.")
		msg.Wrapping = fyne.TextWrapWord
		s.win.SetContent(container.NewPadded(container.NewBorder(nil, widget.NewButton("Quit", s.win.Close), nil, nil, msg)))
	default:
		s.db = d
		s.app = app.New(s.win, d, s.appOptions(d))
		s.watch(d, events)
		// As the CLI does (openStore): name the person from the account if
		// nobody has. It writes, so it waits for the check, off the UI
		// goroutine; the open window picks the name up on its next start.
		s.goFn(func() {
			if err := ensurePerson(s.ctx, d); err != nil {
				log.Printf("copydesk: %v", err)
			}
		})
		// The first queries leave garbage behind; hand it back before the
		// window settles in for the day.
		debug.FreeOSMemory()
	}
}

func (s *windowSession) appOptions(store review.Library) app.Options {
	opts := windowOptions()
	if db, ok := store.(*storage.DB); ok {
		opts.Site = siteExporter(db)
		opts.Desk = windowDesk{db: db}
	}
	opts.Ready = s.readyStep
	return s.options(opts)
}

// readyStep records one part of being ready (on the UI goroutine) and
// creates readyFile when both are done.
func (s *windowSession) readyStep() {
	s.readyLeft--
	if s.readyLeft != 0 || s.readyFile == "" {
		return
	}
	if err := os.WriteFile(s.readyFile, []byte("ready\n"), 0o644); err != nil {
		log.Printf("copydesk: %v", err)
	}
}

// readyFileEnv names the file the window creates when it is ready for
// input; tests that drive the real window set it.
const readyFileEnv = "COPYDESK_READY_FILE"

// watch reports what d's background check and backup find.
func (s *windowSession) watch(d *storage.DB, events <-chan error) {
	s.goFn(func() {
		for err := range events {
			s.do(func() { s.background(d, err) })
		}
		// The check and the backup are done: on a large library they
		// leave tens of megabytes of freed heap resident.
		debug.FreeOSMemory()
		s.do(s.readyStep)
	})
}

func (s *windowSession) background(d *storage.DB, err error) {
	if d != s.db {
		return // a library the window has already let go of
	}
	log.Printf("copydesk: %v", err)
	switch {
	case errors.Is(err, storage.ErrDamaged):
		s.recover(s.app)
	case errors.Is(err, storage.ErrBackupFailed):
		fmt.Fprintf(s.stderr, "copydesk: warning: %v\n", editor.OneLine(err.Error()))
		dialog.ShowInformation("Backup not made",
			"Today's automatic backup of the library could not be written:\n"+editor.OneLine(err.Error())+
				"\n\nYour work is saved as usual; the next start tries again.", s.win)
	default:
		dialog.ShowError(fmt.Errorf("the library could not be checked, so nothing is saved to it (%s); quit and start Copydesk again", editor.OneLine(err.Error())), s.win)
	}
}

// recover shows the recovery dialog over the window; current is the App
// on the damaged library, or nil if there is none yet.
func (s *windowSession) recover(current *app.App) {
	damaged := s.db
	var reopened *storage.DB
	var reopenedEvents <-chan error
	s.recovery = app.ShowRecovery(s.win, current, app.RecoveryOptions{
		Backups: func() ([]app.BackupInfo, error) { return backupInfos(s.path) },
		Restore: func(backup string) (string, error) {
			if damaged != nil {
				damaged.Close() // Recover renames the files; nothing may hold them
			}
			return storage.Recover(s.ctx, s.path, backup)
		},
		Reopen: func() (review.Library, error) {
			d, err := storage.Open(s.ctx, s.path, windowOpenOptions()...)
			if err != nil {
				return nil, err
			}
			reopened, reopenedEvents = d, d.BackgroundErrors()
			return d, nil
		},
		Reopened: func(a *app.App) {
			s.db, s.app = reopened, a
			s.watch(reopened, reopenedEvents)
		},
		Options:   s.appOptions,
		RescueDir: filepath.Dir(s.path),
	})
}

// close closes the open library when the window has gone.
func (s *windowSession) close() error {
	if s.db == nil {
		return nil
	}
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close library: %w", err)
	}
	return nil
}

// backupInfos lists the library's backups, newest first, dated by when
// each was written.
func backupInfos(path string) ([]app.BackupInfo, error) {
	paths, err := storage.Backups(path)
	if err != nil {
		return nil, err
	}
	out := make([]app.BackupInfo, 0, len(paths))
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			continue // pruned meanwhile
		}
		out = append(out, app.BackupInfo{Path: p, Taken: fi.ModTime()})
	}
	return out, nil
}

// windowOptions are the window's options in the program; tests add their
// clock and goroutine hops.
func windowOptions() app.Options {
	return app.Options{Version: Version}
}
