package main

import (
	"context"
	"fmt"

	"copydesk/storage"
)

func init() {
	register(&command{
		name: "recover", args: "FILE", minArgs: 1, maxArgs: 1,
		summary: "replace the library with the backup FILE after verifying it; the current file is kept aside",
		setup:   noFlags(runRecover),
	})
}

// runRecover never opens the library: it may be the damaged file being
// replaced.
func runRecover(ctx context.Context, e *env, args []string) error {
	path, err := e.libraryPath()
	if err != nil {
		return err
	}
	aside, err := storage.Recover(ctx, path, args[0])
	if err != nil {
		return err
	}
	rep, err := storage.Verify(ctx, path)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "restored %s from %s (%d articles)\n", path, args[0], rep.Articles)
	if aside != "" {
		fmt.Fprintf(e.stdout, "the previous library was kept as %s\n", aside)
	}
	return nil
}
