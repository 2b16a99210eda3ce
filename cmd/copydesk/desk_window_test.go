package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"copydesk/app"
	"copydesk/editor"
	"copydesk/storage"
)

// deskLibrary opens a library in a temp folder with a person named, as
// joining a desk requires.
func deskLibrary(t *testing.T, name string) *storage.DB {
	t.Helper()
	ctx := context.Background()
	db, err := storage.Open(ctx, filepath.Join(t.TempDir(), name+".db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s, err := db.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.PersonName, s.PersonEmail = name, strings.ToLower(name)+"@appletontimes.example"
	if err := db.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	return db
}

func bareRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("the test needs the git binary to make the bare repository")
	}
	dir := filepath.Join(t.TempDir(), "desk.git")
	if out, err := exec.Command("git", "init", "--bare", "-q", "-b", "main", dir).CombinedOutput(); err != nil {
		t.Fatalf("git init --bare: %v\n%s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("git", "--git-dir", dir, "fsck", "--strict", "--no-progress").CombinedOutput(); err != nil {
			t.Errorf("git fsck --strict: %v\n%s", err, out)
		}
	})
	return dir
}

// openDeskWindow is the window on db with its desk, running everything
// in order on the test goroutine.
func openDeskWindow(db *storage.DB, clock *stepClock) (fyne.Window, *app.App) {
	w := test.NewWindow(nil)
	opts := windowOptions()
	opts.Clock, opts.Desk = clock, windowDesk{db}
	opts.Go = func(f func()) { f() }
	opts.Do = func(f func()) { f() }
	a := app.New(w, db, opts)
	w.Resize(fyne.NewSize(1280, 860))
	return w, a
}

func menuAction(t *testing.T, w fyne.Window, menu, label string) func() {
	t.Helper()
	for _, m := range w.MainMenu().Items {
		if m.Label != menu {
			continue
		}
		for _, it := range m.Items {
			if it.Label == label {
				return it.Action
			}
		}
	}
	t.Fatalf("menu %s ▸ %s not found", menu, label)
	return nil
}

func deskLabel(w fyne.Window) string {
	var text string
	walk(w.Content(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && strings.HasPrefix(l.Text, "Desk:") {
			text = l.Text
		}
	})
	return text
}

func overlayButton(w fyne.Window, label string) *widget.Button {
	var found *widget.Button
	if top := w.Canvas().Overlays().Top(); top != nil {
		walk(top, func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Text == label {
				found = b
			}
		})
	}
	return found
}

// TestDeskWindowSyncsWithRealDesk runs the window on one library against
// a bare repository that a second library also syncs with: the window's
// saves go out after the burst, the other machine's articles and edits
// come in through Desk ▸ Sync now, the open article follows them, and
// typing not yet saved is never replaced without a choice.
func TestDeskWindowSyncsWithRealDesk(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()
	bare := bareRepo(t)
	mine, theirs := deskLibrary(t, "Ana"), deskLibrary(t, "Ben")
	if _, err := (windowDesk{mine}).Join(ctx, bare); err != nil {
		t.Fatalf("join (this window's library): %v", err)
	}
	other := windowDesk{theirs}
	if _, err := other.Join(ctx, bare); err != nil {
		t.Fatalf("join (the other library): %v", err)
	}

	clock := &stepClock{now: time.Now()}
	w, a := openDeskWindow(mine, clock)
	if got := deskLabel(w); got != "Desk: synced just now" {
		t.Fatalf("status bar after join = %q", got)
	}

	// A save burst here goes out on its own a few seconds later.
	test.Type(findEntry(w.Content(), "Headline"), "Ice storm closes schools")
	clock.advance(2 * time.Second)
	if a.SaveStatus().String() != "Saved" {
		t.Fatalf("save status = %q", a.SaveStatus())
	}
	clock.advance(10 * time.Second)
	if _, err := other.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	got, err := theirs.Search(ctx, editor.Filter{Query: "storm"})
	if err != nil || len(got) != 1 {
		t.Fatalf("the other library after the window's burst: %v, %v", got, err)
	}
	uid := a.Article().UID

	// An article written on the other machine arrives in the library list.
	if err := theirs.Save(ctx, &editor.Article{Headline: "Library levy passes", Status: editor.StatusDraft, Body: "Voters said yes.\n"}); err != nil {
		t.Fatal(err)
	}
	// The other machine retitles the open article.
	theirArt, err := theirs.Article(ctx, got[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	theirArt.Headline = "Ice storm closes every school"
	if err := theirs.Save(ctx, theirArt); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	// The window's clock runs ahead of the desk's, which stamps syncs with
	// the real time: by half a minute, so "N min ago" is N whatever the
	// sync costs.
	clock.now = time.Now().Add(30 * time.Second)
	menuAction(t, w, "Desk", "Sync now")()
	if !slices.ContainsFunc(a.LibraryRows(), func(r string) bool { return strings.Contains(r, "Library levy passes") }) {
		t.Fatalf("the arrived article is not in the library list: %q", a.LibraryRows())
	}
	if h := findEntry(w.Content(), "Headline").Text; h != "Ice storm closes every school" {
		t.Fatalf("open article's headline after sync = %q", h)
	}
	if got := deskLabel(w); got != "Desk: synced just now" {
		t.Fatalf("status bar after sync = %q", got)
	}
	clock.advance(2 * time.Minute)
	if got := deskLabel(w); got != "Desk: synced 2 min ago" {
		t.Fatalf("status bar two minutes later = %q", got)
	}

	// Typing here, not yet saved, while the other machine changes the body:
	// the sync asks, and both versions stay until the person chooses.
	test.Type(findEntry(w.Content(), "Summary: the dek under the byline"), "Roads are glazed.")
	theirArt, err = theirs.Article(ctx, got[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	theirArt.Body = "Freezing rain glazed Appleton overnight.\n"
	if err := theirs.Save(ctx, theirArt); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	menuAction(t, w, "Desk", "Sync now")()
	keep := overlayButton(w, "Keep mine")
	if keep == nil {
		t.Fatal("no version choice after the open article changed under unsaved typing")
	}
	if a.Article().Summary != "Roads are glazed." {
		t.Fatalf("unsaved typing replaced: summary %q", a.Article().Summary)
	}
	// The autosaver's next tick waits for the choice rather than asking twice.
	clock.advance(3 * time.Second)
	if n := len(w.Canvas().Overlays().List()); n != 1 {
		t.Fatalf("%d dialogs open while the choice waits, want 1", n)
	}
	test.Tap(keep)
	clock.advance(2 * time.Second)
	stored, err := mine.Article(ctx, a.Article().ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Summary != "Roads are glazed." || stored.UID != uid {
		t.Fatalf("after keep mine: stored summary %q uid %q (want %q)", stored.Summary, stored.UID, uid)
	}

	// With the desk out of reach, the next save's sync keeps the change
	// waiting and says so.
	if err := os.Rename(bare, bare+".away"); err != nil {
		t.Fatal(err)
	}
	test.Type(findEntry(w.Content(), "Summary: the dek under the byline"), " Crews are out.")
	clock.advance(12 * time.Second)
	if err := os.Rename(bare+".away", bare); err != nil {
		t.Fatal(err)
	}
	if got := deskLabel(w); got != "Desk: offline, 1 waiting" {
		t.Fatalf("status bar with the desk away = %q", got)
	}
	clock.now = time.Now() // back in step with the desk's stamps
	menuAction(t, w, "Desk", "Sync now")()
	if got := deskLabel(w); got != "Desk: synced just now" {
		t.Fatalf("status bar once the desk is back = %q", got)
	}
}

// TestDeskWindowReporterCannotApprove: on a desk, a reporter's Workflow
// tab refuses the move to approved with the reason, and the article
// stays where it was.
func TestDeskWindowReporterCannotApprove(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()
	db := deskLibrary(t, "Ana")
	ar := &editor.Article{Headline: "Council delays budget vote", Status: editor.StatusEditing, Body: "The council met.\n"}
	if err := db.Save(ctx, ar); err != nil {
		t.Fatal(err)
	}
	// Whoever starts a desk is its editor: Ben starts this one, and Ana
	// joins as a reporter.
	bare := bareRepo(t)
	if _, err := (windowDesk{deskLibrary(t, "Ben")}).Join(ctx, bare); err != nil {
		t.Fatal(err)
	}
	if _, err := (windowDesk{db}).Join(ctx, bare); err != nil {
		t.Fatal(err)
	}
	w, _ := openDeskWindow(db, &stepClock{now: time.Now()})

	var flow fyne.CanvasObject
	walk(w.Content(), func(o fyne.CanvasObject) {
		if tabs, ok := o.(*container.AppTabs); ok {
			for _, ti := range tabs.Items {
				if ti.Text == "Workflow" {
					tabs.Select(ti)
					flow = ti.Content
				}
			}
		}
	})
	if flow == nil {
		t.Fatal("no Workflow tab")
	}
	var moveTo *widget.Select
	var move *widget.Button
	walk(flow, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Select:
			if x.PlaceHolder == "Move to…" {
				moveTo = x
			}
		case *widget.Button:
			if x.Text == "Move" {
				move = x
			}
		}
	})
	if moveTo == nil || move == nil {
		t.Fatal("move controls not found in the Workflow tab")
	}
	moveTo.SetSelected(string(editor.StatusApproved))
	test.Tap(move)
	var said string
	walk(flow, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "editor") {
			said = l.Text
		}
	})
	if !strings.Contains(said, "Only an editor of the desk can move an article to approved") {
		var labels []string
		walk(flow, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok {
				labels = append(labels, l.Text)
			}
		})
		t.Fatalf("the window said %q (move disabled %v, options %v, labels %q)", said, move.Disabled(), moveTo.Options, labels)
	}
	stored, err := db.Article(ctx, ar.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Status != editor.StatusEditing {
		t.Fatalf("status after the refused move = %s", stored.Status)
	}
}

// TestDeskWindowJoinAndLeave joins a desk through Desk ▸ Join… and leaves
// it through Desk ▸ Leave…, as a person would.
func TestDeskWindowJoinAndLeave(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()
	db := deskLibrary(t, "Ana")
	ar := &editor.Article{Headline: "Levy vote set for May", Status: editor.StatusDraft, Body: "The board agreed.\n"}
	if err := db.Save(ctx, ar); err != nil {
		t.Fatal(err)
	}
	bare := bareRepo(t)
	w, _ := openDeskWindow(db, &stepClock{now: time.Now()})
	if got := deskLabel(w); got != "" {
		t.Fatalf("status bar before joining = %q", got)
	}

	menuAction(t, w, "Desk", "Join…")()
	var url *widget.Entry
	walk(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && strings.HasPrefix(e.PlaceHolder, "/srv/desk.git") {
			url = e
		}
	})
	join := overlayButton(w, "Join")
	if url == nil || join == nil {
		t.Fatal("the join dialog has no URL entry or Join button")
	}
	test.Type(url, bare)
	test.Tap(join)
	if got := deskLabel(w); got != "Desk: synced just now" {
		t.Fatalf("status bar after joining = %q", got)
	}
	out, err := exec.Command("git", "--git-dir", bare, "log", "--format=%an", "main").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Ana") {
		t.Fatalf("the desk's history after joining: %v\n%s", err, out)
	}

	menuAction(t, w, "Desk", "Leave…")()
	yes := overlayButton(w, "Yes")
	if yes == nil {
		t.Fatal("no confirmation before leaving")
	}
	test.Tap(yes)
	if got := deskLabel(w); got != "" {
		t.Fatalf("status bar after leaving = %q", got)
	}
	if _, err := db.DeskState(ctx); err == nil {
		t.Fatal("the library still names a desk after leaving")
	}
	if _, err := db.Article(ctx, ar.ID); err != nil {
		t.Fatalf("the article after leaving: %v", err)
	}
}
