package merge

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"copydesk/editor"
)

// conflicted merges two edits of every field of sample() that conflict.
func conflicted(t *testing.T) (mine, theirs *editor.Article, r Result) {
	t.Helper()
	base := sample()
	mine = with(base, func(a *editor.Article) {
		for _, f := range scalarFields {
			if f != FieldSlug {
				fieldAccess[f].set(a, fieldAccess[f].get(a)+" (mine)")
			}
		}
		a.Slug = "mine-slug"
		a.Byline = []string{"Tom Baker", "Lisa Johnson", "Sam Lee"}
		a.Status = editor.StatusDraft
		a.Body = strings.Replace(a.Body, "Tuesday.", "Tuesday night.", 1)
		a.Body = strings.Replace(a.Body, "Rita Vance.", "Rita Vance, who chairs the panel.", 1)
	})
	theirs = with(base, func(a *editor.Article) {
		for _, f := range scalarFields {
			if f != FieldSlug {
				fieldAccess[f].set(a, fieldAccess[f].get(a)+" (theirs)")
			}
		}
		a.Slug = "theirs-slug"
		a.Byline = []string{"Lisa Johnson", "Ana Ruiz"}
		a.Status = editor.StatusSpiked
		a.Body = "The council met first.\n\n" + strings.Replace(a.Body, "Tuesday.", "Tuesday evening.", 1)
		a.Body = strings.Replace(a.Body, "Rita Vance.", "Rita Vance (D).", 1)
	})
	r = Articles(base, mine, theirs, Options{})
	return mine, theirs, r
}

func TestResolveEveryField(t *testing.T) {
	mine, theirs, r := conflicted(t)
	wantFields := append(append([]string{}, FieldSlug, FieldHeadline), FieldSection, FieldSummary, FieldDateline,
		FieldImageSrc, FieldImageAlt, FieldImageCaption, FieldImageCredit, FieldStatus, FieldBody, FieldBody)
	var gotFields []string
	for _, c := range r.Conflicts {
		gotFields = append(gotFields, c.Field)
	}
	if !reflect.DeepEqual(gotFields, wantFields) {
		t.Fatalf("conflicting fields = %q, want %q", gotFields, wantFields)
	}
	if want := []string{"Lisa Johnson", "Sam Lee", "Ana Ruiz"}; !reflect.DeepEqual(r.Article.Byline, want) {
		t.Errorf("byline = %q, want %q (theirs removed Tom Baker, each side added one)", r.Article.Byline, want)
	}

	now := time.Date(2026, 3, 5, 8, 0, 0, 0, time.UTC)
	for _, choice := range []Choice{KeepMine, TakeTheirs, TakeBase} {
		t.Run(string(choice), func(t *testing.T) {
			a := r.Article.Clone()
			// Last first, so body conflicts ahead keep their place.
			for i := len(r.Conflicts) - 1; i >= 0; i-- {
				c := r.Conflicts[i]
				text, err := c.Text(choice)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := Resolve(a, c, text, now); err != nil {
					t.Fatalf("Resolve(%s, %s): %v", c.Label(), choice, err)
				}
				if got := fieldAccess[c.Field].get(a); c.Field != FieldBody && got != text {
					t.Errorf("%s = %q after choosing %s, want %q", c.Field, got, choice, text)
				}
			}
			// Theirs' new first paragraph is part of their change to the
			// first paragraph, so it goes or stays with that choice.
			want := map[Choice]string{KeepMine: mine.Body, TakeTheirs: theirs.Body, TakeBase: sample().Body}[choice]
			if a.Body != want {
				t.Errorf("body =\n%q\nwant\n%q", a.Body, want)
			}
		})
	}
}

func TestResolveRefuses(t *testing.T) {
	_, _, r := conflicted(t)
	find := func(field string) Conflict {
		for _, c := range r.Conflicts {
			if c.Field == field {
				return c
			}
		}
		t.Fatalf("no %s conflict", field)
		return Conflict{}
	}
	now := time.Date(2026, 3, 5, 8, 0, 0, 0, time.UTC)
	t.Run("headline edited since the merge", func(t *testing.T) {
		a := r.Article.Clone()
		a.Headline = "Edited after the merge"
		if _, err := Resolve(a, find(FieldHeadline), "x", now); !errors.Is(err, ErrChanged) {
			t.Fatalf("err = %v, want ErrChanged", err)
		}
		if a.Headline != "Edited after the merge" {
			t.Error("refused Resolve changed the article")
		}
	})
	t.Run("paragraph edited since the merge", func(t *testing.T) {
		a := r.Article.Clone()
		a.Body = strings.Replace(a.Body, "night", "NIGHT", 1)
		c := find(FieldBody)
		if _, err := Resolve(a, c, c.Theirs, now); !errors.Is(err, ErrChanged) {
			t.Fatalf("err = %v, want ErrChanged", err)
		}
	})
	t.Run("paragraph moved since the merge is found", func(t *testing.T) {
		a := r.Article.Clone()
		a.Body = "A new first paragraph.\n\n" + a.Body
		c := find(FieldBody)
		if _, err := Resolve(a, c, c.Theirs, now); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(a.Body, "Tuesday evening.") || strings.Contains(a.Body, "Tuesday night.") {
			t.Errorf("body = %q", a.Body)
		}
	})
	t.Run("empty headline is not valid", func(t *testing.T) {
		a := r.Article.Clone()
		if _, err := Resolve(a, find(FieldHeadline), "  ", now); err == nil {
			t.Fatal("Resolve accepted an empty headline")
		}
		if a.Headline != find(FieldHeadline).Mine {
			t.Error("refused Resolve changed the article")
		}
	})
	t.Run("not a status", func(t *testing.T) {
		a := r.Article.Clone()
		if _, err := Resolve(a, find(FieldStatus), "finished", now); err == nil {
			t.Fatal("Resolve accepted status finished")
		}
	})
	t.Run("publishing sets the publication time", func(t *testing.T) {
		a := r.Article.Clone()
		if _, err := Resolve(a, find(FieldStatus), "published", now); err != nil {
			t.Fatal(err)
		}
		if a.Status != editor.StatusPublished || !a.Published.Equal(now) {
			t.Errorf("status %s published %v, want published at %v", a.Status, a.Published, now)
		}
	})
	t.Run("unknown field", func(t *testing.T) {
		if _, err := Resolve(r.Article.Clone(), Conflict{Field: "weather"}, "x", now); err == nil {
			t.Fatal("Resolve accepted field weather")
		}
	})
	t.Run("not a choice", func(t *testing.T) {
		if _, err := find(FieldHeadline).Text("both"); err == nil {
			t.Fatal("Text accepted choice both")
		}
	})
}

func TestResolveShift(t *testing.T) {
	base := "A.\n\nB.\n\nC.\n"
	merged, cs := mergeBody(base, "A. Mine.\n\nB.\n\nC. Mine.\n", "A. Theirs.\n\nB.\n\nC. Theirs.\n", true)
	if len(cs) != 2 {
		t.Fatalf("conflicts = %+v, want 2", cs)
	}
	a := &editor.Article{Headline: "Shift", Status: editor.StatusDraft, Body: merged}
	// The first conflict is settled with two paragraphs: the second's
	// place moves by one.
	shift, err := Resolve(a, cs[0], "A. One.\n\nA. Two.", time.Time{})
	if err != nil || shift != 1 {
		t.Fatalf("Resolve = %d, %v; want shift 1", shift, err)
	}
	cs[1].At += shift
	if _, err := Resolve(a, cs[1], cs[1].Theirs, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if want := "A. One.\n\nA. Two.\n\nB.\n\nC. Theirs.\n"; a.Body != want {
		t.Errorf("body = %q, want %q", a.Body, want)
	}
	if got := cs[1].Label(); got != "body paragraph 4" {
		t.Errorf("label = %q", got)
	}
}
