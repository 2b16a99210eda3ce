package merge

import (
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"copydesk/editor"
)

// FuzzMergeBody merges arbitrary bodies (any bytes, any line endings) and
// checks the merge laws, that no paragraph is lost, that conflicts point
// at Mine's paragraphs, and that every conflict can be settled with
// Theirs without losing them.
func FuzzMergeBody(f *testing.F) {
	f.Add("A.\n\nB.\n\nC.\n", "A. Mine.\n\nB.\n\nC.\n", "A.\n\nB.\n\nC. Theirs.\n")
	f.Add("A.\n\nB.\n", "A.\n\nB. Mine.\n", "A.\n\nB. Theirs.\n\nC.\n")
	f.Add("A.\n\nB.\n", "B.\n", "A. Theirs.\n\nB.\n")
	f.Add("A.\r\n\r\nB.\r\n", "A.\r\n\r\nX.\r\n", "A.\n\nY.")
	f.Add("", "One.\n\nTwo.", "Two.\n\nOne.")
	f.Add("```\ncode\n\nmore\n```\n", "```\ncode\n\nmore!\n```\n", "```\ncode?\n\nmore\n```\n")
	f.Add("A.\n \t\nB.\n\n\n", "\n\nA.\n\nB.", "A.\nB.\n")
	f.Fuzz(func(t *testing.T, base, mine, theirs string) {
		if len(base)+len(mine)+len(theirs) > 4096 {
			return
		}
		for _, c := range []struct{ b, m, t, want string }{
			{base, mine, mine, mine}, {base, base, theirs, theirs}, {base, theirs, base, theirs},
		} {
			if got, cs := mergeBody(c.b, c.m, c.t, true); got != c.want || len(cs) > 0 {
				t.Fatalf("mergeBody(%q, %q, %q) = %q, %+v; want %q", c.b, c.m, c.t, got, cs, c.want)
			}
		}
		merged, conflicts := mergeBody(base, mine, theirs, true)
		bodyNothingLost(t, "with base", base, mine, theirs, merged, conflicts)
		swapped, swappedConflicts := mergeBody(base, theirs, mine, true)
		symmetric(t, "body", Result{&editor.Article{Body: merged}, conflicts}, Result{&editor.Article{Body: swapped}, swappedConflicts})
		noBase, noBaseConflicts := mergeBody("", mine, theirs, false)
		bodyNothingLost(t, "no base", "", mine, theirs, noBase, noBaseConflicts)

		// Settle every conflict with Theirs, last first so the earlier
		// conflicts' places stay put: each of Theirs' paragraphs lands.
		for _, b := range []string{base, mine, theirs} {
			if (&editor.Article{Headline: "Fuzz", Status: editor.StatusDraft, Body: b}).Validate() != nil {
				return // not a body a library could hold
			}
		}
		a := &editor.Article{Headline: "Fuzz", Status: editor.StatusDraft, Body: merged}
		for i := len(conflicts) - 1; i >= 0; i-- {
			if _, err := Resolve(a, conflicts[i], conflicts[i].Theirs, time.Time{}); err != nil && !errors.Is(err, ErrChanged) {
				t.Fatalf("Resolve(%+v): %v", conflicts[i], err)
			} else if err != nil {
				t.Fatalf("Resolve(%+v) found the body changed: %v (body %q)", conflicts[i], err, a.Body)
			}
		}
		got := SplitParagraphs(a.Body)
		for _, c := range conflicts {
			for _, p := range SplitParagraphs(c.Theirs) {
				if !slices.Contains(got, p) {
					t.Fatalf("after taking theirs, %q is missing from %q", p, a.Body)
				}
			}
		}
	})
}

// FuzzArticles merges three article.md files as they arrive from a desk
// (any of them may have been edited by hand) and checks that what a sync
// would save is a valid article, that conflicts keep both versions, and
// the merge laws.
func FuzzArticles(f *testing.F) {
	const head = "---\nuid: 6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b\nheadline: Council vote\n"
	f.Add(head+"tags: [a, b]\nstatus: editing\n---\n\nOne.\n\nTwo.\n",
		head+"tags: [a, b, c]\nstatus: approved\n---\n\nOne!\n\nTwo.\n",
		head+"tags: [b]\nstatus: draft\nsummary: Dek\n---\n\nOne.\n\nTwo?\n")
	f.Add(head+"byline: [A B, C D]\n---\n",
		head+"byline: [C D, A B]\nimage:\n  src: x.jpg\n  alt: A photo\n---\n\nNew.\n",
		head+"byline: [A B]\nstatus: published\npublished: 2026-03-01T08:00:00Z\n---\n")
	f.Fuzz(func(t *testing.T, baseMD, mineMD, theirsMD string) {
		var arts [3]*editor.Article
		for i, md := range []string{baseMD, mineMD, theirsMD} {
			a, err := editor.ParseMarkdown([]byte(md))
			if err != nil {
				return
			}
			arts[i] = a
		}
		base, mine, theirs := arts[0], arts[1], arts[2]
		for _, opt := range []Options{{TheirsMayApprove: true}, {}} {
			r := Articles(base, mine, theirs, opt)
			if err := r.Article.Validate(); err != nil {
				t.Fatalf("merged article is not valid: %v\n%+v", err, r.Article)
			}
			nothingLost(t, "fuzz", base, mine, theirs, r)
		}
		if r := Articles(base, mine, mine, Options{}); len(r.Conflicts) > 0 || !reflect.DeepEqual(travelling(r.Article), travelling(mine)) {
			t.Fatalf("merge(base, x, x) != x: %+v", r)
		}
		if r := Articles(base, base, theirs, Options{TheirsMayApprove: true}); len(r.Conflicts) > 0 || !reflect.DeepEqual(travelling(r.Article), travelling(theirs)) {
			t.Fatalf("merge(base, base, y) != y: %+v", r)
		}
		symmetric(t, "fuzz", Articles(base, mine, theirs, Options{TheirsMayApprove: true}), Articles(base, theirs, mine, Options{TheirsMayApprove: true}))
	})
}
