package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"copydesk/editor/review"
)

func init() {
	register(&command{
		name: "note", args: "REF TEXT", minArgs: 2, maxArgs: 2,
		summary: "leave a note on an article, optionally on a passage of its body; prints the note id",
		setup: func(fs *flag.FlagSet) runFunc {
			anchor := fs.String("anchor", "", "the `PASSAGE` of the body the note is about (exact text)")
			return func(ctx context.Context, e *env, args []string) error {
				return runNote(ctx, e, args[0], args[1], *anchor)
			}
		},
	})
}

func runNote(ctx context.Context, e *env, ref, text, anchor string) error {
	db, a, err := e.openArticle(ctx, ref)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := db.AddNote(ctx, a.ID, text, anchor)
	if errors.Is(err, review.ErrPassageNotFound) {
		return fmt.Errorf("the passage %q is not in the body of %s", anchor, a.Slug)
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "%d\n", n.ID)
	return err
}
