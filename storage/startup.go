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

	"modernc.org/sqlite"

	"copydesk/editor"
)

// startup is the background work of a library opened with
// CheckInBackground: the integrity check that gates every write, then the
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
// opened with CheckInBackground is checked already.
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

// openInBackground is Open with CheckInBackground (see there).
// ctx bounds the background work as well as the open.
func openInBackground(ctx context.Context, path string, o options) (*DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open library %s: %w", path, err)
	}
	if _, err := os.Stat(abs); errors.Is(err, fs.ErrNotExist) {
		return openSyncBackupLater(ctx, path, o)
	} else if err != nil {
		return nil, fmt.Errorf("open library %s: %w", path, err)
	}
	if err := checkWritable(abs); err != nil {
		return nil, fmt.Errorf("open library %s: %w", path, err)
	}
	pending, err := schemaPending(ctx, abs)
	if err != nil {
		return nil, fmt.Errorf("open library %s: %w", path, err)
	}
	if pending {
		return openSyncBackupLater(ctx, path, o)
	}

	roDSN, err := readOnlyDSN(abs)
	if err != nil {
		return nil, fmt.Errorf("open library %s: %w", path, err)
	}
	ro, err := sqlite.NewConnector(roDSN + "&_pragma=foreign_keys(1)")
	if err != nil {
		return nil, fmt.Errorf("open library %s: %w", path, err)
	}
	rw, err := sqlite.NewConnector(dsn(abs))
	if err != nil {
		return nil, fmt.Errorf("open library %s: %w", path, err)
	}
	events := make(chan error, 2)
	bg, cancel := context.WithCancel(ctx)
	s := &startup{done: make(chan struct{}), cancel: cancel}
	d := dbOn(sql.OpenDB(&gatedConnector{ro: ro, rw: rw, s: s}), abs, o)
	d.start, d.events = s, events
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer close(events)
		err := o.check(bg, abs)
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
		if o.dailyBackup {
			d.backupInBackground(bg, events)
		}
	}()
	return d, nil
}

// openSyncBackupLater is openInBackground for a new library or one that
// needs an upgrade: the check (if there is a file) and the open happen
// now, only the daily backup is left to the background.
func openSyncBackupLater(ctx context.Context, path string, o options) (*DB, error) {
	d, err := openChecked(ctx, path, o)
	if err != nil {
		return nil, err
	}
	events := make(chan error, 1)
	bg, cancel := context.WithCancel(ctx)
	s := &startup{done: make(chan struct{}), cancel: cancel}
	s.passed.Store(true)
	close(s.done)
	d.start, d.events = s, events
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer close(events)
		if o.dailyBackup {
			d.backupInBackground(bg, events)
		}
	}()
	return d, nil
}

// backupInBackground makes the day's backup and reports a failure that
// is not Close cutting it short.
func (d *DB) backupInBackground(ctx context.Context, events chan<- error) {
	if err := d.dailyBackup(ctx); err != nil && ctx.Err() == nil {
		events <- fmt.Errorf("%w: %w", ErrBackupFailed, err)
	}
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
	ours, tables, err := countTables(ctx, db)
	if err != nil {
		return false, err
	}
	if !ours {
		if tables > 0 {
			return false, ErrNotLibrary
		}
		return true, nil // an empty database file: Open creates the schema
	}
	applied, err := readAppliedVersions(ctx, db)
	if err != nil {
		return false, err
	}
	all, err := migrations()
	if err != nil {
		return false, err
	}
	if err := checkNotNewer(applied, latestVersion()); err != nil {
		return false, err
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
