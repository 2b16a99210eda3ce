package storage

// Revision policy.
//
// Every save leaves the article's new state in a revision, so the newest
// state is always in the history and any two revisions can be compared or
// restored; a plain save that changes nothing the history shows (a
// character typed and deleted again) is held by the revision that already
// has that state, which may carry an older version number. Two things
// keep that affordable on disk:
//
//   - Snapshots are stored as zlib-compressed JSON (the snapshot column).
//     Rows from libraries older than that column keep their plain JSON in
//     the article column and are read as they are; the upgrade rewrites
//     nothing, so opening a large old library stays instant.
//
//   - A plain save (Save, which the window's autosave uses) replaces the
//     newest revision in place — same number, new content, time,
//     version, words and headline — instead of appending, when all of
//     these hold for that newest revision:
//     it has the same author (Settings.PersonName) and the same status;
//     it was written through the same library handle (writerID: one per
//     open window or CLI command), so two processes or two windows never
//     merge into each other's revision;
//     it is not pinned; and its editing session began less than
//     SessionLength ago.
//
//   - Pinned revisions are the events an editor looks for in a history:
//     the first revision, status moves, restores, imports (CLI import
//     through SaveAs, bundle imports and conflict keeps), the local side
//     of a conflict, and the revision a bundle was filed from (so the
//     state another machine holds is still in the history when its bundle
//     comes back). A save after a pinned revision starts a new one.
//
//   - A plain save equal to the revision before the one it would replace
//     drops that revision, and one equal to the newest revision adds
//     none, so no revision in the list says "no changes".
//
// So continuous typing leaves one revision per SessionLength rather than
// one per autosave, and every meaningful event its own. What coalescing
// gives up is the intermediate autosaves of one session: each
// acknowledged save is either a revision or was superseded in place by a
// later save of the same handle, author and status within the session.

import (
	"bytes"
	"compress/zlib"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"sync"
	"time"

	"copydesk/editor"
	"copydesk/editor/review"
)

// SessionLength is how long one revision keeps absorbing a window's
// autosaves. Ten minutes keeps a long writing session down to a handful
// of entries an editor can read, while losing at most ten minutes of
// intermediate states that nobody would pick from thousands anyway.
const SessionLength = 10 * time.Minute

// RevisionKind says what made a save, which decides whether its revision
// may later absorb further saves. Only RevisionEdit revisions coalesce.
type RevisionKind string

// The revision kinds. A kind is stored with each revision.
const (
	RevisionEdit     RevisionKind = "edit"     // a plain save (Save): coalescible
	RevisionCreate   RevisionKind = "create"   // the first revision of a new article
	RevisionStatus   RevisionKind = "status"   // a workflow move (MoveStatus)
	RevisionRestore  RevisionKind = "restore"  // an older revision made current (Restore)
	RevisionImport   RevisionKind = "import"   // a Markdown file imported (copydesk import)
	RevisionBundle   RevisionKind = "bundle"   // a bundle import that only the other side changed
	RevisionConflict RevisionKind = "conflict" // a bundle import kept beside the local state
)

func (k RevisionKind) valid() bool {
	switch k {
	case RevisionEdit, RevisionCreate, RevisionStatus, RevisionRestore, RevisionImport, RevisionBundle, RevisionConflict:
		return true
	}
	return false
}

func (d *DB) writerID() string { return d.writer }

// compactRevisionsTx reports whether revisions can be written in the
// compressed, coalescing form (the snapshot column).
func (d *DB) compactRevisionsTx(ctx context.Context, tx *sql.Tx) (bool, error) {
	d.compactMu.Lock()
	defer d.compactMu.Unlock()
	if d.compact {
		return true, nil
	}
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info('revisions') WHERE name = 'snapshot'`).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("revision: %w", err)
	}
	d.compact = n > 0
	return d.compact, nil
}

// hashedRevisionsTx reports whether revisions keep a content hash
// (migration 0009); a library opened below it is written without one.
func (d *DB) hashedRevisionsTx(ctx context.Context, tx *sql.Tx) (bool, error) {
	d.compactMu.Lock()
	defer d.compactMu.Unlock()
	if d.hashed {
		return true, nil
	}
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info('revisions') WHERE name = 'content_hash'`).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("revision: %w", err)
	}
	d.hashed = n > 0
	return d.hashed, nil
}

// SaveAs is Save for a save that is an event in the article's history
// rather than an autosave: its revision is always a new one and is
// pinned, so no later save replaces it. kind must not be RevisionEdit
// (that is Save).
func (d *DB) SaveAs(ctx context.Context, a *editor.Article, kind RevisionKind) error {
	if !kind.valid() || kind == RevisionEdit {
		return fmt.Errorf("save article %d: revision kind %q is not an event", a.ID, kind)
	}
	return d.save(ctx, a, kind)
}

// newestRevision is what the coalescing rule needs from an article's
// newest revision.
type newestRevision struct {
	number               int
	version              int64
	pinned               bool
	author, status       string
	writer               string
	sessionStart, millis int64
	words                int
	headline             string
	hash                 []byte // contentHash; nil for rows written before it was kept
}

// revisionBeforeTx reads article id's newest revision numbered below
// before (0: the newest of all); found is false if there is none.
func revisionBeforeTx(ctx context.Context, tx *sql.Tx, id int64, before int, hashed bool) (r newestRevision, found bool, err error) {
	hash := "NULL"
	if hashed {
		hash = "content_hash"
	}
	q := `SELECT number, version, pinned, author, status, writer, session_start, time, words, headline, ` + hash + `
		FROM revisions WHERE article_id = ? AND (? = 0 OR number < ?) ORDER BY number DESC LIMIT 1`
	err = tx.QueryRowContext(ctx, q, id, before, before).
		Scan(&r.number, &r.version, &r.pinned, &r.author, &r.status, &r.writer, &r.sessionStart, &r.millis, &r.words, &r.headline, &r.hash)
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	if err != nil {
		return r, false, fmt.Errorf("revision: %w", err)
	}
	return r, true, nil
}

// sameAsRevisionTx reports whether a holds what revision r holds, in every
// field the history compares. The word count, headline and content hash
// kept beside the snapshot answer without reading it; only a row older
// than the hash is read.
func sameAsRevisionTx(ctx context.Context, tx *sql.Tx, a *editor.Article, r newestRevision, words int) (bool, error) {
	if r.words != words || r.headline != a.Headline || r.status != string(a.Status) {
		return false, nil
	}
	if r.hash != nil {
		return bytes.Equal(r.hash, contentHash(a)), nil
	}
	// A row from before the hash was kept: compare what it holds.
	old, err := revisionArticleTx(ctx, tx, a.ID, r.number)
	if err != nil {
		// A damaged snapshot must not stop the article from being saved:
		// the save becomes a revision of its own.
		return false, nil
	}
	return sameContent(old, a), nil
}

// sameContent compares what a revision list shows the difference of
// (review.Articles): everything but the id, version and times.
func sameContent(x, y *editor.Article) bool {
	return x.Body == y.Body && x.Headline == y.Headline && x.Slug == y.Slug && x.Section == y.Section &&
		slices.Equal(x.Byline, y.Byline) && x.Summary == y.Summary && x.Dateline == y.Dateline &&
		slices.Equal(x.Tags, y.Tags) && x.Status == y.Status && x.Image == y.Image &&
		slices.EqualFunc(x.Corrections, y.Corrections, func(p, q editor.Correction) bool {
			return p.Text == q.Text && p.Time.Equal(q.Time)
		})
}

// contentHash is a SHA-256 of the fields sameContent compares, each
// length-prefixed so no two articles share an encoding.
func contentHash(a *editor.Article) []byte {
	h := sha256.New()
	var n [8]byte
	put := func(s string) {
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		io.WriteString(h, s)
	}
	for _, s := range []string{a.Body, a.Headline, a.Slug, a.Section, a.Summary, a.Dateline, string(a.Status),
		a.Image.Src, a.Image.Alt, a.Image.Caption, a.Image.Credit} {
		put(s)
	}
	for _, list := range [][]string{a.Byline, a.Tags} {
		put(strconv.Itoa(len(list)))
		for _, s := range list {
			put(s)
		}
	}
	put(strconv.Itoa(len(a.Corrections)))
	for _, c := range a.Corrections {
		put(c.Time.UTC().Format(time.RFC3339Nano))
		put(c.Text)
	}
	return h.Sum(nil)
}

// dropRevisionTx deletes revision last, which a coalescing save brought
// back to what revision base holds. Its notes move to base's version,
// whose body is a's.
func dropRevisionTx(ctx context.Context, tx *sql.Tx, a *editor.Article, last, base newestRevision) error {
	if err := followNotesTx(ctx, tx, a, last, base.version); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM revisions WHERE article_id = ? AND number = ?`, a.ID, last.number); err != nil {
		return fmt.Errorf("drop revision %d: %w", last.number, err)
	}
	return nil
}

// revisionTx records a's just-saved state, either replacing the newest
// revision (see the policy above) or appending revision max+1.
func (d *DB) revisionTx(ctx context.Context, tx *sql.Tx, a *editor.Article, now time.Time, author string, words int, kind RevisionKind) error {
	if compact, err := d.compactRevisionsTx(ctx, tx); err != nil {
		return err
	} else if !compact {
		return legacyRevisionTx(ctx, tx, a, now, author, words)
	}
	snap, err := encodeSnapshot(a)
	if err != nil {
		return fmt.Errorf("revision: %w", err)
	}
	writer := d.writerID()
	hashed, err := d.hashedRevisionsTx(ctx, tx)
	if err != nil {
		return err
	}
	var hash any // NULL in a library below 0009, which has no column for it
	if hashed {
		hash = contentHash(a)
	}
	last, found, err := revisionBeforeTx(ctx, tx, a.ID, 0, hashed)
	switch {
	case err != nil:
		return err
	case !found:
		if kind == RevisionEdit {
			kind = RevisionCreate
		}
	case kind == RevisionEdit:
		coalesce := coalesces(last, author, string(a.Status), writer, toMillis(now))
		// base is the revision the history compares this state with: the
		// one before the revision a coalescing save replaces, else the
		// newest. A state equal to it (a character typed and deleted) is
		// not a revision, and a replaced revision that came back to it is
		// dropped, so the history never lists "no changes".
		base, found := last, true
		if coalesce {
			if base, found, err = revisionBeforeTx(ctx, tx, a.ID, last.number, hashed); err != nil {
				return err
			}
		}
		if found {
			same, err := sameAsRevisionTx(ctx, tx, a, base, words)
			if err != nil {
				return err
			}
			if same && coalesce {
				return dropRevisionTx(ctx, tx, a, last, base)
			}
			if same {
				return nil
			}
		}
		if coalesce {
			if err := followNotesTx(ctx, tx, a, last, a.Version); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `UPDATE revisions SET version = ?, time = ?, words = ?, headline = ?,
			article = '', snapshot = ? WHERE article_id = ? AND number = ?`,
				a.Version, toMillis(now), words, a.Headline, snap, a.ID, last.number)
			if err == nil && hashed {
				_, err = tx.ExecContext(ctx, `UPDATE revisions SET content_hash = ? WHERE article_id = ? AND number = ?`,
					hash, a.ID, last.number)
			}
			if err != nil {
				return fmt.Errorf("revision %d: %w", last.number, err)
			}
			return nil
		}
	}
	pinned := kind != RevisionEdit
	_, err = tx.ExecContext(ctx, `INSERT INTO revisions (article_id, number, version, time, author, status, words,
		headline, article, snapshot, kind, pinned, session_start, writer)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?)`,
		a.ID, last.number+1, a.Version, toMillis(now), author, string(a.Status), words, a.Headline,
		snap, string(kind), pinned, toMillis(now), writer)
	if err == nil && hashed {
		_, err = tx.ExecContext(ctx, `UPDATE revisions SET content_hash = ? WHERE article_id = ? AND number = ?`,
			hash, a.ID, last.number+1)
	}
	if err != nil {
		return fmt.Errorf("revision: %w", err)
	}
	return nil
}

// followNotesTx carries the anchors located in the state that revision
// last is about to lose over to a's new body, recording them as located
// at version to. Notes normally follow an
// anchor lazily, from the body of the version it was located in, read back
// from the revisions; once that version is replaced in place it could no
// longer be read, so the few notes that need it follow it now.
func followNotesTx(ctx context.Context, tx *sql.Tx, a *editor.Article, last newestRevision, to int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT `+noteColumns+` FROM notes
		WHERE article_id = ? AND anchor_version = ? AND anchor_text != ''`, a.ID, last.version)
	if err != nil {
		return fmt.Errorf("follow notes: %w", err)
	}
	var notes []review.Note
	for rows.Next() {
		n, _, err := scanNote(rows)
		if err != nil {
			rows.Close()
			return fmt.Errorf("follow notes: %w", err)
		}
		notes = append(notes, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(notes) == 0 {
		return err
	}
	var js string
	var snap []byte
	if err := tx.QueryRowContext(ctx, `SELECT article, snapshot FROM revisions WHERE article_id = ? AND number = ?`,
		a.ID, last.number).Scan(&js, &snap); err != nil {
		return fmt.Errorf("follow notes: %w", err)
	}
	old, err := decodeRevision(js, snap)
	if err != nil {
		// A damaged snapshot must not stop the article from being saved;
		// these notes are searched for when next read instead.
		return nil
	}
	for _, n := range notes {
		an := review.Follow(old.Body, a.Body, n.Anchor)
		if _, err := tx.ExecContext(ctx, `UPDATE notes SET anchor_start = ?, anchor_deleted = ?, anchor_version = ? WHERE id = ?`,
			an.Start, an.Deleted, to, n.ID); err != nil {
			return fmt.Errorf("follow note %d: %w", n.ID, err)
		}
	}
	return nil
}

// legacyRevisionTx appends a revision as Copydesk did before migration
// 0005: plain JSON, never coalesced. Only a library opened below 0005
// gets it (see DB.compact).
func legacyRevisionTx(ctx context.Context, tx *sql.Tx, a *editor.Article, now time.Time, author string, words int) error {
	body, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("revision: %w", err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO revisions (article_id, number, version, time, author, status, words, headline, article)
		VALUES (?, (SELECT coalesce(max(number), 0) + 1 FROM revisions WHERE article_id = ?), ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.ID, a.Version, toMillis(now), author, string(a.Status), words, a.Headline, string(body))
	if err != nil {
		return fmt.Errorf("revision: %w", err)
	}
	return nil
}

// coalesces is the rule for replacing revision last in place. A clock
// that went backwards (now before the session began) starts a new
// session rather than stretching the old one.
func coalesces(last newestRevision, author, status, writer string, now int64) bool {
	age := now - last.sessionStart
	return !last.pinned && last.author == author && last.status == status && last.writer == writer &&
		age >= 0 && age < SessionLength.Milliseconds()
}

// pinRevisionTx pins revision n of article id (0: the newest), so the
// state it holds stays in the history whatever is saved next.
func pinRevisionTx(ctx context.Context, tx *sql.Tx, id int64, n int) error {
	q := `UPDATE revisions SET pinned = 1 WHERE article_id = ? AND number = ?`
	args := []any{id, n}
	if n == 0 {
		q = `UPDATE revisions SET pinned = 1 WHERE article_id = ?
			AND number = (SELECT max(number) FROM revisions WHERE article_id = ?)`
		args = []any{id, id}
	}
	if _, err := tx.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("pin revision: %w", err)
	}
	return nil
}

// zlib rather than raw deflate: its Adler-32 checksum makes a damaged
// snapshot an error instead of a silently different article. BestSpeed
// because every autosave compresses: the default level saves a little
// more space for several times the time, which a long article's save
// cannot afford (BENCHMARKS.md has the figures). Writers are pooled
// because each one allocates large tables.
var zwriters = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed) // the level is valid
	return w
}}

// encodeSnapshot is a's JSON, zlib-compressed.
func encodeSnapshot(a *editor.Article) ([]byte, error) { return compressJSON(a) }

// compressJSON is v's JSON, zlib-compressed.
func compressJSON(v any) ([]byte, error) {
	js, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Grow(len(js)/3 + 64)
	w := zwriters.Get().(*zlib.Writer)
	defer zwriters.Put(w)
	w.Reset(&buf)
	if _, err := w.Write(js); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// maxSnapshotJSON bounds what a snapshot may inflate to: well above the
// JSON of the largest valid article (every field at its limit, escaped),
// far below what would exhaust memory if a damaged or hostile library
// held a compression bomb.
const maxSnapshotJSON = 8 * editor.MaxMarkdownBytes

// decodeRevision reads a revision row's article: the compressed snapshot
// when there is one, else the JSON of a row written before migration 0005.
func decodeRevision(js string, snap []byte) (*editor.Article, error) {
	var a editor.Article
	if snap == nil {
		if err := json.Unmarshal([]byte(js), &a); err != nil {
			return nil, err
		}
	} else {
		r, err := zlib.NewReader(bytes.NewReader(snap))
		if err != nil {
			return nil, fmt.Errorf("snapshot: %w", err)
		}
		raw, err := io.ReadAll(io.LimitReader(r, maxSnapshotJSON+1))
		if err == nil && len(raw) > maxSnapshotJSON {
			err = errors.New("larger than any article")
		}
		if err != nil {
			return nil, fmt.Errorf("snapshot: %w", err)
		}
		if err := json.Unmarshal(raw, &a); err != nil {
			return nil, fmt.Errorf("snapshot: %w", err)
		}
	}
	normalize(&a)
	return &a, nil
}

// Revisions lists the saved states of article id, oldest first; an error
// wrapping editor.ErrNotFound if there is no such article. A revision
// that absorbed a session of autosaves shows the newest of them: its
// time, version, words and headline.
func (d *DB) Revisions(ctx context.Context, id int64) ([]editor.Revision, error) {
	var revs []editor.Revision
	err := func() error {
		if _, err := loadArticleID(ctx, d.sql, id); err != nil {
			return err
		}
		rows, err := d.sql.QueryContext(ctx, `SELECT number, version, time, author, status, words, headline
			FROM revisions WHERE article_id = ? ORDER BY number`, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r := editor.Revision{ArticleID: id}
			var t int64
			var status string
			if err := rows.Scan(&r.Number, &r.Version, &t, &r.Author, &status, &r.Words, &r.Headline); err != nil {
				return err
			}
			r.Time, r.Status = fromMillis(t), editor.Status(status)
			revs = append(revs, r)
		}
		return rows.Err()
	}()
	if err != nil {
		return nil, fmt.Errorf("revisions of article %d: %w", id, classifyErr(err))
	}
	return revs, nil
}

// RevisionArticle returns article id as it was saved in revision n; an
// error wrapping editor.ErrNotFound if either does not exist.
func (d *DB) RevisionArticle(ctx context.Context, id int64, n int) (*editor.Article, error) {
	a, err := revisionArticleTx(ctx, d.sql, id, n)
	if err != nil {
		return nil, fmt.Errorf("revision %d of article %d: %w", n, id, classifyErr(err))
	}
	return a, nil
}

// revisionArticleTx is RevisionArticle inside a transaction.
func revisionArticleTx(ctx context.Context, q queryer, id int64, n int) (*editor.Article, error) {
	var js string
	var snap []byte
	err := q.QueryRowContext(ctx, `SELECT article, snapshot FROM revisions WHERE article_id = ? AND number = ?`, id, n).
		Scan(&js, &snap)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, editor.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return decodeRevision(js, snap)
}

// revisionAtVersionTx returns article id as saved at version v, or nil if
// no revision holds that version (an imported note's version 0), or if its
// snapshot does not decode: the one caller, note relocation, then searches
// for the passage instead, as it did before compression. Versions replaced
// in place by coalescing need no entry here: followNotesTx moved their
// notes on when it happened.
func revisionAtVersionTx(ctx context.Context, q queryer, id, v int64) (*editor.Article, error) {
	var js string
	var snap []byte
	err := q.QueryRowContext(ctx, `SELECT article, snapshot FROM revisions WHERE article_id = ? AND version = ?`, id, v).
		Scan(&js, &snap)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	a, err := decodeRevision(js, snap)
	if err != nil {
		return nil, nil
	}
	return a, nil
}
