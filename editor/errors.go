package editor

import (
	"errors"
	"strings"
)

// Sentinel errors; check them with errors.Is.
var (
	ErrNotFound = errors.New("article not found")
	ErrConflict = errors.New("article was changed elsewhere")
	// ErrNewerSchema means the library was written by a newer Copydesk.
	ErrNewerSchema = errors.New("library was created by a newer version of Copydesk")
	// ErrDiskFull means a save found no space left; nothing was written and
	// the same save can be retried once space is freed. It lives here, not
	// in storage, so the window can tell a reporter why without importing SQL.
	ErrDiskFull = errors.New("the disk is full")
	// ErrReadOnly means the library file or its folder cannot be written.
	ErrReadOnly = errors.New("the library is read-only")
	// ErrDamaged means the library file failed SQLite's own checks.
	ErrDamaged = errors.New("the library file is damaged")
)

// FieldError is a problem with one field, worded for a reporter.
type FieldError struct {
	Field string // JSON/front matter name: "headline", "image.alt"
	Msg   string // a whole sentence: "Headline is required"
}

func (e *FieldError) Error() string { return e.Msg }

// ValidationError collects every field problem of one article, so a form
// can mark all of them at once instead of one per save attempt.
type ValidationError struct {
	Fields []*FieldError
}

func (e *ValidationError) Error() string {
	msgs := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		msgs[i] = f.Msg
	}
	return strings.Join(msgs, "; ")
}

// Unwrap lets errors.As find each FieldError.
func (e *ValidationError) Unwrap() []error {
	errs := make([]error, len(e.Fields))
	for i, f := range e.Fields {
		errs[i] = f
	}
	return errs
}

// For returns the problem with field, or nil.
func (e *ValidationError) For(field string) *FieldError {
	for _, f := range e.Fields {
		if f.Field == field {
			return f
		}
	}
	return nil
}
