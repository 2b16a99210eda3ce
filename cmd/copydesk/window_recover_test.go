package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"copydesk/app"
	"copydesk/editor"
	"copydesk/storage"
)

// uiLoop runs the window session's UI work on the test goroutine, so the
// test decides when it happens and nothing races with its checks.
type uiLoop struct {
	t     *testing.T
	queue chan func()
}

func (l *uiLoop) do(f func()) { l.queue <- f }

// until runs queued UI work until cond holds. The deadline only keeps a
// broken build from hanging CI; nothing is measured against it.
func (l *uiLoop) until(what string, cond func() bool) {
	l.t.Helper()
	deadline := time.After(2 * time.Minute)
	for !cond() {
		select {
		case f := <-l.queue:
			f()
		case <-deadline:
			l.t.Fatalf("gave up waiting for %s", what)
		}
	}
}

func hashFile(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// TestWindowRecoversDamagedLibrary runs the window's start-up path
// (windowSession, as runWindow does) on a real library damaged after its
// day's backup: the window must open, never write the damaged file, offer
// the backup, restore it with the damaged file kept aside, and save the
// article that was open, which the backup predates, into the restored
// library.
func TestWindowRecoversDamagedLibrary(t *testing.T) {
	tests := []struct {
		name    string
		damage  func(t *testing.T, path string, pages int64)
		atStart bool // found before the window could show the library
	}{
		{"pages in the middle, found in the background", func(t *testing.T, path string, pages int64) {
			for p := pages / 3; p < pages/3+4; p++ {
				smash(t, path, p*4096, 64)
			}
		}, false},
		{"file header, found at start", func(t *testing.T, path string, pages int64) {
			smash(t, path, 0, 100)
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			test.NewTempApp(t)
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "library.db")

			// A library with its day's backup, then one more article the
			// backup does not have.
			d, err := storage.Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			for i := range 40 {
				a := &editor.Article{Headline: fmt.Sprintf("Council story %d", i), Body: strings.Repeat(fmt.Sprintf("Paragraph %d about the budget. ", i), 200), Status: editor.StatusDraft}
				if err := d.Save(ctx, a); err != nil {
					t.Fatal(err)
				}
			}
			if err := d.Close(); err != nil {
				t.Fatal(err)
			}
			if d, err = storage.Open(ctx, path, storage.WithStartupCheck(storage.CheckBeforeOpen), storage.WithDailyBackup()); err != nil { // the day's backup
				t.Fatal(err)
			}
			backups, err := storage.Backups(path)
			if err != nil || len(backups) != 1 {
				t.Fatalf("backups = %q, %v", backups, err)
			}
			late := &editor.Article{Headline: "Bridge reopens after repairs", Body: "Traffic moved again on Monday.", Status: editor.StatusDraft}
			if err := d.Save(ctx, late); err != nil {
				t.Fatal(err)
			}
			if err := d.Close(); err != nil {
				t.Fatal(err)
			}
			fyne.CurrentApp().Preferences().SetInt("article.last", int(late.ID))
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			tt.damage(t, path, fi.Size()/4096)
			damaged := hashFile(t, path)

			w := test.NewWindow(nil)
			defer w.Close()
			w.Resize(fyne.NewSize(1280, 860))
			loop := &uiLoop{t: t, queue: make(chan func(), 64)}
			clock := &stepClock{now: time.Now()}
			s := newWindowSession(ctx, path, w)
			s.do = loop.do
			s.options = func(o app.Options) app.Options {
				o.Clock = clock
				o.Do = loop.do
				return o
			}
			defer s.close()
			go s.open()

			if !tt.atStart {
				loop.until("the window to show the library", func() bool { return s.app != nil })
				if got := s.app.Article(); got.ID != late.ID || got.Body != late.Body {
					t.Fatalf("window opened %d %q, want the last article", got.ID, got.Body)
				}
				// Typing before the check's verdict arrives: kept in memory.
				headline := findEntry(w.Content(), "Headline")
				if headline == nil {
					t.Fatal("no headline entry")
				}
				headline.SetText("Bridge reopens after six weeks of repairs")
				clock.advance(2 * time.Second) // autosave tries; the gate refuses
			}
			loop.until("the recovery dialog", func() bool { return s.recovery != nil })
			restore := findButton(w.Canvas().Overlays().Top(), "Restore backup")
			loop.until("the backup list", func() bool { return restore != nil && !restore.Disabled() })
			if hashFile(t, path) != damaged {
				t.Fatal("the damaged library file was written to")
			}
			text := labelsText(w.Canvas().Overlays().Top())
			for _, want := range []string{"found damage", "has not changed the file", "The newest backup is from"} {
				if !strings.Contains(text, want) {
					t.Errorf("dialog lacks %q:\n%s", want, text)
				}
			}

			old := s.app
			test.Tap(restore)
			loop.until("the restored library in the window", func() bool { return s.app != nil && s.app != old })
			asides, _ := filepath.Glob(path + ".damaged-*")
			var kept bool
			for _, p := range asides {
				if !strings.HasSuffix(p, "-wal") && !strings.HasSuffix(p, "-shm") && hashFile(t, p) == damaged {
					kept = true
				}
			}
			if !kept {
				t.Fatalf("the damaged file was not kept aside unchanged (found %q)", asides)
			}
			if rep, err := storage.Verify(ctx, path); err != nil || !rep.OK() {
				t.Fatalf("restored library: %+v, %v", rep, err)
			}
			n, err := s.db.Count(ctx, editor.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			if tt.atStart {
				if n != 40 {
					t.Fatalf("restored library has %d articles, want the backup's 40", n)
				}
				return
			}
			// The open article, newer than the backup, is saved into it.
			loop.until("the kept article to be saved", func() bool {
				clock.advance(time.Second)
				a, err := s.db.Resolve(ctx, late.UID)
				return err == nil && a.Headline == "Bridge reopens after six weeks of repairs"
			})
			got, err := s.db.Resolve(ctx, late.UID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Body != late.Body {
				t.Errorf("kept article body = %q", got.Body)
			}
			if n, err := s.db.Count(ctx, editor.Filter{}); err != nil || n != 41 {
				t.Errorf("restored library has %d articles (%v), want the backup's 40 and the kept one", n, err)
			}
		})
	}
}

func smash(t *testing.T, path string, off int64, n int) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xA5, 0x17}, n/2), off); err != nil {
		t.Fatal(err)
	}
}

func findButton(o fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	if o == nil {
		return nil
	}
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
	})
	return found
}

func labelsText(o fyne.CanvasObject) string {
	var b strings.Builder
	if o == nil {
		return ""
	}
	walk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
	})
	return b.String()
}
