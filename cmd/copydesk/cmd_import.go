package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"copydesk/editor"
	"copydesk/editor/bundle"
	"copydesk/storage"
)

func init() {
	register(&command{
		name: "import", args: "FILE...", minArgs: 1, maxArgs: -1,
		summary: "add or update articles from Markdown files with front matter ('-' reads stdin)",
		setup:   noFlags(runImport),
	})
}

// runImport treats each file on its own: a bad file is reported and
// skipped, the others are still imported, and the exit status says that
// something failed. Each failure is exactly one stderr line; the last one
// is returned so the framework prints it and exits 1.
func runImport(ctx context.Context, e *env, args []string) error {
	db, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	var held error
	for _, name := range args {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := importOne(ctx, e, db, name); err != nil {
			if held != nil {
				fmt.Fprintf(e.stderr, "copydesk import: %s\n", editor.OneLine(held.Error()))
			}
			held = err
		}
	}
	return held
}

func importOne(ctx context.Context, e *env, db *storage.DB, name string) error {
	if name != "-" && strings.HasSuffix(name, bundle.Ext) {
		if err := importBundle(ctx, e, db, name); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return nil
	}
	data, srcDir, label, err := readImportFile(e, name)
	if err != nil {
		return err
	}
	a, err := editor.ParseMarkdown(data)
	if err != nil {
		var pe *editor.ParseError
		if errors.As(err, &pe) {
			return fmt.Errorf("%s:%d: %s", label, pe.Line, pe.Msg)
		}
		return fmt.Errorf("%s: %w", label, err)
	}
	// srcDir is the file's folder (the working directory for stdin), so
	// a relative image path resolves as its author meant it.
	if err := importImage(ctx, db, a, srcDir); err != nil {
		return fmt.Errorf("%s: %w", label, err)
	}
	if a.UID != "" {
		// Resolve also matches ids and slugs, and a UUID is a valid slug,
		// so only an exact uid match means "the same article".
		old, err := db.Resolve(ctx, a.UID)
		switch {
		case err == nil && old.UID == a.UID:
			a.ID, a.Version = old.ID, old.Version
		case err != nil && !errors.Is(err, editor.ErrNotFound):
			return fmt.Errorf("%s: %w", label, err)
		}
	}
	// An import is an event in the article's history: its own revision,
	// never merged into an editing session.
	if err := db.SaveAs(ctx, a, storage.RevisionImport); err != nil {
		return fmt.Errorf("%s: %w", label, err)
	}
	_, err = fmt.Fprintf(e.stdout, "%d\t%s\t%s\n", a.ID, a.UID, a.Slug)
	return err
}

// readImportFile reads at most MaxMarkdownBytes+1, so a huge file or an
// endless pipe is refused by ParseMarkdown instead of exhausting memory.
func readImportFile(e *env, name string) (data []byte, srcDir, label string, err error) {
	var r io.Reader
	if name == "-" {
		label = "stdin"
		if srcDir, err = os.Getwd(); err != nil {
			return nil, "", label, fmt.Errorf("stdin: %w", err)
		}
		r = e.stdin
	} else {
		label = name
		f, err := os.Open(name)
		if err != nil {
			return nil, "", label, fmt.Errorf("%s: %w", name, unwrapPathError(err))
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, "", label, fmt.Errorf("%s: is a folder, not a Markdown file", name)
		}
		if srcDir, err = filepath.Abs(filepath.Dir(name)); err != nil {
			return nil, "", label, fmt.Errorf("%s: %w", name, err)
		}
		r = f
	}
	data, err = io.ReadAll(io.LimitReader(r, editor.MaxMarkdownBytes+1))
	if err != nil {
		return nil, "", label, fmt.Errorf("%s: %w", label, unwrapPathError(err))
	}
	return data, srcDir, label, nil
}

// unwrapPathError drops the *PathError's own copy of the file name, which
// the caller already prints first ("a.md: no such file or directory").
func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
