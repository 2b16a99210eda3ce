package merge

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"copydesk/editor"
)

// sample is the common ancestor most tests start from.
func sample() *editor.Article {
	return &editor.Article{
		ID:       7,
		UID:      "6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b",
		Slug:     "council-budget-vote",
		Headline: "Council delays vote on library budget",
		Byline:   []string{"Lisa Johnson", "Tom Baker"},
		Section:  "Local",
		Summary:  "Members want a second look at the branch closures.",
		Dateline: "APPLETON",
		Tags:     []string{"budget", "council", "libraries"},
		Image: editor.Image{
			Src:     "https://img.appletontimes.example/council.jpg",
			Alt:     "Council members seated at a curved desk",
			Caption: "The council met on Tuesday.",
			Credit:  "Ana Ruiz/The Appleton Times",
		},
		Body: "The city council put off its vote on Tuesday.\n\n" +
			"Three branches would close under the plan.\n\n" +
			"\"We need more time,\" said council member Rita Vance.\n",
		Status:  editor.StatusEditing,
		Version: 4,
		Created: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC),
		Updated: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC),
	}
}

func with(a *editor.Article, edits ...func(*editor.Article)) *editor.Article {
	c := a.Clone()
	for _, e := range edits {
		e(c)
	}
	return c
}

// scalarFields are the fields that merge as one value each.
var scalarFields = []string{FieldSlug, FieldHeadline, FieldSection, FieldSummary, FieldDateline,
	FieldImageSrc, FieldImageAlt, FieldImageCaption, FieldImageCredit}

func TestArticlesScalarFields(t *testing.T) {
	for _, field := range scalarFields {
		base := sample()
		orig := fieldAccess[field].get(base)
		set := func(v string) func(*editor.Article) { return func(a *editor.Article) { fieldAccess[field].set(a, v) } }
		cases := []struct {
			name          string
			base          *editor.Article
			mine, theirs  *editor.Article
			want          string
			wantConflicts []Conflict
		}{
			{"only mine changed", base, with(base, set("mine-edit")), base, "mine-edit", nil},
			{"only theirs changed", base, base, with(base, set("theirs-edit")), "theirs-edit", nil},
			{"both the same", base, with(base, set("same-edit")), with(base, set("same-edit")), "same-edit", nil},
			{"mine cleared it", base, with(base, set("")), base, "", nil},
			{"both changed", base, with(base, set("mine-edit")), with(base, set("theirs-edit")), "mine-edit",
				[]Conflict{{Field: field, Paragraph: -1, At: -1, Base: orig, Mine: "mine-edit", Theirs: "theirs-edit"}}},
			{"no base, different", nil, with(base, set("mine-new")), with(base, set("theirs-new")), "mine-new",
				[]Conflict{{Field: field, Paragraph: -1, At: -1, Mine: "mine-new", Theirs: "theirs-new"}}},
			{"no base, same", nil, base, base, orig, nil},
		}
		for _, c := range cases {
			t.Run(field+"/"+c.name, func(t *testing.T) {
				r := Articles(c.base, c.mine, c.theirs, Options{TheirsMayApprove: true})
				got, _ := current(r.Article, Conflict{Field: field})
				if got != c.want {
					t.Errorf("%s = %q, want %q", field, got, c.want)
				}
				if !reflect.DeepEqual(r.Conflicts, c.wantConflicts) {
					t.Errorf("conflicts = %+v, want %+v", r.Conflicts, c.wantConflicts)
				}
			})
		}
	}
}

func TestArticlesLists(t *testing.T) {
	tags := func(v ...string) func(*editor.Article) { return func(a *editor.Article) { a.Tags = v } }
	byline := func(v ...string) func(*editor.Article) { return func(a *editor.Article) { a.Byline = v } }
	base := sample() // tags budget, council, libraries; byline Lisa Johnson, Tom Baker
	cases := []struct {
		name         string
		mine, theirs []func(*editor.Article)
		field        string
		want         []string
		conflict     bool
	}{
		{"tags: each side adds one", []func(*editor.Article){tags("budget", "council", "libraries", "schools")},
			[]func(*editor.Article){tags("budget", "council", "libraries", "taxes")}, FieldTags,
			[]string{"budget", "council", "libraries", "schools", "taxes"}, false},
		{"tags: one adds, one removes", []func(*editor.Article){tags("budget", "council", "libraries", "schools")},
			[]func(*editor.Article){tags("budget", "libraries")}, FieldTags,
			[]string{"budget", "libraries", "schools"}, false},
		{"tags: both remove different ones", []func(*editor.Article){tags("council", "libraries")},
			[]func(*editor.Article){tags("budget", "council")}, FieldTags, []string{"council"}, false},
		{"tags: both add the same", []func(*editor.Article){tags("budget", "council", "libraries", "taxes")},
			[]func(*editor.Article){tags("taxes", "budget", "council", "libraries")}, FieldTags,
			[]string{"budget", "council", "libraries", "taxes"}, false},
		{"tags: both emptied", []func(*editor.Article){tags()}, []func(*editor.Article){tags("budget")}, FieldTags, nil, false},
		{"byline: each adds a name", []func(*editor.Article){byline("Lisa Johnson", "Tom Baker", "Ana Ruiz")},
			[]func(*editor.Article){byline("Lisa Johnson", "Tom Baker", "Sam Lee")}, FieldByline,
			[]string{"Lisa Johnson", "Tom Baker", "Ana Ruiz", "Sam Lee"}, false},
		{"byline: theirs reorders, mine adds", []func(*editor.Article){byline("Lisa Johnson", "Tom Baker", "Ana Ruiz")},
			[]func(*editor.Article){byline("Tom Baker", "Lisa Johnson")}, FieldByline,
			[]string{"Tom Baker", "Lisa Johnson", "Ana Ruiz"}, false},
		{"byline: mine reorders, theirs removes nothing", []func(*editor.Article){byline("Tom Baker", "Lisa Johnson")},
			[]func(*editor.Article){byline("Lisa Johnson", "Tom Baker", "Sam Lee")}, FieldByline,
			[]string{"Tom Baker", "Lisa Johnson", "Sam Lee"}, false},
		{"byline: both reorder the same way", []func(*editor.Article){byline("Tom Baker", "Lisa Johnson", "Ana Ruiz")},
			[]func(*editor.Article){byline("Tom Baker", "Sam Lee", "Lisa Johnson")}, FieldByline,
			[]string{"Tom Baker", "Lisa Johnson", "Ana Ruiz", "Sam Lee"}, false},
	}
	// A real reordering conflict needs three names both keep.
	three := with(base, byline("A One", "B Two", "C Three"))
	t.Run("byline: reorders that disagree conflict", func(t *testing.T) {
		mine, theirs := with(three, byline("B Two", "A One", "C Three")), with(three, byline("C Three", "A One", "B Two"))
		r := Articles(three, mine, theirs, Options{})
		want := []Conflict{{Field: FieldByline, Paragraph: -1, At: -1, Base: "A One, B Two, C Three", Mine: "B Two, A One, C Three", Theirs: "C Three, A One, B Two"}}
		if !reflect.DeepEqual(r.Conflicts, want) {
			t.Fatalf("conflicts = %+v, want %+v", r.Conflicts, want)
		}
		if !slices.Equal(r.Article.Byline, mine.Byline) {
			t.Errorf("byline = %q, want mine's %q", r.Article.Byline, mine.Byline)
		}
	})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Articles(base, with(base, c.mine...), with(base, c.theirs...), Options{})
			got := r.Article.Tags
			if c.field == FieldByline {
				got = r.Article.Byline
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("%s = %q, want %q", c.field, got, c.want)
			}
			if (len(r.Conflicts) > 0) != c.conflict {
				t.Errorf("conflicts = %+v, want conflict: %v", r.Conflicts, c.conflict)
			}
		})
	}
	t.Run("no base: different lists conflict", func(t *testing.T) {
		r := Articles(nil, with(base, tags("a", "b")), with(base, tags("b", "c")), Options{})
		want := []Conflict{{Field: FieldTags, Paragraph: -1, At: -1, Mine: "a, b", Theirs: "b, c"}}
		if !reflect.DeepEqual(r.Conflicts, want) {
			t.Errorf("conflicts = %+v, want %+v", r.Conflicts, want)
		}
	})
}

func TestArticlesStatus(t *testing.T) {
	status := func(s editor.Status) func(*editor.Article) { return func(a *editor.Article) { a.Status = s } }
	t1 := time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC)
	t2 := time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)
	pub := func(at time.Time) func(*editor.Article) {
		return func(a *editor.Article) { a.Status, a.Published = editor.StatusPublished, at }
	}
	cases := []struct {
		name                 string
		base, mine, theirs   []func(*editor.Article)
		noBase, theirsEditor bool
		want                 editor.Status
		wantPublished        time.Time
		conflict             bool
	}{
		{name: "theirs files, mine unchanged", base: []func(*editor.Article){status(editor.StatusDraft)},
			theirs: []func(*editor.Article){status(editor.StatusFiled)}, want: editor.StatusFiled},
		{name: "editor's approval arrives", theirs: []func(*editor.Article){status(editor.StatusApproved)},
			theirsEditor: true, want: editor.StatusApproved},
		{name: "reporter's approval arrives", theirs: []func(*editor.Article){status(editor.StatusApproved)},
			want: editor.StatusEditing, conflict: true},
		{name: "reporter's publication arrives", base: []func(*editor.Article){status(editor.StatusApproved)},
			theirs: []func(*editor.Article){pub(t1)}, want: editor.StatusApproved, conflict: true},
		{name: "editor's publication arrives", base: []func(*editor.Article){status(editor.StatusApproved)},
			theirs: []func(*editor.Article){pub(t1)}, theirsEditor: true, want: editor.StatusPublished, wantPublished: t1},
		{name: "reporter's side unchanged while mine moved back", base: []func(*editor.Article){status(editor.StatusApproved)},
			mine: []func(*editor.Article){status(editor.StatusEditing)}, want: editor.StatusEditing},
		{name: "mine published, stale machine sent it back to draft", mine: []func(*editor.Article){pub(t1)},
			theirs: []func(*editor.Article){status(editor.StatusDraft)}, want: editor.StatusPublished, wantPublished: t1},
		{name: "theirs published, mine sent back to draft", theirs: []func(*editor.Article){pub(t1)},
			mine: []func(*editor.Article){status(editor.StatusDraft)}, theirsEditor: true, want: editor.StatusPublished, wantPublished: t1},
		{name: "no base: published and draft", noBase: true, mine: []func(*editor.Article){status(editor.StatusDraft)},
			theirs: []func(*editor.Article){pub(t2)}, theirsEditor: true, want: editor.StatusPublished, wantPublished: t2},
		{name: "both published: first publication counts", mine: []func(*editor.Article){pub(t2)},
			theirs: []func(*editor.Article){pub(t1)}, theirsEditor: true, want: editor.StatusPublished, wantPublished: t1},
		{name: "draft and spiked conflict", mine: []func(*editor.Article){status(editor.StatusDraft)},
			theirs: []func(*editor.Article){status(editor.StatusSpiked)}, theirsEditor: true, want: editor.StatusDraft, conflict: true},
		{name: "no base: draft and filed conflict", noBase: true, mine: []func(*editor.Article){status(editor.StatusDraft)},
			theirs: []func(*editor.Article){status(editor.StatusFiled)}, want: editor.StatusDraft, conflict: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			base := with(sample(), c.base...)
			mine, theirs := with(base, c.mine...), with(base, c.theirs...)
			if c.noBase {
				base = nil
			}
			r := Articles(base, mine, theirs, Options{TheirsMayApprove: c.theirsEditor})
			if r.Article.Status != c.want {
				t.Errorf("status = %s, want %s", r.Article.Status, c.want)
			}
			if !r.Article.Published.Equal(c.wantPublished) {
				t.Errorf("published = %v, want %v", r.Article.Published, c.wantPublished)
			}
			if got := len(r.Conflicts) > 0; got != c.conflict {
				t.Fatalf("conflicts = %+v, want conflict: %v", r.Conflicts, c.conflict)
			}
			if c.conflict {
				want := Conflict{Field: FieldStatus, Paragraph: -1, At: -1, Mine: string(mine.Status), Theirs: string(theirs.Status)}
				if base != nil {
					want.Base = string(base.Status)
				}
				if !reflect.DeepEqual(r.Conflicts, []Conflict{want}) {
					t.Errorf("conflicts = %+v, want %+v", r.Conflicts, []Conflict{want})
				}
			}
		})
	}
}

func TestArticlesCorrections(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	c0 := editor.Correction{Time: t0, Text: "An earlier version misspelled Ms. Vance's name."}
	c1 := editor.Correction{Time: t0.Add(time.Hour), Text: "The vote is on Thursday, not Wednesday."}
	c2 := editor.Correction{Time: t0.Add(2 * time.Hour), Text: "Three branches, not four, would close."}
	base := with(sample(), func(a *editor.Article) {
		a.Status, a.Published, a.Corrections = editor.StatusPublished, t0, []editor.Correction{c0}
	})
	mine := with(base, func(a *editor.Article) { a.Corrections = append(a.Corrections, c2) })
	theirs := with(base, func(a *editor.Article) { a.Corrections = append(a.Corrections, c1) })
	r := Articles(base, mine, theirs, Options{})
	if want := []editor.Correction{c0, c1, c2}; !reflect.DeepEqual(r.Article.Corrections, want) {
		t.Errorf("corrections = %+v, want %+v", r.Article.Corrections, want)
	}
	if len(r.Conflicts) != 0 {
		t.Errorf("conflicts = %+v, want none", r.Conflicts)
	}
}

func TestArticlesKeepsLocalBookkeeping(t *testing.T) {
	base := sample()
	mine := with(base, func(a *editor.Article) { a.ID, a.Version, a.Updated = 12, 9, a.Updated.Add(time.Hour) })
	theirs := with(base, func(a *editor.Article) { a.ID, a.Version, a.Headline = 99, 2, "Council delays budget vote" })
	r := Articles(base, mine, theirs, Options{})
	if r.Article.ID != 12 || r.Article.Version != 9 || !r.Article.Updated.Equal(mine.Updated) {
		t.Errorf("id/version/updated = %d/%d/%v, want mine's 12/9/%v", r.Article.ID, r.Article.Version, r.Article.Updated, mine.Updated)
	}
	if r.Article.Headline != theirs.Headline {
		t.Errorf("headline = %q, want theirs' %q", r.Article.Headline, theirs.Headline)
	}
	if mine.Headline != base.Headline {
		t.Error("Articles changed mine")
	}
}

func TestArticlesDifferentFieldsMerge(t *testing.T) {
	base := sample()
	mine := with(base, func(a *editor.Article) {
		a.Headline = "Council puts off library budget vote"
		a.Body = "The city council put off its vote on Tuesday night.\n\n" +
			"Three branches would close under the plan.\n\n" +
			"\"We need more time,\" said council member Rita Vance.\n"
	})
	theirs := with(base, func(a *editor.Article) {
		a.Summary = "Branch closures get a second look."
		a.Image.Credit = "Ana Ruiz"
		a.Body = "The city council put off its vote on Tuesday.\n\n" +
			"Three branches would close under the plan.\n\n" +
			"\"We need more time,\" said council member Rita Vance.\n\n" +
			"The council meets again on Thursday.\n"
	})
	r := Articles(base, mine, theirs, Options{})
	if len(r.Conflicts) != 0 {
		t.Fatalf("conflicts = %+v, want none", r.Conflicts)
	}
	want := with(base, func(a *editor.Article) {
		a.Headline, a.Summary, a.Image.Credit = mine.Headline, theirs.Summary, theirs.Image.Credit
		a.Body = "The city council put off its vote on Tuesday night.\n\n" +
			"Three branches would close under the plan.\n\n" +
			"\"We need more time,\" said council member Rita Vance.\n\n" +
			"The council meets again on Thursday.\n"
	})
	if !reflect.DeepEqual(r.Article, want) {
		t.Errorf("merged =\n%+v\nwant\n%+v", r.Article, want)
	}
}
