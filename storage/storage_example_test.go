package storage_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"copydesk/editor"
	"copydesk/editor/review"
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

// ExampleOpen opens a library the way the window does: reads at once, the
// integrity check and the day's backup behind them, saves held until the
// check has passed, and what the background work found on a channel.
func ExampleOpen() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "copydesk-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "library.db")

	db, err := storage.Open(ctx, path,
		storage.WithStartupCheck(storage.CheckInBackground),
		storage.WithDailyBackup(),
		// Approval counts findings itself; here, a "TK" left in the body.
		storage.WithErrorFindings(func(a *editor.Article, s editor.Settings, unresolvedNotes int) int {
			return strings.Count(a.Body, "TK")
		}))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	for err := range db.BackgroundErrors() {
		fmt.Println("background:", err) // storage.ErrDamaged or storage.ErrBackupFailed
	}
	a := &editor.Article{Headline: "Council votes", Byline: []string{"Lisa Johnson"}, Body: "The vote was TK to TK.", Status: editor.StatusEditing}
	if err := db.Save(ctx, a); err != nil {
		log.Fatal(err)
	}
	_, err = db.MoveStatus(ctx, a.ID, editor.StatusApproved, review.MoveRequest{})
	fmt.Println(errors.Is(err, review.ErrOpenFindings))
	backups, _ := storage.Backups(path)
	fmt.Println(len(backups))
	// Output:
	// true
	// 1
}
