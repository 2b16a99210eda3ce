package review

import (
	"context"

	"copydesk/editor"
	"copydesk/editor/merge"
)

// NoteStore keeps the desk's notes on articles.
type NoteStore interface {
	// Notes returns the notes with anchors located in the current body.
	Notes(ctx context.Context, id int64) ([]Note, error)
	// AddNoteAt pins the note to passage at rune offset start (none when
	// passage is empty); an error wrapping ErrPassageNotFound if the saved
	// body does not hold it there.
	AddNoteAt(ctx context.Context, articleID int64, text, passage string, start int) (*Note, error)
	// SetNoteResolved returns an error wrapping ErrNoteNotFound if there
	// is no such note.
	SetNoteResolved(ctx context.Context, noteID int64, resolved bool) (*Note, error)
}

// AuditStore moves articles through the workflow and lists the moves.
type AuditStore interface {
	Audit(ctx context.Context, id int64) ([]AuditEntry, error)
	// MoveStatus judges the move by the workflow's rules (counting check
	// findings itself) and returns a *MoveError if they refuse it.
	MoveStatus(ctx context.Context, id int64, to editor.Status, req MoveRequest) (*editor.Article, error)
}

// ConflictStore lists and settles the bundle-import conflicts of an article.
type ConflictStore interface {
	Conflicts(ctx context.Context, id int64) ([]Conflict, error)
	ResolveConflicts(ctx context.Context, id int64) error
}

// PartConflictStore settles, one at a time, the fields and body
// paragraphs a desk merge could not merge (the conflicts with a Part).
type PartConflictStore interface {
	// ResolveConflict keeps mine, takes theirs or base, or saves the
	// person's text (merge.Edit) for one conflict, and returns the article
	// as stored; an error wrapping merge.ErrChanged means the part was
	// edited after the merge, and nothing changed.
	ResolveConflict(ctx context.Context, conflictID int64, choice merge.Choice, text string) (*editor.Article, error)
}

// Library is everything the window does with a library: the articles and
// their services (editor.Library) and the review desk's notes, workflow
// and conflicts. It is declared here, not in editor, because the review
// services speak in this package's types.
type Library interface {
	editor.Library
	NoteStore
	AuditStore
	ConflictStore
	PartConflictStore
}
