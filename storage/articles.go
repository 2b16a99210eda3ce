package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"golang.org/x/text/unicode/norm"
	sqlite3 "modernc.org/sqlite/lib"

	"copydesk/editor"
)

// articleColumns06 is the SELECT list scanArticle reads, in its order,
// less the embargo (see DB.articleColumns).
const articleColumns06 = `id, uid, slug, headline, byline, section, summary, dateline, tags,
	image_src, image_alt, image_caption, image_credit, body, status, version,
	created, updated, published, corrections`

// queryer is what both *sql.DB and *sql.Tx offer, so one loader serves
// exported reads and reads inside another method's transaction.
type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Article returns the article with id, or an error wrapping
// editor.ErrNotFound.
func (d *DB) Article(ctx context.Context, id int64) (*editor.Article, error) {
	a, err := d.loadArticle(ctx, d.sql, "id = ?", id)
	if err != nil {
		return nil, fmt.Errorf("article %d: %w", id, err)
	}
	return a, nil
}

// articleTx is Article inside a transaction, for methods in this package
// that read, change and save an article atomically.
func (d *DB) articleTx(ctx context.Context, tx *sql.Tx, id int64) (*editor.Article, error) {
	a, err := d.loadArticle(ctx, tx, "id = ?", id)
	if err != nil {
		return nil, fmt.Errorf("article %d: %w", id, err)
	}
	return a, nil
}

// Resolve finds an article by id, uid or slug, tried in that order, so a
// slug made only of digits ("2024") is still found when no id matches.
func (d *DB) Resolve(ctx context.Context, ref string) (*editor.Article, error) {
	ref = strings.TrimSpace(ref)
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		a, err := d.loadArticle(ctx, d.sql, "id = ?", id)
		if !errors.Is(err, editor.ErrNotFound) {
			return a, wrapRef(ref, err)
		}
	}
	for _, where := range []string{"uid = ?", "slug = ?"} {
		a, err := d.loadArticle(ctx, d.sql, where, ref)
		if !errors.Is(err, editor.ErrNotFound) {
			return a, wrapRef(ref, err)
		}
	}
	return nil, fmt.Errorf("find article %q: %w", ref, editor.ErrNotFound)
}

func wrapRef(ref string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("find article %q: %w", ref, err)
}

func (d *DB) loadArticle(ctx context.Context, q queryer, where string, arg any) (*editor.Article, error) {
	row := q.QueryRowContext(ctx, `SELECT `+d.articleColumns(ctx, q)+` FROM articles WHERE `+where, arg)
	a, err := scanArticle(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, editor.ErrNotFound
	}
	return a, classifyErr(err)
}

type scanner interface{ Scan(dest ...any) error }

func scanArticle(s scanner) (*editor.Article, error) {
	var (
		a                         editor.Article
		byline, tags, corrections string
		status                    string
		created, updated          int64
		published, embargo        sql.NullInt64
	)
	err := s.Scan(&a.ID, &a.UID, &a.Slug, &a.Headline, &byline, &a.Section, &a.Summary, &a.Dateline, &tags,
		&a.Image.Src, &a.Image.Alt, &a.Image.Caption, &a.Image.Credit, &a.Body, &status, &a.Version,
		&created, &updated, &published, &corrections, &embargo)
	if err != nil {
		return nil, err
	}
	a.Status = editor.Status(status)
	a.Created, a.Updated = fromMillis(created), fromMillis(updated)
	if published.Valid {
		a.Published = fromMillis(published.Int64)
	}
	if embargo.Valid {
		a.Embargo = fromMillis(embargo.Int64)
	}
	if err := unmarshalList(byline, &a.Byline); err != nil {
		return nil, fmt.Errorf("article %d byline: %w", a.ID, err)
	}
	if err := unmarshalList(tags, &a.Tags); err != nil {
		return nil, fmt.Errorf("article %d tags: %w", a.ID, err)
	}
	if err := unmarshalList(corrections, &a.Corrections); err != nil {
		return nil, fmt.Errorf("article %d corrections: %w", a.ID, err)
	}
	normalize(&a)
	return &a, nil
}

// unmarshalList decodes a JSON array column; "[]" and "null" both load as
// a nil slice (see normalize).
func unmarshalList[T any](s string, dst *[]T) error {
	if s == "" || s == "[]" || s == "null" {
		*dst = nil
		return nil
	}
	return json.Unmarshal([]byte(s), dst)
}

func marshalList[T any](v []T) string {
	if len(v) == 0 {
		return "[]"
	}
	b, err := json.Marshal(v)
	if err != nil {
		// Strings and times always marshal; reaching this is a bug.
		panic(fmt.Sprintf("marshal list: %v", err))
	}
	return string(b)
}

// normalize puts a into the form a load returns, so that after Save the
// caller's article is exactly what Article will give back: empty lists are
// nil (never empty non-nil slices), and times are UTC with whole
// milliseconds, the precision stored.
func normalize(a *editor.Article) {
	if len(a.Byline) == 0 {
		a.Byline = nil
	}
	if len(a.Tags) == 0 {
		a.Tags = nil
	}
	if len(a.Corrections) == 0 {
		a.Corrections = nil
	}
	for i := range a.Corrections {
		a.Corrections[i].Time = storedTime(a.Corrections[i].Time)
	}
	a.Created, a.Updated, a.Published = storedTime(a.Created), storedTime(a.Updated), storedTime(a.Published)
}

// storedTime keeps the zero time zero (it means "never").
func storedTime(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC().Truncate(time.Millisecond)
}

// Save creates a (ID 0) or updates it, writing a revision and the search
// index in the same transaction; see editor.Store. The revision's author is
// the PersonName setting. A save is a RevisionEdit: within an editing
// session it replaces the newest revision instead of adding one (see
// SessionLength); SaveAs records an event instead. On success a holds the
// stored article (ID, UID, Slug, Version, times) exactly as Article will
// return it: times in UTC truncated to milliseconds, and empty Byline, Tags
// and Corrections as nil. On any error a is left as it was.
func (d *DB) Save(ctx context.Context, a *editor.Article) error {
	return d.save(ctx, a, RevisionEdit)
}

func (d *DB) save(ctx context.Context, a *editor.Article, kind RevisionKind) error {
	c := a.Clone()
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		author, err := personNameTx(ctx, tx)
		if err != nil {
			return err
		}
		return d.saveKindTx(ctx, tx, c, author, kind)
	})
	if err != nil {
		if a.ID == 0 {
			return fmt.Errorf("create article: %w", err)
		}
		return fmt.Errorf("save article %d: %w", a.ID, err)
	}
	*a = *c
	return nil
}

// saveTx is Save inside the caller's transaction: a coalescible
// RevisionEdit (see saveKindTx).
func (d *DB) saveTx(ctx context.Context, tx *sql.Tx, a *editor.Article, author string) error {
	return d.saveKindTx(ctx, tx, a, author, RevisionEdit)
}

// saveKindTx is Save inside the caller's transaction, for status moves and
// imports that must change more than the article atomically; kind says
// what the save is (see RevisionKind). It fills a's stored fields as it
// goes, so callers that may roll back should pass a clone.
func (d *DB) saveKindTx(ctx context.Context, tx *sql.Tx, a *editor.Article, author string, kind RevisionKind) error {
	normalize(a)
	if err := a.Validate(); err != nil {
		return err
	}
	now := d.timestamp()
	words := editor.CountWords(a.Body)
	seq, err := nextSeq(ctx, tx)
	if err != nil {
		return err
	}
	if a.ID == 0 {
		err = d.insertTx(ctx, tx, a, now, words, seq)
	} else {
		err = d.updateTx(ctx, tx, a, now, words, seq)
	}
	if err != nil {
		return err
	}
	if err := d.saveEmbargoTx(ctx, tx, a); err != nil {
		return err
	}
	if err := indexTx(ctx, tx, a, seq); err != nil {
		return err
	}
	if err := authorsTx(ctx, tx, a); err != nil {
		return err
	}
	return d.revisionTx(ctx, tx, a, now, author, words, kind)
}

func nextSeq(ctx context.Context, tx *sql.Tx) (int64, error) {
	var seq int64
	err := tx.QueryRowContext(ctx, `UPDATE counters SET value = value + 1 WHERE name = 'seq' RETURNING value`).Scan(&seq)
	if err != nil {
		return 0, fmt.Errorf("next sequence number: %w", err)
	}
	return seq, nil
}

func (d *DB) insertTx(ctx context.Context, tx *sql.Tx, a *editor.Article, now time.Time, words int, seq int64) error {
	if a.UID == "" {
		a.UID = uuid.NewString()
	}
	base := a.Slug
	if base == "" {
		base = editor.Slugify(a.Headline)
	}
	if base == "" {
		base = "article" // a headline with no letters or digits at all
	}
	slug, err := uniqueSlug(ctx, tx, base, 0)
	if err != nil {
		return err
	}
	a.Slug, a.Version, a.Created, a.Updated = slug, 1, now, now
	res, err := tx.ExecContext(ctx, `INSERT INTO articles (uid, slug, headline, byline, section, summary, dateline, tags,
		image_src, image_alt, image_caption, image_credit, body, status, version, created, updated, published,
		corrections, words, seq) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		a.UID, a.Slug, a.Headline, marshalList(a.Byline), a.Section, a.Summary, a.Dateline, marshalList(a.Tags),
		a.Image.Src, a.Image.Alt, a.Image.Caption, a.Image.Credit, a.Body, string(a.Status), a.Version,
		toMillis(a.Created), toMillis(a.Updated), nullMillis(a.Published), marshalList(a.Corrections), words, seq)
	if isConstraint(err, sqlite3.SQLITE_CONSTRAINT_UNIQUE) {
		// The slug was made unique above in this same write transaction,
		// so a duplicate here is the uid. Import updates by uid itself
		// (via Resolve); a create must not silently take over an article.
		var n int
		if tx.QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE uid = ?`, a.UID).Scan(&n) == nil && n > 0 {
			return &editor.ValidationError{Fields: []*editor.FieldError{{
				Field: "uid", Msg: fmt.Sprintf("An article with uid %s already exists", a.UID)}}}
		}
	}
	if err != nil {
		return fmt.Errorf("insert: %w", err)
	}
	if a.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	return nil
}

func (d *DB) updateTx(ctx context.Context, tx *sql.Tx, a *editor.Article, now time.Time, words int, seq int64) error {
	var (
		version, oldSeq, created int64
		uid                      string
	)
	err := tx.QueryRowContext(ctx, `SELECT version, seq, created, uid FROM articles WHERE id = ?`, a.ID).
		Scan(&version, &oldSeq, &created, &uid)
	if errors.Is(err, sql.ErrNoRows) {
		return editor.ErrNotFound
	}
	if err != nil {
		return err
	}
	if version != a.Version {
		return fmt.Errorf("stored version is %d, this edit started from %d: %w", version, a.Version, editor.ErrConflict)
	}
	slug := a.Slug
	if slug == "" {
		base := editor.Slugify(a.Headline)
		if base == "" {
			base = "article"
		}
		if slug, err = uniqueSlug(ctx, tx, base, a.ID); err != nil {
			return err
		}
	} else if owner, err := slugOwner(ctx, tx, slug); err != nil {
		return err
	} else if owner != 0 && owner != a.ID {
		return &editor.ValidationError{Fields: []*editor.FieldError{{
			Field: "slug", Msg: fmt.Sprintf("Slug %q is already used by another article", slug)}}}
	}
	// The uid and creation time belong to the stored article; an edit
	// cannot change them.
	a.UID, a.Created, a.Slug, a.Updated = uid, fromMillis(created), slug, now
	res, err := tx.ExecContext(ctx, `UPDATE articles SET slug = ?, headline = ?, byline = ?, section = ?, summary = ?,
		dateline = ?, tags = ?, image_src = ?, image_alt = ?, image_caption = ?, image_credit = ?, body = ?,
		status = ?, version = version + 1, updated = ?, published = ?, corrections = ?, words = ?, seq = ?
		WHERE id = ? AND version = ?`,
		a.Slug, a.Headline, marshalList(a.Byline), a.Section, a.Summary, a.Dateline, marshalList(a.Tags),
		a.Image.Src, a.Image.Alt, a.Image.Caption, a.Image.Credit, a.Body, string(a.Status),
		toMillis(a.Updated), nullMillis(a.Published), marshalList(a.Corrections), words, seq, a.ID, a.Version)
	if err != nil {
		return fmt.Errorf("update: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != 1 {
		return editor.ErrConflict // the SELECT above makes this unreachable inside one transaction
	}
	a.Version++
	if _, err := tx.ExecContext(ctx, `DELETE FROM articles_fts WHERE rowid = ?`, oldSeq); err != nil {
		return fmt.Errorf("unindex: %w", err)
	}
	return nil
}

func nullMillis(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return toMillis(t)
}

func slugOwner(ctx context.Context, tx *sql.Tx, slug string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM articles WHERE slug = ?`, slug).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// uniqueSlug returns base, or base with the first free "-2", "-3"…
// suffix, treating a slug held by article self as free. The base is cut so
// the suffixed slug stays within editor.MaxSlugLen.
func uniqueSlug(ctx context.Context, tx *sql.Tx, base string, self int64) (string, error) {
	for n := 1; ; n++ {
		cand := base
		if n > 1 {
			suffix := "-" + strconv.Itoa(n)
			b := base
			if len(b)+len(suffix) > editor.MaxSlugLen {
				b = strings.TrimRight(b[:editor.MaxSlugLen-len(suffix)], "-")
			}
			cand = b + suffix
		}
		owner, err := slugOwner(ctx, tx, cand)
		if err != nil {
			return "", err
		}
		if owner == 0 || owner == self {
			return cand, nil
		}
	}
}

// indexTx adds the article to the search index under its new seq. Text is
// NFC-normalised, as queries are, so a decomposed "é" typed on one
// machine matches a precomposed one stored on another. The byline column
// also carries the article's facet tokens (see facetToken).
func indexTx(ctx context.Context, tx *sql.Tx, a *editor.Article, seq int64) error {
	facets := []string{facetToken(facetStatus, string(a.Status)), facetToken(facetSection, a.Section)}
	for _, name := range a.Byline {
		facets = append(facets, facetToken(facetAuthor, name))
	}
	byline := indexText(strings.Join(a.Byline, "\n")) + "\n" + strings.Join(facets, " ")
	_, err := tx.ExecContext(ctx, `INSERT INTO articles_fts (rowid, headline, summary, byline, body) VALUES (?, ?, ?, ?, ?)`,
		seq, indexText(a.Headline), indexText(a.Summary), byline, indexText(a.Body))
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}

// indexText is s as the index sees it: NFC, and without the private-use
// character that starts facet tokens, so no text can pose as a facet (a
// Count with text trusts the facets without checking rows).
func indexText(s string) string {
	return strings.ReplaceAll(norm.NFC.String(s), facetMark, " ")
}

// authorsTx records the byline names folded to lower case, so the author
// filter is case-insensitive beyond ASCII ("JOSÉ" finds "José").
func authorsTx(ctx context.Context, tx *sql.Tx, a *editor.Article) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM article_authors WHERE article_id = ?`, a.ID); err != nil {
		return fmt.Errorf("authors: %w", err)
	}
	for _, name := range a.Byline {
		// OR IGNORE: the same name twice in one byline is one author.
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO article_authors (article_id, name) VALUES (?, ?)`,
			a.ID, authorKey(name)); err != nil {
			return fmt.Errorf("authors: %w", err)
		}
	}
	return nil
}

func authorKey(name string) string { return strings.ToLower(strings.TrimSpace(norm.NFC.String(name))) }

func loadArticleID(ctx context.Context, q queryer, id int64) (int64, error) {
	var got int64
	err := q.QueryRowContext(ctx, `SELECT id FROM articles WHERE id = ?`, id).Scan(&got)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, editor.ErrNotFound
	}
	return got, err
}
