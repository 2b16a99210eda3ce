package storage

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"

	"copydesk/editor"
	"copydesk/editor/bundle"
	"copydesk/editor/review"
)

// ImportOutcome says what importing a bundle did to the library.
type ImportOutcome string

// The import outcomes.
const (
	ImportCreated   ImportOutcome = "created"   // the article was new here
	ImportUpdated   ImportOutcome = "updated"   // only the other machine had changed it
	ImportUnchanged ImportOutcome = "unchanged" // both already had the same content
	ImportKeptLocal ImportOutcome = "kept"      // this machine already had that state and has moved on
	ImportConflict  ImportOutcome = "conflict"  // both changed it: both kept as revisions
)

// ImportResult reports a bundle import.
type ImportResult struct {
	Outcome  ImportOutcome
	Article  *editor.Article  // the article as stored after the import
	Conflict *review.Conflict // set when Outcome is ImportConflict
	Notes    int              // notes added
	Audit    int              // audit entries added
}

// FileBundle gathers article id for filing to another machine: the
// article, the common base version last exchanged, its notes and audit
// trail, filed by the PersonName setting. The image file is the caller's
// to attach. The article's current state becomes the new base, so the
// next bundle from either side is judged against it.
func (d *DB) FileBundle(ctx context.Context, id int64) (*bundle.Bundle, error) {
	var b *bundle.Bundle
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		a, s, err := d.articleWithSettingsTx(ctx, tx, id)
		if err != nil {
			return err
		}
		base, err := bundleBaseTx(ctx, tx, id)
		if err != nil {
			return err
		}
		notes, err := d.notesTx(ctx, tx, id)
		if err != nil {
			return err
		}
		audit, err := auditOf(ctx, tx, id)
		if err != nil {
			return err
		}
		b = &bundle.Bundle{Article: a, Base: base, Notes: notes, Audit: audit, FiledBy: s.PersonName, Filed: d.timestamp()}
		if err := setBundleBaseTx(ctx, tx, id, a); err != nil {
			return err
		}
		// The newest revision holds the state just filed. Pinned, it
		// stays in the history however much is typed before the bundle
		// comes back, so the import can still tell that this machine
		// once had that state (historyHasTx) instead of calling it a
		// conflict.
		return pinRevisionTx(ctx, tx, id, 0)
	})
	if err != nil {
		return nil, fmt.Errorf("file article %d: %w", id, err)
	}
	return b, nil
}

func bundleBaseTx(ctx context.Context, tx *sql.Tx, id int64) (*editor.Article, error) {
	var md string
	err := tx.QueryRowContext(ctx, `SELECT markdown FROM bundle_base WHERE article_id = ?`, id).Scan(&md)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	a, err := editor.ParseMarkdown([]byte(md))
	if err != nil {
		return nil, fmt.Errorf("stored base version: %w", err)
	}
	return a, nil
}

func setBundleBaseTx(ctx context.Context, tx *sql.Tx, id int64, a *editor.Article) error {
	var buf bytes.Buffer
	if err := editor.WriteMarkdown(&buf, a); err != nil {
		return err
	}
	h, err := bundle.ContentHash(a)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO bundle_base (article_id, sha256, markdown) VALUES (?, ?, ?)
		ON CONFLICT (article_id) DO UPDATE SET sha256 = excluded.sha256, markdown = excluded.markdown`, id, h, buf.String())
	return err
}

// ImportBundle creates or updates the bundle's article (found by uid) in
// one transaction, and never overwrites silently: if this machine changed
// the article since the bundle's base version and the bundle changed it
// too, the incoming state is saved as a new revision after the local one,
// and a conflict is recorded naming both revisions (see Conflicts). Notes
// and audit entries not yet here are added.
func (d *DB) ImportBundle(ctx context.Context, b *bundle.Bundle) (*ImportResult, error) {
	var res ImportResult
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		person, err := personNameTx(ctx, tx)
		if err != nil {
			return err
		}
		incoming := b.Article.Clone()
		local, err := d.loadArticle(ctx, tx, "uid = ?", incoming.UID)
		switch {
		case errors.Is(err, editor.ErrNotFound):
			incoming.ID, incoming.Version = 0, 0
			if err := d.saveKindTx(ctx, tx, incoming, person, RevisionBundle); err != nil {
				return err
			}
			res.Outcome, res.Article = ImportCreated, incoming
		case err != nil:
			return err
		default:
			if err := d.mergeTx(ctx, tx, local, b, person, &res); err != nil {
				return err
			}
		}
		id := res.Article.ID
		// Resolutions travel only with a newer state: on a conflict or a
		// stale bundle this machine's view of its notes is kept.
		takeResolved := res.Outcome == ImportUpdated
		for _, n := range b.Notes {
			added, err := importNoteTx(ctx, tx, id, n, takeResolved)
			if err != nil {
				return err
			}
			res.Notes += added
		}
		for _, e := range b.Audit {
			r, err := tx.ExecContext(ctx, `INSERT INTO audit (uid, article_id, time, person, from_status, to_status, note, override)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uid) DO NOTHING`,
				e.UID, id, toMillis(e.Time), e.Person, string(e.From), string(e.To), e.Note, e.Override)
			if err != nil {
				return fmt.Errorf("audit: %w", err)
			}
			k, _ := r.RowsAffected()
			res.Audit += int(k)
		}
		if res.Outcome == ImportKeptLocal {
			return nil // the bundle is older than what we have; it is no new common base
		}
		return setBundleBaseTx(ctx, tx, id, b.Article)
	})
	if err != nil {
		return nil, fmt.Errorf("import bundle of article %s: %w", b.Article.UID, err)
	}
	return &res, nil
}

func (d *DB) mergeTx(ctx context.Context, tx *sql.Tx, local *editor.Article, b *bundle.Bundle, person string, res *ImportResult) error {
	hLocal, err := bundle.ContentHash(local)
	if err != nil {
		return err
	}
	hIn, err := bundle.ContentHash(b.Article)
	if err != nil {
		return err
	}
	res.Article = local
	if hLocal == hIn {
		res.Outcome = ImportUnchanged
		return nil
	}
	seen, err := historyHasTx(ctx, tx, local.ID, hIn)
	if err != nil {
		return err
	}
	if seen {
		res.Outcome = ImportKeptLocal
		return nil
	}
	incoming := b.Article.Clone()
	incoming.ID, incoming.Version = local.ID, local.Version
	if owner, err := slugOwner(ctx, tx, incoming.Slug); err != nil {
		return err
	} else if owner != 0 && owner != local.ID {
		incoming.Slug = local.Slug // the other machine's slug is taken here by another story
	}
	fastForward := false
	if b.Base != nil {
		hBase, err := bundle.ContentHash(b.Base)
		if err != nil {
			return err
		}
		fastForward = hBase == hLocal
	}
	localRev, err := lastRevisionTx(ctx, tx, local.ID)
	if err != nil {
		return err
	}
	kind := RevisionBundle
	if !fastForward {
		kind = RevisionConflict
	}
	if err := d.saveKindTx(ctx, tx, incoming, person, kind); err != nil {
		return err
	}
	res.Article = incoming
	if fastForward {
		res.Outcome = ImportUpdated
		return nil
	}
	// The local side of a conflict is no longer the newest revision, so
	// nothing would replace it; pinning it says so in the data too.
	if err := pinRevisionTx(ctx, tx, local.ID, localRev); err != nil {
		return err
	}
	c := review.Conflict{ArticleID: local.ID, Time: d.timestamp(), FiledBy: b.FiledBy, LocalRevision: localRev, IncomingRevision: localRev + 1}
	r, err := tx.ExecContext(ctx, `INSERT INTO conflicts (article_id, time, filed_by, local_revision, incoming_revision) VALUES (?, ?, ?, ?, ?)`,
		c.ArticleID, toMillis(c.Time), c.FiledBy, c.LocalRevision, c.IncomingRevision)
	if err != nil {
		return fmt.Errorf("record conflict: %w", err)
	}
	c.ID, _ = r.LastInsertId()
	res.Outcome, res.Conflict = ImportConflict, &c
	return nil
}

func lastRevisionTx(ctx context.Context, tx *sql.Tx, id int64) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT coalesce(max(number), 0) FROM revisions WHERE article_id = ?`, id).Scan(&n)
	return n, err
}

// historyHasTx reports whether some revision of article id has content
// hash h: then this machine once had the incoming state and has moved on.
// Autosaves replaced in place within a session are not in the history,
// but every state filed in a bundle is (FileBundle pins it).
func historyHasTx(ctx context.Context, tx *sql.Tx, id int64, h string) (bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT article, snapshot FROM revisions WHERE article_id = ? ORDER BY number DESC`, id)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	for rows.Next() {
		var js string
		var snap []byte
		if err := rows.Scan(&js, &snap); err != nil {
			return false, err
		}
		a, err := decodeRevision(js, snap)
		if err != nil {
			return false, err
		}
		rh, err := bundle.ContentHash(a)
		if err != nil {
			continue // a revision that no longer validates cannot match a valid bundle
		}
		if rh == h {
			return true, nil
		}
	}
	return false, rows.Err()
}

func importNoteTx(ctx context.Context, tx *sql.Tx, articleID int64, n review.Note, takeResolved bool) (int, error) {
	if n.UID == "" {
		return 0, nil // notes without a uid cannot be told apart from ours; a valid bundle has none
	}
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM notes WHERE uid = ?`, n.UID).Scan(&id)
	switch {
	case err == nil:
		if takeResolved {
			_, err = tx.ExecContext(ctx, `UPDATE notes SET resolved = ? WHERE id = ?`, n.Resolved, id)
		}
		return 0, err
	case !errors.Is(err, sql.ErrNoRows):
		return 0, err
	}
	n.ArticleID = articleID
	// Version 0 makes Notes relocate the anchor in this machine's body.
	if _, err := insertNoteTx(ctx, tx, n, 0); err != nil {
		return 0, err
	}
	return 1, nil
}
