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
		summary: "list an article's conflicts, settle one field or paragraph (--field F --take mine|theirs, or --value TEXT), or --resolve them all",
		setup: func(fs *flag.FlagSet) runFunc {
			resolve := fs.Bool("resolve", false, "mark the article's conflicts as dealt with")
			asJSON := fs.Bool("json", false, "print a JSON array of conflicts")
			settle := &settleFlags{}
			settle.declare(fs)
			return func(ctx context.Context, e *env, args []string) error {
				settling, err := settle.active(fs)
				if err != nil {
					return err
				}
				return runConflicts(ctx, e, args[0], *resolve, *asJSON, settle, settling)
			}
		},
	})
}

func runConflicts(ctx context.Context, e *env, ref string, resolve, asJSON bool, settle *settleFlags, settling bool) error {
	db, a, err := e.openArticle(ctx, ref)
	if err != nil {
		return err
	}
	defer db.Close()
	cs, err := db.Conflicts(ctx, a.ID)
	if err != nil {
		return err
	}
	if settling {
		return settle.settle(ctx, e, db, a, cs)
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
	return writeConflicts(e.stdout, a, cs)
}
