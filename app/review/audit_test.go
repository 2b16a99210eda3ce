package review

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"copydesk/editor"
	"copydesk/editor/review"
)

type rvAudit struct {
	entries []review.AuditEntry
	err     error
}

func (s *rvAudit) Audit(context.Context, int64) ([]review.AuditEntry, error) { return s.entries, s.err }

// MoveStatus refuses: TestAuditView only reads the trail (rvWorkflow moves).
func (s *rvAudit) MoveStatus(_ context.Context, id int64, to editor.Status, _ review.MoveRequest) (*editor.Article, error) {
	return nil, fmt.Errorf("move article %d to %s: this audit store only reads", id, to)
}

func TestAuditView(t *testing.T) {
	test.NewTempApp(t)
	at := time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC)
	store := &rvAudit{entries: []review.AuditEntry{
		{Time: at, Person: "Ana Ruiz", From: editor.StatusDraft, To: editor.StatusFiled},
		{Time: at.Add(time.Hour), Person: "Ed Itor", From: editor.StatusEditing, To: editor.StatusDraft, Note: "Needs a second source"},
		{Time: at.Add(2 * time.Hour), From: editor.StatusEditing, To: editor.StatusApproved, Override: "Wire copy"},
	}}
	v := NewAuditView(store, 7, syncReview)
	w := test.NewWindow(v.Object())
	defer w.Close()
	want := []string{
		"Apr 1 08:00 · Ana Ruiz · draft → filed",
		"Apr 1 09:00 · Ed Itor · editing → draft · “Needs a second source”",
		"Apr 1 10:00 · No name · editing → approved · approved over error findings: Wire copy",
	}
	if v.list.Length() != len(want) {
		t.Fatalf("%d rows", v.list.Length())
	}
	for i, w := range want {
		if got := v.rowText(i); got != w {
			t.Errorf("row %d = %q, want %q", i, got, w)
		}
	}

	if v.status.Text != "" {
		t.Errorf("status %q with entries shown", v.status.Text)
	}
	store.entries = nil
	v.Reload()
	if v.list.Length() != 0 || v.status.Text != "No status moves yet." {
		t.Errorf("empty trail: %d rows, status %q", v.list.Length(), v.status.Text)
	}

	store.err = errors.New("audit trail of article 7: database is locked")
	v.Reload()
	if v.list.Length() != 0 || v.status.Text != "Could not load the audit trail: database is locked" {
		t.Errorf("after failure: %d rows, status %q", v.list.Length(), v.status.Text)
	}
}

// rvWorkflow is an audit store that also moves the article, by the real
// rules, recording each move in its trail.
type rvWorkflow struct {
	rvAudit
	article  *editor.Article
	findings int
	calls    int
}

func (s *rvWorkflow) MoveStatus(_ context.Context, id int64, to editor.Status, req review.MoveRequest) (*editor.Article, error) {
	s.calls++
	c := s.article.Clone()
	from := c.Status
	req.ErrorFindings = max(req.ErrorFindings, s.findings)
	if err := review.Apply(c, to, req, time.Date(2026, 4, 3, 9, 0, 0, 0, time.UTC)); err != nil {
		return nil, fmt.Errorf("move article %d to %s: %w", id, to, err)
	}
	c.Version++
	s.article = c
	s.entries = append(s.entries, review.AuditEntry{Time: time.Date(2026, 4, 3, 9, 0, 0, 0, time.UTC), Person: "Ed Itor",
		From: from, To: to, Note: req.Note, Override: req.Override})
	return c.Clone(), nil
}

func TestAuditViewMoves(t *testing.T) {
	test.NewTempApp(t)
	store := &rvWorkflow{article: &editor.Article{ID: 7, Headline: "H", Status: editor.StatusEditing, Version: 4}, findings: 2}
	v := NewAuditView(store, 7, syncReview)
	w := test.NewWindow(v.Object())
	defer w.Close()
	var moved []*editor.Article
	v.OnMoved = func(a *editor.Article) { moved = append(moved, a) }

	if v.controls.Visible() {
		t.Fatal("move controls shown before SetArticle")
	}
	v.SetArticle(store.article)
	if !v.controls.Visible() || strings.Join(v.moveTo.Options, ",") != "approved,draft,spiked" || !v.move.Disabled() {
		t.Fatalf("controls %v, options %v, move disabled %v", v.controls.Visible(), v.moveTo.Options, v.move.Disabled())
	}

	// Back to draft: the note is asked for, and the refusal reads as a sentence.
	v.moveTo.SetSelected("draft")
	if v.note.PlaceHolder != "Changes requested (required)" || v.override.Visible() {
		t.Errorf("draft hints: %q, override shown %v", v.note.PlaceHolder, v.override.Visible())
	}
	test.Tap(v.move)
	if v.status.Text != "Sending an article back to draft needs a note saying which changes are requested." {
		t.Errorf("refusal = %q", v.status.Text)
	}
	if len(moved) != 0 || store.article.Status != editor.StatusEditing {
		t.Fatal("a refused move changed something")
	}

	// Approve with open errors: refused, then with an override reason.
	v.moveTo.SetSelected("approved")
	if !v.override.Visible() {
		t.Error("override field hidden when approving")
	}
	test.Tap(v.move)
	if v.status.Text != "Cannot approve: 2 error-level findings are open; fix them or give an override reason." {
		t.Errorf("refusal = %q", v.status.Text)
	}
	test.Type(v.override, "Wire copy")
	test.Tap(v.move)
	if len(moved) != 1 || moved[0].Status != editor.StatusApproved || moved[0].Version != 5 {
		t.Fatalf("moved %+v", moved)
	}
	if v.status.Text != "Moved to approved." || v.override.Text != "" || strings.Join(v.moveTo.Options, ",") != "published,editing,spiked" {
		t.Errorf("after move: status %q, override %q, options %v", v.status.Text, v.override.Text, v.moveTo.Options)
	}
	if n := v.list.Length(); n != 1 || !strings.HasSuffix(v.rowText(0), "approved over error findings: Wire copy") {
		t.Errorf("trail: %d rows, %q", n, v.rowText(0))
	}

	// Publish, then a correction needs a note to republish.
	v.moveTo.SetSelected("published")
	test.Tap(v.move)
	v.moveTo.SetSelected("editing")
	test.Tap(v.move)
	v.moveTo.SetSelected("approved")
	test.Type(v.override, "Still wire copy")
	test.Tap(v.move)
	v.moveTo.SetSelected("published")
	if v.note.PlaceHolder != "Correction for readers (required to republish)" {
		t.Errorf("republish hint = %q", v.note.PlaceHolder)
	}
	test.Type(v.note, "The vote was 5-2, not 4-3.")
	test.Tap(v.move)
	last := moved[len(moved)-1]
	if last.Status != editor.StatusPublished || len(last.Corrections) != 1 || last.Corrections[0].Text != "The vote was 5-2, not 4-3." {
		t.Errorf("republished %+v", last)
	}
	if store.calls != 7 {
		t.Errorf("%d store calls, want 7", store.calls)
	}
}

func TestSentence(t *testing.T) {
	for in, want := range map[string]string{
		"cannot move from filed to approved; allowed: editing, draft, spiked": "Cannot move from filed to approved; allowed: editing, draft, spiked.",
		"republishing needs a correction note for readers (--note)":           "Republishing needs a correction note for readers.",
		"élan (not a flag)": "Élan (not a flag).",
	} {
		if got := sentence(in); got != want {
			t.Errorf("sentence(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestAuditViewRepublishNeedsCorrection: republishing an edited published
// article asks for the correction note, and an empty or blank one is
// refused in the window, before the store is asked, with a sentence that
// says what to write.
func TestAuditViewRepublishNeedsCorrection(t *testing.T) {
	test.NewTempApp(t)
	store := &rvWorkflow{article: &editor.Article{ID: 7, Headline: "H", Status: editor.StatusApproved, Version: 9,
		Published: time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC)}}
	v := NewAuditView(store, 7, syncReview)
	w := test.NewWindow(v.Object())
	defer w.Close()
	var moved []*editor.Article
	v.OnMoved = func(a *editor.Article) { moved = append(moved, a) }
	v.SetArticle(store.article)
	v.moveTo.SetSelected("published")
	if v.note.PlaceHolder != "Correction for readers (required to republish)" {
		t.Errorf("republish hint = %q", v.note.PlaceHolder)
	}
	const want = "Republishing needs a correction note: write for readers what was corrected, then Move again."
	for _, note := range []string{"", "   "} {
		v.note.SetText(note)
		test.Tap(v.move)
		if v.status.Text != want {
			t.Errorf("note %q: status %q, want %q", note, v.status.Text, want)
		}
		if store.calls != 0 || len(moved) != 0 || store.article.Status != editor.StatusApproved {
			t.Fatalf("note %q: %d store calls, %d moves, status %s", note, store.calls, len(moved), store.article.Status)
		}
	}
	v.note.SetText("The vote was 5-2.")
	test.Tap(v.move)
	if len(moved) != 1 || moved[0].Status != editor.StatusPublished || len(moved[0].Corrections) != 1 ||
		moved[0].Corrections[0].Text != "The vote was 5-2." {
		t.Fatalf("moved %+v", moved)
	}

	// A first publication needs no note.
	store2 := &rvWorkflow{article: &editor.Article{ID: 8, Headline: "H", Status: editor.StatusApproved, Version: 1}}
	v2 := NewAuditView(store2, 8, syncReview)
	w2 := test.NewWindow(v2.Object())
	defer w2.Close()
	v2.SetArticle(store2.article)
	v2.moveTo.SetSelected("published")
	test.Tap(v2.move)
	if store2.calls != 1 || store2.article.Status != editor.StatusPublished || v2.status.Text != "Moved to published." {
		t.Errorf("first publication: %d calls, status %s, %q", store2.calls, store2.article.Status, v2.status.Text)
	}
}
