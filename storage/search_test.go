package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"copydesk/editor"
	"copydesk/editor/synth"
)

func searchIDs(t testing.TB, d *DB, f editor.Filter) []int64 {
	t.Helper()
	res, err := d.Search(context.Background(), f)
	if err != nil {
		t.Fatalf("Search(%+v): %v", f, err)
	}
	ids := make([]int64, len(res))
	for i, s := range res {
		ids[i] = s.ID
	}
	return ids
}

// searchLibrary saves articles in order, so later ones are newer.
func searchLibrary(t testing.TB) (*DB, map[string]int64) {
	d := newDB(t)
	ids := map[string]int64{}
	for _, a := range []*editor.Article{
		{Slug: "cafe", Headline: "Café opens on College Avenue", Byline: []string{"Lisa Johnson"}, Section: "Local",
			Body: "The owners said the espresso machine came from Zürich.", Status: editor.StatusPublished},
		{Slug: "budget", Headline: "Council approves budget", Byline: []string{"Mark Chen", "Lisa Johnson"}, Section: "Politics",
			Summary: "The vote was 5-2.", Body: "The council said the budget adds two officers.", Status: editor.StatusEditing},
		{Slug: "tokyo", Headline: "東京の選挙", Byline: []string{"Aiko Tanaka"}, Section: "World",
			Body: "東京都知事選挙 results. Emoji 🎉 party.", Status: editor.StatusDraft},
		{Slug: "decomposed", Headline: "Decomposed accents", Section: "Culture",
			Body: "A cafe\u0301 review and Ame\u0301lie.", Status: editor.StatusDraft},
		{Slug: "football", Headline: "Football: Terriers win 3-1", Byline: []string{"mark chen"}, Section: "Sports",
			Body: "Coach said: \"AND we're not done\" (really) -- fans*", Status: editor.StatusFiled},
	} {
		mustSave(t, d, a)
		ids[a.Slug] = a.ID
	}
	return d, ids
}

func TestSearchCorrectness(t *testing.T) {
	t.Parallel()
	d, id := searchLibrary(t)
	tests := []struct {
		name string
		f    editor.Filter
		want []string // slugs, newest first
	}{
		{"empty query lists all newest first", editor.Filter{}, []string{"football", "decomposed", "tokyo", "budget", "cafe"}},
		{"punctuation only is no filter", editor.Filter{Query: " !? -- "}, []string{"football", "decomposed", "tokyo", "budget", "cafe"}},
		{"one word", editor.Filter{Query: "council"}, []string{"budget"}},
		{"common word", editor.Filter{Query: "said"}, []string{"football", "budget", "cafe"}},
		{"words are ANDed", editor.Filter{Query: "said budget"}, []string{"budget"}},
		{"last word is a prefix", editor.Filter{Query: "said budg"}, []string{"budget"}},
		{"earlier words are not prefixes", editor.Filter{Query: "budg said"}, nil},
		{"one letter prefix", editor.Filter{Query: "z"}, []string{"cafe"}},
		{"case-insensitive", editor.Filter{Query: "COUNCIL"}, []string{"budget"}},
		{"diacritics ignored in text", editor.Filter{Query: "cafe"}, []string{"decomposed", "cafe"}},
		{"diacritics ignored in query", editor.Filter{Query: "café"}, []string{"decomposed", "cafe"}},
		{"decomposed query", editor.Filter{Query: "cafe\u0301"}, []string{"decomposed", "cafe"}},
		{"zurich", editor.Filter{Query: "zurich"}, []string{"cafe"}},
		{"amelie in decomposed body", editor.Filter{Query: "amelie"}, []string{"decomposed"}},
		{"summary indexed", editor.Filter{Query: "vote"}, []string{"budget"}},
		{"byline indexed", editor.Filter{Query: "tanaka"}, []string{"tokyo"}},
		{"CJK prefix", editor.Filter{Query: "東京"}, []string{"tokyo"}},
		{"operator words are words", editor.Filter{Query: "AND"}, []string{"football", "decomposed"}},
		{"quotes and parens", editor.Filter{Query: `"not done" (really)`}, []string{"football"}},
		{"status filter", editor.Filter{Status: editor.StatusDraft}, []string{"decomposed", "tokyo"}},
		{"section filter", editor.Filter{Section: "Politics"}, []string{"budget"}},
		{"author filter is case-insensitive", editor.Filter{Author: "MARK CHEN"}, []string{"football", "budget"}},
		{"author case folding beyond ASCII", editor.Filter{Author: " AIKO TANAKA "}, []string{"tokyo"}},
		{"author case folding with text", editor.Filter{Author: "mArK cHeN", Query: "said"}, []string{"football", "budget"}},
		{"status and text", editor.Filter{Status: editor.StatusDraft, Query: "a"}, []string{"decomposed", "tokyo"}},
		{"status and prefix", editor.Filter{Status: editor.StatusDraft, Query: "rev"}, []string{"decomposed"}},
		{"section and text, no match", editor.Filter{Section: "World", Query: "said"}, nil},
		{"section is exact", editor.Filter{Section: "politics", Query: "budget"}, nil},
		{"author with text", editor.Filter{Author: "Lisa Johnson", Query: "said"}, []string{"budget", "cafe"}},
		{"author, status and text", editor.Filter{Author: "Lisa Johnson", Status: editor.StatusPublished, Query: "sa"}, []string{"cafe"}},
		{"section and text", editor.Filter{Section: "Sports", Query: "said"}, []string{"football"}},
		{"unknown author", editor.Filter{Author: "Nobody"}, nil},
		{"limit", editor.Filter{Limit: 2}, []string{"football", "decomposed"}},
		{"offset", editor.Filter{Limit: 2, Offset: 2}, []string{"tokyo", "budget"}},
		{"limit with text", editor.Filter{Query: "said", Limit: 1, Offset: 1}, []string{"budget"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var want []int64
			for _, s := range tc.want {
				want = append(want, id[s])
			}
			got := searchIDs(t, d, tc.f)
			if !slices.Equal(got, want) {
				t.Errorf("Search(%+v) = %v, want %v %v", tc.f, got, want, tc.want)
			}
			if tc.f.Limit == 0 {
				n, err := d.Count(context.Background(), tc.f)
				if err != nil || n != len(want) {
					t.Errorf("Count = %d, %v; want %d", n, err, len(want))
				}
			}
		})
	}
}

func TestSearchFollowsEdits(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, id := searchLibrary(t)
	a, err := d.Article(ctx, id["cafe"])
	if err != nil {
		t.Fatal(err)
	}
	a.Headline, a.Body = "Bakery opens", "Fresh bread."
	mustSave(t, d, a)
	if got := searchIDs(t, d, editor.Filter{Query: "espresso"}); len(got) != 0 {
		t.Errorf("old text still found: %v", got)
	}
	if got := searchIDs(t, d, editor.Filter{Query: "bread"}); !slices.Equal(got, []int64{a.ID}) {
		t.Errorf("new text: %v", got)
	}
	// Saving moves it to the top of the list.
	if got := searchIDs(t, d, editor.Filter{Limit: 1}); !slices.Equal(got, []int64{a.ID}) {
		t.Errorf("newest after edit: %v", got)
	}
	if got := searchIDs(t, d, editor.Filter{Author: "Lisa Johnson"}); !slices.Equal(got, []int64{a.ID, id["budget"]}) {
		t.Errorf("author list after edit: %v", got)
	}
	a.Byline = nil
	mustSave(t, d, a)
	if got := searchIDs(t, d, editor.Filter{Author: "Lisa Johnson"}); !slices.Equal(got, []int64{id["budget"]}) {
		t.Errorf("removed byline still listed: %v", got)
	}
}

func TestSearchSummaryFields(t *testing.T) {
	t.Parallel()
	d, id := searchLibrary(t)
	res, err := d.Search(context.Background(), editor.Filter{Query: "council"})
	if err != nil || len(res) != 1 {
		t.Fatalf("Search = %v, %v", res, err)
	}
	a, _ := d.Article(context.Background(), id["budget"])
	want := editor.Summary{ID: a.ID, UID: a.UID, Slug: a.Slug, Headline: a.Headline, Byline: a.Byline,
		Section: a.Section, Status: a.Status, Updated: a.Updated, Words: editor.CountWords(a.Body)}
	if !reflect.DeepEqual(res[0], want) {
		t.Errorf("summary\n%+v\nwant\n%+v", res[0], want)
	}
}

// TestFacetsAreUnreachableFromTypedText: filters are index tokens too, and
// no typed text may match them, or one letter would find every article.
func TestFacetsAreUnreachableFromTypedText(t *testing.T) {
	t.Parallel()
	d := newDB(t)
	a := &editor.Article{Headline: "Xylophone", Byline: []string{"Zed Zed"}, Section: "Sports", Status: editor.StatusDraft}
	mustSave(t, d, a)
	typed := []string{"a", "c", "s", "e", "0", "9", "sports", "draft", facetToken(facetStatus, "draft"),
		facetToken(facetSection, "Sports")[3:], "\ue000", "\ue000s"}
	for _, q := range typed {
		if got := searchIDs(t, d, editor.Filter{Query: q}); len(got) != 0 && matchExpr(q) != "" {
			t.Errorf("Search(%q) = %v, want nothing", q, got)
		}
	}
	if got := searchIDs(t, d, editor.Filter{Query: "xylo", Status: editor.StatusDraft, Section: "Sports", Author: "zed zed"}); !slices.Equal(got, []int64{a.ID}) {
		t.Errorf("all filters with text = %v", got)
	}
	// A status move through saveTx (as review does) moves the facet too.
	a.Status = editor.StatusFiled
	mustSave(t, d, a)
	if got := searchIDs(t, d, editor.Filter{Query: "xylo", Status: editor.StatusDraft}); len(got) != 0 {
		t.Errorf("old status facet still matches: %v", got)
	}
	if got := searchIDs(t, d, editor.Filter{Query: "xylo", Status: editor.StatusFiled}); !slices.Equal(got, []int64{a.ID}) {
		t.Errorf("new status facet: %v", got)
	}
}

func TestSearchInvalidStatus(t *testing.T) {
	t.Parallel()
	d := newDB(t)
	_, err := d.Search(context.Background(), editor.Filter{Status: "bogus"})
	var fe *editor.FieldError
	if !errors.As(err, &fe) || fe.Field != "status" {
		t.Errorf("Search with bogus status = %v, want a status FieldError", err)
	}
}

// hostileQueries are things people type or paste that would be FTS5 syntax
// errors if passed through.
var hostileQueries = []string{
	`"`, `"unbalanced`, `unbalanced"`, `""`, `"""`, `'`, `it's`,
	`AND`, `OR`, `NOT`, `NEAR`, `said AND`, `OR said`, `NOT said`, `NEAR(said the)`, `said NEAR/2 the`,
	`-said`, `said -the`, `*`, `said*`, `*said`, `^said`, `said^`, `headline:said`, `:`, `body:`, `{headline body}: x`,
	`(`, `)`, `(said`, `said)`, `((((`, `a + b`, `1/2`, `$%&`, `\`, `\"`, `\x00`, "said\x00the", "\x00",
	"🎉", "🎉said🎉", "👩‍👩‍👧", "東京", "東京 選挙", "ﾃｽﾄ", "Ἀθῆναι", "مرحبا", "e\u0301", "\u0301", "\ufeff",
	"\xff\xfe", "said\xffthe", "\U0001E900", "a\U0001E922b", "\uA7AE", "ꟊ", "𖿢", "\u200b", "\t\n\r", strings.Repeat("x", 10_000), strings.Repeat("said ", 2_000),
	strings.Repeat(`"(*^:- `, 1_500), strings.Repeat("東", 5_000),
}

func TestSearchHostileQueriesNeverError(t *testing.T) {
	t.Parallel()
	d, _ := searchLibrary(t)
	ctx := context.Background()
	for _, q := range hostileQueries {
		for _, f := range []editor.Filter{{Query: q}, {Query: q, Status: editor.StatusDraft, Author: "x", Section: "World"}} {
			if _, err := d.Search(ctx, f); err != nil {
				t.Errorf("Search(%.40q) = %v", q, err)
			}
			if _, err := d.Count(ctx, f); err != nil {
				t.Errorf("Count(%.40q) = %v", q, err)
			}
		}
	}
}

func TestMatchExpr(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"", ""},
		{"   ", ""},
		{"-*^:()", ""},
		{"the", `"the"*`},
		{"the said", `"the" AND "said"*`},
		{`"said the`, `"said" AND "the"*`},
		{"AND OR NOT", `"AND" AND "OR" AND "NOT"*`},
		{"headline:foo", `"headline" AND "foo"*`},
		{"it's", `"it" AND "s"*`},
		{"U.S. 1,000", `"U" AND "S" AND "1" AND "000"*`},
		{"Café", `"Café"*`},
		{"cafe\u0301", `"café"*`}, // NFC so the tokenizer sees one letter
		{"東京 🎉 選挙", `"東京" AND "選挙"*`},
		{"a\x00b", `"a" AND "b"*`},
		{"a\xffb", `"a" AND "b"*`},
	}
	for _, tc := range tests {
		if got := matchExpr(tc.in); got != tc.want {
			t.Errorf("matchExpr(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := matchExpr(strings.Repeat("w ", 100)); strings.Count(got, `"w"`) != maxQueryWords {
		t.Errorf("long query kept %d words, want %d", strings.Count(got, `"w"`), maxQueryWords)
	}
}

// FuzzSearchQuery checks that no typed text makes Search or Count fail.
func FuzzSearchQuery(f *testing.F) {
	for _, q := range hostileQueries {
		if len(q) < 200 {
			f.Add(q)
		}
	}
	d, _ := searchLibrary(f)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, q string) {
		expr := matchExpr(q)
		if strings.Count(expr, `"`)%2 != 0 {
			t.Fatalf("matchExpr(%q) = %q has unbalanced quotes", q, expr)
		}
		if _, err := d.Search(ctx, editor.Filter{Query: q, Limit: 5}); err != nil {
			t.Fatalf("Search(%q) [%s]: %v", q, expr, err)
		}
		if _, err := d.Count(ctx, editor.Filter{Query: q, Author: "Lisa Johnson"}); err != nil {
			t.Fatalf("Count(%q) [%s]: %v", q, expr, err)
		}
	})
}

func TestSearchPaging(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := newDB(t)
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		for i := range DefaultLimit + 10 {
			if err := d.saveTx(ctx, tx, draft(fmt.Sprintf("Paging story %d", i)), ""); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		f    editor.Filter
		want int
	}{
		{editor.Filter{}, DefaultLimit},
		{editor.Filter{Limit: -3}, DefaultLimit},
		{editor.Filter{Query: "paging"}, DefaultLimit},
		{editor.Filter{Limit: 1000}, DefaultLimit + 10},
		{editor.Filter{Limit: 1000, Offset: DefaultLimit}, 10},
		{editor.Filter{Limit: 5, Offset: -1}, 5},
		{editor.Filter{Query: "story", Offset: 1000}, 0},
	} {
		if got := searchIDs(t, d, tc.f); len(got) != tc.want {
			t.Errorf("Search(%+v) returned %d, want %d", tc.f, len(got), tc.want)
		}
	}
	// Pages follow each other without gaps or repeats.
	first := searchIDs(t, d, editor.Filter{Query: "paging story", Limit: 30})
	second := searchIDs(t, d, editor.Filter{Query: "paging story", Limit: 30, Offset: 30})
	all := searchIDs(t, d, editor.Filter{Query: "paging story", Limit: 100})
	if !slices.Equal(append(first, second...), all) {
		t.Errorf("two pages %v + %v != one page %v", first, second, all)
	}
	if n, err := d.Count(ctx, editor.Filter{Query: "paging", Limit: 1}); err != nil || n != DefaultLimit+10 {
		t.Errorf("Count ignoring Limit = %d, %v", n, err)
	}
}

func TestReindex(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, id := searchLibrary(t)
	queries := []editor.Filter{
		{Query: "said"}, {Query: "cafe"}, {Query: "東京"}, {Author: "lisa johnson"},
		{Query: "said", Status: editor.StatusEditing}, {Query: "the", Section: "Local"},
	}
	want := make([][]int64, len(queries))
	for i, f := range queries {
		want[i] = searchIDs(t, d, f)
		if len(want[i]) == 0 {
			t.Fatalf("query %+v finds nothing before the damage; the test would prove nothing", f)
		}
	}
	// Damage the index: lose one article's row, add a stray one.
	if _, err := d.sql.Exec(`DELETE FROM articles_fts WHERE rowid = (SELECT seq FROM articles WHERE id = ?)`, id["budget"]); err != nil {
		t.Fatal(err)
	}
	if _, err := d.sql.Exec(`INSERT INTO articles_fts (rowid, headline, summary, byline, body) VALUES (999999, 'said ghost', '', '', '')`); err != nil {
		t.Fatal(err)
	}
	if got := searchIDs(t, d, editor.Filter{Query: "council"}); len(got) != 0 {
		t.Fatalf("damage did not take: %v", got)
	}
	if err := d.Reindex(ctx); err != nil {
		t.Fatal(err)
	}
	for i, f := range queries {
		if got := searchIDs(t, d, f); !slices.Equal(got, want[i]) {
			t.Errorf("after Reindex, Search(%+v) = %v, want %v", f, got, want[i])
		}
	}
	var stray int
	if err := d.sql.QueryRow(`SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'ghost'`).Scan(&stray); err != nil || stray != 0 {
		t.Errorf("stray index row survived Reindex: %d (%v)", stray, err)
	}
}

// TestQueryPlans pins the plans the benchmarks rest on: every list and
// search walks an index in newest-first order (no sort of all matches),
// with or without ANALYZE statistics, which another tool may add.
func TestQueryPlans(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := newDB(t)
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		for i := range 300 {
			if err := d.saveTx(ctx, tx, synth.LibraryArticle(i), ""); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		f     editor.Filter
		first string // what the plan's first step must scan
	}{
		{editor.Filter{}, "articles_3"}, // the UNIQUE index on seq
		{editor.Filter{Status: editor.StatusDraft}, "articles_status_seq"},
		{editor.Filter{Section: "Sports"}, "articles_section_seq"},
		{editor.Filter{Query: "the"}, "articles_fts"},
		{editor.Filter{Author: "Lisa Johnson"}, "articles_fts"},
		{editor.Filter{Query: "said", Status: editor.StatusSpiked, Section: "Science", Author: "Mark Chen"}, "articles_fts"},
	}
	for _, stats := range []bool{false, true} {
		if stats {
			if _, err := d.sql.Exec("ANALYZE"); err != nil {
				t.Fatal(err)
			}
		}
		for _, tc := range tests {
			q, args, err := filterQuery(tc.f, summaryColumns)
			if err != nil {
				t.Fatal(err)
			}
			rows, err := d.sql.Query("EXPLAIN QUERY PLAN "+q+" LIMIT 50", args...)
			if err != nil {
				t.Fatal(err)
			}
			var steps []string
			for rows.Next() {
				var id, parent, unused int
				var detail string
				if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
					t.Fatal(err)
				}
				steps = append(steps, detail)
			}
			rows.Close()
			plan := strings.Join(steps, " | ")
			if len(steps) == 0 || !strings.Contains(steps[0], tc.first) || strings.Contains(plan, "TEMP B-TREE") {
				t.Errorf("ANALYZE=%v %+v: plan %q, want it to start on %s without a sort", stats, tc.f, plan, tc.first)
			}
		}
	}
}

func TestCountUpTo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, _ := searchLibrary(t)
	for _, f := range []editor.Filter{
		{}, {Query: "said"}, {Query: "s"}, {Status: editor.StatusDraft}, {Author: "Lisa Johnson"},
		{Query: "said", Author: "Lisa Johnson"}, {Query: "nothing-matches-this"}, {Query: `"(`},
	} {
		exact, err := d.Count(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, limit := range []int{0, 1, 2, 3, 100} {
			got, err := d.CountUpTo(ctx, f, limit)
			if want := min(exact, limit); err != nil || got != want {
				t.Errorf("CountUpTo(%+v, %d) = %d, %v; want %d (exact %d)", f, limit, got, err, want, exact)
			}
		}
	}
	if _, err := d.CountUpTo(ctx, editor.Filter{Status: "bogus"}, 5); err == nil {
		t.Error("CountUpTo with a bogus status did not fail")
	}
}

// TestTextCannotPoseAsFacet: an article whose text contains another
// status's facet token must not be counted or listed under that status.
func TestTextCannotPoseAsFacet(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := newDB(t)
	a := &editor.Article{Headline: "Sneaky", Body: "word " + facetToken(facetStatus, "published"), Status: editor.StatusDraft}
	mustSave(t, d, a)
	f := editor.Filter{Query: "word", Status: editor.StatusPublished}
	if n, err := d.Count(ctx, f); err != nil || n != 0 {
		t.Errorf("Count(%+v) = %d, %v; want 0", f, n, err)
	}
	if got := searchIDs(t, d, f); len(got) != 0 {
		t.Errorf("Search(%+v) = %v", f, got)
	}
	if got := searchIDs(t, d, editor.Filter{Query: "word", Status: editor.StatusDraft}); !slices.Equal(got, []int64{a.ID}) {
		t.Errorf("own status: %v", got)
	}
}
