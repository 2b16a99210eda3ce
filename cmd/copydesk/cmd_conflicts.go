package main

import (
	"context"
	"flag"
	"fmt"

	"copydesk/editor/review"
)

func init() {
	register(&command{
		name: "conflicts", args: "REF", minArgs: 1, maxArgs: 1,
		summary: "list bundle-import conflicts of an article (or --resolve them once you have kept or merged a version)",
		setup: func(fs *flag.FlagSet) runFunc {
			resolve := fs.Bool("resolve", false, "mark the article's conflicts as dealt with")
			asJSON := fs.Bool("json", false, "print a JSON array of conflicts")
			return func(ctx context.Context, e *env, args []string) error {
				return runConflicts(ctx, e, args[0], *resolve, *asJSON)
			}
		},
	})
}

func runConflicts(ctx context.Context, e *env, ref string, resolve, asJSON bool) error {
	db, a, err := e.openArticle(ctx, ref)
	if err != nil {
		return err
	}
	defer db.Close()
	cs, err := db.Conflicts(ctx, a.ID)
	if err != nil {
		return err
	}
	if resolve {
		if err := db.ResolveConflicts(ctx, a.ID); err != nil {
			return err
		}
		_, err := fmt.Fprintf(e.stdout, "%s: %d conflict(s) resolved\n", a.Slug, len(cs))
		return err
	}
	if asJSON {
		if cs == nil {
			cs = []review.Conflict{}
		}
		return writeJSON(e.stdout, cs)
	}
	if len(cs) == 0 {
		_, err := fmt.Fprintf(e.stdout, "%s: no conflicts\n", a.Slug)
		return err
	}
	for _, c := range cs {
		if _, err := fmt.Fprintf(e.stdout, "revision %d (this machine) and %d (filed by %s): compare with 'copydesk diff %s %d %d'\n",
			c.LocalRevision, c.IncomingRevision, nameOr(c.FiledBy), a.Slug, c.LocalRevision, c.IncomingRevision); err != nil {
			return err
		}
	}
	return nil
}
