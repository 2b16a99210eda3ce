package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"copydesk/editor"
	"copydesk/editor/review"
)

func init() {
	register(&command{
		name: "history", args: "REF", minArgs: 1, maxArgs: 1,
		summary: "list an article's revisions with who saved them and what changed",
		setup: func(fs *flag.FlagSet) runFunc {
			asJSON := fs.Bool("json", false, "print a JSON array of revisions")
			return func(ctx context.Context, e *env, args []string) error { return runHistory(ctx, e, args[0], *asJSON) }
		},
	})
}

type jsonRevision struct {
	Revision int           `json:"revision"`
	Time     time.Time     `json:"time"`
	Author   string        `json:"author"`
	Status   editor.Status `json:"status"`
	Words    int           `json:"words"`
	Headline string        `json:"headline"`
	Summary  string        `json:"summary"` // one line: what changed from the revision before
}

// runHistory lists REF's revisions; open conflicts are pointed out on
// stderr, so they show even when stdout goes to a script.
func runHistory(ctx context.Context, e *env, ref string, asJSON bool) error {
	db, a, err := e.openArticle(ctx, ref)
	if err != nil {
		return err
	}
	defer db.Close()
	revs, err := db.Revisions(ctx, a.ID)
	if err != nil {
		return err
	}
	out := make([]jsonRevision, len(revs))
	var prev *editor.Article
	for i, r := range revs {
		cur, err := db.RevisionArticle(ctx, a.ID, r.Number)
		if err != nil {
			return err
		}
		out[i] = jsonRevision{Revision: r.Number, Time: r.Time, Author: r.Author, Status: r.Status, Words: r.Words,
			Headline: r.Headline, Summary: review.ChangeSummary(prev, cur)}
		prev = cur
	}
	cs, err := db.Conflicts(ctx, a.ID)
	if err != nil {
		return err
	}
	for _, c := range cs {
		fmt.Fprintln(e.stderr, conflictNotice(a.Slug, c))
	}
	if asJSON {
		return writeJSON(e.stdout, out)
	}
	s, err := db.Settings(ctx)
	if err != nil {
		return err
	}
	loc := s.Location()
	for _, r := range out {
		if _, err := fmt.Fprintf(e.stdout, "%3d  %s  %-16s  %-9s  %5d words  %s\n", r.Revision,
			r.Time.In(loc).Format("2006-01-02 15:04"), nameOr(r.Author), r.Status, r.Words, r.Summary); err != nil {
			return err
		}
	}
	return nil
}
