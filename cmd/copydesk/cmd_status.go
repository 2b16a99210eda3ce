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
	register(&command{
		name: "status", args: "REF STATUS", minArgs: 2, maxArgs: 2,
		summary: "move an article through the workflow (draft, filed, editing, approved, published, spiked)",
		setup: func(fs *flag.FlagSet) runFunc {
			var req review.MoveRequest
			fs.StringVar(&req.Note, "note", "", "`TEXT` saying why: required for editing → draft and as the correction when republishing")
			fs.StringVar(&req.Override, "override", "", "`REASON` for approving despite error-level check findings")
			return func(ctx context.Context, e *env, args []string) error {
				return runStatus(ctx, e, args[0], args[1], req)
			}
		},
	})
}

// runStatus moves REF to STATUS. The library counts the check findings
// an approval must answer for itself (storage.WithErrorFindings).
func runStatus(ctx context.Context, e *env, ref, status string, req review.MoveRequest) error {
	to, err := editor.ParseStatus(status)
	if err != nil {
		return usagef("%v", err)
	}
	db, a, err := e.openArticle(ctx, ref)
	if err != nil {
		return err
	}
	defer db.Close()
	moved, err := db.MoveStatus(ctx, a.ID, to, req)
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
}
