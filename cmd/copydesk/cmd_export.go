package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"copydesk/editor"
	"copydesk/editor/export"
	"copydesk/storage"
)

// exportProgressEvery is how often a site export reports on stderr; runs
// shorter than this stay quiet. COPYDESK_PROGRESS_EVERY overrides it, so
// scripts can see progress on a small library.
func exportProgressEvery() int {
	if n, err := strconv.Atoi(os.Getenv("COPYDESK_PROGRESS_EVERY")); err == nil && n > 0 {
		return n
	}
	return 500
}

// exportPageSize is how many articles one library query lists.
const exportPageSize = 500

func init() {
	register(&command{
		name: "export", args: "REF...", minArgs: 0, maxArgs: -1,
		summary: "write articles as html, markdown, hugo, ninjs, nitf or text, or a whole static site (--site DIR)",
		setup: func(fs *flag.FlagSet) runFunc {
			var o exportOptions
			fs.StringVar(&o.format, "format", "", "output `FORMAT`: "+export.FormatNames())
			fs.StringVar(&o.out, "out", ".", "output `DIR` for --format ('-' writes one article to stdout)")
			fs.StringVar(&o.siteDir, "site", "", "write a static site of every matching article into `DIR`")
			fs.StringVar(&o.statuses, "status", string(editor.StatusPublished), "with --site, the comma-separated `STATUSES` to include")
			return func(ctx context.Context, e *env, args []string) error { return runExport(ctx, e, args, o) }
		},
	})
}

type exportOptions struct {
	format, out string
	siteDir     string
	statuses    string // comma-separated, as typed
}

// runExport writes the REFs in one format, or with --site every article
// of the chosen statuses as a static site. The call is checked whole
// before the library is opened.
func runExport(ctx context.Context, e *env, refs []string, o exportOptions) error {
	var write func(ctx context.Context, e *env, db *storage.DB, site export.Site) error
	switch {
	case o.format != "" && o.siteDir != "":
		return usagef("use either --format or --site, not both")
	case o.siteDir != "":
		if len(refs) > 0 {
			return usagef("--site exports every article with --status; it takes no REF")
		}
		statuses, err := parseStatuses(o.statuses)
		if err != nil {
			return err
		}
		write = func(ctx context.Context, e *env, db *storage.DB, site export.Site) error {
			return exportSite(ctx, e, db, site, o.siteDir, statuses)
		}
	case o.format == "":
		return usagef("--format FORMAT or --site DIR is required")
	default:
		f, ok := export.Lookup(o.format)
		if !ok {
			return usagef("unknown format %q (formats: %s)", o.format, export.FormatNames())
		}
		if len(refs) == 0 {
			return usagef("name at least one article (id, uid or slug)")
		}
		if o.out == "-" && len(refs) != 1 {
			return usagef("--out - writes one article to stdout; %d were named", len(refs))
		}
		write = func(ctx context.Context, e *env, db *storage.DB, site export.Site) error {
			return exportArticles(ctx, e, db, site, f, refs, o.out)
		}
	}
	db, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	settings, err := db.Settings(ctx)
	if err != nil {
		return err
	}
	return write(ctx, e, db, export.Site{Settings: settings, Now: time.Now(), Images: db})
}

// exportArticles writes each REF in format f into the folder out, or the
// one REF to stdout when out is "-".
func exportArticles(ctx context.Context, e *env, db *storage.DB, site export.Site, f export.Format, refs []string, out string) error {
	for _, ref := range refs {
		if err := ctx.Err(); err != nil {
			return err
		}
		a, err := db.Resolve(ctx, ref)
		if err != nil {
			return err // already names the ref
		}
		if out == "-" {
			return f.Encode(e.stdout, a, site)
		}
		path, err := export.WriteArticle(ctx, out, f, a, site)
		if err != nil {
			return fmt.Errorf("article %d %q: %w", a.ID, oneLine(a.Headline), err)
		}
		if _, err := fmt.Fprintln(e.stdout, path); err != nil {
			return err
		}
	}
	return nil
}

func parseStatuses(list string) ([]editor.Status, error) {
	var out []editor.Status
	for _, s := range strings.Split(list, ",") {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		st, err := editor.ParseStatus(s)
		if err != nil {
			return nil, usagef("--status %q: %v", s, err)
		}
		out = append(out, st)
	}
	if len(out) == 0 {
		return nil, usagef("--status names no status")
	}
	return out, nil
}

// exportSite writes every article with one of statuses as a static site
// in dir, reporting progress on stderr for a long run.
func exportSite(ctx context.Context, e *env, db *storage.DB, site export.Site, dir string, statuses []editor.Status) error {
	var articles []*editor.Article
	for _, st := range statuses {
		for offset := 0; ; offset += exportPageSize {
			list, err := db.Search(ctx, editor.Filter{Status: st, Limit: exportPageSize, Offset: offset})
			if err != nil {
				return err
			}
			for _, s := range list {
				a, err := db.Article(ctx, s.ID)
				if errors.Is(err, editor.ErrNotFound) {
					continue // deleted since it was listed
				}
				if err != nil {
					return fmt.Errorf("article %d %q: %w", s.ID, s.Headline, err)
				}
				articles = append(articles, a)
			}
			if len(list) < exportPageSize {
				break
			}
		}
	}
	total := len(articles)
	every := exportProgressEvery()
	progress := func(done, total int) {
		if total >= every && (done%every == 0 || done == total) {
			fmt.Fprintf(e.stderr, "exported %d/%d\n", done, total)
		}
	}
	site.Progress = progress
	rep, err := export.WriteSite(ctx, dir, articles, site)
	if err != nil {
		return fmt.Errorf("site %s: %w (files already written were kept)", dir, err)
	}
	abs, _ := filepath.Abs(dir)
	if abs == "" {
		abs = dir
	}
	_, err = fmt.Fprintf(e.stdout, "%d articles: %d files written, %d unchanged, %d removed in %s\n", total, rep.Written, rep.Unchanged, rep.Removed, abs)
	return err
}
