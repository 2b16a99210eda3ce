package app

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"copydesk/app/bodyedit"
	"copydesk/app/preview"
	"copydesk/editor"
)

func TestTypingInFormSavesArticle(t *testing.T) {
	store := newFakeStore()
	h := newHarness(t, store)
	a := h.app

	test.Type(a.form.headline, "Flood waters rise")
	test.Type(a.form.byline, "Lisa Johnson, Tom Baker")
	test.Type(a.form.dateline, "Appleton")
	test.Type(a.form.summary, "The river crested overnight.")
	a.form.section.SetSelected("Local")
	test.Type(a.form.tags, "weather, river")
	test.Type(a.body.Object().(*bodyedit.Editor), "The Fox River rose.")

	if got := a.art.Headline; got != "Flood waters rise" {
		t.Fatalf("in-memory headline = %q", got)
	}
	if store.saves != 0 {
		t.Fatalf("saved %d times before the autosave delay", store.saves)
	}
	h.advance(time.Second)
	if store.saves != 1 {
		t.Fatalf("saves after the delay = %d, want 1", store.saves)
	}
	got := store.get(a.art.ID)
	want := editor.Article{Headline: "Flood waters rise", Dateline: "Appleton", Summary: "The river crested overnight.", Section: "Local", Body: "The Fox River rose.", Slug: "flood-waters-rise"}
	if got.Headline != want.Headline || got.Dateline != want.Dateline || got.Summary != want.Summary || got.Section != want.Section || got.Body != want.Body || got.Slug != want.Slug {
		t.Errorf("stored = %+v", got)
	}
	if strings.Join(got.Byline, "|") != "Lisa Johnson|Tom Baker" || strings.Join(got.Tags, "|") != "weather|river" {
		t.Errorf("byline %q tags %q", got.Byline, got.Tags)
	}
	if s := a.status.save.Text; s != "Saved" {
		t.Errorf("status = %q, want Saved", s)
	}
	if title := h.win.Title(); title != "Copydesk — Flood waters rise" {
		t.Errorf("title = %q", title)
	}

	// A second round of edits updates the same article with the acknowledged version.
	test.Type(a.body.Object().(*bodyedit.Editor), " Sandbags are out.")
	h.advance(time.Second)
	got = store.get(a.art.ID)
	if got.Body != "The Fox River rose. Sandbags are out." || got.Version != 2 || len(store.arts) != 1 {
		t.Errorf("after second save: body %q version %d articles %d", got.Body, got.Version, len(store.arts))
	}
	if rows := a.lib.Rows(); len(rows) != 1 || rows[0] != "Flood waters rise" {
		t.Errorf("library rows = %q", rows)
	}
}

func TestSearchFiltersLibrary(t *testing.T) {
	store := newFakeStore()
	for _, a := range []editor.Article{
		{Headline: "Flood waters rise", Body: "The river crested.", Section: "Local", Status: editor.StatusDraft},
		{Headline: "Council votes on budget", Body: "Taxes stay flat.", Section: "Politics", Status: editor.StatusFiled},
		{Headline: "Team wins final", Body: "A flood of fans.", Section: "Sports", Status: editor.StatusDraft},
	} {
		store.put(&a)
	}
	h := newHarness(t, store)
	lib := h.app.lib
	if n := len(lib.Rows()); n != 3 {
		t.Fatalf("unfiltered rows = %d, want 3", n)
	}
	tests := []struct {
		query, status, section string
		want                   []string
	}{
		{"flood", allOption, allOption, []string{"Team wins final", "Flood waters rise"}},
		{"flood", "draft", "Sports", []string{"Team wins final"}},
		{"", "filed", allOption, []string{"Council votes on budget"}},
		{"nothing-matches", allOption, allOption, nil},
	}
	for _, tc := range tests {
		lib.search.SetText(tc.query)
		lib.status.SetSelected(tc.status)
		lib.sect.SetSelected(tc.section)
		h.drain()
		if got := lib.Rows(); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("query %q status %s section %s: rows %q, want %q", tc.query, tc.status, tc.section, got, tc.want)
		}
	}

	// Latest query wins even when an older answer arrives last.
	lib.status.SetSelected(allOption)
	lib.sect.SetSelected(allOption)
	h.drain()
	h.queue = nil
	lib.search.SetText("council")
	lib.search.SetText("flood")
	if len(h.queue) != 2 {
		t.Fatalf("queued %d searches, want 2", len(h.queue))
	}
	newer, older := h.queue[1], h.queue[0]
	h.queue = nil
	newer()
	older()
	h.drain()
	if got := lib.Rows(); strings.Join(got, "|") != "Team wins final|Flood waters rise" {
		t.Errorf("after out-of-order answers rows = %q", got)
	}
}

func TestFailingStoreKeepsTextAndRetries(t *testing.T) {
	store := newFakeStore()
	h := newHarness(t, store)
	a := h.app
	body := a.body.Object().(*bodyedit.Editor)
	test.Type(a.form.headline, "Power outage")
	test.Type(body, "Crews worked through the night.")
	store.saveErr = errors.New("database or disk is full (13)")
	h.advance(time.Second)
	if s := a.status.save.Text; s != "Not saved — disk full, retrying" {
		t.Fatalf("status = %q", s)
	}
	test.Type(body, " Power is back.")
	if a.art.Body != "Crews worked through the night. Power is back." || body.Text() != a.art.Body {
		t.Fatalf("text lost: article %q, widget %q", a.art.Body, body.Text())
	}
	h.advance(time.Second) // first retry, still failing
	if store.saves != 0 || !strings.HasPrefix(a.status.save.Text, "Not saved") {
		t.Fatalf("saves %d status %q", store.saves, a.status.save.Text)
	}
	store.saveErr = nil
	h.advance(30 * time.Second) // backoff at most 30 s
	if store.saves != 1 {
		t.Fatalf("saves after the store recovered = %d, want 1", store.saves)
	}
	if got := store.get(a.art.ID).Body; got != "Crews worked through the night. Power is back." {
		t.Errorf("stored body = %q", got)
	}
	if s := a.status.save.Text; s != "Saved" {
		t.Errorf("status = %q", s)
	}
}

func TestInvalidArticleIsNotRetriedUntilEdited(t *testing.T) {
	store := newFakeStore()
	h := newHarness(t, store)
	a := h.app
	test.Type(a.body.Object().(*bodyedit.Editor), "No headline yet.")
	h.advance(time.Second)
	if s := a.status.save.Text; s != "Not saved — Headline is required" {
		t.Fatalf("status = %q", s)
	}
	test.Type(a.form.headline, "Now a headline")
	h.advance(time.Second)
	if store.saves != 1 || a.status.save.Text != "Saved" {
		t.Errorf("saves %d status %q", store.saves, a.status.save.Text)
	}
}

func TestConflictOffersThreeChoices(t *testing.T) {
	for _, choice := range []string{"keep mine", "take theirs", "keep both"} {
		t.Run(choice, func(t *testing.T) {
			store := newFakeStore()
			orig := store.put(&editor.Article{Headline: "Storm warning", Body: "Original.", Status: editor.StatusDraft})
			h := newHarness(t, store)
			a := h.app
			a.openArticle(orig.ID)
			h.drain()
			if a.art.ID != orig.ID {
				t.Fatalf("open article = %d", a.art.ID)
			}
			// Another window saves first.
			theirs := store.get(orig.ID)
			theirs.Body = "Their edit."
			store.put(theirs)

			body := a.body.Object().(*bodyedit.Editor)
			body.SetText("")
			test.Type(body, "My edit.")
			h.advance(time.Second)
			if a.conflict == nil {
				t.Fatalf("no conflict choice shown; status %q", a.status.save.Text)
			}
			if s := a.status.save.Text; s != "Changed elsewhere — choose a version" {
				t.Errorf("status = %q", s)
			}
			if got := store.get(orig.ID).Body; got != "Their edit." {
				t.Fatalf("stored body overwritten before a choice: %q", got)
			}
			v := a.conflict
			switch choice {
			case "keep mine":
				test.Tap(v.keepMine)
				h.drain()
				got := store.get(orig.ID)
				if got.Body != "My edit." || got.Version != 3 {
					t.Errorf("stored %q v%d, want my edit at v3", got.Body, got.Version)
				}
			case "take theirs":
				test.Tap(v.takeTheirs)
				h.advance(5 * time.Second)
				if a.art.Body != "Their edit." || body.Text() != "Their edit." {
					t.Errorf("open article body %q, widget %q", a.art.Body, body.Text())
				}
				if got := store.get(orig.ID); got.Version != 2 || store.saves != 2 {
					t.Errorf("stored v%d after %d saves; taking theirs must not save", got.Version, store.saves)
				}
			case "keep both":
				test.Tap(v.keepBoth)
				h.drain()
				if len(store.arts) != 2 {
					t.Fatalf("articles = %d, want 2", len(store.arts))
				}
				if got := store.get(orig.ID); got.Body != "Their edit." {
					t.Errorf("their version changed: %q", got.Body)
				}
				mine := store.get(a.art.ID)
				if a.art.ID == orig.ID || mine.Body != "My edit." || mine.Headline != "Storm warning (copy)" {
					t.Errorf("copy = %+v", mine)
				}
			}
			if s := a.status.save.Text; s != "Saved" {
				t.Errorf("status after choosing = %q", s)
			}
		})
	}
}

func TestPreviewShowsSiteShape(t *testing.T) {
	store := newFakeStore()
	ar := store.put(&editor.Article{
		Headline: "Allies agree on guarantees", Byline: []string{"Lisa Johnson", "Tom Baker"},
		Section: "World", Summary: "Leaders met in Paris.", Dateline: "Paris", Status: editor.StatusDraft,
		Body: "In a significant development, allies agreed.\n\nThe **talks _ran_ long**.\n",
	})
	h := newHarness(t, store)
	h.app.openArticle(ar.ID)
	h.advance(PreviewDelay)
	text := h.app.preview.Text()
	want := []string{"The Appleton Times", "Truth. Honesty. Innovation.", "World", "Allies agree on guarantees",
		"By Lisa Johnson and Tom Baker", "Draft", "Leaders met in Paris.", "PARIS — In a significant development, allies agreed.", "The talks ran long."}
	pos := -1
	for _, w := range want {
		i := strings.Index(text, w)
		if i < 0 {
			t.Fatalf("preview lacks %q:\n%s", w, text)
		}
		if i < pos {
			t.Errorf("%q is out of order in:\n%s", w, text)
		}
		pos = i
	}
	// The dateline runs in: same block as the first paragraph, in bold.
	found := false
	for _, b := range h.app.preview.Blocks() {
		if len(b.Segments()) > 1 && b.Segments()[0].Textual() == "PARIS — " && strings.HasPrefix(b.Segments()[1].Textual(), "In a significant") {
			found = true
		}
	}
	if !found {
		t.Error("no block starts with the dateline run-in")
	}
	if n := len(h.app.preview.Rows()); n == 0 {
		t.Error("no preview rows on screen")
	}

	// Typing updates the preview only after the debounce.
	h.app.form.headline.SetText(h.app.form.headline.Text + " now")
	if strings.Contains(h.app.preview.Text(), "guarantees now") {
		t.Error("preview re-rendered before the debounce")
	}
	h.advance(PreviewDelay)
	if !strings.Contains(h.app.preview.Text(), "Allies agree on guarantees now") {
		t.Error("preview not updated after the debounce")
	}
	if got := h.app.status.words.Text; got != "10 words" {
		t.Errorf("status words = %q", got)
	}
}

func TestFormatToolbarIsOneUndoStep(t *testing.T) {
	store := newFakeStore()
	h := newHarness(t, store)
	a := h.app
	body := a.body
	body.SetText("Hello world")
	body.Select(6, 11)
	a.Format("bold")
	if got := body.Text(); got != "Hello **world**" {
		t.Fatalf("bold: %q", got)
	}
	if a.art.Body != "Hello **world**" {
		t.Errorf("article body not updated: %q", a.art.Body)
	}
	a.editAction(&fyne.ShortcutUndo{}) // as Edit ▸ Undo does
	if got := body.Text(); got != "Hello world" {
		t.Errorf("undo: %q", got)
	}
	if a.art.Body != "Hello world" {
		t.Errorf("undo did not reach the article: %q", a.art.Body)
	}
	body.Redo()
	if got := body.Text(); got != "Hello **world**" {
		t.Errorf("redo: %q", got)
	}
}

func TestSettingsApplyAndStore(t *testing.T) {
	store := newFakeStore()
	h := newHarness(t, store)
	s := h.app.settings
	s.Masthead, s.Theme, s.FontSize, s.Sections = "The Valley Post", "dark", 18, []string{"News", "Farm"}
	h.app.saveSettings(s)
	h.drain()
	if store.settings.Masthead != "The Valley Post" || store.settings.Theme != "dark" {
		t.Errorf("stored settings = %+v", store.settings)
	}
	if got := h.app.theme.Size("text"); got <= 14 {
		t.Errorf("text size after font 18 = %v", got)
	}
	if strings.Join(h.app.form.section.Options, ",") != "News,Farm" {
		t.Errorf("section options = %v", h.app.form.section.Options)
	}
	h.advance(PreviewDelay)
	if !strings.HasPrefix(h.app.preview.Text(), "The Valley Post") {
		t.Errorf("preview masthead not updated: %q", h.app.preview.Text()[:40])
	}
}

// imageStore is a fakeStore that keeps one library image.
type imageStore struct {
	*fakeStore
	png []byte
}

func (s imageStore) Image(_ context.Context, src string) ([]byte, string, error) {
	if src != "copydesk-image:"+strings.Repeat("ab", 32)+".png" {
		return nil, "", editor.ErrNotFound
	}
	return s.png, "image/png", nil
}

func TestPreviewShowsLibraryImage(t *testing.T) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 4, 3))); err != nil {
		t.Fatal(err)
	}
	fs := newFakeStore()
	src := "copydesk-image:" + strings.Repeat("ab", 32) + ".png"
	ar := fs.put(&editor.Article{Headline: "Flood", Status: editor.StatusDraft,
		Image: editor.Image{Src: src, Alt: "Water over the bridge", Caption: "The bridge at noon.", Credit: "Ana Ruiz"}})
	test.NewTempApp(t)
	h := &harness{t: t, store: fs, clock: newFakeClock()}
	h.win = test.NewWindow(nil)
	defer h.win.Close()
	h.app = New(h.win, imageStore{fs, buf.Bytes()}, Options{Clock: h.clock, Go: func(f func()) { h.queue = append(h.queue, f) }, Do: func(f func()) { f() }})
	h.app.openArticle(ar.ID)
	h.advance(PreviewDelay)
	var img *preview.ImageSegment
	for _, b := range h.app.preview.Blocks() {
		for _, s := range b.Segments() {
			if is, ok := s.(*preview.ImageSegment); ok {
				img = is
			}
		}
	}
	if img == nil {
		t.Fatalf("no image in the preview:\n%s", h.app.preview.Text())
	}
	data, err := os.ReadFile(img.Source.Path())
	if err != nil || !bytes.Equal(data, buf.Bytes()) {
		t.Errorf("image file %s: %v (same bytes: %v)", img.Source.Path(), err, bytes.Equal(data, buf.Bytes()))
	}
	if text := h.app.preview.Text(); !strings.Contains(text, "The bridge at noon. Credit: Ana Ruiz") {
		t.Errorf("caption and credit missing:\n%s", text)
	}
}
