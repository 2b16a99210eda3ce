package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"copydesk/editor"
	"copydesk/editor/export"
)

// TestExportDialog drives File ▸ Export… as a reporter would: every
// format the CLI has is offered with the static site and publishing;
// each export writes everything its file needs and says how many files
// it wrote where, with a button that opens the folder.
func TestExportDialog(t *testing.T) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 4, 3))); err != nil {
		t.Fatal(err)
	}
	src := "copydesk-image:" + strings.Repeat("ab", 32) + ".png"
	tests := []struct {
		format string
		files  []string // relative to the folder
		count  int
	}{
		{"html", []string{"flood-warning.html", "flood-warning.png", "assets/site.css", "assets/site.js"}, 4},
		{"markdown", []string{"flood-warning.md", "flood-warning.png"}, 2},
		{"hugo", []string{"flood-warning/index.md", "flood-warning/flood-warning.png"}, 2},
		{"ninjs", []string{"flood-warning.json"}, 1},
		{"nitf", []string{"flood-warning.xml"}, 1},
		{"text", []string{"flood-warning.txt"}, 1},
		{exportSiteChoice, []string{"site-was-here"}, 7},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			fs := newFakeStore()
			ar := fs.put(&editor.Article{Headline: "Flood warning", Slug: "flood-warning", Status: editor.StatusDraft,
				Body: "The river rose.", Image: editor.Image{Src: src, Alt: "Water over the bridge"}})
			h := newHarnessOn(t, fs, imageStore{fs, buf.Bytes()})
			var siteDir string
			h.app.opts.Site = SiteExporter{
				Export: func(ctx context.Context, dir string, progress func(done, total int)) (export.Report, error) {
					siteDir = dir
					progress(1, 2)
					progress(2, 2)
					return export.Report{Written: 7}, os.WriteFile(filepath.Join(dir, "site-was-here"), nil, 0o644)
				},
				Publish: func(ctx context.Context, progress func(done, total int)) (string, export.Report, error) {
					return "", export.Report{}, errors.New("no repository in this test")
				},
			}
			var opened []*url.URL
			h.app.opts.OpenURL = func(u *url.URL) error { opened = append(opened, u); return nil }
			h.app.openArticle(ar.ID)
			h.drain()

			h.app.exportFile()
			v := h.app.exportDlg
			if v == nil {
				t.Fatal("no export dialog")
			}
			for _, want := range []string{"html", "markdown", "hugo", "ninjs", "nitf", "text", exportSiteChoice, exportPublishChoice} {
				found := false
				for _, o := range v.format.Options {
					found = found || o == want
				}
				if !found {
					t.Errorf("dialog does not offer %q: %v", want, v.format.Options)
				}
			}
			dir := t.TempDir()
			v.format.SetSelected(tt.format)
			test.Type(v.folder, dir)
			test.Tap(v.run)
			if v.run.Disabled() != true {
				t.Error("Export stays enabled while it runs")
			}
			h.drain()
			for _, f := range tt.files {
				if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f))); err != nil {
					t.Errorf("%s: %v", f, err)
				}
			}
			if tt.format == exportSiteChoice && siteDir != dir {
				t.Errorf("site written into %q, want %q", siteDir, dir)
			}
			want := fmt.Sprintf("Wrote %d %s in %s", tt.count, editor.Plural(tt.count, "file", "files"), dir)
			if v.status.Text != want {
				t.Errorf("status %q, want %q", v.status.Text, want)
			}
			if !v.open.Visible() || v.run.Disabled() {
				t.Error("after the export: Open folder hidden or Export still disabled")
			}
			test.Tap(v.open)
			if len(opened) != 1 || opened[0].Path != dir {
				t.Errorf("Open folder opened %v, want %s", opened, dir)
			}
		})
	}
}

func TestExportDialogNeedsFolder(t *testing.T) {
	fs := newFakeStore()
	ar := fs.put(&editor.Article{Headline: "Flood warning", Status: editor.StatusDraft, Body: "The river rose."})
	h := newHarness(t, fs)
	h.app.openArticle(ar.ID)
	h.drain()
	h.app.exportFile()
	v := h.app.exportDlg
	v.folder.SetText("")
	test.Tap(v.run)
	h.drain()
	if v.status.Text != "Choose a folder to write into." || v.open.Visible() {
		t.Errorf("status %q, open visible %v", v.status.Text, v.open.Visible())
	}
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	v.folder.SetText(file)
	test.Tap(v.run)
	h.drain()
	if !strings.Contains(v.status.Text, "is a file, not a folder") {
		t.Errorf("status %q", v.status.Text)
	}
}

// TestExportDialogFailure: a failed publish says why and leaves the
// dialog ready to try again, with no "Wrote" line and no folder to open.
func TestExportDialogFailure(t *testing.T) {
	fs := newFakeStore()
	ar := fs.put(&editor.Article{Headline: "Flood warning", Status: editor.StatusDraft, Body: "The river rose."})
	h := newHarness(t, fs)
	calls := 0
	h.app.opts.Site = SiteExporter{
		Publish: func(ctx context.Context, progress func(done, total int)) (string, export.Report, error) {
			calls++
			return "", export.Report{}, errors.New("no site repository is set")
		},
	}
	h.app.openArticle(ar.ID)
	h.drain()
	h.app.exportFile()
	v := h.app.exportDlg
	v.format.SetSelected(exportPublishChoice)
	if !v.folder.Disabled() {
		t.Error("publishing writes into the repository's working copy, yet the folder can be typed")
	}
	test.Tap(v.run)
	h.drain()
	if calls != 1 || v.status.Text != "" || v.open.Visible() || v.run.Disabled() || v.progress.Visible() {
		t.Errorf("after a failed publish: calls %d, status %q, open %v, run disabled %v, progress %v",
			calls, v.status.Text, v.open.Visible(), v.run.Disabled(), v.progress.Visible())
	}
}
