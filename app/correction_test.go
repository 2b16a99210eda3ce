package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"copydesk/app/bodyedit"
	"copydesk/editor"
)

// TestEditingPassedArticleSaysSo: the first edit of an approved or
// published article tells the person, in the status bar, what the save
// means for it; a draft gets no notice, and the notice goes when the
// status moves or another article opens.
func TestEditingPassedArticleSaysSo(t *testing.T) {
	published := time.Date(2026, 4, 2, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		status    editor.Status
		published time.Time
		edit      func(a *App)
		want      string
	}{
		{"draft body", editor.StatusDraft, time.Time{},
			func(a *App) { test.Type(a.body.Object().(*bodyedit.Editor), " More.") }, ""},
		{"approved headline", editor.StatusApproved, time.Time{},
			func(a *App) { test.Type(a.form.headline, "!") },
			"Editing an approved article: it stays approved; your changes show when it is published."},
		{"published body", editor.StatusPublished, published,
			func(a *App) { test.Type(a.body.Object().(*bodyedit.Editor), " More.") },
			"Editing a published article: this is a correction — republish with a correction note."},
		{"published headline", editor.StatusPublished, published,
			func(a *App) { test.Type(a.form.headline, "!") },
			"Editing a published article: this is a correction — republish with a correction note."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := newFakeStore()
			ar := store.put(&editor.Article{Headline: "Council votes", Body: "The council voted.", Status: tt.status, Published: tt.published})
			other := store.put(&editor.Article{Headline: "Other", Body: "Other.", Status: editor.StatusDraft})
			h := newHarness(t, store)
			h.app.openArticle(ar.ID)
			h.drain()
			if got := h.app.status.note.Text; got != "" {
				t.Fatalf("before any edit the status bar says %q", got)
			}
			tt.edit(h.app)
			if got := h.app.status.note.Text; got != tt.want {
				t.Fatalf("after the first edit: %q, want %q", got, tt.want)
			}
			// A later keystroke and the autosave keep it; the save keeps the status.
			test.Type(h.app.body.Object().(*bodyedit.Editor), "x")
			h.advance(10 * time.Second)
			if got := h.app.status.note.Text; got != tt.want {
				t.Errorf("after more typing and the save: %q, want %q", got, tt.want)
			}
			if s := store.get(ar.ID); s.Status != tt.status || s.Body == "The council voted." && s.Headline == "Council votes" {
				t.Errorf("saved status %s, headline %q, body %q", s.Status, s.Headline, s.Body)
			}
			if tt.want == "" {
				return
			}
			if tt.status == editor.StatusPublished {
				moved := h.app.art.Clone()
				moved.Status, moved.Version = editor.StatusEditing, moved.Version+1
				h.app.moved(moved)
				if got := h.app.status.note.Text; got != "" {
					t.Errorf("after the move to editing the status bar still says %q", got)
				}
				return
			}
			h.app.openArticle(other.ID)
			h.drain()
			if got := h.app.status.note.Text; got != "" {
				t.Errorf("another article opened, the status bar still says %q", got)
			}
		})
	}
}
