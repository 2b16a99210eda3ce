package main

import (
	"context"
	"fmt"
)

func init() {
	register(&command{
		name: "version", summary: "print the version", maxArgs: 0,
		setup: noFlags(runVersion),
	})
}

func runVersion(ctx context.Context, e *env, args []string) error {
	_, err := fmt.Fprintf(e.stdout, "copydesk %s\n", Version)
	return err
}
