package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"copydesk/editor"
	"copydesk/editor/check"
	"copydesk/storage"
)

// openStore opens the library every command works on (--db, COPYDESK_DB
// or the per-user default), checked and backed up before the command
// runs, so a damaged file is refused rather than written to. A failed
// daily backup is only a warning: the command the user asked for matters
// more, and the next run tries again.
func (e *env) openStore(ctx context.Context) (*storage.DB, error) {
	path, err := e.libraryPath()
	if err != nil {
		return nil, err
	}
	db, err := storage.Open(ctx, path, storage.WithStartupCheck(storage.CheckBeforeOpen),
		storage.WithDailyBackup(), storage.WithErrorFindings(errorFindings))
	if err != nil {
		if db == nil || !errors.Is(err, storage.ErrBackupFailed) {
			return nil, err
		}
		fmt.Fprintf(e.stderr, "copydesk: warning: %v\n", editor.OneLine(err.Error()))
	}
	if err := ensurePerson(ctx, db); err != nil {
		fmt.Fprintf(e.stderr, "copydesk: warning: %v\n", editor.OneLine(err.Error()))
	}
	return db, nil
}

// openArticle is openStore, then REF resolved in it. The caller closes
// the library; on an error it is closed already.
func (e *env) openArticle(ctx context.Context, ref string) (*storage.DB, *editor.Article, error) {
	db, err := e.openStore(ctx)
	if err != nil {
		return nil, nil, err
	}
	a, err := resolveArticle(ctx, db, ref)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, a, nil
}

// existingLibrary is the library path for commands that must not create a
// new, empty library by accident.
func (e *env) existingLibrary() (string, error) {
	path, err := e.libraryPath()
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("there is no library at %s (use --db PATH)", path)
	} else if err != nil {
		return "", err
	}
	return path, nil
}

// windowOpenOptions open the window's library: the article shows at once,
// the check and the day's backup run behind it and saves wait for the
// check.
func windowOpenOptions() []storage.Option {
	return []storage.Option{storage.WithStartupCheck(storage.CheckInBackground),
		storage.WithDailyBackup(), storage.WithErrorFindings(errorFindings)}
}

// errorFindings counts check.Run's error-level findings: approval holds
// to it inside the move's own transaction, on the stored article.
func errorFindings(a *editor.Article, s editor.Settings, unresolvedNotes int) int {
	n := 0
	for _, f := range check.Run(a, s, check.Context{UnresolvedNotes: unresolvedNotes}) {
		if f.Severity == check.SeverityError {
			n++
		}
	}
	return n
}

// notFoundError is the one wording every command uses for a REF that
// matches nothing; it still satisfies errors.Is(err, editor.ErrNotFound).
type notFoundError struct{ ref string }

func (e notFoundError) Error() string { return fmt.Sprintf("no article %q", e.ref) }
func (e notFoundError) Unwrap() error { return editor.ErrNotFound }

// resolveArticle finds REF as an id, uid or slug.
func resolveArticle(ctx context.Context, db editor.Store, ref string) (*editor.Article, error) {
	a, err := db.Resolve(ctx, ref)
	if errors.Is(err, editor.ErrNotFound) {
		return nil, notFoundError{ref}
	}
	return a, err
}
