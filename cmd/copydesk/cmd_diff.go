package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"copydesk/editor/review"
)

func init() {
	register(&command{
		name: "diff", args: "REF REV-A REV-B", minArgs: 3, maxArgs: 3,
		summary: "show what changed between two revisions, word by word ([-deleted-] {+inserted+})",
		setup:   noFlags(runDiff),
	})
}

func runDiff(ctx context.Context, e *env, args []string) error {
	ra, errA := parseRevision(args[1])
	rb, errB := parseRevision(args[2])
	if err := errors.Join(errA, errB); err != nil {
		return err
	}
	db, a, err := e.openArticle(ctx, args[0])
	if err != nil {
		return err
	}
	defer db.Close()
	old, err := loadRevision(ctx, db, a, ra)
	if err != nil {
		return err
	}
	cur, err := loadRevision(ctx, db, a, rb)
	if err != nil {
		return err
	}
	return writeDiff(e.stdout, review.Articles(old, cur))
}

// writeDiff prints each changed field under a header, its text with
// git's word-diff markers.
func writeDiff(w io.Writer, fds []review.FieldDiff) error {
	if len(fds) == 0 {
		_, err := fmt.Fprintln(w, "no differences")
		return err
	}
	for i, fd := range fds {
		if i > 0 {
			fmt.Fprintln(w)
		}
		text := review.Inline(fd.Segments)
		if !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		if _, err := fmt.Fprintf(w, "== %s\n%s", fd.Field, text); err != nil {
			return err
		}
	}
	return nil
}
