// Package review holds the desk's editorial rules that do not depend on
// storage or the window: which status moves are allowed and what each one
// needs, where a note's anchored passage went after an edit, and what
// changed between two revisions. Storage, the CLI and the window all call
// these, so a move refused in one is refused in all.
package review

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"copydesk/editor"
)

// Sentinel reasons a move is refused; a *MoveError wraps exactly one.
var (
	ErrMoveNotAllowed     = errors.New("move not allowed")
	ErrNoteRequired       = errors.New("note required")
	ErrCorrectionRequired = errors.New("correction note required")
	ErrOpenFindings       = errors.New("error-level findings open")
	ErrEditorsOnly        = errors.New("editors only")
	ErrScheduleInvalid    = errors.New("schedule not allowed")
)

// moves is the workflow of issue 5. The order of each list is the order
// the refusal message names them in, most usual move first.
var moves = map[editor.Status][]editor.Status{
	editor.StatusDraft:     {editor.StatusFiled, editor.StatusSpiked},
	editor.StatusFiled:     {editor.StatusEditing, editor.StatusDraft, editor.StatusSpiked},
	editor.StatusEditing:   {editor.StatusApproved, editor.StatusDraft, editor.StatusSpiked},
	editor.StatusApproved:  {editor.StatusPublished, editor.StatusEditing, editor.StatusSpiked},
	editor.StatusPublished: {editor.StatusEditing, editor.StatusKilled},
	// A kill is undone only by working the article again: it comes back
	// through editing and is republished with a correction.
	editor.StatusKilled: {editor.StatusEditing},
	editor.StatusSpiked: {editor.StatusDraft},
}

// Allowed returns the statuses an article in from may move to.
func Allowed(from editor.Status) []editor.Status {
	return append([]editor.Status(nil), moves[from]...)
}

// MoveRequest is what the person asking for a move supplies, plus the facts
// about the article the rules need but this package cannot compute itself.
type MoveRequest struct {
	// Note is recorded in the audit trail. It is required for editing →
	// draft (the changes requested) and, on a republish, it becomes the
	// dated correction.
	Note string
	// Override is the reason for approving despite error-level findings.
	Override string
	// ErrorFindings counts the article's error-level check findings; the
	// caller runs the checks so this package does not depend on them.
	ErrorFindings int
	// Republish is true when the article was published before. Apply
	// fills it in from the article; callers of CheckMove set it.
	Republish bool
	// Role is the asking person's role; only editors may kill.
	Role editor.Role
	// At schedules a first publication: the article is published with
	// this time and embargoed until it. Zero publishes now.
	At time.Time
}

// MoveError is a refused move, worded for the person who asked.
type MoveError struct {
	From, To editor.Status
	Allowed  []editor.Status
	Reason   error // one of the Err* sentinels
	Msg      string
}

func (e *MoveError) Error() string { return e.Msg }

// Unwrap lets callers test the reason with errors.Is.
func (e *MoveError) Unwrap() error { return e.Reason }

// CheckMove reports whether an article may move from one status to
// another with m, and if not, why, naming the moves that are allowed.
func CheckMove(from, to editor.Status, m MoveRequest) error {
	allowed := moves[from]
	refuse := func(reason error, format string, args ...any) error {
		return &MoveError{From: from, To: to, Allowed: Allowed(from), Reason: reason, Msg: fmt.Sprintf(format, args...)}
	}
	if !to.Valid() {
		return refuse(ErrMoveNotAllowed, "%q is not a status; allowed: %s", to, joinStatuses(allowed))
	}
	ok := false
	for _, s := range allowed {
		ok = ok || s == to
	}
	if !ok {
		if from == to {
			return refuse(ErrMoveNotAllowed, "article is already %s; allowed: %s", from, joinStatuses(allowed))
		}
		return refuse(ErrMoveNotAllowed, "cannot move from %s to %s; allowed: %s", from, to, joinStatuses(allowed))
	}
	note := strings.TrimSpace(m.Note)
	switch {
	case from == editor.StatusEditing && to == editor.StatusDraft && note == "":
		return refuse(ErrNoteRequired, "sending an article back to draft needs a note saying which changes are requested (--note)")
	case to == editor.StatusApproved && m.ErrorFindings > 0 && strings.TrimSpace(m.Override) == "":
		return refuse(ErrOpenFindings, "cannot approve: %d error-level %s open; fix %s or give an override reason (--override)",
			m.ErrorFindings, editor.Plural(m.ErrorFindings, "finding is", "findings are"), editor.Plural(m.ErrorFindings, "it", "them"))
	case to == editor.StatusPublished && m.Republish && note == "":
		return refuse(ErrCorrectionRequired, "republishing a corrected article needs a correction note for readers (--note)")
	case to == editor.StatusKilled && m.Role != editor.RoleEditor:
		return refuse(ErrEditorsOnly, "only an editor can kill a published article (your role is %s in Settings)", roleName(m.Role))
	case to == editor.StatusKilled && note == "":
		return refuse(ErrNoteRequired, "killing an article needs a note saying why it is withdrawn (--note)")
	case !m.At.IsZero() && to != editor.StatusPublished:
		return refuse(ErrScheduleInvalid, "a time (--at) schedules publication; it cannot be given when moving to %s", to)
	case !m.At.IsZero() && m.Republish:
		return refuse(ErrScheduleInvalid, "the article is already on the site; a correction is republished at once, without --at")
	}
	return nil
}

func roleName(r editor.Role) string {
	if r == "" {
		return "not set"
	}
	return string(r)
}

// Apply checks the move and, if it is allowed, changes a: the status, the
// publication time on first publication (the embargo or m.At when later
// than now), and on a republish the dated correction taken from the note.
// It leaves a untouched on refusal.
func Apply(a *editor.Article, to editor.Status, m MoveRequest, now time.Time) error {
	m.Republish = !a.Published.IsZero()
	if err := CheckMove(a.Status, to, m); err != nil {
		return err
	}
	if !m.At.IsZero() && !m.At.After(now) {
		return &MoveError{From: a.Status, To: to, Allowed: Allowed(a.Status), Reason: ErrScheduleInvalid,
			Msg: fmt.Sprintf("%s has already passed; leave out --at to publish now", m.At.Format(time.RFC3339))}
	}
	a.Status = to
	if to == editor.StatusPublished {
		if a.Published.IsZero() {
			// A scheduled or embargoed article is dated when readers can
			// first see it, not when the editor pressed publish.
			if !m.At.IsZero() {
				a.Embargo = m.At
			}
			a.Published = now
			if a.Embargoed(now) {
				a.Published = a.Embargo
			}
		} else {
			a.Corrections = append(a.Corrections, editor.Correction{Time: now, Text: strings.TrimSpace(m.Note)})
		}
	}
	return nil
}

func joinStatuses(ss []editor.Status) string {
	if len(ss) == 0 {
		return "none"
	}
	names := make([]string, len(ss))
	for i, s := range ss {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}
