package storage

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"copydesk/editor"
	"copydesk/editor/export"
	"copydesk/editor/synth"
)

// publishLibrary is benchArticles() synthetic articles, every one
// published (one a minute from 2025-01-01), built once under
// os.TempDir() like benchLibrary.
func publishLibrary(b *testing.B) *DB {
	b.Helper()
	n := benchArticles()
	first, err := migrationFiles.ReadFile("migrations/0001_articles.sql")
	if err != nil {
		b.Fatal(err)
	}
	sum := sha256.Sum256(first)
	path := filepath.Join(os.TempDir(), "copydesk-bench", fmt.Sprintf("published-synth%d-schema%s-n%d.db",
		synth.Version, hex.EncodeToString(sum[:])[:12], n))
	ctx := context.Background()
	if _, err := os.Stat(path); err != nil {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			b.Fatal(err)
		}
		b.Logf("building %d-article published library at %s (once)", n, path)
		start := time.Now()
		first := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		err := buildLibrary(ctx, path, n, func(i int, a *editor.Article) {
			a.Status = editor.StatusPublished
			a.Published = first.Add(time.Duration(i) * time.Minute)
		})
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("built in %v", time.Since(start).Round(time.Second))
	}
	d, err := Open(ctx, path, withBeforeMigrate(nil))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { d.Close() })
	return d
}

// BenchmarkPublish compares, in one run on the same library of
// benchArticles() published articles:
//
//   - one: publishing one corrected article into the existing site, as
//     "copydesk export --site" does it: list the articles (no bodies),
//     read what the library remembers of the site, render and write only
//     what changed;
//   - full: a full export of the same site into an empty folder, reading
//     every article from the library;
//   - hugo: "hugo" building the same articles, exported as Hugo page
//     bundles into a minimal Hugo site with paginated section lists
//     (50 a page, as Copydesk's), its RSS and sitemap on.
func BenchmarkPublish(b *testing.B) {
	d := publishLibrary(b)
	ctx := context.Background()
	settings, err := d.Settings(ctx)
	if err != nil {
		b.Fatal(err)
	}
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	site := export.Site{Settings: settings, Now: now, Images: d, Memory: d, Load: d.Article}
	published := []editor.Status{editor.StatusPublished}
	root := b.TempDir()
	listed := func(b *testing.B) []*editor.Article {
		arts, err := d.SiteArticles(ctx, published)
		if err != nil {
			b.Fatal(err)
		}
		return arts
	}

	b.Run("full", func(b *testing.B) {
		i := 0
		for b.Loop() {
			i++
			dir := filepath.Join(root, fmt.Sprintf("full-%d", i))
			full := site
			full.Memory = nil
			c0, _ := processCPU()
			rep, err := export.WriteSite(ctx, dir, listed(b), full)
			if err != nil {
				b.Fatal(err)
			}
			c1, _ := processCPU()
			b.ReportMetric(float64(rep.Written), "files/op")
			b.ReportMetric((c1 - c0).Seconds(), "cpu-s/op")
		}
	})

	b.Run("one", func(b *testing.B) {
		dir := filepath.Join(root, "site")
		// The existing site, remembered by the library: not timed.
		if _, err := export.WriteSite(ctx, dir, listed(b), site); err != nil {
			b.Fatal(err)
		}
		a, err := d.Article(ctx, int64(benchArticles()/2))
		if err != nil {
			b.Fatal(err)
		}
		i := 0
		var written, kept int
		var cpu time.Duration
		for b.Loop() {
			b.StopTimer()
			i++
			a.Body += fmt.Sprintf("\n\nCorrected paragraph %d.", i)
			a.Corrections = append(a.Corrections, editor.Correction{Time: now, Text: fmt.Sprintf("Correction %d.", i)})
			if err := d.Save(ctx, a); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			c0, _ := processCPU()
			rep, err := export.WriteSite(ctx, dir, listed(b), site)
			if err != nil {
				b.Fatal(err)
			}
			c1, _ := processCPU()
			cpu += c1 - c0
			written, kept = rep.Written, rep.Kept
		}
		b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
		b.ReportMetric(float64(written), "files/op")
		b.ReportMetric(float64(kept), "kept/op")
	})

	b.Run("hugo", func(b *testing.B) {
		hugo, err := exec.LookPath("hugo")
		if err != nil {
			b.Skip("hugo not installed")
		}
		dir := filepath.Join(root, "hugo")
		write := func(name, data string) {
			p := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
				b.Fatal(err)
			}
		}
		write("config.yaml", "baseURL: https://www.appletontimes.example/\ntitle: The Appleton Times\npaginate: 50\ndisableKinds: [taxonomy, term, robotsTXT, 404]\n")
		write("layouts/_default/single.html", `<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ with .Params.byline }}<p>{{ . }}</p>{{ end }}{{ .Content }}</body></html>`)
		write("layouts/_default/list.html", `<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><ul>{{ range (.Paginate .Pages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "January 2, 2006" }}</li>{{ end }}</ul></body></html>`)
		hsite := site
		hsite.Memory, hsite.Load = nil, nil
		for _, l := range listed(b) {
			a, err := d.Article(ctx, l.ID)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := export.WriteArticle(ctx, filepath.Join(dir, "content", export.SectionSlug(a.Section)), export.Hugo, a, hsite); err != nil {
				b.Fatal(err)
			}
		}
		i := 0
		for b.Loop() {
			i++
			cmd := exec.Command(hugo, "--quiet", "-s", dir, "-d", filepath.Join(root, fmt.Sprintf("hugo-public-%d", i)))
			out, err := cmd.CombinedOutput()
			if err != nil {
				b.Fatalf("hugo: %v\n%s", err, out)
			}
			b.ReportMetric((cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds(), "cpu-s/op")
		}
	})
}
