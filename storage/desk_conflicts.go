package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"copydesk/editor"
	"copydesk/editor/merge"
	"copydesk/editor/review"
)

// RevisionResolve is the kind of a save that settled one part of a
// conflict. It does not coalesce: the choice stays visible in the history.
const RevisionResolve RevisionKind = "resolve"

// ErrConflictSettled is returned when settling a conflict that is not
// open: already settled, or no such conflict.
var ErrConflictSettled = errors.New("conflict not found or already settled")

// RecordConflicts records the parts of article id that a desk merge could
// not merge, one conflict each, beside the two revisions that hold both
// whole states (localRev: this machine's before the merge; incomingRev:
// the one that arrived). filedBy names the member whose change arrived.
func (d *DB) RecordConflicts(ctx context.Context, id int64, localRev, incomingRev int, filedBy string, parts []merge.Conflict) ([]review.Conflict, error) {
	var out []review.Conflict
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = d.recordConflictsTx(ctx, tx, review.Conflict{ArticleID: id, FiledBy: filedBy, LocalRevision: localRev, IncomingRevision: incomingRev}, parts)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("record conflicts of article %d: %w", id, err)
	}
	return out, nil
}

// recordConflictsTx is RecordConflicts inside the caller's transaction
// (a sync applies a whole article at once); like carries what every part
// shares: the article, who filed it and the two revisions.
func (d *DB) recordConflictsTx(ctx context.Context, tx *sql.Tx, like review.Conflict, parts []merge.Conflict) ([]review.Conflict, error) {
	out := make([]review.Conflict, 0, len(parts))
	like.Time = d.timestamp()
	for _, p := range parts {
		c := like
		c.Part = &p
		r, err := tx.ExecContext(ctx, `INSERT INTO conflicts (article_id, time, filed_by, local_revision, incoming_revision,
			field, paragraph, at_paragraph, base, mine, theirs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.ArticleID, toMillis(c.Time), c.FiledBy, c.LocalRevision, c.IncomingRevision,
			p.Field, p.Paragraph, p.At, p.Base, p.Mine, p.Theirs)
		if err != nil {
			return nil, fmt.Errorf("conflict in %s: %w", p.Label(), err)
		}
		c.ID, _ = r.LastInsertId()
		out = append(out, c)
	}
	return out, nil
}

// conflictsTx lists the open conflicts of article id, oldest first.
func conflictsTx(ctx context.Context, q queryer, id int64) ([]review.Conflict, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, time, filed_by, local_revision, incoming_revision,
		field, paragraph, at_paragraph, base, mine, theirs
		FROM conflicts WHERE article_id = ? AND NOT resolved ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cs []review.Conflict
	for rows.Next() {
		c, err := scanConflict(rows)
		if err != nil {
			return nil, err
		}
		c.ArticleID = id
		cs = append(cs, c)
	}
	return cs, rows.Err()
}

func scanConflict(s scanner) (review.Conflict, error) {
	var c review.Conflict
	var t int64
	var p merge.Conflict
	if err := s.Scan(&c.ID, &t, &c.FiledBy, &c.LocalRevision, &c.IncomingRevision,
		&p.Field, &p.Paragraph, &p.At, &p.Base, &p.Mine, &p.Theirs); err != nil {
		return c, err
	}
	c.Time = fromMillis(t)
	if p.Field != "" {
		c.Part = &p
	}
	return c, nil
}

// ResolveConflict settles one open conflict over a part of an article:
// KeepMine leaves the article as it is; TakeTheirs, TakeBase or Edit (with
// the person's text) put that value in the field or the paragraphs, saved
// as a new revision by the PersonName setting. A status settled this way
// is a move on the audit trail, so the desk sees who chose it, and on a
// desk a reporter cannot settle one to approved or published (a
// *review.MoveError wrapping ErrNotEditor). If the part
// was edited after the merge, nothing changes and the error wraps
// merge.ErrChanged: the person is looking at an old version. It returns
// the article as stored afterwards.
func (d *DB) ResolveConflict(ctx context.Context, conflictID int64, choice merge.Choice, text string) (*editor.Article, error) {
	var out *editor.Article
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		row := tx.QueryRowContext(ctx, `SELECT id, time, filed_by, local_revision, incoming_revision,
			field, paragraph, at_paragraph, base, mine, theirs, article_id
			FROM conflicts WHERE id = ? AND NOT resolved`, conflictID)
		var articleID int64
		c, err := scanConflict(rowWith{row, &articleID})
		if errors.Is(err, sql.ErrNoRows) {
			return ErrConflictSettled
		}
		if err != nil {
			return err
		}
		if c.Part == nil {
			return fmt.Errorf("the whole article conflicts: restore the revision you want, then settle it with conflicts --resolve")
		}
		a, err := d.articleTx(ctx, tx, articleID)
		if err != nil {
			return err
		}
		out = a
		if choice != merge.Edit {
			if text, err = c.Part.Text(choice); err != nil {
				return err
			}
		}
		if choice != merge.KeepMine {
			if err := d.applyResolutionTx(ctx, tx, a, *c.Part, text); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE conflicts SET resolved = 1, resolution = ? WHERE id = ?`, string(choice), conflictID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("settle conflict %d: %w", conflictID, err)
	}
	return out, nil
}

// applyResolutionTx gives a's conflicting part the chosen text and saves it.
func (d *DB) applyResolutionTx(ctx context.Context, tx *sql.Tx, a *editor.Article, part merge.Conflict, text string) error {
	s, err := settingsFrom(ctx, tx)
	if err != nil {
		return err
	}
	from := a.Status
	now := d.timestamp()
	shift, err := merge.Resolve(a, part, text, now)
	if err != nil {
		return err
	}
	if a.Status != from {
		// Settling a status is a move like any other: on a desk only an
		// editor may make it approved or published.
		if err := deskRoleTx(ctx, tx, a.Status); err != nil {
			return err
		}
	}
	if err := d.saveKindTx(ctx, tx, a, s.PersonName, RevisionResolve); err != nil {
		return err
	}
	if a.Status != from {
		e := review.AuditEntry{UID: uuid.NewString(), ArticleID: a.ID, Time: now, Person: s.PersonName,
			From: from, To: a.Status, Note: "settled a desk conflict over the status"}
		if err := insertAuditTx(ctx, tx, e); err != nil {
			return err
		}
	}
	if part.Field == merge.FieldBody && shift != 0 {
		// Later paragraphs moved: the article's other body conflicts follow.
		_, err = tx.ExecContext(ctx, `UPDATE conflicts SET at_paragraph = at_paragraph + ?
			WHERE article_id = ? AND field = 'body' AND NOT resolved AND at_paragraph > ?`, shift, a.ID, part.At)
	}
	return err
}

// rowWith scans a row whose last column is one more value than a conflict has.
type rowWith struct {
	row   *sql.Row
	extra any
}

func (r rowWith) Scan(dest ...any) error { return r.row.Scan(append(dest, r.extra)...) }
