package storage

import (
	"bytes"
	"context"
	"testing"
	"time"

	"copydesk/editor"
	"copydesk/editor/bundle"
	"copydesk/editor/review"
)

// carry files article id from one library and imports it into another
// through the bytes of a real .copydesk file.
func carry(t *testing.T, from, to *DB, id int64) *ImportResult {
	t.Helper()
	ctx := context.Background()
	b, err := from.FileBundle(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := bundle.Write(&buf, b); err != nil {
		t.Fatal(err)
	}
	got, err := bundle.Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	res, err := to.ImportBundle(ctx, got)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func edit(t *testing.T, d *DB, id int64, f func(a *editor.Article)) {
	t.Helper()
	a, err := d.Article(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	f(a)
	if err := d.Save(context.Background(), a); err != nil {
		t.Fatal(err)
	}
}

func TestBundleRoundTripBetweenMachines(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	reporter := reviewDB(t, "Ana Ruiz")
	desk := reviewDB(t, "Ed Itor")
	// The desk works later in the day, so the merged trail has an order.
	desk.SetClock(minuteClock(time.Date(2026, 4, 1, 14, 0, 0, 0, time.UTC)))

	a := reviewArticle(t, reporter, "The council voted 5-2 on Tuesday.")
	note, err := reporter.AddNote(ctx, a.ID, "Vote count from the clerk", "voted 5-2")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := reporter.MoveStatus(ctx, a.ID, editor.StatusFiled, review.MoveRequest{}); err != nil {
		t.Fatal(err)
	}

	// 1. Filed to the desk: created there with its notes and trail.
	res := carry(t, reporter, desk, a.ID)
	if res.Outcome != ImportCreated || res.Notes != 1 || res.Audit != 1 {
		t.Fatalf("first import: %+v", res)
	}
	deskID := res.Article.ID
	got, _ := desk.Article(ctx, deskID)
	if got.UID != a.UID || got.Body != "The council voted 5-2 on Tuesday." || got.Status != editor.StatusFiled {
		t.Fatalf("desk copy: %+v", got)
	}
	notes, _ := desk.Notes(ctx, deskID)
	if len(notes) != 1 || notes[0].UID != note.UID || notes[0].Anchor.Start != 12 || notes[0].Author != "Ana Ruiz" {
		t.Fatalf("desk notes: %+v", notes)
	}

	// 2. The desk edits and resolves; filed back, the reporter's copy
	// is simply updated: only one side changed since the common version.
	if _, err := desk.MoveStatus(ctx, deskID, editor.StatusEditing, review.MoveRequest{}); err != nil {
		t.Fatal(err)
	}
	edit(t, desk, deskID, func(a *editor.Article) { a.Body = "The city council voted 5-2 on Tuesday." })
	if _, err := desk.SetNoteResolved(ctx, notes[0].ID, true); err != nil {
		t.Fatal(err)
	}
	res = carry(t, desk, reporter, deskID)
	if res.Outcome != ImportUpdated || res.Conflict != nil || res.Audit != 1 {
		t.Fatalf("return import: %+v", res)
	}
	back, _ := reporter.Article(ctx, a.ID)
	if back.Body != "The city council voted 5-2 on Tuesday." || back.Status != editor.StatusEditing {
		t.Fatalf("reporter copy after update: %+v", back)
	}
	rn, _ := reporter.Notes(ctx, a.ID)
	if len(rn) != 1 || !rn[0].Resolved || rn[0].Anchor.Start != 17 {
		t.Errorf("reporter notes after update: %+v", rn)
	}
	trail, _ := reporter.Audit(ctx, a.ID)
	if len(trail) != 2 || trail[1].Person != "Ed Itor" {
		t.Errorf("reporter audit: %+v", trail)
	}

	// 3. The same bundle again changes nothing.
	revsBefore, _ := reporter.Revisions(ctx, a.ID)
	if res = carry(t, desk, reporter, deskID); res.Outcome != ImportUnchanged || res.Notes != 0 || res.Audit != 0 {
		t.Errorf("repeat import: %+v", res)
	}
	if revs, _ := reporter.Revisions(ctx, a.ID); len(revs) != len(revsBefore) {
		t.Errorf("repeat import wrote %d revisions", len(revs)-len(revsBefore))
	}
	if cs, _ := reporter.Conflicts(ctx, a.ID); len(cs) != 0 {
		t.Errorf("conflicts after clean imports: %+v", cs)
	}
}

func TestBundleConflictKeepsBoth(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	reporter := reviewDB(t, "Ana Ruiz")
	desk := reviewDB(t, "Ed Itor")
	a := reviewArticle(t, reporter, "Original text.")
	deskID := carry(t, reporter, desk, a.ID).Article.ID

	edit(t, reporter, a.ID, func(a *editor.Article) { a.Body = "Reporter's rewrite." })
	edit(t, desk, deskID, func(a *editor.Article) { a.Body = "Desk's trim." })
	before, _ := reporter.Revisions(ctx, a.ID)

	res := carry(t, desk, reporter, deskID)
	if res.Outcome != ImportConflict || res.Conflict == nil {
		t.Fatalf("got %+v, want a conflict", res)
	}
	c := res.Conflict
	if c.LocalRevision != len(before) || c.IncomingRevision != len(before)+1 || c.FiledBy != "Ed Itor" {
		t.Errorf("conflict %+v with %d revisions before", c, len(before))
	}
	mine, _ := reporter.RevisionArticle(ctx, a.ID, c.LocalRevision)
	theirs, _ := reporter.RevisionArticle(ctx, a.ID, c.IncomingRevision)
	if mine.Body != "Reporter's rewrite." || theirs.Body != "Desk's trim." {
		t.Errorf("kept %q and %q", mine.Body, theirs.Body)
	}
	cs, err := reporter.Conflicts(ctx, a.ID)
	if err != nil || len(cs) != 1 || cs[0].ID != c.ID {
		t.Fatalf("Conflicts = %+v, %v", cs, err)
	}
	// The person keeps their own version and clears the marker.
	if _, err := reporter.Restore(ctx, a.ID, c.LocalRevision); err != nil {
		t.Fatal(err)
	}
	if err := reporter.ResolveConflicts(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if cs, _ := reporter.Conflicts(ctx, a.ID); len(cs) != 0 {
		t.Errorf("conflicts after resolving: %+v", cs)
	}
}

func TestBundleOlderStateKeepsLocal(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	reporter := reviewDB(t, "Ana Ruiz")
	desk := reviewDB(t, "Ed Itor")
	a := reviewArticle(t, reporter, "Version one.")

	b, err := reporter.FileBundle(ctx, a.ID) // an old bundle left in a mail folder
	if err != nil {
		t.Fatal(err)
	}
	deskID := carry(t, reporter, desk, a.ID).Article.ID
	edit(t, desk, deskID, func(a *editor.Article) { a.Body = "Version two, edited at the desk." })

	res, err := desk.ImportBundle(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != ImportKeptLocal {
		t.Fatalf("old bundle: %+v", res)
	}
	if got, _ := desk.Article(ctx, deskID); got.Body != "Version two, edited at the desk." {
		t.Errorf("old bundle overwrote the desk's edit: %q", got.Body)
	}
}

func TestBundleImportSlugTaken(t *testing.T) {
	t.Parallel()
	reporter := reviewDB(t, "Ana Ruiz")
	desk := reviewDB(t, "Ed Itor")
	a := reviewArticle(t, reporter, "Reporter's story.")
	other := reviewArticle(t, desk, "A different story with the same headline.")

	res := carry(t, reporter, desk, a.ID)
	if res.Outcome != ImportCreated || res.Article.Slug == other.Slug || res.Article.UID != a.UID {
		t.Fatalf("import with taken slug: %+v (other slug %s)", res.Article, other.Slug)
	}
	// A different local slug is not an edit: the next import is clean.
	if res := carry(t, reporter, desk, a.ID); res.Outcome != ImportUnchanged {
		t.Errorf("re-import after slug suffix: %s", res.Outcome)
	}
}
