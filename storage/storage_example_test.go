package storage_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"copydesk/editor"
	"copydesk/storage"
)

func Example() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "copydesk-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	db, err := storage.Open(ctx, filepath.Join(dir, "library.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	a := &editor.Article{Headline: "Café opens on College Avenue", Byline: []string{"Lisa Johnson"},
		Section: "Local", Body: "The owners said the espresso machine came from Zürich.", Status: editor.StatusDraft}
	if err := db.Save(ctx, a); err != nil {
		log.Fatal(err)
	}
	fmt.Println(a.ID, a.Slug, a.Version)

	// A second editor saves from the same starting version: the first save
	// wins and the late one is told, instead of overwriting it.
	late := a.Clone()
	a.Status = editor.StatusFiled
	if err := db.Save(ctx, a); err != nil {
		log.Fatal(err)
	}
	late.Headline = "Cafe opens"
	fmt.Println(errors.Is(db.Save(ctx, late), editor.ErrConflict))

	// Typed text never fails: quotes and operators are just separators,
	// accents are ignored, and the last word is a prefix.
	found, err := db.Search(ctx, editor.Filter{Query: `"cafe zur`, Status: editor.StatusFiled})
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range found {
		fmt.Println(s.Slug, s.Status, s.Words)
	}
	// Output:
	// 1 cafe-opens-on-college-avenue 1
	// true
	// cafe-opens-on-college-avenue filed 9
}
