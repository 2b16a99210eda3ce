package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"copydesk/editor"
	"copydesk/editor/bundle"
)

func init() {
	register(&command{
		name: "file", args: "REF", minArgs: 1, maxArgs: 1,
		summary: "file an article to the desk: write one .copydesk bundle for another machine; prints its path",
		setup: func(fs *flag.FlagSet) runFunc {
			out := fs.String("out", ".", "`DIR` to write the bundle in")
			return func(ctx context.Context, e *env, args []string) error { return runFile(ctx, e, args[0], *out) }
		},
	})
}

// runFile writes REF's bundle into dir, under a temporary name renamed
// into place: whoever collects it from a shared folder never sees half.
func runFile(ctx context.Context, e *env, ref, dir string) error {
	db, a, err := e.openArticle(ctx, ref)
	if err != nil {
		return err
	}
	defer db.Close()
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
			fmt.Fprintf(e.stderr, "copydesk file: warning: image not attached: %v\n", editor.OneLine(err.Error()))
		} else {
			b.Image = &bundle.Image{Name: key + "." + ext, Data: data}
		}
	}
	var buf bytes.Buffer
	if err := bundle.Write(&buf, b); err != nil {
		return err
	}
	path := filepath.Join(dir, b.Article.Slug+bundle.Ext)
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
