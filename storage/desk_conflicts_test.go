package storage

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"copydesk/editor"
	"copydesk/editor/merge"
)

// mergedConflict sets up article a in d as a desk sync would leave it
// after a merge with conflicts in the headline and two body paragraphs:
// the merged article saved, the conflicts recorded.
func mergedConflict(t *testing.T, d *DB) (*editor.Article, merge.Result) {
	t.Helper()
	ctx := context.Background()
	a := reviewArticle(t, d, "First paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n")
	base := a.Clone()
	mine := a.Clone()
	mine.Headline = "Council approves budget, 5-2"
	mine.Body = "First paragraph, mine.\n\nSecond paragraph.\n\nThird paragraph, mine.\n"
	if err := d.Save(ctx, mine); err != nil {
		t.Fatal(err)
	}
	localRev, err := d.Revisions(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	theirs := base.Clone()
	theirs.Headline = "Budget passes after long night"
	theirs.Section = "Politics"
	theirs.Body = "First paragraph, theirs.\n\nSecond paragraph.\n\nThird paragraph, theirs.\n"
	r := merge.Articles(base, mine, theirs, merge.Options{})
	if len(r.Conflicts) != 3 {
		t.Fatalf("merge conflicts = %+v, want headline and two paragraphs", r.Conflicts)
	}
	if err := d.Save(ctx, r.Article); err != nil {
		t.Fatal(err)
	}
	if _, err := d.RecordConflicts(ctx, a.ID, len(localRev), len(localRev)+1, "Ed Itor", r.Conflicts); err != nil {
		t.Fatal(err)
	}
	return r.Article, r
}

func TestRecordAndListConflicts(t *testing.T) {
	ctx := context.Background()
	d := reviewDB(t, "Ana Ruiz")
	a, r := mergedConflict(t, d)
	cs, err := d.Conflicts(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != len(r.Conflicts) {
		t.Fatalf("Conflicts = %+v, want %d", cs, len(r.Conflicts))
	}
	for i, c := range cs {
		if c.Part == nil || !reflect.DeepEqual(*c.Part, r.Conflicts[i]) {
			t.Errorf("conflict %d part = %+v, want %+v", i, c.Part, r.Conflicts[i])
		}
		if c.FiledBy != "Ed Itor" || c.ArticleID != a.ID || c.ID == 0 {
			t.Errorf("conflict %d = %+v", i, c)
		}
	}
	got, _ := d.Article(ctx, a.ID)
	if got.Section != "Politics" || got.Headline != "Council approves budget, 5-2" {
		t.Errorf("merged article: section %q headline %q", got.Section, got.Headline)
	}
}

func TestResolveConflict(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name      string
		field     string
		choice    merge.Choice
		text      string
		wantHead  string
		wantBody  string
		wantCount int // conflicts left open
	}{
		{name: "take theirs headline", field: merge.FieldHeadline, choice: merge.TakeTheirs,
			wantHead: "Budget passes after long night", wantBody: "First paragraph, mine.\n\nSecond paragraph.\n\nThird paragraph, mine.\n", wantCount: 2},
		{name: "keep mine headline", field: merge.FieldHeadline, choice: merge.KeepMine,
			wantHead: "Council approves budget, 5-2", wantBody: "First paragraph, mine.\n\nSecond paragraph.\n\nThird paragraph, mine.\n", wantCount: 2},
		{name: "edit headline", field: merge.FieldHeadline, choice: merge.Edit, text: "Budget passes, 5-2",
			wantHead: "Budget passes, 5-2", wantBody: "First paragraph, mine.\n\nSecond paragraph.\n\nThird paragraph, mine.\n", wantCount: 2},
		{name: "edit first paragraph into two: the third's conflict moves", field: merge.FieldBody, choice: merge.Edit,
			text: "First paragraph, ours.\n\nA new one.", wantHead: "Council approves budget, 5-2",
			wantBody: "First paragraph, ours.\n\nA new one.\n\nSecond paragraph.\n\nThird paragraph, mine.\n", wantCount: 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := reviewDB(t, "Ana Ruiz")
			a, _ := mergedConflict(t, d)
			cs, _ := d.Conflicts(ctx, a.ID)
			revsBefore, _ := d.Revisions(ctx, a.ID)
			var id int64
			for _, x := range cs {
				if x.Part.Field == c.field {
					id = x.ID
					break
				}
			}
			got, err := d.ResolveConflict(ctx, id, c.choice, c.text)
			if err != nil {
				t.Fatal(err)
			}
			stored, _ := d.Article(ctx, a.ID)
			if stored.Headline != c.wantHead || stored.Body != c.wantBody {
				t.Errorf("stored headline %q body %q, want %q %q", stored.Headline, stored.Body, c.wantHead, c.wantBody)
			}
			if got.Version != stored.Version || got.Headline != stored.Headline {
				t.Errorf("returned %+v, stored %+v", got, stored)
			}
			revs, _ := d.Revisions(ctx, a.ID)
			wantRevs := len(revsBefore) + 1
			if c.choice == merge.KeepMine {
				wantRevs = len(revsBefore)
			}
			if len(revs) != wantRevs {
				t.Errorf("%d revisions, want %d", len(revs), wantRevs)
			}
			left, _ := d.Conflicts(ctx, a.ID)
			if len(left) != c.wantCount {
				t.Fatalf("open conflicts = %+v, want %d", left, c.wantCount)
			}
			if c.field == merge.FieldBody {
				if body := left[1].Part; body.Field != merge.FieldBody || body.At != 3 {
					t.Errorf("third paragraph's conflict = %+v, want it moved to At 3", body)
				}
			}
			// Every body conflict left still points at its paragraphs,
			// so taking theirs for each lands where it should.
			for _, x := range left {
				if _, err := d.ResolveConflict(ctx, x.ID, merge.TakeTheirs, ""); err != nil {
					t.Fatalf("settle %s: %v", x.Part.Label(), err)
				}
			}
			final, _ := d.Article(ctx, a.ID)
			if c.field != merge.FieldBody && !strings.Contains(final.Body, "Third paragraph, theirs.") {
				t.Errorf("final body %q lacks theirs", final.Body)
			}
			if c.field == merge.FieldBody && !strings.HasSuffix(final.Body, "Third paragraph, theirs.\n") {
				t.Errorf("final body %q: the moved conflict was not settled in place", final.Body)
			}
			if n, _ := d.Conflicts(ctx, a.ID); len(n) != 0 {
				t.Errorf("conflicts left: %+v", n)
			}
		})
	}
}

func TestResolveConflictRefuses(t *testing.T) {
	ctx := context.Background()
	d := reviewDB(t, "Ana Ruiz")
	a, _ := mergedConflict(t, d)
	cs, _ := d.Conflicts(ctx, a.ID)
	head := cs[0]
	if head.Part.Field != merge.FieldHeadline {
		t.Fatalf("first conflict is %+v", head.Part)
	}

	// A headline of blanks would not save; the conflict stays open.
	if _, err := d.ResolveConflict(ctx, head.ID, merge.Edit, "   "); err == nil {
		t.Fatal("settled the headline with blanks")
	}
	// Someone edited the headline after the merge: taking theirs would
	// silently undo that edit.
	edit(t, d, a.ID, func(a *editor.Article) { a.Headline = "Typed after the sync" })
	if _, err := d.ResolveConflict(ctx, head.ID, merge.TakeTheirs, ""); !errors.Is(err, merge.ErrChanged) {
		t.Fatalf("err = %v, want merge.ErrChanged", err)
	}
	if got, _ := d.Article(ctx, a.ID); got.Headline != "Typed after the sync" {
		t.Errorf("headline = %q after a refused resolution", got.Headline)
	}
	if left, _ := d.Conflicts(ctx, a.ID); len(left) != 3 {
		t.Errorf("a refused resolution settled the conflict: %d left", len(left))
	}
	// Keeping mine always works: it keeps what is there now.
	if _, err := d.ResolveConflict(ctx, head.ID, merge.KeepMine, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := d.ResolveConflict(ctx, head.ID, merge.KeepMine, ""); !errors.Is(err, ErrConflictSettled) {
		t.Errorf("settling twice: err = %v, want ErrConflictSettled", err)
	}
	if _, err := d.ResolveConflict(ctx, 9999, merge.KeepMine, ""); !errors.Is(err, ErrConflictSettled) {
		t.Errorf("unknown conflict: err = %v, want ErrConflictSettled", err)
	}
}

func TestResolveConflictStatusIsAudited(t *testing.T) {
	ctx := context.Background()
	d := reviewDB(t, "Ed Itor")
	a := reviewArticle(t, d, "Body.")
	base := a.Clone()
	mine := a.Clone()
	mine.Status = editor.StatusFiled
	if err := d.Save(ctx, mine); err != nil {
		t.Fatal(err)
	}
	theirs := base.Clone()
	theirs.Status = editor.StatusSpiked
	r := merge.Articles(base, mine, theirs, merge.Options{TheirsMayApprove: true})
	if err := d.Save(ctx, r.Article); err != nil {
		t.Fatal(err)
	}
	recorded, err := d.RecordConflicts(ctx, a.ID, 1, 2, "Ana Ruiz", r.Conflicts)
	if err != nil || len(recorded) != 1 {
		t.Fatalf("recorded %+v, %v", recorded, err)
	}
	if _, err := d.ResolveConflict(ctx, recorded[0].ID, merge.Edit, "finished"); err == nil {
		t.Fatal("settled a status with a word that is no status")
	}
	got, err := d.ResolveConflict(ctx, recorded[0].ID, merge.TakeTheirs, "")
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != editor.StatusSpiked {
		t.Errorf("status = %s", got.Status)
	}
	audit, err := d.Audit(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	last := audit[len(audit)-1]
	if last.From != editor.StatusFiled || last.To != editor.StatusSpiked || last.Person != "Ed Itor" {
		t.Errorf("audit = %+v", last)
	}
}

func TestConflictsAfterUpgradeFromBundleEra(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := Open(ctx, path, withMaxVersion(5))
	if err != nil {
		t.Fatal(err)
	}
	a := &editor.Article{Headline: "Old conflict", Body: "Text.", Status: editor.StatusDraft}
	if err := old.Save(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := old.sql.ExecContext(ctx, `INSERT INTO conflicts (article_id, time, filed_by, local_revision, incoming_revision) VALUES (?, 0, 'Ed Itor', 1, 1)`, a.ID); err != nil {
		t.Fatal(err)
	}
	old.Close()
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	cs, err := d.Conflicts(ctx, a.ID)
	if err != nil || len(cs) != 1 {
		t.Fatalf("Conflicts = %+v, %v", cs, err)
	}
	if cs[0].Part != nil || cs[0].FiledBy != "Ed Itor" {
		t.Errorf("bundle conflict after upgrade = %+v", cs[0])
	}
	if _, err := d.ResolveConflict(ctx, cs[0].ID, merge.TakeTheirs, ""); err == nil || errors.Is(err, ErrConflictSettled) {
		t.Errorf("settling a whole-article conflict by part: err = %v", err)
	}
}

func TestResolveConflictStatusNeedsAnEditorOnADesk(t *testing.T) {
	ctx := context.Background()
	d := reviewDB(t, "Ana Ruiz") // a reporter, as every new library's person is
	a := reviewArticle(t, d, "Body.")
	base := a.Clone()
	theirs := base.Clone()
	theirs.Status = editor.StatusApproved // by a member who is not an editor: kept as a conflict
	r := merge.Articles(base, a, theirs, merge.Options{TheirsMayApprove: false})
	recorded, err := d.RecordConflicts(ctx, a.ID, 1, 1, "Sam Lee", r.Conflicts)
	if err != nil || len(recorded) != 1 || recorded[0].Part.Field != merge.FieldStatus {
		t.Fatalf("recorded %+v, %v", recorded, err)
	}
	if err := d.JoinDesk(ctx, "file:///desk.git", t.TempDir()); err != nil {
		t.Fatal(err)
	}
	if _, err := d.ResolveConflict(ctx, recorded[0].ID, merge.TakeTheirs, ""); !errors.Is(err, ErrNotEditor) {
		t.Fatalf("a reporter took an approval: err = %v, want ErrNotEditor", err)
	}
	if got, _ := d.Article(ctx, a.ID); got.Status != editor.StatusDraft {
		t.Errorf("status = %s after a refused settlement", got.Status)
	}
	s, err := d.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.PersonRole = editor.RoleEditor
	if err := d.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	got, err := d.ResolveConflict(ctx, recorded[0].ID, merge.TakeTheirs, "")
	if err != nil || got.Status != editor.StatusApproved {
		t.Fatalf("an editor taking the approval: %v, status %v", err, got)
	}
}
