package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"copydesk/editor/review"
)

func init() {
	register(&command{
		name: "notes", args: "REF", minArgs: 1, maxArgs: 1,
		summary: "list an article's notes, oldest first",
		setup: func(fs *flag.FlagSet) runFunc {
			asJSON := fs.Bool("json", false, "print a JSON array of notes")
			return func(ctx context.Context, e *env, args []string) error { return runNotes(ctx, e, args[0], *asJSON) }
		},
	})
}

func runNotes(ctx context.Context, e *env, ref string, asJSON bool) error {
	db, a, err := e.openArticle(ctx, ref)
	if err != nil {
		return err
	}
	defer db.Close()
	notes, err := db.Notes(ctx, a.ID)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(e.stdout, jsonNotes(notes))
	}
	s, err := db.Settings(ctx)
	if err != nil {
		return err
	}
	return writeNotes(e.stdout, notes, s.Location())
}

// jsonNote is the notes --json shape: the anchor as its passage text, so
// scripts need not know the anchor structure.
type jsonNote struct {
	ID       int64     `json:"id"`
	Text     string    `json:"text"`
	Anchor   string    `json:"anchor"`
	Start    int       `json:"start"` // rune offset of the passage in the body
	Deleted  bool      `json:"deleted"`
	Author   string    `json:"author"`
	Time     time.Time `json:"time"`
	Resolved bool      `json:"resolved"`
}

func jsonNotes(notes []review.Note) []jsonNote {
	out := make([]jsonNote, len(notes))
	for i, n := range notes {
		out[i] = jsonNote{ID: n.ID, Text: n.Text, Anchor: n.Anchor.Text, Start: n.Anchor.Start, Deleted: n.Anchor.Deleted,
			Author: n.Author, Time: n.Time, Resolved: n.Resolved}
	}
	return out
}

func writeNotes(w io.Writer, notes []review.Note, loc *time.Location) error {
	if len(notes) == 0 {
		_, err := fmt.Fprintln(w, "no notes")
		return err
	}
	for _, n := range notes {
		state := "open"
		if n.Resolved {
			state = "resolved"
		}
		fmt.Fprintf(w, "#%d  %s  %s  %s\n", n.ID, state, nameOr(n.Author), n.Time.In(loc).Format("2006-01-02 15:04"))
		switch {
		case n.Anchor.Deleted:
			fmt.Fprintf(w, "    on %q (passage deleted)\n", n.Anchor.Text)
		case n.Anchor.Text != "":
			fmt.Fprintf(w, "    on %q\n", n.Anchor.Text)
		}
		if _, err := fmt.Fprintf(w, "    %s\n", strings.ReplaceAll(n.Text, "\n", "\n    ")); err != nil {
			return err
		}
	}
	return nil
}
