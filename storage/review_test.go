package storage

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"copydesk/editor"
	"copydesk/editor/review"
)

// reviewDB opens a fresh library whose clock ticks one minute per reading
// and whose person is set, so audit rows and notes have known authors.
func reviewDB(t testing.TB, person string, opts ...Option) *DB {
	t.Helper()
	ctx := context.Background()
	d, err := Open(ctx, filepath.Join(t.TempDir(), "review.db"), opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	d.SetClock(minuteClock(time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC)))
	setPerson(t, d, person)
	return d
}

func minuteClock(now time.Time) func() time.Time {
	return func() time.Time { now = now.Add(time.Minute); return now }
}

func setPerson(t testing.TB, d *DB, person string) {
	t.Helper()
	s, err := d.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s.PersonName = person
	if err := d.SaveSettings(context.Background(), s); err != nil {
		t.Fatal(err)
	}
}

func reviewArticle(t testing.TB, d *DB, body string) *editor.Article {
	t.Helper()
	a := &editor.Article{Headline: "Council approves budget", Byline: []string{"Ana Ruiz"}, Section: "Local",
		Status: editor.StatusDraft, Body: body}
	if err := d.Save(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestMoveStatusWorkflow(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := reviewDB(t, "Ed Itor")
	a := reviewArticle(t, d, "The council voted 5-2.")

	steps := []struct {
		to     editor.Status
		req    review.MoveRequest
		reason error // nil: allowed
	}{
		{editor.StatusApproved, review.MoveRequest{}, review.ErrMoveNotAllowed},
		{editor.StatusFiled, review.MoveRequest{}, nil},
		{editor.StatusEditing, review.MoveRequest{}, nil},
		{editor.StatusDraft, review.MoveRequest{}, review.ErrNoteRequired},
		{editor.StatusDraft, review.MoveRequest{Note: "Needs the vote count by name"}, nil},
		{editor.StatusFiled, review.MoveRequest{}, nil},
		{editor.StatusEditing, review.MoveRequest{}, nil},
		{editor.StatusApproved, review.MoveRequest{ErrorFindings: 2}, review.ErrOpenFindings},
		{editor.StatusApproved, review.MoveRequest{ErrorFindings: 2, Override: "Checked by phone"}, nil},
		{editor.StatusPublished, review.MoveRequest{}, nil},
		{editor.StatusSpiked, review.MoveRequest{}, review.ErrMoveNotAllowed},
		{editor.StatusEditing, review.MoveRequest{}, nil},
		{editor.StatusApproved, review.MoveRequest{}, nil},
		{editor.StatusPublished, review.MoveRequest{}, review.ErrCorrectionRequired},
		{editor.StatusPublished, review.MoveRequest{Note: "An earlier version misstated the vote."}, nil},
	}
	allowed := 0
	for i, s := range steps {
		before, err := d.Article(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		got, err := d.MoveStatus(ctx, a.ID, s.to, s.req)
		if s.reason != nil {
			if !errors.Is(err, s.reason) {
				t.Fatalf("step %d → %s: got %v, want %v", i, s.to, err, s.reason)
			}
			after, _ := d.Article(ctx, a.ID)
			if after.Version != before.Version || after.Status != before.Status {
				t.Fatalf("step %d: refused move changed the article", i)
			}
			continue
		}
		if err != nil {
			t.Fatalf("step %d → %s: %v", i, s.to, err)
		}
		allowed++
		if got.Status != s.to || got.Version != before.Version+1 {
			t.Fatalf("step %d: got status %s version %d", i, got.Status, got.Version)
		}
	}

	final, _ := d.Article(ctx, a.ID)
	if final.Published.IsZero() || len(final.Corrections) != 1 || final.Corrections[0].Text != "An earlier version misstated the vote." {
		t.Errorf("published %v, corrections %+v", final.Published, final.Corrections)
	}
	revs, _ := d.Revisions(ctx, a.ID)
	if len(revs) != 1+allowed || revs[len(revs)-1].Author != "Ed Itor" {
		t.Errorf("%d revisions (want %d), last by %q", len(revs), 1+allowed, revs[len(revs)-1].Author)
	}
	trail, err := d.Audit(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(trail) != allowed {
		t.Fatalf("audit has %d entries, want %d", len(trail), allowed)
	}
	var sawNote, sawOverride bool
	for i, e := range trail {
		if e.Person != "Ed Itor" || e.UID == "" || e.Time.IsZero() {
			t.Errorf("entry %d: %+v", i, e)
		}
		if i > 0 && e.From != trail[i-1].To {
			t.Errorf("entry %d starts at %s, previous ended at %s", i, e.From, trail[i-1].To)
		}
		sawNote = sawNote || (e.To == editor.StatusDraft && e.Note == "Needs the vote count by name")
		sawOverride = sawOverride || (e.To == editor.StatusApproved && e.Override == "Checked by phone")
		if e.To == editor.StatusApproved && e.Override != "" && e.Override != "Checked by phone" {
			t.Errorf("override recorded on a clean approval: %+v", e)
		}
	}
	if !sawNote || !sawOverride {
		t.Errorf("audit lacks the changes-requested note (%v) or the override (%v): %+v", sawNote, sawOverride, trail)
	}
}

func TestMoveStatusCountsErrorFindings(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	var sawNotes = -1
	d := reviewDB(t, "Ed Itor", WithErrorFindings(func(a *editor.Article, s editor.Settings, unresolved int) int {
		sawNotes = unresolved
		if strings.Contains(a.Body, "TK") {
			return 1
		}
		return 0
	}))
	a := reviewArticle(t, d, "TK")
	for _, s := range []editor.Status{editor.StatusFiled, editor.StatusEditing} {
		if _, err := d.MoveStatus(ctx, a.ID, s, review.MoveRequest{}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := d.AddNote(ctx, a.ID, "Fill the TK", ""); err != nil {
		t.Fatal(err)
	}
	// The caller claims no findings; the library's own count wins.
	_, err := d.MoveStatus(ctx, a.ID, editor.StatusApproved, review.MoveRequest{ErrorFindings: 0})
	if !errors.Is(err, review.ErrOpenFindings) {
		t.Fatalf("approval with a TK: %v", err)
	}
	if sawNotes != 1 {
		t.Errorf("counter saw %d unresolved notes, want 1", sawNotes)
	}
	if _, err := d.MoveStatus(ctx, a.ID, editor.StatusApproved, review.MoveRequest{Override: "Breaking news"}); err != nil {
		t.Fatal(err)
	}
	trail, _ := d.Audit(ctx, a.ID)
	if last := trail[len(trail)-1]; last.Override != "Breaking news" {
		t.Errorf("override not recorded: %+v", last)
	}
}

func TestMoveStatusMissingArticle(t *testing.T) {
	t.Parallel()
	d := reviewDB(t, "Ed")
	if _, err := d.MoveStatus(context.Background(), 99, editor.StatusFiled, review.MoveRequest{}); !errors.Is(err, editor.ErrNotFound) {
		t.Errorf("got %v", err)
	}
	if _, err := d.Audit(context.Background(), 99); !errors.Is(err, editor.ErrNotFound) {
		t.Errorf("audit of missing article: %v", err)
	}
}

// TestNotesFollowEdits saves a series of edits and checks after each that
// Notes reports every anchor at the passage's new place, or deleted.
func TestNotesFollowEdits(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := reviewDB(t, "Ed Itor")
	body := "The council voted 5-2 on Tuesday. The mayor said the vote was fair. Critics disagreed."
	a := reviewArticle(t, d, body)

	vote, err := d.AddNote(ctx, a.ID, "Name the two who voted no", "voted 5-2")
	if err != nil {
		t.Fatal(err)
	}
	fair, err := d.AddNote(ctx, a.ID, "Who says it was unfair?", "the vote was fair")
	if err != nil {
		t.Fatal(err)
	}
	general, err := d.AddNote(ctx, a.ID, "Good story", "")
	if err != nil {
		t.Fatal(err)
	}
	if vote.Author != "Ed Itor" || vote.Anchor.Start != 12 || general.Anchor.Text != "" {
		t.Fatalf("notes as added: %+v %+v", vote, general)
	}

	edits := []struct {
		name      string
		body      string
		voteStart int
		fairGone  bool
	}{
		{"insert before", "UPDATED: " + body, 21, false},
		{"edit inside fair passage", "UPDATED: " + strings.Replace(body, "was fair", "was not fair", 1), 21, true},
		{"delete the first sentence", "The mayor said the vote was not fair. Critics disagreed. The council voted 5-2.", 69, true},
	}
	for _, e := range edits {
		t.Run(e.name, func(t *testing.T) {
			cur, _ := d.Article(ctx, a.ID)
			cur.Body = e.body
			if err := d.Save(ctx, cur); err != nil {
				t.Fatal(err)
			}
			notes, err := d.Notes(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(notes) != 3 {
				t.Fatalf("%d notes", len(notes))
			}
			byID := map[int64]review.Note{}
			for _, n := range notes {
				byID[n.ID] = n
			}
			if v := byID[vote.ID].Anchor; v.Deleted || v.Start != e.voteStart {
				t.Errorf("vote anchor %+v, want start %d", v, e.voteStart)
			}
			if f := byID[fair.ID].Anchor; f.Deleted != e.fairGone {
				t.Errorf("fair anchor %+v, want deleted %v", f, e.fairGone)
			}
			if g := byID[general.ID].Anchor; g != (review.Anchor{}) {
				t.Errorf("unanchored note got anchor %+v", g)
			}
		})
	}
	// The relocation was stored: a second read without edits agrees.
	again, _ := d.Notes(ctx, a.ID)
	if again[0].Anchor.Start != 69 || !again[1].Anchor.Deleted {
		t.Errorf("stored anchors: %+v", again)
	}
}

func TestAddNoteRefusesAndResolve(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := reviewDB(t, "Ana")
	a := reviewArticle(t, d, "Body text.")
	tests := []struct {
		name, text, anchor string
		want               error
	}{
		{"passage not in body", "x", "nowhere", review.ErrPassageNotFound},
		{"missing article", "x", "", editor.ErrNotFound},
	}
	for _, tt := range tests {
		id := a.ID
		if tt.want == editor.ErrNotFound {
			id = 999
		}
		if _, err := d.AddNote(ctx, id, tt.text, tt.anchor); !errors.Is(err, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, err, tt.want)
		}
	}
	for _, text := range []string{"", "   ", "bad\x00byte", strings.Repeat("x", editor.MaxFieldRunes+1)} {
		var fe *editor.FieldError
		if _, err := d.AddNote(ctx, a.ID, text, ""); !errors.As(err, &fe) {
			t.Errorf("text %.10q: got %v, want a FieldError", text, err)
		}
	}

	n, err := d.AddNote(ctx, a.ID, "Check the spelling", "Body")
	if err != nil {
		t.Fatal(err)
	}
	if open, _ := d.UnresolvedNotes(ctx, a.ID); open != 1 {
		t.Errorf("open notes = %d", open)
	}
	got, err := d.SetNoteResolved(ctx, n.ID, true)
	if err != nil || !got.Resolved || got.Text != "Check the spelling" {
		t.Fatalf("resolve: %+v, %v", got, err)
	}
	if open, _ := d.UnresolvedNotes(ctx, a.ID); open != 0 {
		t.Errorf("open notes after resolve = %d", open)
	}
	if got, err = d.SetNoteResolved(ctx, n.ID, false); err != nil || got.Resolved {
		t.Fatalf("reopen: %+v, %v", got, err)
	}
	if _, err := d.SetNoteResolved(ctx, 4242, true); !errors.Is(err, review.ErrNoteNotFound) {
		t.Errorf("unknown note: %v", err)
	}
}

func TestRestoreAddsRevision(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := reviewDB(t, "Ana")
	a := reviewArticle(t, d, "First draft.")
	a.Body, a.Headline = "Second draft.", "Council passes budget"
	if err := d.Save(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := d.MoveStatus(ctx, a.ID, editor.StatusFiled, review.MoveRequest{}); err != nil {
		t.Fatal(err)
	}
	got, err := d.Restore(ctx, a.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got.Body != "First draft." || got.Headline != "Council approves budget" {
		t.Errorf("restored %q / %q", got.Headline, got.Body)
	}
	if got.Status != editor.StatusFiled {
		t.Errorf("restore moved the status to %s", got.Status)
	}
	revs, _ := d.Revisions(ctx, a.ID)
	if len(revs) != 4 {
		t.Fatalf("%d revisions, want 4 (history kept, restore appended)", len(revs))
	}
	r2, _ := d.RevisionArticle(ctx, a.ID, 2)
	if r2.Body != "Second draft." {
		t.Errorf("revision 2 was rewritten: %q", r2.Body)
	}
	stored, _ := d.Article(ctx, a.ID)
	if stored.Body != "First draft." || stored.Version != got.Version {
		t.Errorf("stored %+v", stored)
	}
	for _, n := range []int{0, 5} {
		if _, err := d.Restore(ctx, a.ID, n); !errors.Is(err, editor.ErrNotFound) {
			t.Errorf("restore %d: %v", n, err)
		}
	}
}

// TestNotesFollowNotSearch: the anchored sentence is deleted while the
// same phrase remains in another sentence. Searching near the old offset
// would pin the note to the other sentence; following the edit through
// the stored revision says the passage is gone.
func TestNotesFollowNotSearch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := reviewDB(t, "Ed")
	a := reviewArticle(t, d, "A said the mayor. B said the mayor.")
	n, err := d.AddNote(ctx, a.ID, "Which mayor?", "the mayor")
	if err != nil {
		t.Fatal(err)
	}
	if n.Anchor.Start != 7 {
		t.Fatalf("anchored at %d", n.Anchor.Start)
	}
	edits := []struct {
		body    string
		start   int
		deleted bool
	}{
		// Two saves before anyone reads the notes: followed through both.
		{"Intro. A said the mayor. B said the mayor.", -1, false},
		{"Intro, longer now. A said the mayor. B said the mayor.", 26, false},
		{"Intro, longer now. B said the mayor.", 26, true},
	}
	for i, e := range edits {
		cur, _ := d.Article(ctx, a.ID)
		cur.Body = e.body
		if err := d.Save(ctx, cur); err != nil {
			t.Fatal(err)
		}
		if e.start < 0 {
			continue
		}
		notes, err := d.Notes(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		got := notes[0].Anchor
		if got.Deleted != e.deleted || (!got.Deleted && got.Start != e.start) {
			t.Errorf("edit %d: anchor %+v, want start %d deleted %v", i, got, e.start, e.deleted)
		}
	}
}

func TestAddNoteAtSelection(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := reviewDB(t, "Ed")
	a := reviewArticle(t, d, "A said the mayor. B said the mayor.")
	tests := []struct {
		passage string
		start   int
		want    error
	}{
		{"the mayor", 25, nil}, // the second occurrence, as selected
		{"the mayor", 7, nil},
		{"the mayor", 24, review.ErrPassageNotFound},
		{"", 0, nil}, // unanchored
	}
	for _, tt := range tests {
		n, err := d.AddNoteAt(ctx, a.ID, "Check", tt.passage, tt.start)
		if !errors.Is(err, tt.want) {
			t.Errorf("%q@%d: %v, want %v", tt.passage, tt.start, err, tt.want)
			continue
		}
		if err == nil && (n.Anchor.Text != tt.passage || n.Anchor.Start != tt.start) {
			t.Errorf("%q@%d: anchored %+v", tt.passage, tt.start, n.Anchor)
		}
	}
}
