package main

import (
	"context"
	"errors"
	"fmt"

	"copydesk/app"
	"copydesk/editor"
	"copydesk/editor/export"
	"copydesk/sitegit"
	"copydesk/storage"
)

// siteExporter gives the window's export dialog the static site and
// publishing, done exactly as "export --site" and "publish" do them.
func siteExporter(db *storage.DB) app.SiteExporter {
	onSite := []editor.Status{editor.StatusPublished, editor.StatusKilled}
	return app.SiteExporter{
		Export: func(ctx context.Context, dir string, progress func(done, total int)) (export.Report, error) {
			repo, err := sitegit.Open(dir)
			if errors.Is(err, sitegit.ErrNotRepository) {
				repo = nil
			} else if err != nil {
				return export.Report{}, err
			}
			res, err := writeSite(ctx, db, dir, repo, onSite, false, "", progress)
			return res.Report, err
		},
		Publish: func(ctx context.Context, progress func(done, total int)) (string, export.Report, error) {
			s, err := db.Settings(ctx)
			if err != nil {
				return "", export.Report{}, err
			}
			if s.SiteRemote == "" {
				return "", export.Report{}, fmt.Errorf("no site repository is set: run 'copydesk publish --remote URL' once")
			}
			dir, repo, err := siteWorkingCopy(ctx, db.Path(), s.SiteRemote)
			if err != nil {
				return "", export.Report{}, err
			}
			res, err := writeSite(ctx, db, dir, repo, onSite, false, "origin", progress)
			return dir, res.Report, err
		},
	}
}
