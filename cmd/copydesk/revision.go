package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"copydesk/editor"
	"copydesk/storage"
)

// parseRevision reads a REV argument of diff and restore.
func parseRevision(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return 0, usagef("revision %q must be a number from 'copydesk history'", s)
	}
	return n, nil
}

// loadRevision is revision n of a, or an error naming both.
func loadRevision(ctx context.Context, db *storage.DB, a *editor.Article, n int) (*editor.Article, error) {
	r, err := db.RevisionArticle(ctx, a.ID, n)
	if errors.Is(err, editor.ErrNotFound) {
		return nil, fmt.Errorf("%s has no revision %d", a.Slug, n)
	}
	return r, err
}
