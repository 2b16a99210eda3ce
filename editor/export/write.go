package export

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"

	"copydesk/editor"
)

// WriteArticle writes one article in format f into dir as <slug>.<ext>
// (a bundle format as <slug>/index.<ext>), with its library image beside
// it when the format refers to it, and for html the site's CSS and script,
// so the page opens as it will look. It returns the path of the main file.
// The CLI's export and the window's "Open in browser" both use it.
func WriteArticle(ctx context.Context, dir string, f Format, a *editor.Article, site Site) (string, error) {
	files, err := WriteArticleFiles(ctx, dir, f, a, site)
	if err != nil {
		return "", err
	}
	return files[0], nil
}

// WriteArticleFiles is WriteArticle returning every file it wrote or
// found already right, the main file first, so a confirmation can say
// how many there are.
func WriteArticleFiles(ctx context.Context, dir string, f Format, a *editor.Article, site Site) ([]string, error) {
	slug := Slug(a)
	folder := dir
	name := slug + "." + f.Ext
	if f.Bundle {
		folder = filepath.Join(dir, slug)
		name = "index." + f.Ext
	}
	site.Root = ""
	var b bytes.Buffer
	if err := f.Encode(&b, a, site); err != nil {
		return nil, err
	}
	path, err := SafePath(folder, name)
	if err != nil {
		return nil, err
	}
	if _, err := WriteFileAtomic(path, b.Bytes()); err != nil {
		return nil, err
	}
	files := []string{path}
	if img := ImageFileName(a); img != "" && f.WantsImage && site.Images != nil {
		data, _, err := site.Images.Image(ctx, a.Image.Src)
		if err != nil {
			return nil, fmt.Errorf("image %s: %w", a.Image.Src, err)
		}
		p, err := SafePath(folder, img)
		if err != nil {
			return nil, err
		}
		if _, err := WriteFileAtomic(p, data); err != nil {
			return nil, err
		}
		files = append(files, p)
	}
	if f.Name == HTML.Name {
		if err := WriteAssets(folder); err != nil {
			return nil, err
		}
		files = append(files, filepath.Join(folder, "assets", "site.css"), filepath.Join(folder, "assets", "site.js"))
	}
	return files, nil
}
