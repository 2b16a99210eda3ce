package merge

import (
	"errors"
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
