package app

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"copydesk/app/bodyedit"
	"copydesk/editor"
	"copydesk/editor/review"
)

// recoveryFakes records what the dialog asked of the library.
type recoveryFakes struct {
	backups    []BackupInfo
	restored   []string
	restoreErr error
	reopened   *fakeStore
	reopens    int
	newApp     *App
	quits      int
}

func (f *recoveryFakes) options(h *harness, rescueDir string) RecoveryOptions {
	return RecoveryOptions{
		Backups: func() ([]BackupInfo, error) { return f.backups, nil },
		Restore: func(path string) (string, error) {
			if f.restoreErr != nil {
				return "", f.restoreErr
			}
			f.restored = append(f.restored, path)
			return "/lib/library.db.damaged-20261129T050000.000Z", nil
		},
		Reopen: func() (review.Library, error) {
			f.reopens++
			return f.reopened, nil
		},
		Reopened: func(a *App) { f.newApp = a },
		Options: func(review.Library) Options {
			return Options{
				Clock: h.clock,
				Go:    func(fn func()) { h.queue = append(h.queue, fn) },
				Do:    func(fn func()) { fn() },
				Prefs: fyne.CurrentApp().Preferences(),
			}
		},
		RescueDir: rescueDir,
		Quit:      func() { f.quits++ },
	}
}

var (
	newestBackup = BackupInfo{Path: "/lib/backups/library-2026-11-29.db", Taken: time.Date(2026, 11, 29, 4, 12, 0, 0, time.Local)}
	olderBackup  = BackupInfo{Path: "/lib/backups/library-2026-11-28.db", Taken: time.Date(2026, 11, 28, 8, 30, 0, 0, time.Local)}
)

// damagedWindow is a window editing "Flood waters rise" whose latest
// typing the library refused because it is damaged.
func damagedWindow(t *testing.T) (h *harness, backupCopy *editor.Article, typed string) {
	t.Helper()
	store := newFakeStore()
	backupCopy = store.put(&editor.Article{Headline: "Flood waters rise", Body: "The river crested.", Section: "Local", Status: editor.StatusDraft})
	// A real uid, so the Markdown that Quit writes reads back.
	backupCopy.UID = "3f2b8c1e-5d4a-4e2f-9b7c-1a2b3c4d5e6f"
	store.arts[backupCopy.ID].UID = backupCopy.UID
	h = newHarness(t, store)
	if h.app.art.ID != backupCopy.ID {
		t.Fatalf("window opened article %d, want %d", h.app.art.ID, backupCopy.ID)
	}
	store.saveErr = editor.ErrDamaged
	test.Type(h.app.body.Object().(*bodyedit.Editor), " Sandbags are out.")
	h.advance(time.Second)
	if !h.app.saver.Dirty() {
		t.Fatal("precondition: the typing should be unsaved")
	}
	typed = h.app.art.Body
	if typed == backupCopy.Body || !strings.Contains(typed, "Sandbags are out.") {
		t.Fatalf("precondition: typing gave %q", typed)
	}
	return h, backupCopy, typed
}

func TestRecoveryRestoresBackupAndKeepsTheOpenArticle(t *testing.T) {
	tests := []struct {
		name      string
		inBackup  bool // the restored library has the open article (at its older text)
		wantID    int64
		wantVer   int64
		wantSaves int
	}{
		{"article in the backup gets a new revision", true, 1, 2, 1},
		{"article newer than the backup is saved as new", false, 1, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, backupCopy, typed := damagedWindow(t)
			damagedStore := h.store
			f := &recoveryFakes{backups: []BackupInfo{newestBackup, olderBackup}, reopened: newFakeStore()}
			if tt.inBackup {
				f.reopened.arts[backupCopy.ID] = backupCopy.Clone()
				f.reopened.next = backupCopy.ID
			}
			r := ShowRecovery(h.win, h.app, f.options(h, t.TempDir()))
			h.drain()

			msg := r.message.Text
			for _, want := range []string{"found damage", "has not changed the file", backupWhen(newestBackup.Taken), `"Flood waters rise"`} {
				if !strings.Contains(msg, want) {
					t.Errorf("message lacks %q:\n%s", want, msg)
				}
			}
			if r.restore.Disabled() || !r.choice.Visible() || r.choice.SelectedIndex() != 0 {
				t.Fatalf("restore disabled %v, backup choice visible %v at %d; want the newest offered", r.restore.Disabled(), r.choice.Visible(), r.choice.SelectedIndex())
			}
			// The damaged library gets no more save attempts.
			before := h.store.saves
			damagedStore.saveErr = nil
			h.advance(30 * time.Second)
			if damagedStore.saves != before {
				t.Fatalf("the window saved %d times into the damaged library after the dialog opened", damagedStore.saves-before)
			}

			test.Tap(r.restore)
			h.drain()
			if len(f.restored) != 1 || f.restored[0] != newestBackup.Path || f.reopens != 1 {
				t.Fatalf("restored %q, reopened %d times; want the newest backup once", f.restored, f.reopens)
			}
			if f.newApp == nil || h.win.Content() != f.newApp.content {
				t.Fatal("the window was not rebuilt on the restored library")
			}
			if got := f.newApp.art.Body; got != typed {
				t.Fatalf("open article after restore = %q, want the unsaved text", got)
			}
			h.advance(2 * time.Second)
			if f.reopened.saves != tt.wantSaves {
				t.Fatalf("saves into the restored library = %d, want %d", f.reopened.saves, tt.wantSaves)
			}
			got := f.reopened.get(tt.wantID)
			if got.Body != typed || got.Version != tt.wantVer || got.Headline != "Flood waters rise" {
				t.Errorf("restored library holds %q version %d", got.Body, got.Version)
			}
			// (The fake store makes up uids; cmd/copydesk's real-library
			// test checks that a re-created article keeps its own.)
			if s := f.newApp.status.save.Text; s != "Saved" {
				t.Errorf("status after restore = %q", s)
			}
			if f.quits != 0 {
				t.Error("restore quit the program")
			}
		})
	}
}

func TestRecoveryRestoreFailureKeepsTheChoice(t *testing.T) {
	h, _, typed := damagedWindow(t)
	f := &recoveryFakes{backups: []BackupInfo{newestBackup}, reopened: newFakeStore(),
		restoreErr: errors.New("recover from x: the backup is damaged too: library file is damaged")}
	r := ShowRecovery(h.win, h.app, f.options(h, t.TempDir()))
	h.drain()
	test.Tap(r.restore)
	h.drain()
	if f.reopens != 0 || f.newApp != nil {
		t.Fatal("a failed restore reopened the library")
	}
	if !strings.Contains(r.note.Text, "could not be restored") || !strings.Contains(r.note.Text, "damaged too") {
		t.Errorf("note = %q", r.note.Text)
	}
	if r.restore.Disabled() || r.quit.Disabled() {
		t.Error("buttons stay disabled after a failed restore")
	}
	if h.app.art.Body != typed {
		t.Errorf("open article changed to %q", h.app.art.Body)
	}
}

func TestRecoveryQuitWritesTheOpenArticle(t *testing.T) {
	h, _, typed := damagedWindow(t)
	dir := t.TempDir()
	f := &recoveryFakes{backups: nil, reopened: newFakeStore()}
	r := ShowRecovery(h.win, h.app, f.options(h, dir))
	h.drain()
	if !strings.Contains(r.message.Text, "There is no backup") || !r.restore.Disabled() {
		t.Fatalf("without backups: restore disabled %v, message:\n%s", r.restore.Disabled(), r.message.Text)
	}
	test.Tap(r.quit)
	if r.Rescued == "" {
		t.Fatal("Quit did not keep the open article")
	}
	b, err := os.ReadFile(r.Rescued)
	if err != nil {
		t.Fatal(err)
	}
	back, err := editor.ParseMarkdown(b)
	if err != nil {
		t.Fatalf("the kept file does not read back: %v", err)
	}
	if back.Headline != "Flood waters rise" || back.Body != typed {
		t.Errorf("kept file holds %q / %q", back.Headline, back.Body)
	}
	if f.quits != 0 {
		t.Fatal("quit before the person saw where the article went")
	}
	ok := findButton(h.win.Canvas().Overlays().Top(), "OK")
	if ok == nil {
		t.Fatal("no OK button on the notice saying where the article went")
	}
	test.Tap(ok)
	if f.quits != 1 {
		t.Fatalf("quits = %d after the notice, want 1", f.quits)
	}
}

func TestRecoveryWithoutAnOpenWindow(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(widget.NewLabel("Checking and opening the library…"))
	t.Cleanup(w.Close)
	h := &harness{t: t, clock: newFakeClock(), win: w}
	f := &recoveryFakes{backups: []BackupInfo{newestBackup}, reopened: newFakeStore()}
	f.reopened.put(&editor.Article{Headline: "From the backup", Body: "Old text.", Status: editor.StatusDraft})
	r := ShowRecovery(w, nil, f.options(h, t.TempDir()))
	h.drain()
	if strings.Contains(r.message.Text, "article you have open") {
		t.Errorf("message mentions an open article when there is none:\n%s", r.message.Text)
	}
	test.Tap(r.restore)
	h.drain()
	if f.newApp == nil || f.newApp.art.Headline != "From the backup" {
		t.Fatal("the restored library did not open in the window")
	}
	if f.reopened.saves != 1 { // only the put above
		t.Errorf("saves = %d; opening the restored library must not write", f.reopened.saves)
	}
}

func findButton(o fyne.CanvasObject, text string) *widget.Button {
	b, _ := findObject(o, func(o fyne.CanvasObject) bool {
		b, ok := o.(*widget.Button)
		return ok && b.Text == text
	}).(*widget.Button)
	return b
}

// findObject returns the first object under o (o included) that match
// accepts, walking containers and widgets' renderers; nil if none does.
func findObject(o fyne.CanvasObject, match func(fyne.CanvasObject) bool) fyne.CanvasObject {
	if o == nil {
		return nil
	}
	if match(o) {
		return o
	}
	var kids []fyne.CanvasObject
	switch t := o.(type) {
	case *fyne.Container:
		kids = t.Objects
	case fyne.Widget:
		kids = test.WidgetRenderer(t).Objects()
	}
	for _, k := range kids {
		if f := findObject(k, match); f != nil {
			return f
		}
	}
	return nil
}
