package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"copydesk/editor"
	"copydesk/editor/review"
)

func init() {
	var note, override string
	register(&command{
		name: "status", args: "REF STATUS", minArgs: 2, maxArgs: 2,
		summary: "move an article through the workflow (draft, filed, editing, approved, published, spiked)",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&note, "note", "", "`TEXT` saying why: required for editing → draft and as the correction when republishing")
			fs.StringVar(&override, "override", "", "`REASON` for approving despite error-level check findings")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			to, err := editor.ParseStatus(args[1])
			if err != nil {
				return usagef("%v", err)
			}
			db, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			a, err := resolveArticle(ctx, db, args[0])
			if err != nil {
				return err
			}
			moved, err := db.MoveStatus(ctx, a.ID, to, review.MoveRequest{Note: note, Override: override})
			var refused *review.MoveError
			if errors.As(err, &refused) {
				return refused // the rule's own sentence is the whole message
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "%s: %s → %s\n", moved.Slug, a.Status, moved.Status)
			if n := len(moved.Corrections); n > len(a.Corrections) {
				fmt.Fprintf(e.stdout, "correction added: %s\n", moved.Corrections[n-1].Text)
			}
			return nil
		},
	})
}
