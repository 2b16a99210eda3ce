package storage

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"copydesk/editor"
)

func draft(headline string) *editor.Article {
	return &editor.Article{Headline: headline, Status: editor.StatusDraft}
}

func mustSave(t testing.TB, d *DB, a *editor.Article) {
	t.Helper()
	if err := d.Save(context.Background(), a); err != nil {
		t.Fatalf("save %q: %v", a.Headline, err)
	}
}

// fullArticle sets every field, with text that trips up naive storage:
// non-ASCII, quotes, newlines, an emoji and a sub-millisecond time.
func fullArticle() *editor.Article {
	return &editor.Article{
		UID:      "7c1f3f8e-2d7e-4f57-9a53-0b7f4d6c1e11",
		Slug:     "ukraines-allies-agree",
		Headline: "Ukraine’s allies agree to “multilayered” guarantees 🇺🇦",
		Byline:   []string{"Lisa Johnson", "José Álvarez"},
		Section:  "World",
		Summary:  "Allies, including 27 European countries,\nagreed in Paris.",
		Dateline: "PARIS",
		Tags:     []string{"ukraine", "nato", "日本語"},
		Image:    editor.Image{Src: "copydesk-image:abc", Alt: "Leaders at a table", Caption: "In Paris", Credit: "AP"},
		Body:     "PARIS — In a **significant** development…\n\n> quote\n\n- [link](https://example.com)\n",
		Status:   editor.StatusPublished,
		Published: time.Date(2024, 9, 3, 8, 30, 15, 987_654_321,
			time.FixedZone("CEST", 2*3600)),
		Corrections: []editor.Correction{{Time: time.Date(2024, 9, 4, 9, 0, 0, 500_000_000, time.UTC), Text: "An earlier version misspelled Kuleba."}},
	}
}

func TestSaveRoundTripsEveryField(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		a    *editor.Article
	}{
		{"full", fullArticle()},
		{"minimal", draft("Only a headline")},
		{"empty lists", &editor.Article{Headline: "Empty lists", Status: editor.StatusDraft,
			Byline: []string{}, Tags: []string{}, Corrections: []editor.Correction{}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDB(t)
			a := tc.a
			mustSave(t, d, a)
			got, err := d.Article(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			// Save hands back the stored form, so the two must be identical.
			if !reflect.DeepEqual(got, a) {
				t.Errorf("loaded\n%#v\nsaved\n%#v", got, a)
			}
			if got.Version != 1 || got.ID == 0 || got.UID == "" || got.Slug == "" {
				t.Errorf("new article: id=%d uid=%q slug=%q version=%d", got.ID, got.UID, got.Slug, got.Version)
			}
			// Documented choice: empty and nil lists both load as nil.
			if got.Byline != nil && len(got.Byline) == 0 || got.Tags != nil && len(got.Tags) == 0 {
				t.Errorf("empty list loaded as non-nil: %#v %#v", got.Byline, got.Tags)
			}
			if got.Created.Location() != time.UTC || got.Created.Nanosecond()%int(time.Millisecond) != 0 {
				t.Errorf("created %v is not UTC milliseconds", got.Created)
			}
			// And the revision holds the same article.
			rev, err := d.RevisionArticle(ctx, a.ID, 1)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(rev, a) {
				t.Errorf("revision 1\n%#v\nsaved\n%#v", rev, a)
			}
		})
	}
}

func TestSaveCreateAndUpdate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := newDB(t)
	a := draft("First draft")
	mustSave(t, d, a)
	created := a.Created
	if !a.Updated.Equal(created) {
		t.Errorf("new article updated %v != created %v", a.Updated, created)
	}
	a.Headline, a.Body, a.Status = "Second draft", "More words here.", editor.StatusFiled
	a.UID = "someone-tried-to-change-it"
	mustSave(t, d, a)
	got, err := d.Article(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case got.Version != 2:
		t.Errorf("version %d, want 2", got.Version)
	case got.Headline != "Second draft" || got.Status != editor.StatusFiled || got.Body != "More words here.":
		t.Errorf("update not stored: %+v", got)
	case !got.Created.Equal(created):
		t.Errorf("created changed from %v to %v", created, got.Created)
	case !got.Updated.After(created):
		t.Errorf("updated %v not after created %v", got.Updated, created)
	case got.UID == "someone-tried-to-change-it" || got.UID != a.UID:
		t.Errorf("uid changed by an update: stored %q, caller holds %q", got.UID, a.UID)
	case got.Slug != "first-draft":
		t.Errorf("slug changed by a headline edit: %q", got.Slug)
	}
	var words int
	if err := d.sql.QueryRow(`SELECT words FROM articles WHERE id = ?`, a.ID).Scan(&words); err != nil || words != 3 {
		t.Errorf("stored word count %d (%v), want 3", words, err)
	}
}

func TestSaveConflictOverwritesNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := newDB(t)
	a := draft("Original")
	mustSave(t, d, a)
	mine := a.Clone()
	theirs := a.Clone()
	theirs.Headline = "Their edit"
	mustSave(t, d, theirs)

	mine.Headline = "My stale edit"
	before := *mine
	err := d.Save(ctx, mine)
	if !errors.Is(err, editor.ErrConflict) {
		t.Fatalf("stale save = %v, want ErrConflict", err)
	}
	if !reflect.DeepEqual(*mine, before) {
		t.Errorf("failed save changed the caller's article: %+v", mine)
	}
	got, _ := d.Article(ctx, a.ID)
	if got.Headline != "Their edit" || got.Version != 2 {
		t.Errorf("stored article after conflict: %q v%d", got.Headline, got.Version)
	}
	revs, _ := d.Revisions(ctx, a.ID)
	if len(revs) != 2 {
		t.Errorf("%d revisions after a conflict, want 2", len(revs))
	}
	if n := searchIDs(t, d, editor.Filter{Query: "stale"}); len(n) != 0 {
		t.Errorf("conflicting text reached the index: %v", n)
	}
}

func TestSaveUpdateMissing(t *testing.T) {
	t.Parallel()
	d := newDB(t)
	a := draft("Ghost")
	a.ID, a.Version = 42, 1
	if err := d.Save(context.Background(), a); !errors.Is(err, editor.ErrNotFound) {
		t.Errorf("update of missing article = %v, want ErrNotFound", err)
	}
}

func TestSaveInvalid(t *testing.T) {
	t.Parallel()
	d := newDB(t)
	for _, a := range []*editor.Article{
		{Status: editor.StatusDraft},
		{Headline: "No status"},
		{Headline: "Bad slug", Slug: "Not A Slug", Status: editor.StatusDraft},
		{Headline: "NUL\x00", Status: editor.StatusDraft},
	} {
		err := d.Save(context.Background(), a)
		var ve *editor.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("save %+v = %v, want ValidationError", a, err)
		}
		if a.ID != 0 {
			t.Errorf("invalid article got id %d", a.ID)
		}
	}
	if n, _ := d.Count(context.Background(), editor.Filter{}); n != 0 {
		t.Errorf("%d articles stored from invalid saves", n)
	}
}

func TestSaveDuplicateUID(t *testing.T) {
	t.Parallel()
	d := newDB(t)
	a := draft("One")
	mustSave(t, d, a)
	b := draft("Two")
	b.UID = a.UID
	err := d.Save(context.Background(), b)
	var ve *editor.ValidationError
	if !errors.As(err, &ve) || ve.For("uid") == nil {
		t.Fatalf("duplicate uid = %v, want a uid field error", err)
	}
}

func TestSlugs(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("word ", 30)
	longSlug := editor.Slugify(long)
	tests := []struct {
		name     string
		headline string
		slug     string
		want     string
	}{
		{"derived", "Council approves budget", "", "council-approves-budget"},
		{"derived again gets -2", "Council approves budget!", "", "council-approves-budget-2"},
		{"third gets -3", "Council, approves; budget", "", "council-approves-budget-3"},
		{"given", "Anything", "my-slug", "my-slug"},
		{"given duplicate gets suffix on create", "Else", "my-slug", "my-slug-2"},
		{"diacritics", "Café in Zürich", "", "cafe-in-zurich"},
		{"no letters falls back", "🎉 !!! 🎉", "", "article"},
		{"fallback twice", "???", "", "article-2"},
		{"long", long, "", longSlug},
		{"long duplicate stays within the limit", long + "!", "", strings.TrimRight(longSlug[:editor.MaxSlugLen-2], "-") + "-2"},
	}
	d := newDB(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := draft(tc.headline)
			a.Slug = tc.slug
			mustSave(t, d, a)
			if a.Slug != tc.want {
				t.Errorf("slug %q, want %q", a.Slug, tc.want)
			}
			if !editor.ValidSlug(a.Slug) {
				t.Errorf("slug %q is not valid", a.Slug)
			}
		})
	}
}

func TestSlugUpdateRules(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := newDB(t)
	a, b := draft("Alpha"), draft("Beta")
	mustSave(t, d, a)
	mustSave(t, d, b)

	// A person choosing a slug another article has is told so.
	b.Slug = "alpha"
	err := d.Save(ctx, b)
	var fe *editor.FieldError
	if !errors.As(err, &fe) || fe.Field != "slug" || !strings.Contains(fe.Msg, "already used by another article") {
		t.Fatalf("duplicate slug on update = %v", err)
	}
	// Keeping one's own slug is fine.
	b.Slug = "beta"
	mustSave(t, d, b)
	// Clearing it derives a fresh unique one from the headline.
	b.Slug, b.Headline = "", "Alpha"
	mustSave(t, d, b)
	if b.Slug != "alpha-2" {
		t.Errorf("cleared slug became %q, want alpha-2", b.Slug)
	}
}

func TestRevisions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := newDB(t)
	s := editor.DefaultSettings()
	s.PersonName = "Lisa Johnson"
	if err := d.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	a := draft("One")
	a.Body = "one two"
	mustSave(t, d, a)
	s.PersonName = "Ed Itor"
	if err := d.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	a.Headline, a.Body, a.Status = "Two", "one two three", editor.StatusEditing
	mustSave(t, d, a)
	other := draft("Other article")
	mustSave(t, d, other)

	revs, err := d.Revisions(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		n       int
		version int64
		author  string
		status  editor.Status
		words   int
		head    string
	}{
		{1, 1, "Lisa Johnson", editor.StatusDraft, 2, "One"},
		{2, 2, "Ed Itor", editor.StatusEditing, 3, "Two"},
	}
	if len(revs) != len(want) {
		t.Fatalf("%d revisions, want %d: %+v", len(revs), len(want), revs)
	}
	for i, w := range want {
		r := revs[i]
		if r.ArticleID != a.ID || r.Number != w.n || r.Version != w.version || r.Author != w.author ||
			r.Status != w.status || r.Words != w.words || r.Headline != w.head {
			t.Errorf("revision %d = %+v, want %+v", i, r, w)
		}
	}
	if !revs[1].Time.Equal(a.Updated) {
		t.Errorf("revision time %v, article updated %v", revs[1].Time, a.Updated)
	}
	first, err := d.RevisionArticle(ctx, a.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if first.Headline != "One" || first.Version != 1 || first.Body != "one two" {
		t.Errorf("revision 1 article = %+v", first)
	}
	if _, err := d.RevisionArticle(ctx, a.ID, 3); !errors.Is(err, editor.ErrNotFound) {
		t.Errorf("missing revision = %v, want ErrNotFound", err)
	}
	if _, err := d.Revisions(ctx, 999); !errors.Is(err, editor.ErrNotFound) {
		t.Errorf("revisions of missing article = %v, want ErrNotFound", err)
	}
	if r, _ := d.Revisions(ctx, other.ID); len(r) != 1 || r[0].Number != 1 {
		t.Errorf("other article's revisions %+v; numbering must be per article", r)
	}
}

func TestResolve(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := newDB(t)
	a := draft("Budget passes")
	mustSave(t, d, a)
	digits := draft("2024")
	mustSave(t, d, digits) // slug "2024", id 2
	tests := []struct {
		ref    string
		wantID int64
	}{
		{"1", a.ID},
		{" 1 ", a.ID},
		{a.UID, a.ID},
		{"budget-passes", a.ID},
		{"2", digits.ID},
		{"2024", digits.ID}, // no article 2024, so the slug
		{"nope", 0},
		{"", 0},
		{"999", 0},
		{"' OR 1=1 --", 0},
	}
	for _, tc := range tests {
		got, err := d.Resolve(ctx, tc.ref)
		if tc.wantID == 0 {
			if !errors.Is(err, editor.ErrNotFound) {
				t.Errorf("Resolve(%q) = %v, %v; want ErrNotFound", tc.ref, got, err)
			}
			continue
		}
		if err != nil || got.ID != tc.wantID {
			t.Errorf("Resolve(%q) = %v, %v; want id %d", tc.ref, got, err, tc.wantID)
		}
	}
	if _, err := d.Article(ctx, 77); !errors.Is(err, editor.ErrNotFound) {
		t.Errorf("Article(77) = %v, want ErrNotFound", err)
	}
}

// TestConcurrentSavesTwoHandles saves the same version of one article from
// two DBs on one file at once: exactly one wins, the other gets
// ErrConflict, and neither sees "database is locked".
func TestConcurrentSavesTwoHandles(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.db")
	d1, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d1.Close()
	d2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d2.Close()
	for round := range 20 {
		a := draft("Contested")
		a.Body = strings.Repeat("word ", 2000)
		mustSave(t, d1, a)
		x, y := a.Clone(), a.Clone()
		x.Headline, y.Headline = "From one", "From two"
		var wg sync.WaitGroup
		errs := make([]error, 2)
		wg.Go(func() { errs[0] = d1.Save(ctx, x) })
		wg.Go(func() { errs[1] = d2.Save(ctx, y) })
		wg.Wait()
		ok, conflicts := 0, 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case errors.Is(err, editor.ErrConflict):
				conflicts++
			default:
				t.Fatalf("round %d: unexpected error %v", round, err)
			}
		}
		if ok != 1 || conflicts != 1 {
			t.Fatalf("round %d: %d succeeded, %d conflicted; want 1 and 1", round, ok, conflicts)
		}
		got, _ := d2.Article(ctx, a.ID)
		winner := x
		if errs[0] != nil {
			winner = y
		}
		if got.Headline != winner.Headline || got.Version != 2 {
			t.Errorf("round %d: stored %q v%d, winner %q", round, got.Headline, got.Version, winner.Headline)
		}
	}
	// Creates from both handles at once never collide on ids or seq.
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := range 40 {
		db := d1
		if i%2 == 1 {
			db = d2
		}
		wg.Go(func() { errs <- db.Save(ctx, draft("Parallel")) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := d1.Count(ctx, editor.Filter{Query: "parallel"}); n != 40 {
		t.Errorf("%d parallel articles found, want 40", n)
	}
}
