package main

import (
	"context"
	"fmt"

	"copydesk/storage"
)

func init() {
	register(&command{
		name: "verify", maxArgs: 0,
		summary: "check the library (integrity, foreign keys, search index); exit 1 on any problem",
		setup:   noFlags(runVerify),
	})
}

// runVerify reads the library without opening it for writing, so it can
// look at a damaged file.
func runVerify(ctx context.Context, e *env, args []string) error {
	path, err := e.existingLibrary()
	if err != nil {
		return err
	}
	rep, err := storage.Verify(ctx, path)
	if err != nil {
		return err
	}
	rep.WriteTo(e.stdout)
	if rep.OK() {
		return nil
	}
	hint := "no backups found"
	if b, _ := storage.Backups(path); len(b) > 0 {
		hint = "newest backup: " + b[0]
	}
	return fmt.Errorf("the library has problems; restore a backup with 'copydesk recover FILE' (%s)", hint)
}
