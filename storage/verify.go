package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// QuickCheck runs SQLite's quick_check on the library at path, opened
// read-only. A damaged file yields an error wrapping ErrDamaged that names
// the first problem SQLite found.
func QuickCheck(ctx context.Context, path string) error {
	db, err := openReadOnly(ctx, path)
	if err != nil {
		return fmt.Errorf("check library %s: %w", path, err)
	}
	defer db.Close()
	problems, err := pragmaRows(ctx, db, "PRAGMA quick_check")
	if err != nil {
		return fmt.Errorf("check library %s: %w", path, err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("check library %s: %w: %s", path, ErrDamaged, problems[0])
	}
	return nil
}

// pragmaRows runs an integrity pragma and returns its rows, except the
// lone "ok" that means no problem. SQLite reports some damage as an error
// instead of a row; that becomes ErrDamaged too.
func pragmaRows(ctx context.Context, db *sql.DB, pragma string) ([]string, error) {
	rows, err := db.QueryContext(ctx, pragma)
	if err != nil {
		return nil, classifyErr(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, classifyErr(err)
		}
		if s != "ok" {
			out = append(out, s)
		}
	}
	return out, classifyErr(rows.Err())
}

// Report is what Verify found. A field lists problems of one kind; all
// empty means the library is sound.
type Report struct {
	Path        string
	Articles    int
	Revisions   int
	Integrity   []string // from PRAGMA integrity_check (includes FTS5's own structure check)
	ForeignKeys []string // rows that point at a missing parent
	Search      []string // articles the search index misses or gets wrong
}

// OK reports whether no problem was found.
func (r Report) OK() bool {
	return len(r.Integrity) == 0 && len(r.ForeignKeys) == 0 && len(r.Search) == 0
}

// WriteTo prints the report for a person: a summary line, then one line
// per problem under its heading.
func (r Report) WriteTo(w io.Writer) (int64, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "library %s: %d articles, %d revisions\n", r.Path, r.Articles, r.Revisions)
	section := func(name string, problems []string) {
		if len(problems) == 0 {
			fmt.Fprintf(&b, "%-12s ok\n", name+":")
			return
		}
		fmt.Fprintf(&b, "%-12s %d problem(s)\n", name+":", len(problems))
		for _, p := range problems {
			fmt.Fprintf(&b, "  %s\n", p)
		}
	}
	section("integrity", r.Integrity)
	section("foreign keys", r.ForeignKeys)
	section("search index", r.Search)
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}

// maxReported keeps a report of a badly damaged library readable.
const maxReported = 50

// Verify checks the library at path without writing to it: SQLite's full
// integrity_check, foreign keys, and that the search index holds exactly
// the articles with their current text. Problems go in the Report; the
// error is only for a check that could not run (no such file, unreadable).
//
// The FTS5 'integrity-check' command is not issued directly because it
// needs a write transaction; since SQLite 3.44 integrity_check runs the
// same check on every FTS5 table. The index is contentless, so whether it
// agrees with the articles is checked here: the same set of rows, and each
// article's headline found as a phrase in its own row.
func Verify(ctx context.Context, path string) (Report, error) {
	r := Report{Path: path}
	db, err := openReadOnly(ctx, path)
	if err != nil {
		if errors.Is(err, ErrDamaged) {
			r.Integrity = append(r.Integrity, err.Error())
			return r, nil
		}
		return r, fmt.Errorf("verify library %s: %w", path, err)
	}
	defer db.Close()
	// One read transaction: a save by a running window between two checks
	// must not look like a disagreement.
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return r, fmt.Errorf("verify library %s: %w", path, classifyErr(err))
	}
	defer tx.Rollback()

	damaged := func(err error) bool {
		if errors.Is(err, ErrDamaged) {
			r.Integrity = append(r.Integrity, err.Error())
			return true
		}
		return false
	}
	if r.Integrity, err = txPragmaRows(ctx, tx, "PRAGMA integrity_check("+fmt.Sprint(maxReported)+")"); err != nil {
		if damaged(classifyErr(err)) {
			return r, nil
		}
		return r, fmt.Errorf("verify library %s: %w", path, err)
	}
	if len(r.Integrity) > 0 {
		// The tables below cannot be trusted; reading them could only add noise.
		return r, nil
	}
	fk, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return r, fmt.Errorf("verify library %s: foreign keys: %w", path, err)
	}
	for fk.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fkid int
		if err := fk.Scan(&table, &rowid, &parent, &fkid); err != nil {
			fk.Close()
			return r, fmt.Errorf("verify library %s: foreign keys: %w", path, err)
		}
		if len(r.ForeignKeys) < maxReported {
			r.ForeignKeys = append(r.ForeignKeys, fmt.Sprintf("%s row %d points at a missing %s", table, rowid.Int64, parent))
		}
	}
	fk.Close()
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM articles").Scan(&r.Articles); err != nil {
		return r, fmt.Errorf("verify library %s: %w", path, err)
	}
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM revisions").Scan(&r.Revisions); err != nil {
		return r, fmt.Errorf("verify library %s: %w", path, err)
	}
	if r.Search, err = checkSearchIndex(ctx, tx); err != nil {
		return r, fmt.Errorf("verify library %s: search index: %w", path, err)
	}
	return r, nil
}

func txPragmaRows(ctx context.Context, tx *sql.Tx, pragma string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, pragma)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		if s != "ok" {
			out = append(out, s)
		}
	}
	return out, rows.Err()
}

// checkSearchIndex compares the contentless index with the articles: both
// directions of the row set (the index row id is articles.seq), then a
// phrase probe of each headline, which fails if the row was indexed with
// an older text.
func checkSearchIndex(ctx context.Context, tx *sql.Tx) ([]string, error) {
	var problems []string
	add := func(format string, args ...any) {
		if len(problems) < maxReported {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT id FROM articles WHERE seq NOT IN (SELECT rowid FROM articles_fts) ORDER BY id`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		add("article %d is missing from the search index", id)
	}
	rows.Close()
	var stray int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM articles_fts WHERE rowid NOT IN (SELECT seq FROM articles)`).Scan(&stray); err != nil {
		return nil, err
	}
	if stray > 0 {
		add("the search index has %d entries for articles that do not exist", stray)
	}

	type probe struct {
		id, seq  int64
		headline string
	}
	var probes []probe
	rows, err = tx.QueryContext(ctx, `SELECT id, seq, headline FROM articles ORDER BY id`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var p probe
		if err := rows.Scan(&p.id, &p.seq, &p.headline); err != nil {
			rows.Close()
			return nil, err
		}
		probes = append(probes, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, p := range probes {
		found, err := indexHoldsHeadline(ctx, tx, p.seq, p.headline)
		if err != nil {
			return nil, fmt.Errorf("probe article %d: %w", p.id, err)
		}
		if !found {
			add("article %d: the search index does not hold its current headline", p.id)
		}
	}
	return problems, nil
}

// indexHoldsHeadline reports whether index row seq holds headline as a
// phrase in its headline column. A headline without letters or digits has
// no token to look for and counts as found.
func indexHoldsHeadline(ctx context.Context, q queryer, seq int64, headline string) (bool, error) {
	if !strings.ContainsFunc(headline, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		return true, nil
	}
	// Inside an FTS5 string only '"' is special (doubled), and the
	// tokenizer splits the phrase exactly as it split the indexed text.
	// Save indexes NFC text, so the probe is NFC too.
	match := `headline : "` + strings.ReplaceAll(norm.NFC.String(headline), `"`, `""`) + `"`
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?`, match, seq).Scan(&n)
	return n > 0, err
}
