package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"

	"copydesk/editor/review"
)

func init() {
	register(&command{
		name: "resolve", args: "NOTE-ID", minArgs: 1, maxArgs: 1,
		summary: "mark a note resolved (or --reopen it)",
		setup: func(fs *flag.FlagSet) runFunc {
			reopen := fs.Bool("reopen", false, "reopen a resolved note")
			return func(ctx context.Context, e *env, args []string) error { return runResolve(ctx, e, args[0], *reopen) }
		},
	})
}

func runResolve(ctx context.Context, e *env, noteID string, reopen bool) error {
	id, err := strconv.ParseInt(noteID, 10, 64)
	if err != nil || id <= 0 {
		return usagef("NOTE-ID must be a note number, as printed by 'copydesk notes'")
	}
	db, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := db.SetNoteResolved(ctx, id, !reopen)
	if errors.Is(err, review.ErrNoteNotFound) {
		return fmt.Errorf("no note %d", id)
	}
	if err != nil {
		return err
	}
	state := "resolved"
	if !n.Resolved {
		state = "reopened"
	}
	_, err = fmt.Fprintf(e.stdout, "note %d %s\n", n.ID, state)
	return err
}
