package storage

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"copydesk/editor"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// ErrNotLibrary means the file is an SQLite database of some other
// program; Open leaves it untouched.
var ErrNotLibrary = errors.New("the file is a database of another program, not a Copydesk library")

type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations in version order. The file
// name's leading number is the version: "0002_review.sql" is 2.
func migrations() ([]migration, error) {
	entries, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, p := range entries {
		name := path.Base(p)
		num, _, _ := strings.Cut(name, "_")
		v, err := strconv.Atoi(strings.TrimSuffix(num, ".sql"))
		if err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with a positive number", name)
		}
		body, err := migrationFiles.ReadFile(p)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: name, sql: string(body)})
	}
	slices.SortFunc(ms, func(a, b migration) int { return a.version - b.version })
	for i := 1; i < len(ms); i++ {
		if ms[i].version == ms[i-1].version {
			return nil, fmt.Errorf("migrations %s and %s have the same number", ms[i-1].name, ms[i].name)
		}
	}
	return ms, nil
}

func latestVersion() int {
	ms, err := migrations()
	if err != nil || len(ms) == 0 {
		return 0 // migrate reports the error
	}
	return ms[len(ms)-1].version
}

// migrate applies the embedded migrations up to maxVersion that the
// library has not recorded, each in its own transaction.
func (d *DB) migrate(ctx context.Context, maxVersion int) error {
	all, err := migrations()
	if err != nil {
		return err
	}
	// Another program's SQLite file must not get Copydesk tables added
	// to it because someone pointed --db at it.
	ours, tables, err := countTables(ctx, d.sql)
	if err != nil {
		return err
	}
	if !ours && tables > 0 {
		return ErrNotLibrary
	}
	// IF NOT EXISTS leaves a library from a newer Copydesk untouched.
	if _, err := d.sql.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		applied INTEGER NOT NULL
	)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", classifyErr(err))
	}
	applied, err := d.appliedVersions(ctx)
	if err != nil {
		return err
	}
	if err := checkNotNewer(applied, maxVersion); err != nil {
		return err
	}
	var pending []migration
	for _, m := range all {
		if m.version <= maxVersion && !slices.Contains(applied, m.version) {
			pending = append(pending, m)
		}
	}
	if len(pending) == 0 {
		return nil
	}
	// A library that already has a schema is backed up first (unless a
	// test opts out), so a failed or regretted upgrade can be undone; an
	// error stops the upgrade and Open fails with it.
	if len(applied) > 0 && d.beforeMigrate != nil {
		versions := make([]int, len(pending))
		for i, m := range pending {
			versions[i] = m.version
		}
		if err := d.beforeMigrate(ctx, d, versions); err != nil {
			return fmt.Errorf("before upgrading the library: %w", err)
		}
	}
	for _, m := range pending {
		err := d.inTx(ctx, func(tx *sql.Tx) error {
			// Another process may have applied it while we waited for the lock.
			var done int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&done); err != nil {
				return err
			}
			if done > 0 {
				return nil
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied) VALUES (?, ?)`,
				m.version, toMillis(d.timestamp()))
			return err
		})
		if err != nil {
			return fmt.Errorf("apply migration %s: %w", m.name, err) // inTx has classified err
		}
	}
	return nil
}

// appliedVersions returns the recorded migration versions, ascending.
func (d *DB) appliedVersions(ctx context.Context) ([]int, error) {
	return readAppliedVersions(ctx, d.sql)
}

// readAppliedVersions is appliedVersions on any connection, so the
// read-only look before a background open shares it.
func readAppliedVersions(ctx context.Context, q queryer) ([]int, error) {
	rows, err := q.QueryContext(ctx, `SELECT version FROM schema_migrations ORDER BY version`)
	if err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", classifyErr(err))
	}
	defer rows.Close()
	var vs []int
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, classifyErr(err)
		}
		vs = append(vs, v)
	}
	return vs, classifyErr(rows.Err())
}

// countTables reports whether the file has Copydesk's migrations table
// and how many tables it has in all: tables but no migrations table is
// another program's database, which must not get Copydesk tables added to
// it because someone pointed --db at it.
func countTables(ctx context.Context, q queryer) (ours bool, tables int, err error) {
	var n int
	err = q.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE name = 'schema_migrations'),
		count(*) FILTER (WHERE name NOT LIKE 'sqlite_%') FROM sqlite_schema WHERE type = 'table'`).Scan(&n, &tables)
	return n > 0, tables, classifyErr(err)
}

// checkNotNewer refuses a library whose newest applied migration is
// beyond what this Copydesk knows.
func checkNotNewer(applied []int, latest int) error {
	if n := len(applied); n > 0 && applied[n-1] > latest {
		return fmt.Errorf("the library has schema version %d but this Copydesk knows only up to %d; install a newer Copydesk to open it: %w",
			applied[n-1], latest, editor.ErrNewerSchema)
	}
	return nil
}
