package review

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"copydesk/editor"
	"copydesk/editor/review"
)

// syncReview runs store calls and UI updates in order on the test
// goroutine, so each assertion sees finished work.
var syncReview = Options{Go: func(f func()) { f() }, Do: func(f func()) { f() }, Location: time.UTC, Machine: time.UTC}

// rvRevisions is an in-memory RevisionStore.
type rvRevisions struct {
	arts       []*editor.Article // revision n is arts[n-1]
	restored   []int
	restoreErr error
}

func (s *rvRevisions) Revisions(_ context.Context, id int64) ([]editor.Revision, error) {
	var out []editor.Revision
	for i, a := range s.arts {
		out = append(out, editor.Revision{ArticleID: id, Number: i + 1, Version: int64(i + 1), Author: "Ed Itor",
			Time: time.Date(2026, 4, 1, 8, i, 0, 0, time.UTC), Status: a.Status, Words: editor.CountWords(a.Body), Headline: a.Headline})
	}
	return out, nil
}

func (s *rvRevisions) RevisionArticle(_ context.Context, id int64, n int) (*editor.Article, error) {
	if n < 1 || n > len(s.arts) {
		return nil, fmt.Errorf("revision %d: %w", n, editor.ErrNotFound)
	}
	return s.arts[n-1].Clone(), nil
}

func (s *rvRevisions) Restore(_ context.Context, id int64, n int) (*editor.Article, error) {
	if s.restoreErr != nil {
		return nil, s.restoreErr
	}
	s.restored = append(s.restored, n)
	c := s.arts[n-1].Clone()
	c.Status = s.arts[len(s.arts)-1].Status
	s.arts = append(s.arts, c)
	return c.Clone(), nil
}

// rvRevisions has no conflicts (rvConflicted has).
func (s *rvRevisions) Conflicts(context.Context, int64) ([]review.Conflict, error) { return nil, nil }
func (s *rvRevisions) ResolveConflicts(context.Context, int64) error               { return nil }

func historyFixture() *rvRevisions {
	r1 := &editor.Article{Headline: "Council votes", Status: editor.StatusDraft, Body: "The council voted on Tuesday."}
	r2 := r1.Clone()
	r2.Body = "The city council voted on Thursday."
	r3 := r2.Clone()
	r3.Status = editor.StatusFiled
	return &rvRevisions{arts: []*editor.Article{r1, r2, r3}}
}

// diffRuns returns the diff view's text segments as "op:text" with op
// read from the segment's colour, so the test checks what a person sees.
func diffRuns(t *testing.T, rt *widget.RichText) []string {
	t.Helper()
	var out []string
	for _, s := range rt.Segments {
		ts, ok := s.(*widget.TextSegment)
		if !ok || ts.Text == "" {
			continue
		}
		op := "="
		switch ts.Style.ColorName {
		case theme.ColorNameSuccess:
			op = "+"
		case theme.ColorNameError:
			op = "-"
		}
		if ts.Style == widget.RichTextStyleSubHeading {
			op = "#"
		}
		out = append(out, op+ts.Text)
	}
	return out
}

func TestHistoryViewDiffAndRestore(t *testing.T) {
	test.NewTempApp(t)
	store := historyFixture()
	v := NewHistoryView(store, 7, syncReview)
	w := test.NewWindow(v.Object())
	defer w.Close()

	if n := v.list.Length(); n != 3 {
		t.Fatalf("list shows %d revisions", n)
	}
	if got := v.rowText(1); !strings.Contains(got, "2 · Apr 1 08:01 · Ed Itor · draft · 6 words — body +2 −1 words") {
		t.Errorf("row 2 = %q", got)
	}
	// Opening compares the last two revisions.
	if got := strings.Join(diffRuns(t, v.diff), "|"); got != "#status|-draft|+filed" {
		t.Errorf("initial diff = %q", got)
	}

	// Selecting revision 1 in the list compares it with revision 2.
	v.list.Select(0)
	want := "#body|=The |+city |=council voted on |-Tuesday|+Thursday|=."
	if got := strings.Join(diffRuns(t, v.diff), "|"); got != want {
		t.Errorf("diff 1→2 = %q, want %q", got, want)
	}
	// Insertions and deletions differ in more than colour.
	for _, s := range v.diff.Segments {
		ts := s.(*widget.TextSegment)
		if ts.Style.ColorName == theme.ColorNameSuccess && !ts.Style.TextStyle.Bold ||
			ts.Style.ColorName == theme.ColorNameError && !ts.Style.TextStyle.Italic {
			t.Errorf("segment %q relies on colour alone", ts.Text)
		}
	}
	// Any two revisions, in either order, through the selects.
	v.from.SetSelected("3")
	v.to.SetSelected("1")
	if got := strings.Join(diffRuns(t, v.diff), "|"); !strings.Contains(got, "#status|-filed|+draft") || !strings.Contains(got, "-city ") {
		t.Errorf("diff 3→1 = %q", got)
	}
	v.Compare(2, 2)
	if got := strings.Join(diffRuns(t, v.diff), "|"); got != "=No differences." {
		t.Errorf("diff 2→2 = %q", got)
	}

	// Restore the left-hand revision.
	v.Compare(1, 3)
	if v.restore.Text != "Restore revision 1" || v.restore.Disabled() {
		t.Fatalf("restore button %q disabled=%v", v.restore.Text, v.restore.Disabled())
	}
	var got *editor.Article
	v.OnRestored = func(a *editor.Article) { got = a }
	test.Tap(v.restore)
	if len(store.restored) != 1 || store.restored[0] != 1 {
		t.Fatalf("store restored %v, want [1]", store.restored)
	}
	if got == nil || got.Body != "The council voted on Tuesday." {
		t.Errorf("OnRestored got %+v", got)
	}
	if v.list.Length() != 4 || !strings.Contains(v.status.Text, "Restored revision 1") {
		t.Errorf("after restore: %d rows, status %q", v.list.Length(), v.status.Text)
	}
	if !strings.Contains(v.rowText(3), "body +1 −2 words") {
		t.Errorf("restored row = %q", v.rowText(3))
	}

	store.restoreErr = errors.New("save article 7: disk full")
	test.Tap(v.restore)
	if v.status.Text != "Could not restore: disk full" || v.restore.Disabled() {
		t.Errorf("failed restore: status %q, disabled %v", v.status.Text, v.restore.Disabled())
	}
}

// rvConflicted is a RevisionStore that also has a bundle conflict
// between revisions 2 (this machine) and 3 (filed).
type rvConflicted struct {
	rvRevisions
	conflicts []review.Conflict
	resolved  int
}

func (s *rvConflicted) Conflicts(context.Context, int64) ([]review.Conflict, error) {
	return s.conflicts, nil
}

func (s *rvConflicted) ResolveConflicts(context.Context, int64) error {
	s.resolved++
	s.conflicts = nil
	return nil
}

func TestHistoryViewConflict(t *testing.T) {
	for _, mine := range []bool{true, false} {
		t.Run(fmt.Sprintf("keep mine %v", mine), func(t *testing.T) {
			test.NewTempApp(t)
			store := &rvConflicted{rvRevisions: *historyFixture()}
			store.arts[2] = store.arts[1].Clone()
			store.arts[2].Body = "The council voted, the desk says, on Thursday."
			store.conflicts = []review.Conflict{{ID: 1, FiledBy: "Ed Itor", LocalRevision: 2, IncomingRevision: 3}}
			v := NewHistoryView(store, 7, syncReview)
			w := test.NewWindow(v.Object())
			defer w.Close()

			if !v.banner.Visible() || !strings.Contains(v.bannerText.Text, "changed here and by Ed Itor") ||
				!strings.Contains(v.bannerText.Text, "revision 2 is this machine's, revision 3 (current) is the filed one") {
				t.Fatalf("banner visible=%v text %q", v.banner.Visible(), v.bannerText.Text)
			}
			// The two sides are compared at once.
			if v.from.Selected != "2" || v.to.Selected != "3" {
				t.Errorf("comparing %s and %s, want 2 and 3", v.from.Selected, v.to.Selected)
			}
			if !strings.Contains(strings.Join(diffRuns(t, v.diff), "|"), "+, the desk says,") {
				t.Errorf("diff = %v", diffRuns(t, v.diff))
			}
			var restored *editor.Article
			v.OnRestored = func(a *editor.Article) { restored = a }
			if mine {
				test.Tap(v.keepMine)
			} else {
				test.Tap(v.keepTheirs)
			}
			if store.resolved != 1 || v.banner.Visible() {
				t.Fatalf("resolved %d times, banner visible %v", store.resolved, v.banner.Visible())
			}
			if mine {
				if len(store.restored) != 1 || store.restored[0] != 2 || restored == nil || v.list.Length() != 4 {
					t.Errorf("keep mine: restored %v, callback %v, %d rows", store.restored, restored != nil, v.list.Length())
				}
			} else if len(store.restored) != 0 || restored != nil || v.list.Length() != 3 {
				t.Errorf("keep theirs restored %v", store.restored)
			}
		})
	}
}

// TestHistoryCompareFollowsAChangedRevision: the latest revision takes
// later saves in place; once the history reloads, the pair on screen is
// diffed again instead of keeping "No differences" from before.
func TestHistoryCompareFollowsAChangedRevision(t *testing.T) {
	test.NewTempApp(t)
	r1 := &editor.Article{Headline: "Council votes", Status: editor.StatusDraft, Body: "The council voted on Tuesday."}
	store := &rvRevisions{arts: []*editor.Article{r1, r1.Clone()}}
	v := NewHistoryView(store, 7, syncReview)
	w := test.NewWindow(v.Object())
	defer w.Close()
	if got := v.diff.String(); !strings.Contains(got, "No differences") {
		t.Fatalf("identical revisions: %q", got)
	}
	store.arts[1].Body = "The council voted on Thursday."
	v.Reload()
	if got := v.diff.String(); strings.Contains(got, "No differences") || !strings.Contains(got, "Thursday") {
		t.Errorf("after revision 2 changed the compare shows %q", got)
	}
}
