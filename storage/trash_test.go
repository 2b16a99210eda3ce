package storage

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"testing"

	"copydesk/editor"
)

// TestTrashAndRestore: a trashed article leaves every list and search,
// and comes back from the trash with its text, notes and history.
func TestTrashAndRestore(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "library.db")
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	setPerson(t, d, "Ed")
	a := reviewArticle(t, d, "The mayor spoke at noon.")
	a.Body = "The mayor spoke at noon. Residents cheered."
	mustSave(t, d, a)
	if _, err := d.AddNote(ctx, a.ID, "Which mayor?", "mayor"); err != nil {
		t.Fatal(err)
	}
	other := reviewArticle(t, d, "Another story about the mayor.")
	before, err := d.Revisions(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	kept, _ := d.Article(ctx, a.ID)

	if err := d.Trash(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Article(ctx, a.ID); !errors.Is(err, editor.ErrNotFound) {
		t.Errorf("Article after Trash: %v, want ErrNotFound", err)
	}
	for _, f := range []editor.Filter{{}, {Query: "mayor"}, {Author: "Ana Ruiz"}, {Status: editor.StatusDraft}} {
		got, err := d.Search(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].ID != other.ID {
			t.Errorf("Search(%+v) after Trash = %+v, want only the other article", f, got)
		}
	}
	if rep, err := Verify(ctx, path); err != nil || !rep.OK() {
		t.Errorf("Verify after Trash: %+v, %v", rep, err)
	}
	items, err := d.TrashList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0].ArticleID != a.ID || items[0].UID != a.UID || items[0].Headline != a.Headline {
		t.Fatalf("TrashList = %+v", items)
	}

	back, err := d.RestoreFromTrash(ctx, items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	got, err := d.Article(ctx, back.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.UID != kept.UID || got.Body != kept.Body || got.Slug != kept.Slug || !got.Created.Equal(kept.Created) || got.Version <= kept.Version {
		t.Errorf("restored %+v, was %+v", got, kept)
	}
	if res, _ := d.Search(ctx, editor.Filter{Query: "cheered"}); len(res) != 1 || res[0].ID != back.ID {
		t.Errorf("restored article not found by search: %+v", res)
	}
	notes, err := d.Notes(ctx, back.ID)
	if err != nil || len(notes) != 1 || notes[0].Text != "Which mayor?" {
		t.Errorf("restored notes %+v, %v", notes, err)
	}
	after, err := d.Revisions(ctx, back.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before)+1 {
		t.Fatalf("revisions after restore %+v, want the %d before plus the restore", after, len(before))
	}
	for i, r := range before {
		if after[i].Number != r.Number || after[i].Version != r.Version || after[i].Headline != r.Headline {
			t.Errorf("revision %d %+v, was %+v", i+1, after[i], r)
		}
	}
	checkNewestIsCurrent(t, d, back.ID, len(before)+1, "after restore")
	if items, _ := d.TrashList(ctx); len(items) != 0 {
		t.Errorf("trash after restore: %+v", items)
	}
	if rep, err := Verify(ctx, path); err != nil || !rep.OK() {
		t.Errorf("Verify after restore: %+v, %v", rep, err)
	}
}

func TestRestoreTakesAFreeSlug(t *testing.T) {
	ctx := context.Background()
	d := newDB(t)
	a := draft("Budget vote")
	mustSave(t, d, a)
	if err := d.Trash(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	b := draft("Budget vote") // takes the slug while a is in the trash
	mustSave(t, d, b)
	items, _ := d.TrashList(ctx)
	back, err := d.RestoreFromTrash(ctx, items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if back.Slug == b.Slug || back.ID == b.ID {
		t.Errorf("restored slug %q id %d clash with %q %d", back.Slug, back.ID, b.Slug, b.ID)
	}
}

func TestEmptyTrash(t *testing.T) {
	ctx := context.Background()
	d := newDB(t)
	for _, h := range []string{"One", "Two"} {
		a := draft(h)
		mustSave(t, d, a)
		if err := d.Trash(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
	}
	n, err := d.EmptyTrash(ctx)
	if err != nil || n != 2 {
		t.Fatalf("EmptyTrash = %d, %v; want 2", n, err)
	}
	if items, _ := d.TrashList(ctx); len(items) != 0 {
		t.Errorf("trash not empty: %+v", items)
	}
	if _, err := d.RestoreFromTrash(ctx, 1); !errors.Is(err, editor.ErrNotFound) {
		t.Errorf("restore from an empty trash: %v, want ErrNotFound", err)
	}
	if err := d.Trash(ctx, 999); !errors.Is(err, editor.ErrNotFound) {
		t.Errorf("Trash(999): %v, want ErrNotFound", err)
	}
}

func TestDuplicate(t *testing.T) {
	ctx := context.Background()
	d := newDB(t)
	a := fullArticle()
	a.Status = editor.StatusPublished
	mustSave(t, d, a)
	c, err := d.Duplicate(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.ID == a.ID || c.UID == a.UID || c.Slug == a.Slug || c.Headline != "Copy of "+a.Headline ||
		c.Status != editor.StatusDraft || len(c.Corrections) != 0 || !c.Published.IsZero() {
		t.Errorf("duplicate %+v of %+v", c, a)
	}
	if c.Body != a.Body || !reflect.DeepEqual(c.Byline, a.Byline) || c.Image != a.Image || !reflect.DeepEqual(c.Tags, a.Tags) {
		t.Errorf("duplicate lost content: %+v", c)
	}
	if revs, _ := d.Revisions(ctx, c.ID); len(revs) != 1 {
		t.Errorf("duplicate has %d revisions, want its own first one", len(revs))
	}
	if _, err := d.Duplicate(ctx, 999); !errors.Is(err, editor.ErrNotFound) {
		t.Errorf("Duplicate(999): %v, want ErrNotFound", err)
	}
}
