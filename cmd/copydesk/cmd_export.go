package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"copydesk/editor"
	"copydesk/editor/export"
	"copydesk/sitegit"
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
			fs.BoolVar(&o.full, "full", false, "with --site, render every page even if the library remembers it unchanged (after editing the folder by hand)")
			return func(ctx context.Context, e *env, args []string) error { return runExport(ctx, e, args, o) }
		},
	})
}

type exportOptions struct {
	format, out string
	siteDir     string
	statuses    string // comma-separated, as typed
	full        bool
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
		// A killed article leaves a tombstone (or nothing) where it was;
		// the site writer needs it to do that.
		if slices.Contains(statuses, editor.StatusPublished) && !slices.Contains(statuses, editor.StatusKilled) {
			statuses = append(statuses, editor.StatusKilled)
		}
		write = func(ctx context.Context, e *env, db *storage.DB, _ export.Site) error {
			return exportSite(ctx, e, db, o.siteDir, statuses, o.full)
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
		if notice := editor.EmbargoNotice(a, site.Settings, site.Now); notice != "" {
			fmt.Fprintf(e.stderr, "%s: %s; do not publish it before then\n", a.Slug, notice)
		}
		if out == "-" {
			return f.Encode(e.stdout, a, site)
		}
		path, err := export.WriteArticle(ctx, out, f, a, site)
		if err != nil {
			return fmt.Errorf("article %d %q: %w", a.ID, editor.OneLine(a.Headline), err)
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

// exportSite writes the static site of the articles with statuses into
// dir. The library remembers what it wrote there, so a later export
// renders only what changed: it lists articles without their bodies and
// reads a whole article only for a page it must render. When dir is in a
// Git working copy, the changed files are committed and pushed.
func exportSite(ctx context.Context, e *env, db *storage.DB, dir string, statuses []editor.Status, full bool) error {
	repo, err := sitegit.Open(dir)
	if errors.Is(err, sitegit.ErrNotRepository) {
		repo = nil
	} else if err != nil {
		return err
	}
	return publishSite(ctx, e, db, dir, repo, statuses, full, "")
}

// siteResult is what writeSite did: the export, and the commit and push
// when the site folder is a Git working copy.
type siteResult struct {
	export.Report
	Commit string // "" when nothing was committed
	Pushed bool
}

// writeSite exports the site into dir and, with repo, commits what
// changed (naming the articles) and pushes it to remote. The CLI and the
// window's export dialog both publish through it.
func writeSite(ctx context.Context, db *storage.DB, dir string, repo *sitegit.Repo, statuses []editor.Status, full bool, remote string, progress func(done, total int)) (siteResult, error) {
	var res siteResult
	settings, err := db.Settings(ctx)
	if err != nil {
		return res, err
	}
	articles, err := db.SiteArticles(ctx, statuses)
	if err != nil {
		return res, err
	}
	site := export.Site{Settings: settings, Now: time.Now(), Images: db, Progress: progress,
		Memory: db, Full: full, Load: db.Article}
	res.Report, err = export.WriteSite(ctx, dir, articles, site)
	if err != nil {
		return res, fmt.Errorf("site %s: %w (files already written were kept)", dir, err)
	}
	if repo == nil {
		return res, nil
	}
	by := sitegit.Author{Name: settings.PersonName}
	if by.Name == "" {
		by.Name = "Copydesk"
	}
	res.Commit, err = repo.Commit(res.WrittenFiles, res.RemovedFiles, siteCommitMessage(res.Report, articles), by, time.Now())
	if err != nil {
		return res, fmt.Errorf("site %s: %w (the files are written; commit them by hand or export again)", dir, err)
	}
	res.Pushed, err = repo.Push(ctx, remote)
	if err != nil {
		return res, fmt.Errorf("site %s: committed but not pushed: %w", dir, err)
	}
	return res, nil
}

// publishSite is writeSite for the command line: progress on stderr,
// what was written, committed and pushed on stdout.
func publishSite(ctx context.Context, e *env, db *storage.DB, dir string, repo *sitegit.Repo, statuses []editor.Status, full bool, remote string) error {
	every := exportProgressEvery()
	progress := func(done, total int) {
		if total >= every && (done%every == 0 || done == total) {
			fmt.Fprintf(e.stderr, "exported %d/%d\n", done, total)
		}
	}
	res, err := writeSite(ctx, db, dir, repo, statuses, full, remote, progress)
	if res.Articles > 0 || err == nil {
		abs, _ := filepath.Abs(dir)
		if abs == "" {
			abs = dir
		}
		if _, werr := fmt.Fprintf(e.stdout, "%d articles: %d files written, %d unchanged, %d removed in %s\n", res.Articles, res.Written, res.Unchanged, res.Removed, abs); werr != nil && err == nil {
			err = werr
		}
	}
	if repo != nil && res.Commit == "" && err == nil {
		fmt.Fprintln(e.stdout, "nothing new to commit")
	} else if res.Commit != "" {
		fmt.Fprintf(e.stdout, "committed %.12s\n", res.Commit)
	}
	if res.Pushed {
		fmt.Fprintln(e.stdout, "pushed")
	}
	return err
}

// siteCommitMessage names the articles whose pages changed, so the site
// repository's history reads like the desk's log.
func siteCommitMessage(rep export.Report, articles []*editor.Article) string {
	byID := map[int64]*editor.Article{}
	for _, a := range articles {
		byID[a.ID] = a
	}
	var names, lines []string
	for _, id := range rep.ChangedArticles {
		a, ok := byID[id]
		if !ok {
			lines = append(lines, fmt.Sprintf("- article %d removed from the site", id))
			continue
		}
		h := editor.OneLine(a.Headline)
		names = append(names, h)
		lines = append(lines, fmt.Sprintf("- %s (%s, %s)", h, a.Status, a.UID))
	}
	var subject string
	switch {
	case len(rep.ChangedArticles) == 0:
		subject = "Update site pages"
	case len(names) == 1 && len(rep.ChangedArticles) == 1:
		subject = "Publish " + names[0]
	default:
		subject = fmt.Sprintf("Publish %d articles", len(rep.ChangedArticles))
		if len(names) > 0 {
			subject += ": " + strings.Join(names[:min(3, len(names))], "; ")
			if len(names) > 3 {
				subject += "; …"
			}
		}
	}
	msg := subject + "\n"
	if len(lines) > 0 {
		msg += "\n" + strings.Join(lines, "\n") + "\n"
	}
	return msg
}
