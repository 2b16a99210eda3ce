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
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			db, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			a, err := resolveArticle(ctx, db, args[0])
			if err != nil {
				return err
			}
			if err := db.Trash(ctx, a.ID); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "moved %d %q to the trash\n", a.ID, a.Headline)
			return nil
		},
	})
	register(&command{
		name: "duplicate", args: "REF", minArgs: 1, maxArgs: 1,
		summary: "save a copy of an article as a new draft; prints its id, uid and slug",
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			db, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			a, err := resolveArticle(ctx, db, args[0])
			if err != nil {
				return err
			}
			c, err := db.Duplicate(ctx, a.ID)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "%d\t%s\t%s\n", c.ID, c.UID, c.Slug)
			return nil
		},
	})
	register(&command{
		name: "trash", args: "[list | restore ENTRY | empty]", minArgs: 0, maxArgs: 2,
		summary: "list the trash, restore an article from it, or empty it",
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			db, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			verb := "list"
			if len(args) > 0 {
				verb = args[0]
			}
			switch {
			case verb == "list" && len(args) <= 1:
				items, err := db.TrashList(ctx)
				if err != nil {
					return err
				}
				for _, it := range items {
					fmt.Fprintf(e.stdout, "%d\t%s\t%s\t%s\n", it.ID, it.Trashed.Local().Format(time.RFC3339), it.UID, it.Headline)
				}
				return nil
			case verb == "restore" && len(args) == 2:
				id, err := strconv.ParseInt(args[1], 10, 64)
				if err != nil {
					return usageError{fmt.Sprintf("trash restore: %q is not a trash entry number (see 'copydesk trash list')", args[1])}
				}
				a, err := db.RestoreFromTrash(ctx, id)
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "%d\t%s\t%s\n", a.ID, a.UID, a.Slug)
				return nil
			case verb == "empty" && len(args) == 1:
				n, err := db.EmptyTrash(ctx)
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "deleted %d for good\n", n)
				return nil
			}
			return usageError{"usage: copydesk trash [list | restore ENTRY | empty]"}
		},
	})
}
