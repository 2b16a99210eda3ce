package main

import (
	"context"
	"fmt"
)

func init() {
	register(&command{
		name: "restore", args: "REF REV", minArgs: 2, maxArgs: 2,
		summary: "make an old revision current again, saved as a new revision (history is kept)",
		setup:   noFlags(runRestore),
	})
}

func runRestore(ctx context.Context, e *env, args []string) error {
	n, err := parseRevision(args[1])
	if err != nil {
		return err
	}
	db, a, err := e.openArticle(ctx, args[0])
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := loadRevision(ctx, db, a, n); err != nil {
		return err
	}
	restored, err := db.Restore(ctx, a.ID, n)
	if err != nil {
		return err
	}
	revs, err := db.Revisions(ctx, a.ID)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "%s: restored revision %d as revision %d\n", restored.Slug, n, revs[len(revs)-1].Number)
	return err
}
