package merge

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"copydesk/editor"
)

// The property tests edit a base article at random on two machines and
// check what must hold for every merge, whatever the edits were.

var (
	pool        = []string{"alpha", "bravo", "charlie", "delta", ""}
	namesPool   = []string{"Lisa Johnson", "Tom Baker", "Ana Ruiz", "Sam Lee"}
	parasPool   = []string{"The council met.", "Three branches close.", "\"Not yet,\" said Vance.", "Voting is Thursday.", "Budget is $4.2 million.", "Residents objected."}
	statusPool  = editor.Statuses
	publishedAt = []time.Time{{}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.Date(2026, 3, 4, 8, 0, 0, 0, time.UTC)}
)

func randomArticle(r *rand.Rand) *editor.Article {
	a := &editor.Article{UID: "6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b", Headline: "Council vote", Status: editor.StatusDraft}
	for range 3 {
		edit(r, a)
	}
	return a
}

// edit changes a few of a's fields at random, each to a value from a small
// pool, so two machines often pick the same value or touch the same field.
func edit(r *rand.Rand, a *editor.Article) {
	for _, f := range scalarFields {
		if r.IntN(4) == 0 && f != FieldHeadline {
			fieldAccess[f].set(a, pool[r.IntN(len(pool))])
		}
	}
	if r.IntN(4) == 0 {
		a.Headline = "Council vote " + pool[r.IntN(len(pool)-1)]
	}
	if r.IntN(3) == 0 {
		a.Tags = randomList(r, pool[:4])
	}
	if r.IntN(3) == 0 {
		a.Byline = randomList(r, namesPool)
	}
	if r.IntN(4) == 0 {
		a.Status = statusPool[r.IntN(len(statusPool))]
	}
	if r.IntN(6) == 0 {
		a.Published = publishedAt[r.IntN(len(publishedAt))]
	}
	if r.IntN(6) == 0 {
		c := editor.Correction{Time: publishedAt[1+r.IntN(2)].Add(time.Duration(r.IntN(3)) * time.Hour), Text: pool[r.IntN(4)]}
		if !slices.Contains(a.Corrections, c) {
			a.Corrections = corrections(a.Corrections, []editor.Correction{c})
		}
	}
	if r.IntN(2) == 0 {
		a.Body = editBody(r, a.Body)
	}
}

func randomList(r *rand.Rand, from []string) []string {
	var out []string
	for _, i := range r.Perm(len(from))[:r.IntN(len(from)+1)] {
		out = append(out, from[i])
	}
	return out
}

func editBody(r *rand.Rand, body string) string {
	ps := SplitParagraphs(body)
	for range 1 + r.IntN(3) {
		i := r.IntN(len(ps) + 1)
		switch op := r.IntN(4); {
		case op == 0 || len(ps) == 0 || i == len(ps):
			ps = slices.Insert(ps, i, parasPool[r.IntN(len(parasPool))])
		case op == 1:
			ps = slices.Delete(ps, i, i+1)
		case op == 2:
			ps[i] += " " + pool[r.IntN(4)]
		default:
			ps[i] = parasPool[r.IntN(len(parasPool))]
		}
	}
	if len(ps) == 0 {
		return ""
	}
	return strings.Join(ps, "\n\n") + "\n"
}

// travelling is what of an article goes to other machines, in a form
// reflect.DeepEqual compares fairly.
func travelling(a *editor.Article) editor.Article {
	c := *a.Clone()
	c.ID, c.Version, c.Created, c.Updated = 0, 0, time.Time{}, time.Time{}
	if len(c.Byline) == 0 {
		c.Byline = nil
	}
	if len(c.Tags) == 0 {
		c.Tags = nil
	}
	if len(c.Corrections) == 0 {
		c.Corrections = nil
	}
	return c
}

func TestPropertiesOfArticles(t *testing.T) {
	for seed := range uint64(3000) {
		r := rand.New(rand.NewPCG(seed, 1))
		base := randomArticle(r)
		x, y := base.Clone(), base.Clone()
		edit(r, x)
		edit(r, y)
		name := fmt.Sprintf("seed %d", seed)
		same := func(what string, res Result, want *editor.Article) {
			t.Helper()
			if len(res.Conflicts) > 0 {
				t.Fatalf("%s: %s: conflicts %+v, want none", name, what, res.Conflicts)
			}
			if got := travelling(res.Article); !reflect.DeepEqual(got, travelling(want)) {
				t.Fatalf("%s: %s:\n got %+v\nwant %+v", name, what, got, travelling(want))
			}
		}
		same("merge(base, x, x) == x", Articles(base, x, x, Options{}), x)
		same("merge(base, base, y) == y", Articles(base, base, y, Options{TheirsMayApprove: true}), y)
		same("merge(base, y, base) == y", Articles(base, y, base, Options{}), y)

		xy := Articles(base, x, y, Options{TheirsMayApprove: true})
		yx := Articles(base, y, x, Options{TheirsMayApprove: true})
		nothingLost(t, name+" (x, y)", base, x, y, xy)
		nothingLost(t, name+" (y, x)", base, y, x, yx)
		symmetric(t, name, xy, yx)
		nothingLost(t, name+" (no base)", nil, x, y, Articles(nil, x, y, Options{TheirsMayApprove: true}))
	}
}

// nothingLost checks that a conflict keeps both versions (Mine in the
// article, Theirs in the conflict) and that every paragraph either side
// wrote is in the merged body or in a conflict.
func nothingLost(t *testing.T, name string, base, mine, theirs *editor.Article, res Result) {
	t.Helper()
	for _, c := range res.Conflicts {
		if c.Field == FieldBody {
			continue
		}
		f := fieldAccess[c.Field]
		if c.Mine != f.get(mine) || c.Theirs != f.get(theirs) || f.get(res.Article) != c.Mine {
			t.Fatalf("%s: conflict %+v: mine %q, theirs %q, merged %q", name, c, f.get(mine), f.get(theirs), f.get(res.Article))
		}
	}
	baseBody := ""
	if base != nil {
		baseBody = base.Body
	}
	bodyNothingLost(t, name, baseBody, mine.Body, theirs.Body, res.Article.Body, res.Conflicts)
}

func bodyNothingLost(t *testing.T, name, base, mine, theirs, merged string, conflicts []Conflict) {
	t.Helper()
	have := map[string]bool{}
	for _, p := range SplitParagraphs(merged) {
		have[p] = true
	}
	kept := map[string]bool{}
	mergedParas := SplitParagraphs(merged)
	for _, c := range conflicts {
		if c.Field != FieldBody {
			continue
		}
		for _, p := range SplitParagraphs(c.Theirs) {
			kept[p] = true
		}
		// Mine's paragraphs of the conflict stand at At in the merged body.
		mp := SplitParagraphs(c.Mine)
		if c.At < 0 || c.At+len(mp) > len(mergedParas) || !slices.Equal(mergedParas[c.At:c.At+len(mp)], mp) {
			t.Fatalf("%s: conflict %+v: Mine is not at %d in merged body %q", name, c, c.At, merged)
		}
		minePara := SplitParagraphs(mine)
		if c.Paragraph < 0 || c.Paragraph+len(mp) > len(minePara) || !slices.Equal(minePara[c.Paragraph:c.Paragraph+len(mp)], mp) {
			t.Fatalf("%s: conflict %+v: Mine is not at %d in mine's body %q", name, c, c.Paragraph, mine)
		}
	}
	inBase := map[string]bool{}
	for _, p := range SplitParagraphs(base) {
		inBase[p] = true
	}
	for _, p := range SplitParagraphs(mine) {
		if !inBase[p] && !have[p] {
			t.Fatalf("%s: mine's paragraph %q is lost: merged %q", name, p, merged)
		}
	}
	for _, p := range SplitParagraphs(theirs) {
		if !inBase[p] && !have[p] && !kept[p] {
			t.Fatalf("%s: theirs' paragraph %q is lost: merged %q, conflicts %+v", name, p, merged, conflicts)
		}
	}
}

// symmetric checks that swapping mine and theirs swaps the conflicts'
// sides and changes nothing else but the order of names and of
// paragraphs both sides added at one place.
func symmetric(t *testing.T, name string, xy, yx Result) {
	t.Helper()
	if len(xy.Conflicts) != len(yx.Conflicts) {
		t.Fatalf("%s: %d conflicts one way, %d the other:\n%+v\n%+v", name, len(xy.Conflicts), len(yx.Conflicts), xy.Conflicts, yx.Conflicts)
	}
	inConflict := map[string]bool{}
	for i, c := range xy.Conflicts {
		d := yx.Conflicts[i]
		if c.Field != d.Field || c.Base != d.Base || c.Mine != d.Theirs || c.Theirs != d.Mine {
			t.Fatalf("%s: conflict %+v one way, %+v the other", name, c, d)
		}
		inConflict[c.Field] = true
	}
	for f, acc := range fieldAccess {
		if inConflict[f] || f == FieldBody {
			continue
		}
		a, b := acc.get(xy.Article), acc.get(yx.Article)
		if f == FieldByline || f == FieldTags {
			a, b = sortedList(a), sortedList(b)
		}
		if a != b {
			t.Fatalf("%s: %s is %q one way, %q the other", name, f, a, b)
		}
	}
	if !xy.Article.Published.Equal(yx.Article.Published) || !reflect.DeepEqual(xy.Article.Corrections, yx.Article.Corrections) {
		t.Fatalf("%s: publication differs: %v %v / %v %v", name, xy.Article.Published, xy.Article.Corrections, yx.Article.Published, yx.Article.Corrections)
	}
	if a, b := outsideConflicts(xy), outsideConflicts(yx); !slices.Equal(a, b) {
		t.Fatalf("%s: body outside conflicts differs:\n%q\n%q", name, a, b)
	}
}

func sortedList(s string) string {
	l := SplitList(s)
	slices.Sort(l)
	return JoinList(l)
}

// outsideConflicts is the merged body's paragraphs that no conflict holds, sorted.
func outsideConflicts(r Result) []string {
	ps := SplitParagraphs(r.Article.Body)
	held := make([]bool, len(ps))
	for _, c := range r.Conflicts {
		if c.Field == FieldBody {
			for i := range SplitParagraphs(c.Mine) {
				held[c.At+i] = true
			}
		}
	}
	var out []string
	for i, p := range ps {
		if !held[i] {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}
