package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"

	"copydesk/editor"
	"copydesk/editor/review"
)

// MoveStatus moves article id to status to under the workflow rules of
// package review, in one transaction: the article is saved (a new
// revision, authored by the PersonName setting) and the move is added to
// the audit trail with the person, the note and any override reason. A
// refused move returns a *review.MoveError and changes nothing.
func (d *DB) MoveStatus(ctx context.Context, id int64, to editor.Status, req review.MoveRequest) (*editor.Article, error) {
	var moved *editor.Article
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		if err := deskRoleTx(ctx, tx, to); err != nil {
			return err
		}
		a, s, err := d.articleWithSettingsTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if d.errorFindings != nil && to == editor.StatusApproved {
			open, err := unresolvedNotesTx(ctx, tx, id)
			if err != nil {
				return err
			}
			// The library's own count wins over a caller's stale one.
			req.ErrorFindings = max(req.ErrorFindings, d.errorFindings(a, s, open))
		}
		// The kill rule asks for an editor; the library's own Settings say
		// who is at this desk, not the caller.
		req.Role = s.PersonRole
		c := a.Clone()
		from := c.Status
		now := d.timestamp()
		if err := review.Apply(c, to, req, now); err != nil {
			return err
		}
		if err := d.saveKindTx(ctx, tx, c, s.PersonName, RevisionStatus); err != nil {
			return err
		}
		override := ""
		if to == editor.StatusApproved && req.ErrorFindings > 0 {
			override = strings.TrimSpace(req.Override) // only recorded when it overrode something
		}
		e := review.AuditEntry{UID: uuid.NewString(), ArticleID: id, Time: now, Person: s.PersonName,
			From: from, To: to, Note: strings.TrimSpace(req.Note), Override: override}
		if err := insertAuditTx(ctx, tx, e); err != nil {
			return err
		}
		moved = c
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("move article %d to %s: %w", id, to, err)
	}
	return moved, nil
}

// articleWithSettingsTx reads article id and the library's settings in
// one transaction, for the moves that record who made them.
func (d *DB) articleWithSettingsTx(ctx context.Context, tx *sql.Tx, id int64) (*editor.Article, editor.Settings, error) {
	a, err := d.articleTx(ctx, tx, id)
	if err != nil {
		return nil, editor.Settings{}, err
	}
	s, err := settingsFrom(ctx, tx)
	if err != nil {
		return nil, editor.Settings{}, err
	}
	return a, s, nil
}

func insertAuditTx(ctx context.Context, tx *sql.Tx, e review.AuditEntry) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO audit (uid, article_id, time, person, from_status, to_status, note, override)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		e.UID, e.ArticleID, toMillis(e.Time), e.Person, string(e.From), string(e.To), e.Note, e.Override)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

// Audit returns the status moves of article id, oldest first.
func (d *DB) Audit(ctx context.Context, id int64) ([]review.AuditEntry, error) {
	es, err := auditOf(ctx, d.sql, id)
	if err != nil {
		return nil, fmt.Errorf("audit trail of article %d: %w", id, err)
	}
	return es, nil
}

func auditOf(ctx context.Context, q queryer, id int64) ([]review.AuditEntry, error) {
	if _, err := loadArticleID(ctx, q, id); err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT id, uid, time, person, from_status, to_status, note, override
		FROM audit WHERE article_id = ? ORDER BY time, id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var es []review.AuditEntry
	for rows.Next() {
		e := review.AuditEntry{ArticleID: id}
		var t int64
		var from, to string
		if err := rows.Scan(&e.ID, &e.UID, &t, &e.Person, &from, &to, &e.Note, &e.Override); err != nil {
			return nil, err
		}
		e.Time, e.From, e.To = fromMillis(t), editor.Status(from), editor.Status(to)
		es = append(es, e)
	}
	return es, rows.Err()
}

// validNoteText refuses what a note field could not sensibly hold.
func validNoteText(text string) error {
	switch {
	case strings.TrimSpace(text) == "":
		return &editor.FieldError{Field: "note", Msg: "Note text is empty"}
	case !utf8.ValidString(text) || strings.ContainsRune(text, 0):
		return &editor.FieldError{Field: "note", Msg: "Note contains bytes that are not valid text"}
	case utf8.RuneCountInString(text) > editor.MaxFieldRunes:
		return &editor.FieldError{Field: "note", Msg: fmt.Sprintf("Note is longer than %d characters", editor.MaxFieldRunes)}
	}
	return nil
}

// AddNote leaves a note on article articleID by the PersonName setting.
// A non-empty anchor must be a passage of the current body (its first
// occurrence is used); otherwise the error wraps review.ErrPassageNotFound.
func (d *DB) AddNote(ctx context.Context, articleID int64, text, anchor string) (*review.Note, error) {
	return d.addNote(ctx, articleID, text, anchor, func(body string) (review.Anchor, bool) {
		return review.Locate(body, anchor)
	})
}

// AddNoteAt is AddNote for a passage a person selected at rune offset
// start, so a phrase that occurs twice is pinned where they meant. An
// empty passage leaves the note unanchored; a body that does not hold
// the passage at start gives an error wrapping review.ErrPassageNotFound.
func (d *DB) AddNoteAt(ctx context.Context, articleID int64, text, passage string, start int) (*review.Note, error) {
	return d.addNote(ctx, articleID, text, passage, func(body string) (review.Anchor, bool) {
		return review.LocateAt(body, passage, start)
	})
}

func (d *DB) addNote(ctx context.Context, articleID int64, text, anchor string, locate func(body string) (review.Anchor, bool)) (*review.Note, error) {
	var n review.Note
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		if err := validNoteText(text); err != nil {
			return err
		}
		a, err := d.articleTx(ctx, tx, articleID)
		if err != nil {
			return err
		}
		var an review.Anchor
		if anchor != "" {
			var ok bool
			if an, ok = locate(a.Body); !ok {
				return fmt.Errorf("anchor %q: %w", anchor, review.ErrPassageNotFound)
			}
		}
		person, err := personNameTx(ctx, tx)
		if err != nil {
			return err
		}
		n = review.Note{UID: uuid.NewString(), ArticleID: articleID, Text: strings.TrimSpace(text), Anchor: an,
			Author: person, Time: d.timestamp()}
		n.ID, err = insertNoteTx(ctx, tx, n, a.Version)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("add note to article %d: %w", articleID, err)
	}
	return &n, nil
}

func insertNoteTx(ctx context.Context, tx *sql.Tx, n review.Note, version int64) (int64, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO notes (uid, article_id, text, anchor_text, anchor_start, anchor_deleted,
		anchor_version, author, time, resolved) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		n.UID, n.ArticleID, n.Text, n.Anchor.Text, n.Anchor.Start, n.Anchor.Deleted, version, n.Author,
		toMillis(n.Time), n.Resolved)
	if err != nil {
		return 0, fmt.Errorf("insert note: %w", err)
	}
	return res.LastInsertId()
}

// Notes returns the notes on article id, oldest first, with every anchor
// located in the current body. Anchors are relocated here rather than on
// save, once per article version, and the result is stored, so a passage
// is followed from one version to the next instead of searched for from
// where it was when the note was written.
func (d *DB) Notes(ctx context.Context, id int64) ([]review.Note, error) {
	// Most reads find every anchor current; only a stale one needs the
	// write transaction, which would otherwise queue behind an autosave.
	ns, err := readNotes(ctx, d.sql, id)
	var notes []review.Note
	switch {
	case err != nil:
	case len(ns.stale) == 0:
		notes = ns.notes
	default:
		err = d.inTx(ctx, func(tx *sql.Tx) error {
			notes, err = d.notesTx(ctx, tx, id)
			return err
		})
	}
	if err != nil {
		return nil, fmt.Errorf("notes of article %d: %w", id, err)
	}
	return notes, nil
}

// noteSet is an article's notes as stored, with what relocating needs.
type noteSet struct {
	notes    []review.Note
	stale    []int   // indexes of notes whose anchor was located in an older body
	versions []int64 // per note: the article version its anchor was located in
	body     string
	version  int64
}

func readNotes(ctx context.Context, q queryer, id int64) (*noteSet, error) {
	ns := &noteSet{}
	err := q.QueryRowContext(ctx, `SELECT body, version FROM articles WHERE id = ?`, id).Scan(&ns.body, &ns.version)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, editor.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT `+noteColumns+` FROM notes WHERE article_id = ? ORDER BY time, id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		n, v, err := scanNote(rows)
		if err != nil {
			return nil, err
		}
		if n.Anchor.Text != "" && v != ns.version {
			ns.stale = append(ns.stale, len(ns.notes))
		}
		ns.notes = append(ns.notes, n)
		ns.versions = append(ns.versions, v)
	}
	return ns, rows.Err()
}

// notesTx is Notes inside a write transaction: stale anchors are
// relocated in the current body and the result stored. The body an anchor
// was last located in is read back from the revisions, so the anchor is
// followed through the edits (review.Follow) rather than searched for.
func (d *DB) notesTx(ctx context.Context, tx *sql.Tx, id int64) ([]review.Note, error) {
	ns, err := readNotes(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	oldBodies := map[int64]*string{} // by version; nil when no revision has it
	for _, i := range ns.stale {
		n := &ns.notes[i]
		v := ns.versions[i]
		old, seen := oldBodies[v]
		if !seen {
			a, err := revisionAtVersionTx(ctx, tx, id, v)
			if err != nil {
				return nil, fmt.Errorf("relocate note %d: %w", n.ID, err)
			}
			if a != nil {
				old = &a.Body
			}
			oldBodies[v] = old
		}
		if old != nil {
			n.Anchor = review.Follow(*old, ns.body, n.Anchor)
		} else {
			// An imported note's offset is from the other machine's body.
			n.Anchor = review.Relocate(ns.body, n.Anchor)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE notes SET anchor_start = ?, anchor_deleted = ?, anchor_version = ? WHERE id = ?`,
			n.Anchor.Start, n.Anchor.Deleted, ns.version, n.ID); err != nil {
			return nil, fmt.Errorf("relocate note %d: %w", n.ID, err)
		}
	}
	return ns.notes, nil
}

const noteColumns = `id, uid, article_id, text, anchor_text, anchor_start, anchor_deleted, anchor_version, author, time, resolved`

func scanNote(s scanner) (review.Note, int64, error) {
	var (
		n      review.Note
		t, ver int64
	)
	err := s.Scan(&n.ID, &n.UID, &n.ArticleID, &n.Text, &n.Anchor.Text, &n.Anchor.Start, &n.Anchor.Deleted, &ver,
		&n.Author, &t, &n.Resolved)
	n.Time = fromMillis(t)
	return n, ver, err
}

// SetNoteResolved resolves a note, or reopens it when resolved is false.
// An unknown id returns an error wrapping review.ErrNoteNotFound.
func (d *DB) SetNoteResolved(ctx context.Context, noteID int64, resolved bool) (*review.Note, error) {
	var n review.Note
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE notes SET resolved = ? WHERE id = ?`, resolved, noteID)
		if err != nil {
			return err
		}
		if k, err := res.RowsAffected(); err != nil {
			return err
		} else if k == 0 {
			return review.ErrNoteNotFound
		}
		n, _, err = scanNote(tx.QueryRowContext(ctx, `SELECT `+noteColumns+` FROM notes WHERE id = ?`, noteID))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("note %d: %w", noteID, err)
	}
	return &n, nil
}

// UnresolvedNotes counts the open notes on article id, for the checks.
func (d *DB) UnresolvedNotes(ctx context.Context, id int64) (int, error) {
	n, err := unresolvedNotesTx(ctx, d.sql, id)
	if err != nil {
		return 0, fmt.Errorf("notes of article %d: %w", id, err)
	}
	return n, nil
}

func unresolvedNotesTx(ctx context.Context, q queryer, id int64) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM notes WHERE article_id = ? AND NOT resolved`, id).Scan(&n)
	return n, err
}

// Restore makes revision n of article id the current state again, as a
// new revision: history is never rewritten. The workflow fields (status,
// publication time, corrections) stay as they are now, because a restore
// edits the text and must not move the article through the workflow
// without the rules and the audit trail.
func (d *DB) Restore(ctx context.Context, id int64, n int) (*editor.Article, error) {
	var restored *editor.Article
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		cur, err := d.articleTx(ctx, tx, id)
		if err != nil {
			return err
		}
		old, err := revisionArticleTx(ctx, tx, id, n)
		if err != nil {
			return err
		}
		c := old.Clone()
		c.ID, c.UID, c.Version, c.Created = cur.ID, cur.UID, cur.Version, cur.Created
		c.Status, c.Published, c.Corrections = cur.Status, cur.Published, cur.Corrections
		person, err := personNameTx(ctx, tx)
		if err != nil {
			return err
		}
		if err := d.saveKindTx(ctx, tx, c, person, RevisionRestore); err != nil {
			return err
		}
		restored = c
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("restore revision %d of article %d: %w", n, id, err)
	}
	return restored, nil
}

// Conflicts returns the unresolved conflicts of article id, oldest first:
// whole-article ones from bundle imports, and the fields or paragraphs a
// desk merge could not merge (review.Conflict.Part).
func (d *DB) Conflicts(ctx context.Context, id int64) ([]review.Conflict, error) {
	cs, err := conflictsTx(ctx, d.sql, id)
	if err != nil {
		return nil, fmt.Errorf("conflicts of article %d: %w", id, err)
	}
	return cs, nil
}

// ResolveConflicts marks every conflict of article id as dealt with, once
// the person has kept, restored or merged the version they want.
func (d *DB) ResolveConflicts(ctx context.Context, id int64) error {
	// Through inTx like every write, so it waits for the start-up check
	// and reports a full disk or read-only library as such.
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE conflicts SET resolved = 1 WHERE article_id = ?`, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("resolve conflicts of article %d: %w", id, err)
	}
	return nil
}
