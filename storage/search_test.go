package storage

import (
	"context"
	"testing"

	"copydesk/editor"
)

func searchIDs(t testing.TB, d *DB, f editor.Filter) []int64 {
	t.Helper()
	res, err := d.Search(context.Background(), f)
	if err != nil {
		t.Fatalf("Search(%+v): %v", f, err)
	}
	ids := make([]int64, len(res))
	for i, s := range res {
		ids[i] = s.ID
	}
	return ids
}
