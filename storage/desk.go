package storage

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"copydesk/desk"
	"copydesk/editor"
	"copydesk/editor/review"
)

// ErrAlreadyJoined means the library is already on a desk.
var ErrAlreadyJoined = errors.New("this library is already on a desk (run 'copydesk desk leave' first)")

var (
	_ desk.Library = (*DB)(nil)
	_ desk.Words   = (*DB)(nil)
)

// JoinDesk records the desk this library syncs with and marks every
// article as waiting to go out, so the first sync makes the library's
// articles and the desk's one set.
func (d *DB) JoinDesk(ctx context.Context, remote, clone string) error {
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM desk`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return ErrAlreadyJoined
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO desk (id, remote, clone) VALUES (1, ?, ?)`, remote, clone); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO desk_waiting (article_id, gen) SELECT id, 1 FROM articles WHERE true
			ON CONFLICT (article_id) DO UPDATE SET gen = gen + 1`)
		return err
	})
	if err != nil {
		return fmt.Errorf("join desk %s: %w", remote, err)
	}
	return nil
}

// LeaveDesk stops syncing. Every article stays in the library; the clone
// folder is the caller's to keep or remove (its path is returned).
func (d *DB) LeaveDesk(ctx context.Context) (clone string, err error) {
	err = d.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT clone FROM desk`).Scan(&clone)
		if errors.Is(err, sql.ErrNoRows) {
			return desk.ErrNotJoined
		}
		if err != nil {
			return err
		}
		for _, q := range []string{`DELETE FROM desk`, `DELETE FROM desk_waiting`, `DELETE FROM desk_articles`} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("leave desk: %w", err)
	}
	return clone, nil
}

// DeskState returns the desk the library syncs with, or desk.ErrNotJoined.
func (d *DB) DeskState(ctx context.Context) (desk.State, error) {
	var st desk.State
	err := d.inReadTx(ctx, func(tx *sql.Tx) error {
		var synced string
		var last int64
		err := tx.QueryRowContext(ctx, `SELECT remote, clone, synced, last_sync FROM desk`).Scan(&st.Remote, &st.Clone, &synced, &last)
		if errors.Is(err, sql.ErrNoRows) {
			return desk.ErrNotJoined
		}
		if err != nil {
			return err
		}
		st.Synced = plumbing.NewHash(synced)
		if last > 0 {
			st.LastSync = fromMillis(last)
		}
		s, err := settingsFrom(ctx, tx)
		if err != nil {
			return err
		}
		st.Person = desk.Person{Name: s.PersonName, Email: s.PersonEmail}
		st.Role = s.PersonRole
		st.Initial = desk.ConfigFrom(s)
		return nil
	})
	if err != nil {
		return st, fmt.Errorf("desk state: %w", err)
	}
	return st, nil
}

// Waiting lists the articles changed since they last went to the desk.
func (d *DB) Waiting(ctx context.Context) ([]desk.Waiting, error) {
	rows, err := d.sql.QueryContext(ctx, `SELECT w.article_id, a.uid, w.gen FROM desk_waiting w
		JOIN articles a ON a.id = w.article_id ORDER BY w.article_id`)
	if err != nil {
		return nil, fmt.Errorf("articles waiting for the desk: %w", classifyErr(err))
	}
	defer rows.Close()
	var ws []desk.Waiting
	for rows.Next() {
		var w desk.Waiting
		if err := rows.Scan(&w.ArticleID, &w.UID, &w.Gen); err != nil {
			return nil, err
		}
		ws = append(ws, w)
	}
	return ws, rows.Err()
}

// Folders returns articles with their notes, audit trail and image, as
// they go into the desk.
func (d *DB) Folders(ctx context.Context, ids []int64) ([]desk.Folder, error) {
	out := make([]desk.Folder, 0, len(ids))
	err := d.inReadTx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			a, err := d.articleTx(ctx, tx, id)
			if err != nil {
				return err
			}
			f := desk.Folder{Article: a}
			if f.Notes, err = d.notesTx(ctx, tx, id); err != nil {
				return err
			}
			if f.Audit, err = auditOf(ctx, tx, id); err != nil {
				return err
			}
			if key, ext, ok := editor.ParseLibraryImageSrc(a.Image.Src); ok {
				var data []byte
				err := tx.QueryRowContext(ctx, `SELECT data FROM images WHERE sha256 = ?`, key).Scan(&data)
				if err == nil {
					f.ImageName, f.Image = key+"."+ext, data
				} else if !errors.Is(err, sql.ErrNoRows) {
					return err
				}
			}
			out = append(out, f)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read articles for the desk: %w", err)
	}
	return out, nil
}

// Bases returns the stored merge bases of the given uids.
func (d *DB) Bases(ctx context.Context, uids []string) (map[string]desk.Base, error) {
	out := make(map[string]desk.Base, len(uids))
	for start := 0; start < len(uids); start += 500 {
		chunk := uids[start:min(start+500, len(uids))]
		args := make([]any, len(chunk))
		for i, u := range chunk {
			args[i] = u
		}
		rows, err := d.sql.QueryContext(ctx, `SELECT uid, base, folder FROM desk_articles WHERE uid IN (?`+strings.Repeat(",?", len(chunk)-1)+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("desk bases: %w", classifyErr(err))
		}
		for rows.Next() {
			var uid, base, folder string
			if err := rows.Scan(&uid, &base, &folder); err != nil {
				rows.Close()
				return nil, err
			}
			out[uid] = desk.Base{Article: plumbing.NewHash(base), Folder: plumbing.NewHash(folder)}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Apply stores one batch of a sync's results in one transaction. An
// article changed in the library after the sync read it (its waiting
// counter moved) keeps what the person wrote: it stays waiting and is
// merged again on the next sync, against the state that went out.
func (d *DB) Apply(ctx context.Context, o desk.Outcome) error {
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		person, err := personNameTx(ctx, tx)
		if err != nil {
			return err
		}
		for _, ap := range o.Articles {
			if err := d.applyTx(ctx, tx, ap, person); err != nil {
				return fmt.Errorf("article %s: %w", ap.UID, err)
			}
		}
		for uid, msg := range o.Refused {
			if _, err := tx.ExecContext(ctx, `INSERT INTO desk_articles (uid, refused) VALUES (?, ?)
				ON CONFLICT (uid) DO UPDATE SET refused = excluded.refused`, uid, msg); err != nil {
				return err
			}
		}
		if o.Commit.IsZero() && o.Time.IsZero() {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE desk SET synced = ?, last_sync = ?`, hashText(o.Commit), toMillis(o.Time)); err != nil {
			return err
		}
		if o.Config != nil {
			return applyDeskConfigTx(ctx, tx, *o.Config)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("take in desk changes: %w", err)
	}
	return nil
}

func hashText(h plumbing.Hash) string {
	if h.IsZero() {
		return ""
	}
	return h.String()
}

func (d *DB) applyTx(ctx context.Context, tx *sql.Tx, ap desk.Applied, person string) error {
	var gen int64
	local, err := d.loadArticle(ctx, tx, "uid = ?", ap.UID)
	switch {
	case errors.Is(err, editor.ErrNotFound):
		local = nil
	case err != nil:
		return err
	default:
		err := tx.QueryRowContext(ctx, `SELECT gen FROM desk_waiting WHERE article_id = ?`, local.ID).Scan(&gen)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	fresh := gen == ap.Gen
	if local == nil && ap.Article == nil {
		return nil
	}
	if fresh && ap.Article != nil {
		if ap.ImageName != "" {
			if err := putImageTx(ctx, tx, ap.Image, ap.ImageName, d.timestamp()); err != nil {
				return err
			}
		}
		if local, err = d.takeArticleTx(ctx, tx, local, ap, person); err != nil {
			return err
		}
	}
	if local == nil {
		return nil // new on the desk but this library wrote nothing yet: cannot happen while fresh
	}
	for _, n := range ap.Notes {
		if _, err := importNoteTx(ctx, tx, local.ID, n, n.Resolved); err != nil {
			return err
		}
	}
	for _, e := range ap.Audit {
		if _, err := tx.ExecContext(ctx, `INSERT INTO audit (uid, article_id, time, person, from_status, to_status, note, override)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uid) DO NOTHING`,
			e.UID, local.ID, toMillis(e.Time), e.Person, string(e.From), string(e.To), e.Note, e.Override); err != nil {
			return fmt.Errorf("audit: %w", err)
		}
	}
	base := ap.Base
	if fresh && !ap.StayWaiting {
		if _, err := tx.ExecContext(ctx, `DELETE FROM desk_waiting WHERE article_id = ?`, local.ID); err != nil {
			return err
		}
	} else {
		base = ap.KeptBase
	}
	if base.Folder.IsZero() {
		return nil
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO desk_articles (uid, base, folder, refused) VALUES (?, ?, ?, '')
		ON CONFLICT (uid) DO UPDATE SET base = excluded.base, folder = excluded.folder, refused = ''`,
		ap.UID, hashText(base.Article), hashText(base.Folder))
	return err
}

// takeArticleTx saves what came from the desk. On a conflict the desk's
// version is kept as a revision between the library's and the merged
// result, and the conflict names both (see Conflicts), so nothing either
// side wrote is lost.
func (d *DB) takeArticleTx(ctx context.Context, tx *sql.Tx, local *editor.Article, ap desk.Applied, person string) (*editor.Article, error) {
	incoming := ap.Article.Clone()
	if local == nil {
		incoming.ID, incoming.Version = 0, 0
		if err := d.saveKindTx(ctx, tx, incoming, person, RevisionBundle); err != nil {
			return nil, err
		}
		return incoming, nil
	}
	if owner, err := slugOwner(ctx, tx, incoming.Slug); err != nil {
		return nil, err
	} else if owner != 0 && owner != local.ID {
		incoming.Slug = local.Slug // the desk's slug is taken here by another story
	}
	version := local.Version
	if ap.Theirs != nil && len(ap.Conflicts) > 0 {
		localRev, err := lastRevisionTx(ctx, tx, local.ID)
		if err != nil {
			return nil, err
		}
		theirs := ap.Theirs.Clone()
		theirs.ID, theirs.Version = local.ID, version
		if owner, err := slugOwner(ctx, tx, theirs.Slug); err != nil {
			return nil, err
		} else if owner != 0 && owner != local.ID {
			theirs.Slug = local.Slug
		}
		if err := d.saveKindTx(ctx, tx, theirs, person, RevisionConflict); err != nil {
			return nil, err
		}
		version = theirs.Version
		if err := pinRevisionTx(ctx, tx, local.ID, localRev); err != nil {
			return nil, err
		}
		if err := pinRevisionTx(ctx, tx, local.ID, localRev+1); err != nil {
			return nil, err
		}
		like := review.Conflict{ArticleID: local.ID, FiledBy: "the desk", LocalRevision: localRev, IncomingRevision: localRev + 1}
		if _, err := d.recordConflictsTx(ctx, tx, like, ap.Conflicts); err != nil {
			return nil, err
		}
	}
	incoming.ID, incoming.Version = local.ID, version
	if err := d.saveKindTx(ctx, tx, incoming, person, RevisionBundle); err != nil {
		return nil, err
	}
	return incoming, nil
}

func putImageTx(ctx context.Context, tx *sql.Tx, data []byte, name string, now time.Time) error {
	mediaType, ext, err := editor.SniffImage(data)
	if err != nil {
		return fmt.Errorf("image %s: %w", name, err)
	}
	sum := sha256.Sum256(data)
	key := hex.EncodeToString(sum[:])
	if key+"."+ext != name {
		return fmt.Errorf("image %s: its bytes do not match its name", name)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO images (sha256, media_type, ext, name, size, data, created)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`, key, mediaType, ext, name, len(data), data, toMillis(now))
	return err
}

// applyDeskConfigTx takes desk.toml's shared settings and this person's
// role into the library's settings.
func applyDeskConfigTx(ctx context.Context, tx *sql.Tx, c desk.Config) error {
	s, err := settingsFrom(ctx, tx)
	if err != nil {
		return err
	}
	n := c.Apply(s)
	if m, ok := c.Member(s.PersonName, s.PersonEmail); ok {
		n.PersonRole = m.Role
	}
	fields, err := settingsFields(n)
	if err != nil {
		return err
	}
	for k, v := range fields {
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, string(v)); err != nil {
			return err
		}
	}
	return nil
}

// DeskStatus is what "copydesk desk status" shows.
type DeskStatus struct {
	Remote    string            `json:"remote"`
	Clone     string            `json:"clone"`
	Synced    string            `json:"synced_commit"`
	LastSync  time.Time         `json:"last_sync,omitzero"`
	Waiting   []string          `json:"waiting"` // slugs of articles waiting to go out
	Conflicts int               `json:"open_conflicts"`
	Refused   map[string]string `json:"refused"` // uid → why the desk's file was not taken in
	Role      editor.Role       `json:"role"`
}

// DeskStatus reports the desk state for people.
func (d *DB) DeskStatus(ctx context.Context) (*DeskStatus, error) {
	st, err := d.DeskState(ctx)
	if err != nil {
		return nil, err
	}
	out := &DeskStatus{Remote: st.Remote, Clone: st.Clone, Synced: hashText(st.Synced), LastSync: st.LastSync,
		Waiting: []string{}, Refused: map[string]string{}, Role: st.Role}
	err = d.inReadTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT a.slug FROM desk_waiting w JOIN articles a ON a.id = w.article_id ORDER BY a.slug`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				rows.Close()
				return err
			}
			out.Waiting = append(out.Waiting, s)
		}
		rows.Close()
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM conflicts WHERE NOT resolved`).Scan(&out.Conflicts); err != nil {
			return err
		}
		rows, err = tx.QueryContext(ctx, `SELECT uid, refused FROM desk_articles WHERE refused != ''`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var uid, msg string
			if err := rows.Scan(&uid, &msg); err != nil {
				return err
			}
			out.Refused[uid] = msg
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("desk status: %w", err)
	}
	return out, nil
}

// deskRoleTx refuses a move to approved or published in a reporter's
// library on a desk. It guards against mistakes, not people: anyone can
// edit their own settings or desk.toml.
func deskRoleTx(ctx context.Context, tx *sql.Tx, to editor.Status) error {
	if to != editor.StatusApproved && to != editor.StatusPublished {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM desk`).Scan(&n); err != nil || n == 0 {
		return err
	}
	s, err := settingsFrom(ctx, tx)
	if err != nil {
		return err
	}
	if s.PersonRole == editor.RoleEditor {
		return nil
	}
	return &review.MoveError{To: to, Reason: ErrNotEditor,
		Msg: fmt.Sprintf("Only an editor of the desk can move an article to %s; %s is a reporter in desk.toml", to, orSomeone(s.PersonName))}
}

// ErrNotEditor is the reason a reporter's move to approved or published
// is refused on a desk.
var ErrNotEditor = errors.New("only an editor may do this on the desk")

func orSomeone(name string) string {
	if name == "" {
		return "this library's person"
	}
	return name
}
