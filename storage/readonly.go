package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// readOnlyDSN opens path without ever writing to it: mode=ro makes SQLite
// refuse every write, so checking a damaged file cannot damage it further.
func readOnlyDSN(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	// The library's own escaped "file:" URI, with only options that never write.
	uri, _, _ := strings.Cut(dsn(abs), "?")
	return uri + "?mode=ro&_pragma=busy_timeout(10000)", nil
}

// openReadOnly opens an existing library file read-only with one
// connection, so pragmas and queries all see one snapshot.
func openReadOnly(ctx context.Context, path string) (*sql.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	dsn, err := readOnlyDSN(path)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	// Opening reads nothing; the first query finds out whether this is a
	// database at all.
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n); err != nil {
		db.Close()
		var se *sqlite.Error
		if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_CANTOPEN {
			// A WAL library on a read-only disk cannot be read without its
			// -shm file; say that instead of "unable to open".
			if werr := checkWritable(path); werr != nil {
				return nil, werr
			}
		}
		return nil, classifyErr(err)
	}
	return db, nil
}

// checkWritable returns an error wrapping ErrReadOnly when the library
// file or its folder (where SQLite creates the -wal and -shm files) cannot
// be written. It tries, rather than reading mode bits, so a read-only
// mount is caught even for root; opening for writing without writing
// changes nothing in the file.
func checkWritable(path string) error {
	readOnly := func(err error) bool {
		return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err == nil {
		f.Close()
	} else if readOnly(err) {
		return fmt.Errorf("%w: %w", ErrReadOnly, err)
	}
	probe, err := os.CreateTemp(filepath.Dir(path), ".copydesk-write-test-*")
	if err != nil {
		if readOnly(err) {
			return fmt.Errorf("%w: %w", ErrReadOnly, err)
		}
		return err
	}
	probe.Close()
	return os.Remove(probe.Name())
}
