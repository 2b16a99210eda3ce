package storage

import (
	"errors"
	"fmt"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"copydesk/editor"
)

// Sentinels for the states of the library file itself, as opposed to the
// articles in it; check them with errors.Is. They are the editor package's
// sentinels, so code that sees only editor.Store can test for them too.
var (
	// ErrDamaged means the library file failed SQLite's own checks. It is
	// then only ever opened read-only, so nothing makes the damage worse
	// before a backup is restored.
	ErrDamaged = editor.ErrDamaged
	// ErrDiskFull means a write found no space left; nothing was written,
	// and the same save succeeds once space is freed.
	ErrDiskFull = editor.ErrDiskFull
	// ErrReadOnly means the library file or its folder cannot be written.
	ErrReadOnly = editor.ErrReadOnly
)

// classifyErr wraps err with ErrDiskFull, ErrReadOnly or ErrDamaged when
// SQLite's result code says so, keeping the original for the log. The
// code is checked, not the message: messages change between releases and
// extended codes (SQLITE_READONLY_DBMOVED, SQLITE_IOERR_…) share the
// primary code in their low byte.
func classifyErr(err error) error {
	var se *sqlite.Error
	if err == nil || !errors.As(err, &se) {
		return err
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_FULL:
		return fmt.Errorf("%w: %w", ErrDiskFull, err)
	case sqlite3.SQLITE_READONLY:
		return fmt.Errorf("%w: %w", ErrReadOnly, err)
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return fmt.Errorf("%w: %w", ErrDamaged, err)
	}
	return err
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
