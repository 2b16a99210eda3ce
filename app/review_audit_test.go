package app

import (
	"context"
	"errors"
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
