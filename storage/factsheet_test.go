package storage

import (
	"context"
	"errors"
	"maps"
	"slices"
	"testing"

	"copydesk/editor"
)

func TestFactTicks(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := newDB(t)
	a := &editor.Article{Headline: "Budget passes", Status: editor.StatusDraft}
	b := &editor.Article{Headline: "Other story", Status: editor.StatusDraft}
	for _, x := range []*editor.Article{a, b} {
		if err := d.Save(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		item   string
		ticked bool
		want   []string
	}{
		{"f1", true, []string{"f1"}},
		{"f2", true, []string{"f1", "f2"}},
		{"f1", true, []string{"f1", "f2"}}, // ticking twice keeps one tick
		{"f1", false, []string{"f2"}},
		{"f1", false, []string{"f2"}}, // unticking an unticked item is fine
	}
	for i, s := range steps {
		if err := d.SetFactTick(ctx, a.ID, s.item, s.ticked); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		got, err := d.FactTicks(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if ids := slices.Sorted(maps.Keys(got)); !slices.Equal(ids, s.want) {
			t.Fatalf("step %d: ticks = %v, want %v", i, ids, s.want)
		}
	}
	// Ticks belong to one article.
	if got, err := d.FactTicks(ctx, b.ID); err != nil || len(got) != 0 {
		t.Errorf("other article's ticks = %v, %v", got, err)
	}
	if err := d.SetFactTick(ctx, 999, "f1", true); !errors.Is(err, editor.ErrNotFound) {
		t.Errorf("tick on missing article: %v, want ErrNotFound", err)
	}
	if _, err := d.FactTicks(ctx, 999); !errors.Is(err, editor.ErrNotFound) {
		t.Errorf("ticks of missing article: %v, want ErrNotFound", err)
	}
}

func TestFactTicksSurviveReopen(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := newDB(t)
	a := &editor.Article{Headline: "Budget passes", Status: editor.StatusDraft}
	if err := d.Save(ctx, a); err != nil {
		t.Fatal(err)
	}
	if err := d.SetFactTick(ctx, a.ID, "f1", true); err != nil {
		t.Fatal(err)
	}
	d.Close()
	d2, err := Open(ctx, d.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer d2.Close()
	if got, err := d2.FactTicks(ctx, a.ID); err != nil || !got["f1"] {
		t.Errorf("after reopen: %v, %v", got, err)
	}
}

func TestTrainingArticles(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := newDB(t)
	for _, st := range []editor.Status{editor.StatusDraft, editor.StatusApproved, editor.StatusFiled, editor.StatusPublished, editor.StatusSpiked} {
		a := &editor.Article{Headline: "Story " + string(st), Section: "Local", Status: st, Body: "Body of " + string(st)}
		if err := d.Save(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	got, err := d.TrainingArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var heads []string
	for _, a := range got {
		heads = append(heads, a.Headline)
		if a.Section != "Local" || a.Body == "" {
			t.Errorf("article not loaded whole: %+v", a)
		}
	}
	if want := []string{"Story published", "Story approved"}; !slices.Equal(heads, want) {
		t.Errorf("training articles = %q, want %q (newest first, approved and published only)", heads, want)
	}
}
