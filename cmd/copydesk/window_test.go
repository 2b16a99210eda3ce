package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"copydesk/app"
	"copydesk/app/bodyedit"
	"copydesk/editor"
	"copydesk/storage"
)

// stepClock is an app.Clock whose timers fire only in advance(), on the
// test goroutine, so the window runs deterministically against a real library.
type stepClock struct {
	now    time.Time
	timers []*stepTimer
}

type stepTimer struct {
	at   time.Time
	f    func()
	done bool
}

func (t *stepTimer) Stop() bool { was := !t.done; t.done = true; return was }

func (c *stepClock) Now() time.Time { return c.now }

func (c *stepClock) AfterFunc(d time.Duration, f func()) app.Timer {
	t := &stepTimer{at: c.now.Add(d), f: f}
	c.timers = append(c.timers, t)
	return t
}

func (c *stepClock) advance(d time.Duration) {
	end := c.now.Add(d)
	for {
		var next *stepTimer
		for _, t := range c.timers {
			if !t.done && !t.at.After(end) && (next == nil || t.at.Before(next.at)) {
				next = t
			}
		}
		if next == nil {
			break
		}
		next.done = true
		c.now = next.at
		next.f()
	}
	c.now = end
}

// findEntry walks the window for the entry with the given placeholder.
func findEntry(o fyne.CanvasObject, placeholder string) *widget.Entry {
	var found *widget.Entry
	walk(o, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && e.PlaceHolder == placeholder {
			found = e
		}
	})
	return found
}

func walk(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	f(o)
	switch t := o.(type) {
	case *fyne.Container:
		for _, c := range t.Objects {
			walk(c, f)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(t)
		for _, c := range r.Objects() {
			walk(c, f)
		}
	}
}

func openWindow(t *testing.T, db *storage.DB, clock *stepClock) (fyne.Window, *app.App) {
	t.Helper()
	w := test.NewWindow(nil)
	opts := windowOptions()
	opts.Clock = clock
	opts.Go = func(f func()) { f() } // store calls run in order on the test goroutine
	opts.Do = func(f func()) { f() }
	a := app.New(w, db, opts)
	w.Resize(fyne.NewSize(1280, 860))
	return w, a
}

// TestWindowSavesToRealLibrary types an article into the window backed by
// a real library file, closes the window, reopens it and finds the
// article restored and searchable.
func TestWindowSavesToRealLibrary(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "library.db")
	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	clock := &stepClock{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	w, a := openWindow(t, db, clock)

	headline := findEntry(w.Content(), "Headline")
	byline := findEntry(w.Content(), "Byline: Lisa Johnson, Tom Baker")
	if headline == nil || byline == nil {
		t.Fatal("form entries not found in the window")
	}
	test.Type(headline, "Ice storm closes schools")
	byline.SetText("Ana Ruiz, Sam Lee")
	var body *bodyedit.Editor
	walk(w.Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*bodyedit.Editor); ok {
			body = b
		}
	})
	if body == nil {
		t.Fatal("body editor not found")
	}
	w.Canvas().Focus(body)
	test.Type(body, "Freezing rain glazed Appleton overnight.")
	clock.advance(2 * time.Second)
	if got := a.SaveStatus().String(); got != "Saved" {
		t.Fatalf("save status = %q", got)
	}
	id := a.Article().ID
	stored, err := db.Article(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Headline != "Ice storm closes schools" || stored.Body != "Freezing rain glazed Appleton overnight." || strings.Join(stored.Byline, "|") != "Ana Ruiz|Sam Lee" {
		t.Errorf("stored %q / %q / %q", stored.Headline, stored.Body, stored.Byline)
	}
	// With a real library every review panel is offered beside the preview.
	var tabs *container.AppTabs
	walk(w.Content(), func(o fyne.CanvasObject) {
		if t, ok := o.(*container.AppTabs); ok {
			tabs = t
		}
	})
	if tabs == nil {
		t.Fatal("no review tabs")
	}
	var labels []string
	for _, it := range tabs.Items {
		labels = append(labels, it.Text)
	}
	if got := strings.Join(labels, ","); got != "Preview,Checks,Notes,History,Fact sheet,Workflow" {
		t.Errorf("tabs = %s", got)
	}
	summary := ""
	walk(tabs.Items[1].Content, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && summary == "" && l.TextStyle.Bold {
			summary = l.Text
		}
	})
	if summary == "" || summary == "Checks have not run yet." {
		t.Errorf("the checks did not run on the article: %q", summary)
	}
	hits, err := db.Search(ctx, editor.Filter{Query: "glazed"})
	if err != nil || len(hits) != 1 || hits[0].ID != id {
		t.Errorf("search for a body word: %v, %v", hits, err)
	}

	// More typing, then close at once: closing saves what autosave has not yet.
	test.Type(body, " Buses stay home.")
	a.RequestClose()
	w2, a2 := openWindow(t, db, clock)
	defer w2.Close()
	if a2.Article().ID != id {
		t.Fatalf("reopened on article %d, want the last one, %d", a2.Article().ID, id)
	}
	if got := a2.Article().Body; got != "Freezing rain glazed Appleton overnight. Buses stay home." {
		t.Errorf("reopened body = %q", got)
	}
	if got := w2.Title(); got != "Copydesk — Ice storm closes schools" {
		t.Errorf("reopened title = %q", got)
	}
}
