package storage

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"modernc.org/sqlite"

	"copydesk/editor"
)

// startupCheck is the check OpenInBackground runs; tests replace it to
// hold the check open or make it fail on a sound file.
var startupCheck = QuickCheck

// startup is the background work of a library opened with
// OpenInBackground: the integrity check that gates every write, then the
// daily backup.
type startup struct {
	done   chan struct{} // closed when the check has finished
	err    error         // the check's verdict; read only after done
	passed atomic.Bool   // done with err == nil; read by the connector
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// waitWritable blocks until a write may touch the library file: at once
// for a library opened any other way, else when the background check has
// passed. A failed check (ErrDamaged, or a check that could not run) is
// returned for every write, so a damaged file is never written.
func (d *DB) waitWritable(ctx context.Context) error {
	s := d.start
	if s == nil {
		return nil
	}
	select {
	case <-s.done:
	default:
		select {
		case <-s.done:
		case <-ctx.Done():
			return fmt.Errorf("wait for the library check: %w", ctx.Err())
		}
	}
	if s.err != nil {
		return fmt.Errorf("the library is not written to until it passes its check: %w", s.err)
	}
	return nil
}

// Checked returns a channel closed once the start-up check has finished,
// and the check's result after that (nil if it passed). A library not
// opened with OpenInBackground is checked already.
func (d *DB) Checked() (<-chan struct{}, func() error) {
	if d.start == nil {
		c := make(chan struct{})
		close(c)
		return c, func() error { return nil }
	}
	return d.start.done, func() error {
		select {
		case <-d.start.done:
			return d.start.err
		default:
			return nil
		}
	}
}

// stopBackground cancels the check or backup still running and waits for
// it, so Close never pulls the pool from under a VACUUM INTO.
func (d *DB) stopBackground() {
	if d.start == nil {
		return
	}
	d.start.cancel()
	d.start.wg.Wait()
}

// OpenInBackground opens the library at path for a window that must not
// wait for OpenChecked's integrity check (seconds on a big library) or its
// daily backup (tens of seconds). Reads are served at once; QuickCheck
// runs in the background on its own read-only connection; every write
// transaction waits until it has passed, and fails with an error wrapping
// ErrDamaged if it did not. Until the check has passed, every connection
// the DB opens is read-only (mode=ro), so nothing written, not even a WAL
// checkpoint when a connection closes, can reach a file that turns out to
// be damaged. After a passing check the day's AutoBackup runs in the
// background too; VACUUM INTO is a read transaction, so saves go on.
//
// The returned channel carries what the background work found, each
// wrapping ErrDamaged (or the reason the check could not run) or
// ErrBackupFailed, and is closed when the work is done or the DB closed.
//
// Errors found before any reading are returned at once, as from
// OpenChecked: ErrReadOnly, ErrDamaged for a file SQLite cannot read as a
// database, ErrNotLibrary, editor.ErrNewerSchema. A missing file is
// created, and a library needing a schema upgrade is checked first,
// synchronously, because an upgrade writes; both are rare.
//
// ctx bounds the background work as well as the open.
func OpenInBackground(ctx context.Context, path string) (*DB, <-chan error, error) {
	events := make(chan error, 2)
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, nil, fmt.Errorf("open library %s: %w", path, err)
	}
	if _, err := os.Stat(abs); errors.Is(err, fs.ErrNotExist) {
		return openSyncBackupLater(ctx, path, events)
	} else if err != nil {
		return nil, nil, fmt.Errorf("open library %s: %w", path, err)
	}
	if err := checkWritable(abs); err != nil {
		return nil, nil, fmt.Errorf("open library %s: %w", path, err)
	}
	pending, err := schemaPending(ctx, abs)
	if err != nil {
		return nil, nil, fmt.Errorf("open library %s: %w", path, err)
	}
	if pending {
		return openSyncBackupLater(ctx, path, events)
	}

	roDSN, err := readOnlyDSN(abs)
	if err != nil {
		return nil, nil, fmt.Errorf("open library %s: %w", path, err)
	}
	ro, err := sqlite.NewConnector(roDSN + "&_pragma=foreign_keys(1)")
	if err != nil {
		return nil, nil, fmt.Errorf("open library %s: %w", path, err)
	}
	rw, err := sqlite.NewConnector(dsn(abs))
	if err != nil {
		return nil, nil, fmt.Errorf("open library %s: %w", path, err)
	}
	bg, cancel := context.WithCancel(ctx)
	s := &startup{done: make(chan struct{}), cancel: cancel}
	d := &DB{sql: sql.OpenDB(&gatedConnector{ro: ro, rw: rw, s: s}), now: time.Now, path: abs, start: s}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer close(events)
		err := startupCheck(bg, abs)
		s.err = err
		s.passed.Store(err == nil)
		close(s.done)
		if err != nil {
			if bg.Err() == nil { // not a check cut short by Close
				events <- err
			}
			return
		}
		// Hand idle read-only connections back now rather than one by
		// one as writes find them stale.
		d.sql.SetMaxIdleConns(0)
		d.sql.SetMaxIdleConns(2)
		if err := d.dailyBackup(bg); err != nil && bg.Err() == nil {
			events <- fmt.Errorf("%w: %w", ErrBackupFailed, err)
		}
	}()
	return d, events, nil
}

// openSyncBackupLater is OpenInBackground for a new library or one that
// needs an upgrade: the check (if there is a file) and Open happen now,
// only the daily backup is left to the background.
func openSyncBackupLater(ctx context.Context, path string, events chan error) (*DB, <-chan error, error) {
	d, err := openCheckedNoBackup(ctx, path)
	if err != nil {
		return nil, nil, err
	}
	bg, cancel := context.WithCancel(ctx)
	s := &startup{done: make(chan struct{}), cancel: cancel}
	s.passed.Store(true)
	close(s.done)
	d.start = s
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer close(events)
		if err := d.dailyBackup(bg); err != nil && bg.Err() == nil {
			events <- fmt.Errorf("%w: %w", ErrBackupFailed, err)
		}
	}()
	return d, events, nil
}

// schemaPending reads, without writing, whether Open would have to upgrade
// the library, and refuses what Open refuses (another program's database,
// a newer schema). A file SQLite cannot read gives ErrDamaged.
func schemaPending(ctx context.Context, abs string) (bool, error) {
	db, err := openReadOnly(ctx, abs)
	if err != nil {
		return false, err
	}
	defer db.Close()
	var ours, tables int
	err = db.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE name = 'schema_migrations'),
		count(*) FILTER (WHERE name NOT LIKE 'sqlite_%') FROM sqlite_schema WHERE type = 'table'`).Scan(&ours, &tables)
	if err != nil {
		return false, classifyErr(err)
	}
	if ours == 0 {
		if tables > 0 {
			return false, ErrNotLibrary
		}
		return true, nil // an empty database file: Open creates the schema
	}
	rows, err := db.QueryContext(ctx, `SELECT version FROM schema_migrations ORDER BY version`)
	if err != nil {
		return false, classifyErr(err)
	}
	defer rows.Close()
	var applied []int
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return false, classifyErr(err)
		}
		applied = append(applied, v)
	}
	if err := rows.Err(); err != nil {
		return false, classifyErr(err)
	}
	all, err := migrations()
	if err != nil {
		return false, err
	}
	latest := latestVersion()
	if n := len(applied); n > 0 && applied[n-1] > latest {
		return false, fmt.Errorf("the library has schema version %d but this Copydesk knows only up to %d; install a newer Copydesk to open it: %w",
			applied[n-1], latest, editor.ErrNewerSchema)
	}
	for _, m := range all {
		if !slices.Contains(applied, m.version) {
			return true, nil
		}
	}
	return false, nil
}

// gatedConnector opens read-only connections until the start-up check has
// passed and the library's normal read-write ones after. The read-only
// ones report themselves unusable once it has passed, so database/sql
// drops them instead of handing one to a write.
type gatedConnector struct {
	ro, rw driver.Connector
	s      *startup
}

func (c *gatedConnector) Connect(ctx context.Context) (driver.Conn, error) {
	if c.s.passed.Load() {
		return c.rw.Connect(ctx)
	}
	conn, err := c.ro.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &roConn{Conn: conn, s: c.s}, nil
}

func (c *gatedConnector) Driver() driver.Driver { return c.rw.Driver() }

// roConn forwards every optional interface modernc's connections
// implement (its NewConnector doc lists them); embedding alone would hide
// them and database/sql would fall back to context-free calls.
type roConn struct {
	driver.Conn
	s *startup
}

func (c *roConn) Unwrap() driver.Conn { return c.Conn }

func (c *roConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.Conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
}

func (c *roConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, query)
}

func (c *roConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	return c.Conn.(driver.ExecerContext).ExecContext(ctx, query, args)
}

func (c *roConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return c.Conn.(driver.QueryerContext).QueryContext(ctx, query, args)
}

func (c *roConn) Ping(ctx context.Context) error { return c.Conn.(driver.Pinger).Ping(ctx) }

func (c *roConn) ResetSession(ctx context.Context) error {
	if c.s.passed.Load() {
		return driver.ErrBadConn
	}
	return c.Conn.(driver.SessionResetter).ResetSession(ctx)
}

func (c *roConn) IsValid() bool {
	return !c.s.passed.Load() && c.Conn.(driver.Validator).IsValid()
}

// openCheckedNoBackup is OpenChecked without the daily backup: QuickCheck
// of an existing file, the writable check, then Open.
func openCheckedNoBackup(ctx context.Context, path string) (*DB, error) {
	if _, err := os.Stat(path); err == nil {
		if err := QuickCheck(ctx, path); err != nil {
			return nil, err
		}
		if err := checkWritable(path); err != nil {
			return nil, fmt.Errorf("open library %s: %w", path, err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("open library %s: %w", path, err)
	}
	d, err := Open(ctx, path)
	if err != nil {
		return nil, classifyErr(err)
	}
	return d, nil
}

// dailyBackup is the day's AutoBackup into the "backups" folder next to
// the library, kept for Settings.BackupDays.
func (d *DB) dailyBackup(ctx context.Context) error {
	days := editor.DefaultSettings().BackupDays
	if s, err := d.Settings(ctx); err == nil && s.BackupDays > 0 {
		days = s.BackupDays
	}
	_, _, err := d.AutoBackup(ctx, filepath.Join(filepath.Dir(d.path), BackupDirName), days)
	return err
}
