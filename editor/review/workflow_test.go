package review

import (
	"errors"
	"strings"
	"testing"
	"time"

	"copydesk/editor"
)

// TestCheckMoveEveryPair walks all 49 status pairs against the moves issue 5
// lists, written out here independently of the moves table.
func TestCheckMoveEveryPair(t *testing.T) {
	want := map[string]bool{
		"draft>filed": true, "filed>editing": true, "filed>draft": true,
		"editing>approved": true, "editing>draft": true,
		"approved>published": true, "approved>editing": true,
		"published>editing": true, "published>killed": true, "killed>editing": true, "spiked>draft": true,
		"draft>spiked": true, "filed>spiked": true, "editing>spiked": true, "approved>spiked": true,
	}
	// A note satisfies editing→draft and a kill, which also needs an
	// editor; nothing else is required here.
	m := MoveRequest{Note: "tighten the top", Role: editor.RoleEditor}
	n := 0
	for _, from := range editor.Statuses {
		for _, to := range editor.Statuses {
			err := CheckMove(from, to, m)
			key := string(from) + ">" + string(to)
			if want[key] {
				n++
				if err != nil {
					t.Errorf("%s: refused: %v", key, err)
				}
				continue
			}
			if !errors.Is(err, ErrMoveNotAllowed) {
				t.Errorf("%s: got %v, want ErrMoveNotAllowed", key, err)
				continue
			}
			var me *MoveError
			if !errors.As(err, &me) || len(me.Allowed) == 0 && from != "" {
				t.Errorf("%s: error does not carry the allowed moves: %#v", key, err)
			}
			for _, s := range me.Allowed {
				if !strings.Contains(err.Error(), string(s)) {
					t.Errorf("%s: message %q does not name allowed %s", key, err, s)
				}
			}
		}
	}
	if n != len(want) {
		t.Errorf("checked %d allowed moves, want %d", n, len(want))
	}
}

func TestCheckMoveMessages(t *testing.T) {
	tests := []struct {
		name     string
		from, to editor.Status
		m        MoveRequest
		reason   error // nil means allowed
		contains string
	}{
		{"refused names allowed", editor.StatusFiled, editor.StatusApproved, MoveRequest{}, ErrMoveNotAllowed,
			"cannot move from filed to approved; allowed: editing, draft, spiked"},
		{"published cannot be spiked", editor.StatusPublished, editor.StatusSpiked, MoveRequest{}, ErrMoveNotAllowed, "allowed: editing, killed"},
		{"reporter cannot kill", editor.StatusPublished, editor.StatusKilled, MoveRequest{Note: "legal", Role: editor.RoleReporter}, ErrEditorsOnly, "only an editor"},
		{"no role cannot kill", editor.StatusPublished, editor.StatusKilled, MoveRequest{Note: "legal"}, ErrEditorsOnly, "not set"},
		{"kill needs a reason", editor.StatusPublished, editor.StatusKilled, MoveRequest{Role: editor.RoleEditor}, ErrNoteRequired, "why it is withdrawn"},
		{"editor kills with reason", editor.StatusPublished, editor.StatusKilled, MoveRequest{Note: "legal", Role: editor.RoleEditor}, nil, ""},
		{"killed is reworked through editing", editor.StatusKilled, editor.StatusPublished, MoveRequest{Role: editor.RoleEditor}, ErrMoveNotAllowed, "allowed: editing"},
		{"schedule only a publication", editor.StatusEditing, editor.StatusApproved, MoveRequest{At: time.Now()}, ErrScheduleInvalid, "--at"},
		{"no schedule for a correction", editor.StatusApproved, editor.StatusPublished, MoveRequest{Republish: true, Note: "fixed", At: time.Now()}, ErrScheduleInvalid, "already on the site"},
		{"same status", editor.StatusDraft, editor.StatusDraft, MoveRequest{}, ErrMoveNotAllowed, "already draft"},
		{"unknown status", editor.StatusDraft, "done", MoveRequest{}, ErrMoveNotAllowed, `"done" is not a status`},
		{"changes requested needs note", editor.StatusEditing, editor.StatusDraft, MoveRequest{}, ErrNoteRequired, "--note"},
		{"blank note is no note", editor.StatusEditing, editor.StatusDraft, MoveRequest{Note: "  \n"}, ErrNoteRequired, "changes are requested"},
		{"changes requested with note", editor.StatusEditing, editor.StatusDraft, MoveRequest{Note: "needs a second source"}, nil, ""},
		{"filed back to draft needs no note", editor.StatusFiled, editor.StatusDraft, MoveRequest{}, nil, ""},
		{"approve clean", editor.StatusEditing, editor.StatusApproved, MoveRequest{}, nil, ""},
		{"approve with one error", editor.StatusEditing, editor.StatusApproved, MoveRequest{ErrorFindings: 1}, ErrOpenFindings, "1 error-level finding is open"},
		{"approve with errors", editor.StatusEditing, editor.StatusApproved, MoveRequest{ErrorFindings: 3}, ErrOpenFindings, "3 error-level findings are open"},
		{"approve with blank override", editor.StatusEditing, editor.StatusApproved, MoveRequest{ErrorFindings: 3, Override: " "}, ErrOpenFindings, "override"},
		{"approve with override", editor.StatusEditing, editor.StatusApproved, MoveRequest{ErrorFindings: 3, Override: "wire copy, checked by phone"}, nil, ""},
		{"findings do not block other moves", editor.StatusFiled, editor.StatusEditing, MoveRequest{ErrorFindings: 3}, nil, ""},
		{"first publish needs no note", editor.StatusApproved, editor.StatusPublished, MoveRequest{}, nil, ""},
		{"republish needs correction", editor.StatusApproved, editor.StatusPublished, MoveRequest{Republish: true}, ErrCorrectionRequired, "correction"},
		{"republish with correction", editor.StatusApproved, editor.StatusPublished, MoveRequest{Republish: true, Note: "Corrected the date."}, nil, ""},
		{"unpublish to correct needs no note", editor.StatusPublished, editor.StatusEditing, MoveRequest{}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckMove(tt.from, tt.to, tt.m)
			if tt.reason == nil {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if !errors.Is(err, tt.reason) {
				t.Fatalf("got %v, want %v", err, tt.reason)
			}
			if !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("message %q does not contain %q", err, tt.contains)
			}
		})
	}
}

func TestApply(t *testing.T) {
	t1 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	t2 := t1.Add(48 * time.Hour)
	a := &editor.Article{Headline: "Bridge reopens", Status: editor.StatusApproved}

	if err := Apply(a, editor.StatusPublished, MoveRequest{}, t1); err != nil {
		t.Fatal(err)
	}
	if a.Status != editor.StatusPublished || !a.Published.Equal(t1) || len(a.Corrections) != 0 {
		t.Fatalf("after first publish: %+v", a)
	}
	if err := Apply(a, editor.StatusEditing, MoveRequest{}, t2); err != nil {
		t.Fatal(err)
	}
	if err := Apply(a, editor.StatusApproved, MoveRequest{}, t2); err != nil {
		t.Fatal(err)
	}
	before := a.Clone()
	err := Apply(a, editor.StatusPublished, MoveRequest{}, t2)
	if !errors.Is(err, ErrCorrectionRequired) {
		t.Fatalf("republish without note: %v", err)
	}
	if a.Status != before.Status || len(a.Corrections) != 0 {
		t.Fatalf("refused move changed the article: %+v", a)
	}
	if err := Apply(a, editor.StatusPublished, MoveRequest{Note: " The bridge reopened on Tuesday, not Monday. "}, t2); err != nil {
		t.Fatal(err)
	}
	if !a.Published.Equal(t1) {
		t.Errorf("republish moved the publication time to %v", a.Published)
	}
	want := []editor.Correction{{Time: t2, Text: "The bridge reopened on Tuesday, not Monday."}}
	if len(a.Corrections) != 1 || a.Corrections[0] != want[0] {
		t.Errorf("corrections = %+v, want %+v", a.Corrections, want)
	}
}

func TestApplySchedule(t *testing.T) {
	now := time.Date(2026, 12, 4, 15, 0, 0, 0, time.UTC)
	later := now.Add(5 * time.Minute)
	tests := []struct {
		name          string
		embargo       time.Time
		m             MoveRequest
		reason        error
		wantPublished time.Time
		wantEmbargo   time.Time
	}{
		{"now", time.Time{}, MoveRequest{}, nil, now, time.Time{}},
		{"scheduled", time.Time{}, MoveRequest{At: later}, nil, later, later},
		{"embargo in the front matter dates it", later, MoveRequest{}, nil, later, later},
		{"embargo already passed", now.Add(-time.Hour), MoveRequest{}, nil, now, now.Add(-time.Hour)},
		{"schedule in the past", time.Time{}, MoveRequest{At: now.Add(-time.Minute)}, ErrScheduleInvalid, time.Time{}, time.Time{}},
		{"schedule at this very moment", time.Time{}, MoveRequest{At: now}, ErrScheduleInvalid, time.Time{}, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &editor.Article{Headline: "Council votes", Status: editor.StatusApproved, Embargo: tt.embargo}
			err := Apply(a, editor.StatusPublished, tt.m, now)
			if tt.reason != nil {
				if !errors.Is(err, tt.reason) {
					t.Fatalf("got %v, want %v", err, tt.reason)
				}
				if a.Status != editor.StatusApproved || !a.Published.IsZero() {
					t.Fatalf("refused move changed the article: %+v", a)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !a.Published.Equal(tt.wantPublished) || !a.Embargo.Equal(tt.wantEmbargo) {
				t.Errorf("published %v embargo %v, want %v and %v", a.Published, a.Embargo, tt.wantPublished, tt.wantEmbargo)
			}
			if got, want := a.OnSite(now), !a.Embargoed(now); got != want {
				t.Errorf("OnSite(now) = %v", got)
			}
			if a.Embargo.After(now) && a.OnSite(now) {
				t.Error("a scheduled article is on the site before its time")
			}
			if !a.OnSite(later) {
				t.Error("article is not on the site once its time has come")
			}
		})
	}
}
