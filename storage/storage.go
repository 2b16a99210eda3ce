// Package storage keeps the Copydesk library in one SQLite file: articles,
// their revisions, the search index and settings. It holds every SQL
// statement in Copydesk; *DB implements editor.Store, so the window and the
// CLI never see SQL.
package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"copydesk/editor"
)

// DB is an open library. It is safe for concurrent use; several DBs (in one
// process or several) may share one file.
type DB struct {
	sql  *sql.DB
	now  func() time.Time
	path string
	// start gates writes on the background check of OpenInBackground;
	// nil for a library opened any other way.
	start *startup
	// embargoColumn is set once the library is known to have migration
	// 0007's articles.embargo (see articleColumns).
	embargoColumn atomic.Bool
}

var _ editor.Store = (*DB)(nil)

// Open opens the library at path, creating the file and its folder if they
// are missing, and upgrades its schema. A library written by a newer
// Copydesk is refused with an error wrapping editor.ErrNewerSchema, and
// another program's SQLite database with ErrNotLibrary; both are left
// untouched. A file that is not a database at all gives ErrDamaged.
func Open(ctx context.Context, path string) (*DB, error) {
	return openAt(ctx, path, latestVersion())
}

// openAt is Open as a Copydesk that knows migrations only up to
// maxVersion, so tests can build every older schema.
func openAt(ctx context.Context, path string, maxVersion int) (*DB, error) {
	if path == "" {
		return nil, errors.New("open library: no path given")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open library %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, fmt.Errorf("open library %s: %w", path, err)
	}
	sqlDB, err := sql.Open("sqlite", dsn(abs))
	if err != nil {
		return nil, fmt.Errorf("open library %s: %w", path, err)
	}
	d := &DB{sql: sqlDB, now: time.Now, path: abs}
	if err := sqlDB.PingContext(ctx); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("open library %s: %w", path, classifyErr(err))
	}
	if err := d.migrate(ctx, maxVersion); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("open library %s: %w", path, err)
	}
	return d, nil
}

// dsn puts the pragmas in the connection string so that every pooled
// connection gets them, not just the first. The path is escaped because
// SQLite reads "file:" names as URIs, where '?', '#' and '%' are syntax.
func dsn(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows "C:/…" must read as a path, not a URI authority
	}
	u := url.URL{Path: p}
	return "file:" + u.EscapedPath() +
		"?_pragma=journal_mode(WAL)" +
		"&_pragma=synchronous(NORMAL)" +
		"&_pragma=busy_timeout(10000)" +
		"&_pragma=foreign_keys(1)" +
		"&_txlock=immediate"
}

// Close closes the library.
func (d *DB) Close() error {
	d.stopBackground()
	if err := d.sql.Close(); err != nil {
		return fmt.Errorf("close library %s: %w", d.path, err)
	}
	return nil
}

// Path returns the absolute path of the library file.
func (d *DB) Path() string { return d.path }

// SetClock replaces the clock that stamps saves, so tests get exact times.
// Call it before the DB is shared between goroutines.
func (d *DB) SetClock(now func() time.Time) { d.now = now }

// timestamp is the clock reading as stored: UTC, whole milliseconds, no
// monotonic part, so what a save hands back equals what a load returns.
func (d *DB) timestamp() time.Time { return d.now().UTC().Truncate(time.Millisecond) }

// inTx runs fn in one transaction and commits it, or rolls back if fn or
// the commit fails. The DSN's _txlock=immediate takes the write lock at
// BEGIN, so two writers queue on busy_timeout instead of one failing with
// "database is locked" when it later tries to write.
//
// Errors go through classifyErr, so a full disk, a read-only file or a
// damaged library reach the caller as ErrDiskFull, ErrReadOnly or
// ErrDamaged whichever statement hit them.
//
// A library opened with OpenInBackground is not written until its
// integrity check has passed: waitWritable holds the write until then.
func (d *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if err := d.waitWritable(ctx); err != nil {
		return err
	}
	tx, err := d.sql.BeginTx(ctx, nil)
	if err != nil {
		return classifyErr(err)
	}
	defer tx.Rollback() // a no-op after Commit
	if err := fn(tx); err != nil {
		return classifyErr(err)
	}
	return classifyErr(tx.Commit())
}

// inReadTx runs fn in a read-only (deferred) transaction: it sees one
// consistent snapshot but takes no write lock, so reads never queue behind
// saves and still work on a read-only library.
func (d *DB) inReadTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := d.sql.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return classifyErr(err)
	}
	defer tx.Rollback() // nothing to commit; ends the snapshot
	return classifyErr(fn(tx))
}

// isConstraint reports whether err is the SQLite constraint failure code
// (an extended code such as SQLITE_CONSTRAINT_UNIQUE when code is one).
func isConstraint(err error, code int) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	if se.Code() == code {
		return true
	}
	return code == sqlite3.SQLITE_CONSTRAINT && se.Code()&0xff == sqlite3.SQLITE_CONSTRAINT
}

func toMillis(t time.Time) int64 { return t.UnixMilli() }

func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }
