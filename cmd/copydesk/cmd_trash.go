package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"time"
)

func init() {
	register(&command{
		name: "delete", args: "REF", minArgs: 1, maxArgs: 1,
		summary: "move an article to the trash (restore it with 'trash restore')",
		setup: func(*flag.FlagSet) runFunc {
			return func(ctx context.Context, e *env, args []string) error { return runDelete(ctx, e, args[0]) }
		},
	})
	register(&command{
		name: "duplicate", args: "REF", minArgs: 1, maxArgs: 1,
		summary: "save a copy of an article as a new draft; prints its id, uid and slug",
		setup: func(*flag.FlagSet) runFunc {
			return func(ctx context.Context, e *env, args []string) error { return runDuplicate(ctx, e, args[0]) }
		},
	})
	register(&command{
		name: "trash", args: "[list | restore ENTRY | empty]", minArgs: 0, maxArgs: 2,
		summary: "list the trash, restore an article from it, or empty it",
		setup:   func(*flag.FlagSet) runFunc { return runTrash },
	})
}

func runDelete(ctx context.Context, e *env, ref string) error {
	db, a, err := e.openArticle(ctx, ref)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Trash(ctx, a.ID); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "moved %d %q to the trash\n", a.ID, a.Headline)
	return nil
}

func runDuplicate(ctx context.Context, e *env, ref string) error {
	db, a, err := e.openArticle(ctx, ref)
	if err != nil {
		return err
	}
	defer db.Close()
	c, err := db.Duplicate(ctx, a.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d\t%s\t%s\n", c.ID, c.UID, c.Slug)
	return nil
}

func runTrash(ctx context.Context, e *env, args []string) error {
	verb := "list"
	if len(args) > 0 {
		verb = args[0]
	}
	var entry int64
	switch {
	case verb == "list" && len(args) <= 1, verb == "empty" && len(args) == 1:
	case verb == "restore" && len(args) == 2:
		n, err := strconv.ParseInt(args[1], 10, 64)
		if err != nil {
			return usagef("trash restore: %q is not a trash entry number (see 'copydesk trash list')", args[1])
		}
		entry = n
	default:
		return usagef("usage: copydesk trash [list | restore ENTRY | empty]")
	}
	db, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	switch verb {
	case "restore":
		a, err := db.RestoreFromTrash(ctx, entry)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%d\t%s\t%s\n", a.ID, a.UID, a.Slug)
	case "empty":
		n, err := db.EmptyTrash(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "deleted %d for good\n", n)
	default:
		items, err := db.TrashList(ctx)
		if err != nil {
			return err
		}
		for _, it := range items {
			fmt.Fprintf(e.stdout, "%d\t%s\t%s\t%s\n", it.ID, it.Trashed.Local().Format(time.RFC3339), it.UID, it.Headline)
		}
	}
	return nil
}
