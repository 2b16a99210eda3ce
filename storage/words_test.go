package storage

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"copydesk/editor"
)

func wordList(t *testing.T, d *DB, removed bool) []string {
	t.Helper()
	ws, err := d.NewsroomWords(context.Background(), removed)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, w := range ws {
		out = append(out, w.Word)
	}
	return out
}

func TestNewsroomWords(t *testing.T) {
	ctx := context.Background()
	d := newDB(t)
	clock := time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)
	d.SetClock(func() time.Time { clock = clock.Add(time.Second); return clock })
	steps := []struct {
		name    string
		do      func() error
		wantErr error
		live    []string
	}{
		{"add a name", func() error { return d.AddNewsroomWord(ctx, "Öztürk") }, nil, []string{"Öztürk"}},
		{"add twice keeps one", func() error { return d.AddNewsroomWord(ctx, "Öztürk") }, nil, []string{"Öztürk"}},
		{"add another", func() error { return d.AddNewsroomWord(ctx, "Whitfield") }, nil, []string{"Whitfield", "Öztürk"}},
		{"two words are refused", func() error { return d.AddNewsroomWord(ctx, "Fox River") }, ErrBadWord, []string{"Whitfield", "Öztürk"}},
		{"empty is refused", func() error { return d.AddNewsroomWord(ctx, "") }, ErrBadWord, []string{"Whitfield", "Öztürk"}},
		{"remove", func() error { return d.RemoveNewsroomWord(ctx, "Whitfield") }, nil, []string{"Öztürk"}},
		{"remove again is not found", func() error { return d.RemoveNewsroomWord(ctx, "Whitfield") }, editor.ErrNotFound, []string{"Öztürk"}},
		{"learning does not bring a pruned word back", func() error {
			n, err := d.LearnNewsroomWords(ctx, []editor.NewsroomWord{
				{Word: "Whitfield", Source: editor.WordArchive, Articles: 5},
				{Word: "Appleton", Source: editor.WordByline, Articles: 2},
			})
			if err == nil && n != 1 {
				t.Errorf("learned %d new words, want 1", n)
			}
			return err
		}, nil, []string{"Appleton", "Öztürk"}},
		{"adding brings it back", func() error { return d.AddNewsroomWord(ctx, "Whitfield") }, nil, []string{"Appleton", "Whitfield", "Öztürk"}},
	}
	for _, s := range steps {
		err := s.do()
		if s.wantErr == nil && err != nil || s.wantErr != nil && !errors.Is(err, s.wantErr) {
			t.Fatalf("%s: err = %v, want %v", s.name, err, s.wantErr)
		}
		if got := wordList(t, d, false); !slices.Equal(got, s.live) {
			t.Fatalf("%s: words = %q, want %q", s.name, got, s.live)
		}
	}
	all, err := d.NewsroomWords(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range all {
		if w.Word == "Appleton" && (w.Source != editor.WordByline || w.Articles != 2) {
			t.Errorf("learned word stored as %+v", w)
		}
		if w.Word == "Öztürk" && w.Source != editor.WordAdded {
			t.Errorf("added word stored as %+v", w)
		}
	}
}

func TestMergeNewsroomWords(t *testing.T) {
	ctx := context.Background()
	a, b := newDB(t), newDB(t)
	t0 := time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)
	a.SetClock(func() time.Time { return t0 })
	b.SetClock(func() time.Time { return t0.Add(time.Minute) })
	if err := a.AddNewsroomWord(ctx, "Kowalczyk"); err != nil {
		t.Fatal(err)
	}
	if err := a.AddNewsroomWord(ctx, "Rortvedt"); err != nil {
		t.Fatal(err)
	}
	// b learns both, then removes one a minute later.
	fromA, _ := a.NewsroomWords(ctx, true)
	if n, err := b.MergeNewsroomWords(ctx, fromA); err != nil || n != 2 {
		t.Fatalf("merge into b: %d, %v", n, err)
	}
	if err := b.RemoveNewsroomWord(ctx, "Kowalczyk"); err != nil {
		t.Fatal(err)
	}
	// a gets b's newer removal; b ignores a's older state.
	fromB, _ := b.NewsroomWords(ctx, true)
	if n, err := a.MergeNewsroomWords(ctx, fromB); err != nil || n != 1 {
		t.Fatalf("merge into a: %d, %v", n, err)
	}
	fromA, _ = a.NewsroomWords(ctx, true)
	if n, err := b.MergeNewsroomWords(ctx, fromA); err != nil || n != 0 {
		t.Fatalf("merge back into b changed %d rows, %v", n, err)
	}
	for _, d := range []*DB{a, b} {
		if got := wordList(t, d, false); !slices.Equal(got, []string{"Rortvedt"}) {
			t.Errorf("words after sync = %q, want [Rortvedt]", got)
		}
	}
}

func TestPublishedArticles(t *testing.T) {
	ctx := context.Background()
	d := newDB(t)
	for i, st := range []editor.Status{editor.StatusPublished, editor.StatusDraft, editor.StatusPublished} {
		a := &editor.Article{Headline: "Story " + string(rune('A'+i)), Status: st}
		if err := d.Save(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	got, err := d.PublishedArticles(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Headline != "Story C" || got[1].Headline != "Story A" {
		t.Errorf("published = %v, want C then A", got)
	}
}
