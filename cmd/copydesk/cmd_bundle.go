package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"copydesk/editor"
	"copydesk/editor/bundle"
	"copydesk/storage"
)

// maxBundleFile bounds what import reads before Read checks the parts.
const maxBundleFile = bundle.MaxTotalSize + 8<<20

func init() {
	importBundle = runImportBundle

	var out string
	register(&command{
		name: "file", args: "REF", minArgs: 1, maxArgs: 1,
		summary: "file an article to the desk: write one .copydesk bundle for another machine; prints its path",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&out, "out", ".", "`DIR` to write the bundle in")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			return withArticle(ctx, e, args[0], func(db *storage.DB, a *editor.Article) error {
				return runFile(ctx, e, db, a, out)
			})
		},
	})
}

func runFile(ctx context.Context, e *env, db *storage.DB, a *editor.Article, dir string) error {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("--out %s: not a folder", dir)
	}
	b, err := db.FileBundle(ctx, a.ID)
	if err != nil {
		return err
	}
	if key, ext, ok := editor.ParseLibraryImageSrc(b.Article.Image.Src); ok {
		data, _, err := db.Image(ctx, b.Article.Image.Src)
		if err != nil {
			// The text still goes: an editor can work on a story whose
			// picture follows later.
			fmt.Fprintf(e.stderr, "copydesk file: warning: image not attached: %v\n", oneLine(err.Error()))
		} else {
			b.Image = &bundle.Image{Name: key + "." + ext, Data: data}
		}
	}
	var buf bytes.Buffer
	if err := bundle.Write(&buf, b); err != nil {
		return err
	}
	path := filepath.Join(dir, b.Article.Slug+bundle.Ext)
	// A temp file renamed into place: whoever collects the bundle from a
	// shared folder never sees half of it.
	tmp, err := os.CreateTemp(dir, ".copydesk-*")
	if err != nil {
		return fmt.Errorf("write bundle: %w", err)
	}
	defer os.Remove(tmp.Name())
	// CreateTemp makes the file private; a bundle is meant to be handed on.
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("write bundle: %w", err)
	}
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return fmt.Errorf("write bundle: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write bundle: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write bundle: %w", err)
	}
	_, err = fmt.Fprintln(e.stdout, path)
	return err
}

// runImportBundle is import's handler for .copydesk files.
func runImportBundle(ctx context.Context, e *env, db *storage.DB, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return unwrapPathError(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if st.Size() > maxBundleFile {
		return fmt.Errorf("bundle refused: the file is larger than %d MB", maxBundleFile>>20)
	}
	b, err := bundle.Read(f, st.Size())
	if err != nil {
		if errors.Is(err, bundle.ErrInvalid) {
			return fmt.Errorf("bundle refused, nothing imported: %w", err)
		}
		return err
	}
	if b.Image != nil {
		// Stored first and by content hash: if the import below fails, the
		// library holds one unreferenced picture, never a wrong one.
		if _, err := db.PutImage(ctx, b.Image.Data, b.Image.Name); err != nil {
			return fmt.Errorf("bundle refused, nothing imported: %w", err)
		}
	} else if _, _, ok := editor.ParseLibraryImageSrc(b.Article.Image.Src); ok {
		if _, _, err := db.Image(ctx, b.Article.Image.Src); err != nil {
			fmt.Fprintf(e.stderr, "copydesk import: warning: the bundle carries no image and this library lacks %s\n", b.Article.Image.Src)
		}
	}
	res, err := db.ImportBundle(ctx, b)
	if err != nil {
		return err
	}
	a := res.Article
	switch res.Outcome {
	case storage.ImportConflict:
		c := res.Conflict
		fmt.Fprintf(e.stdout, "%d\t%s\t%s\tconflict\n", a.ID, a.UID, a.Slug)
		fmt.Fprintf(e.stderr, "copydesk import: CONFLICT: %s was changed here and by %s since the common version.\n"+
			"  Both are kept: revision %d is yours, revision %d (now current) is theirs. Nothing was lost.\n"+
			"  Compare: copydesk diff %s %d %d   Keep yours: copydesk restore %s %d\n",
			a.Slug, nameOr(b.FiledBy), c.LocalRevision, c.IncomingRevision, a.Slug, c.LocalRevision, c.IncomingRevision, a.Slug, c.LocalRevision)
	default:
		fmt.Fprintf(e.stdout, "%d\t%s\t%s\t%s\n", a.ID, a.UID, a.Slug, res.Outcome)
		if res.Outcome == storage.ImportKeptLocal {
			fmt.Fprintf(e.stderr, "copydesk import: %s: this library already had that version and has moved on; kept its own\n", a.Slug)
		}
	}
	return nil
}
