package main

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"copydesk/editor"
	"copydesk/storage"
)

// importImage copies a featured image named by a local path into the
// library and points the article at the stored copy, so the article keeps
// its photo when the file on disk moves or the library travels. A
// relative path is resolved against the imported file's folder, as its
// author meant it. Web URLs stay as they are: they are already published.
func importImage(ctx context.Context, db *storage.DB, a *editor.Article, srcDir string) error {
	src := strings.TrimSpace(a.Image.Src)
	if src == "" {
		return nil
	}
	if _, _, ok := editor.ParseLibraryImageSrc(src); ok {
		if _, _, err := db.Image(ctx, src); err != nil {
			return fmt.Errorf("image.src %s: %w (import the file itself, or a review bundle that carries it)", src, err)
		}
		return nil
	}
	path := src
	if u, err := url.Parse(src); err == nil && len(u.Scheme) > 1 {
		switch strings.ToLower(u.Scheme) {
		case "http", "https":
			return nil
		case "file":
			path = u.Path
		default:
			return fmt.Errorf("image.src %q: use a file path or an http(s) URL", src)
		}
	}
	if !filepath.IsAbs(path) {
		path = filepath.Join(srcDir, path)
	}
	data, err := readImageFile(path)
	if err != nil {
		return fmt.Errorf("image.src %s: %w", src, err)
	}
	stored, err := db.PutImage(ctx, data, path)
	if err != nil {
		return fmt.Errorf("image.src %s: %w", src, err)
	}
	a.Image.Src = stored
	return nil
}

// readImageFile reads at most one byte over the image limit, so a huge
// file is refused by SniffImage without being read whole.
func readImageFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, unwrapPathError(err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("is a folder, not an image")
	}
	return io.ReadAll(io.LimitReader(f, editor.MaxImageBytes+1))
}
