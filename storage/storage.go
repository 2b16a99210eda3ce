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
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"copydesk/editor"
	"copydesk/editor/review"
)

// DB is an open library. It is safe for concurrent use; several DBs (in one
// process or several) may share one file.
type DB struct {
	sql  *sql.DB
	now  func() time.Time
	path string
	// start gates writes on a background start-up check; nil for a library
	// opened without one.
	start *startup
	// events carries what the background check and backup find; it is
	// closed when they are done, at once for a library opened without them.
	events <-chan error
	// errorFindings counts the error-level check findings MoveStatus
	// holds an approval to; nil trusts the count in the request.
	errorFindings FindingsCounter
	// beforeMigrate runs before pending migrations are applied to a
	// library that already has a schema.
	beforeMigrate func(ctx context.Context, d *DB, pending []int) error

	// writer identifies this handle in the revisions it writes. It is
	// random rather than a process id so that two handles in one process,
	// or a process id reused after a restart, never look alike.
	writer string
	// compact records whether the revisions table has the compressed
	// snapshot column. Only a handle opened below that schema version
	// (tests building an older library) lacks it; a schema never loses
	// columns, so a true answer is kept.
	compactMu sync.Mutex
	compact   bool
	// embargoColumn is set once the library is known to have migration
	// 0007's articles.embargo (see articleColumns).
	embargoColumn atomic.Bool
}

var _ review.Library = (*DB)(nil)

// StartupCheck says whether and when Open runs QuickCheck on an existing
// library before anything writes to it.
type StartupCheck int

const (
	// NoStartupCheck opens at once: for a library the caller has just
	// made or checked itself, and for tests.
	NoStartupCheck StartupCheck = iota
	// CheckBeforeOpen runs QuickCheck first and refuses a damaged file
	// (ErrDamaged) or one that cannot be written (ErrReadOnly), so a
	// damaged file is never opened for writing. The CLI opens this way:
	// a command is short and may as well wait.
	CheckBeforeOpen
	// CheckInBackground serves reads at once and runs QuickCheck in the
	// background on its own read-only connection; every write waits until
	// it has passed and fails with an error wrapping ErrDamaged if it did
	// not. Until then every connection is read-only (mode=ro), so nothing
	// written, not even a WAL checkpoint when a connection closes, can
	// reach a file that turns out to be damaged. The window opens this
	// way, so nobody waits for the check of a big library. What the check
	// finds arrives on BackgroundErrors.
	//
	// A missing file is created, and a library needing a schema upgrade
	// is checked first, synchronously, because an upgrade writes; both
	// are rare. Errors found before any reading are returned at once, as
	// with CheckBeforeOpen.
	CheckInBackground
)

// FindingsCounter counts an article's error-level check findings for the
// approval rule; unresolvedNotes is what the checks need from the library.
type FindingsCounter func(a *editor.Article, s editor.Settings, unresolvedNotes int) int

// Option is a choice Open makes for the library it opens.
type Option func(*options)

type options struct {
	startup       StartupCheck
	dailyBackup   bool
	errorFindings FindingsCounter
	check         func(ctx context.Context, path string) error
	beforeMigrate func(ctx context.Context, d *DB, pending []int) error
	maxVersion    int
}

// WithStartupCheck sets when the library is checked (NoStartupCheck
// unless given).
func WithStartupCheck(c StartupCheck) Option { return func(o *options) { o.startup = c } }

// WithDailyBackup makes the day's AutoBackup into the "backups" folder
// next to the library, kept for Settings.BackupDays, once the check (if
// any) has passed. With CheckInBackground it runs in the background and a
// failure arrives on BackgroundErrors; VACUUM INTO is a read transaction,
// so saves go on meanwhile. Otherwise Open makes it before returning, and
// if only the backup fails it returns the open *DB together with an error
// wrapping ErrBackupFailed: warn and carry on, and Close the DB.
func WithDailyBackup() Option { return func(o *options) { o.dailyBackup = true } }

// WithErrorFindings makes MoveStatus count an article's error-level
// findings itself, on the stored article inside the move's transaction,
// instead of trusting the count in the request: a caller's count can be
// stale. It is given by the caller so that storage does not build against
// the checks, which change far more often than the schema.
func WithErrorFindings(count FindingsCounter) Option {
	return func(o *options) { o.errorFindings = count }
}

// withCheck replaces QuickCheck as the start-up check, so tests can hold
// the check open or make it fail on a sound file.
func withCheck(check func(ctx context.Context, path string) error) Option {
	return func(o *options) { o.check = check }
}

// withBeforeMigrate replaces the backup made before a schema upgrade
// (nil: none).
func withBeforeMigrate(f func(ctx context.Context, d *DB, pending []int) error) Option {
	return func(o *options) { o.beforeMigrate = f }
}

// withMaxVersion opens as a Copydesk that knows migrations only up to
// version, so tests can build every older schema.
func withMaxVersion(version int) Option { return func(o *options) { o.maxVersion = version } }

// Open opens the library at path, creating the file and its folder if they
// are missing, and upgrades its schema, backing the library up first. A
// library written by a newer Copydesk is refused with an error wrapping
// editor.ErrNewerSchema, and another program's SQLite database with
// ErrNotLibrary; both are left untouched. A file that is not a database at
// all gives ErrDamaged. The options choose the start-up check, the daily
// backup and how approvals count findings.
func Open(ctx context.Context, path string, opts ...Option) (*DB, error) {
	o := options{check: QuickCheck, beforeMigrate: backupBeforeMigrate, maxVersion: latestVersion()}
	for _, opt := range opts {
		opt(&o)
	}
	if path == "" {
		return nil, errors.New("open library: no path given")
	}
	var d *DB
	var err error
	switch o.startup {
	case CheckInBackground:
		return openInBackground(ctx, path, o)
	case CheckBeforeOpen:
		d, err = openChecked(ctx, path, o)
	default:
		d, err = openNow(ctx, path, o)
	}
	if err != nil {
		return nil, err
	}
	if o.dailyBackup {
		if err := d.dailyBackup(ctx); err != nil {
			return d, fmt.Errorf("%w: %w", ErrBackupFailed, err)
		}
	}
	return d, nil
}

// dbOn is a DB on pool with the options' choices and no background work.
func dbOn(pool *sql.DB, abs string, o options) *DB {
	done := make(chan error)
	close(done)
	return &DB{sql: pool, now: time.Now, path: abs, events: done,
		errorFindings: o.errorFindings, beforeMigrate: o.beforeMigrate, writer: uuid.NewString()}
}

// openNow opens and upgrades the library without checking it.
func openNow(ctx context.Context, path string, o options) (*DB, error) {
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
	d := dbOn(sqlDB, abs, o)
	if err := sqlDB.PingContext(ctx); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("open library %s: %w", path, classifyErr(err))
	}
	if err := d.migrate(ctx, o.maxVersion); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("open library %s: %w", path, err)
	}
	return d, nil
}

// openChecked runs the start-up check on an existing file and refuses a
// library that cannot be written, then opens it.
func openChecked(ctx context.Context, path string, o options) (*DB, error) {
	if _, err := os.Stat(path); err == nil {
		if err := o.check(ctx, path); err != nil {
			return nil, err
		}
		if err := checkWritable(path); err != nil {
			return nil, fmt.Errorf("open library %s: %w", path, err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("open library %s: %w", path, err)
	}
	d, err := openNow(ctx, path, o)
	if err != nil {
		return nil, classifyErr(err)
	}
	return d, nil
}

// BackgroundErrors returns what the background check and daily backup of
// a library opened with CheckInBackground find, each wrapping ErrDamaged
// (or the reason the check could not run) or ErrBackupFailed. The channel
// is closed when that work is done or the DB closed, and at once for a
// library opened without background work.
func (d *DB) BackgroundErrors() <-chan error {
	if d == nil {
		return nil // lets a caller pass it on beside Open's error
	}
	return d.events
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
// A library opened with CheckInBackground is not written until its
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

func toMillis(t time.Time) int64 { return t.UnixMilli() }

func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }
