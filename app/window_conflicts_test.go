package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"copydesk/editor"
	"copydesk/editor/merge"
	"copydesk/editor/review"
)

// deskConflictStore is a fakeStore with desk conflicts, settled the way
// storage settles them (merge.Resolve on the stored article, then a save).
type deskConflictStore struct {
	*fakeStore
	open []review.Conflict
}

func (s *deskConflictStore) Conflicts(_ context.Context, id int64) ([]review.Conflict, error) {
	var out []review.Conflict
	for _, c := range s.open {
		if c.ArticleID == id {
			out = append(out, c)
		}
	}
	return out, nil
}

func (s *deskConflictStore) ResolveConflict(ctx context.Context, cid int64, choice merge.Choice, text string) (*editor.Article, error) {
	i := slices.IndexFunc(s.open, func(c review.Conflict) bool { return c.ID == cid })
	if i < 0 {
		return nil, fmt.Errorf("conflict %d is not open", cid)
	}
	c := s.open[i]
	a, err := s.Article(ctx, c.ArticleID)
	if err != nil {
		return nil, err
	}
	if choice != merge.Edit {
		text, _ = c.Part.Text(choice)
	}
	if choice != merge.KeepMine {
		if _, err := merge.Resolve(a, *c.Part, text, time.Time{}); err != nil {
			return nil, err
		}
		if err := s.Save(ctx, a); err != nil {
			return nil, err
		}
	}
	s.open = slices.Delete(s.open, i, i+1)
	return a, nil
}

func TestWindowSettlesDeskConflict(t *testing.T) {
	fs := newFakeStore()
	ar := fs.put(&editor.Article{Headline: "Council puts off budget vote", Status: editor.StatusDraft,
		Body: "The council met on Tuesday.\n"})
	store := &deskConflictStore{fakeStore: fs, open: []review.Conflict{{ID: 5, ArticleID: ar.ID, FiledBy: "Ed Itor",
		Part: &merge.Conflict{Field: merge.FieldHeadline, Paragraph: -1, At: -1,
			Base: "Council delays vote", Mine: "Council puts off budget vote", Theirs: "Budget vote delayed again"}}}}
	h := newHarnessOn(t, fs, store)
	h.app.openArticle(ar.ID)
	h.drain()

	r := h.app.review
	if r.Conflicts() == nil || conflictsTab(r.Object()) != "Conflicts (1)" {
		t.Fatalf("conflicts tab not shown: view %v, tab %q", r.Conflicts() != nil, conflictsTab(r.Object()))
	}
	// The person is typing a new dek when they take the other headline:
	// the dek is saved first and survives the choice.
	h.app.form.summary.SetText("Branch closures get a second look")
	take := findButton(r.Conflicts().Object(), "Take theirs")
	if take == nil {
		t.Fatal("no Take theirs button in the conflicts tab")
	}
	test.Tap(take)
	h.drain()

	if got := h.app.form.headline.Text; got != "Budget vote delayed again" {
		t.Errorf("headline in the form = %q, want theirs", got)
	}
	stored := fs.get(ar.ID)
	if stored.Headline != "Budget vote delayed again" || stored.Summary != "Branch closures get a second look" {
		t.Errorf("stored headline %q summary %q", stored.Headline, stored.Summary)
	}
	if h.app.form.summary.Text != "Branch closures get a second look" {
		t.Errorf("summary in the form = %q", h.app.form.summary.Text)
	}
	if tab := conflictsTab(h.app.review.Object()); tab != "" {
		t.Errorf("tab %q still shown with nothing left to settle", tab)
	}
}

// conflictsTab is the title of the review pane's Conflicts tab, "" if none.
func conflictsTab(pane fyne.CanvasObject) string {
	for _, ti := range pane.(*container.AppTabs).Items {
		if strings.HasPrefix(ti.Text, "Conflicts") {
			return ti.Text
		}
	}
	return ""
}
