package review

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"copydesk/editor/review"
)

// rvNotes is an in-memory NoteStore.
type rvNotes struct {
	body    string
	notes   []review.Note
	added   []string // "text|anchor"
	toggled []string
}

func (s *rvNotes) Notes(_ context.Context, id int64) ([]review.Note, error) {
	out := append([]review.Note(nil), s.notes...)
	for i := range out {
		out[i].Anchor = review.Relocate(s.body, out[i].Anchor)
	}
	return out, nil
}

func (s *rvNotes) AddNoteAt(_ context.Context, id int64, text, anchor string, start int) (*review.Note, error) {
	var an review.Anchor
	if anchor != "" {
		var ok bool
		if an, ok = review.LocateAt(s.body, anchor, start); !ok {
			return nil, fmt.Errorf("anchor: %w", review.ErrPassageNotFound)
		}
	}
	s.added = append(s.added, fmt.Sprintf("%s|%s@%d", text, anchor, start))
	n := review.Note{ID: int64(len(s.notes) + 1), ArticleID: id, Text: text, Anchor: an, Author: "Ana",
		Time: time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC)}
	s.notes = append(s.notes, n)
	return &n, nil
}

func (s *rvNotes) SetNoteResolved(_ context.Context, id int64, resolved bool) (*review.Note, error) {
	for i := range s.notes {
		if s.notes[i].ID == id {
			s.notes[i].Resolved = resolved
			s.toggled = append(s.toggled, fmt.Sprintf("%d=%v", id, resolved))
			return &s.notes[i], nil
		}
	}
	return nil, review.ErrNoteNotFound
}

func TestNotesPanel(t *testing.T) {
	test.NewTempApp(t)
	store := &rvNotes{
		body: "UPDATED: The council voted 5-2. The mayor said so.",
		notes: []review.Note{
			{ID: 1, Text: "Name them", Anchor: review.Anchor{Text: "voted 5-2", Start: 12}, Author: "Ed Itor", Time: time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC)},
			{ID: 2, Text: "Source?", Anchor: review.Anchor{Text: "the vote was fair", Start: 40}, Author: "Ed Itor", Time: time.Date(2026, 4, 1, 8, 5, 0, 0, time.UTC)},
		},
	}
	p := NewNotesPanel(store, 7, syncReview)
	w := test.NewWindow(p.Object())
	defer w.Close()

	if len(p.rows) != 2 {
		t.Fatalf("%d rows", len(p.rows))
	}
	if p.rows[0].show == nil || p.rows[1].show != nil {
		t.Fatalf("show-passage buttons: live %v, deleted %v", p.rows[0].show != nil, p.rows[1].show != nil)
	}
	if !strings.Contains(p.rows[1].meta.Text, "(passage deleted)") || !strings.Contains(p.rows[0].meta.Text, "Ed Itor · Apr 1 08:00 · on “voted 5-2”") {
		t.Errorf("meta: %q / %q", p.rows[0].meta.Text, p.rows[1].meta.Text)
	}

	// The passage moved by the "UPDATED: " insert; the panel selects it there.
	var sel [2]int
	p.OnSelectPassage = func(start, end int) { sel = [2]int{start, end} }
	test.Tap(p.rows[0].show)
	if sel != [2]int{21, 30} {
		t.Errorf("selected %v, want [21 30]", sel)
	}

	// Add a note pinned to the body selection.
	changed := 0
	p.OnChanged = func() { changed++ }
	p.SetAnchor(32, "The mayor")
	test.Type(p.text, "Which mayor?")
	test.Tap(p.add)
	if len(store.added) != 1 || store.added[0] != "Which mayor?|The mayor@32" {
		t.Fatalf("store got %v", store.added)
	}
	if len(p.rows) != 3 || p.text.Text != "" || p.anchor != "" || changed != 1 {
		t.Errorf("after add: %d rows, entry %q, anchor %q, changed %d", len(p.rows), p.text.Text, p.anchor, changed)
	}

	// Empty text is not sent; a passage no longer in the body is explained.
	test.Tap(p.add)
	if len(store.added) != 1 || p.status.Text != "Write the note first." {
		t.Errorf("empty note: added %v, status %q", store.added, p.status.Text)
	}
	p.SetAnchor(0, "deleted words")
	test.Type(p.text, "On what?")
	test.Tap(p.add)
	if !strings.Contains(p.status.Text, "no longer in the saved body") || p.text.Text != "On what?" {
		t.Errorf("missing passage: status %q, entry %q", p.status.Text, p.text.Text)
	}

	// Resolve, hide resolved, reopen.
	test.Tap(p.rows[0].resolve)
	if len(store.toggled) != 1 || store.toggled[0] != "1=true" || changed != 2 {
		t.Fatalf("toggled %v, changed %d", store.toggled, changed)
	}
	if p.rows[0].resolve.Text != "Reopen" || !strings.HasSuffix(p.rows[0].meta.Text, "· resolved") {
		t.Errorf("resolved row: %q / %q", p.rows[0].resolve.Text, p.rows[0].meta.Text)
	}
	test.Tap(p.hide)
	if len(p.rows) != 2 {
		t.Errorf("hiding resolved leaves %d rows", len(p.rows))
	}
	test.Tap(p.hide)
	test.Tap(p.rows[0].resolve)
	if store.toggled[1] != "1=false" || p.rows[0].resolve.Text != "Resolve" {
		t.Errorf("reopen: %v, %q", store.toggled, p.rows[0].resolve.Text)
	}
}

// TestNotesChangedSeesTheNewList: OnChanged (the checks' unresolved-notes
// count) runs once the panel holds the list the store returns after an
// add or a resolve, and once the first list is read, with store calls
// really off the UI goroutine.
func TestNotesChangedSeesTheNewList(t *testing.T) {
	test.NewTempApp(t)
	store := &rvNotes{body: "The council voted 5-2."}
	var queue []func()
	drain := func() {
		for len(queue) > 0 {
			f := queue[0]
			queue = queue[1:]
			f()
		}
	}
	opts := syncReview
	opts.Go = func(f func()) { queue = append(queue, f) }
	p := NewNotesPanel(store, 7, opts)
	w := test.NewWindow(p.Object())
	defer w.Close()
	var seen []int // unresolved notes the panel held at each OnChanged
	p.OnChanged = func() {
		n := 0
		for _, note := range p.notes {
			if !note.Resolved {
				n++
			}
		}
		seen = append(seen, n)
	}
	drain()
	test.Type(p.text, "Name them")
	test.Tap(p.add)
	drain()
	if len(seen) == 0 || seen[len(seen)-1] != 1 {
		t.Fatalf("after adding a note OnChanged saw %v unresolved, want the last to be 1", seen)
	}
	test.Tap(p.rows[0].resolve)
	drain()
	if seen[len(seen)-1] != 0 {
		t.Errorf("after resolving it OnChanged saw %v unresolved, want the last to be 0", seen)
	}
}
