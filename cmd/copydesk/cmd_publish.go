package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"path/filepath"
	"strings"

	"copydesk/editor"
	"copydesk/sitegit"
)

func init() {
	register(&command{
		name: "publish", args: "", minArgs: 0, maxArgs: 0,
		summary: "export the site into a working copy of the site's Git repository, commit the changed files and push them",
		setup: func(fs *flag.FlagSet) runFunc {
			var remote string
			var full bool
			fs.StringVar(&remote, "remote", "", "the site repository's `URL`, remembered in Settings for the next publish")
			fs.BoolVar(&full, "full", false, "render every page even if the library remembers it unchanged")
			return func(ctx context.Context, e *env, args []string) error {
				return runPublish(ctx, e, strings.TrimSpace(remote), full)
			}
		},
	})
}

// runPublish exports the site into the working copy of the site
// repository, commits what changed and pushes it.
func runPublish(ctx context.Context, e *env, remote string, full bool) error {
	db, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	settings, err := db.Settings(ctx)
	if err != nil {
		return err
	}
	if remote != "" && remote != settings.SiteRemote {
		settings.SiteRemote = remote
		if err := db.SaveSettings(ctx, settings); err != nil {
			return err
		}
	}
	if settings.SiteRemote == "" {
		return usagef("no site repository: give --remote URL once (it is kept in Settings)")
	}
	dir, repo, err := siteWorkingCopy(ctx, db.Path(), settings.SiteRemote)
	if err != nil {
		return err
	}
	return publishSite(ctx, e, db, dir, repo, []editor.Status{editor.StatusPublished, editor.StatusKilled}, full, "origin")
}

// siteWorkingCopy opens, cloning it the first time, the working copy of
// the site repository remote that belongs to the library at libPath: one
// per library and remote, beside the library, so the next publish only
// fetches and writes what changed. It is brought up to date first.
func siteWorkingCopy(ctx context.Context, libPath, remote string) (string, *sitegit.Repo, error) {
	sum := sha256.Sum256([]byte(remote))
	dir := filepath.Join(filepath.Dir(libPath), "site-"+hex.EncodeToString(sum[:6]))
	repo, err := sitegit.Clone(ctx, remote, dir)
	if err != nil {
		return "", nil, err
	}
	if err := repo.Pull(ctx, "origin"); err != nil {
		return "", nil, err
	}
	return dir, repo, nil
}
