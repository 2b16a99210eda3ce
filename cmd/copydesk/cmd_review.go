package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"copydesk/app"
	"copydesk/editor"
	"copydesk/editor/review"
	"copydesk/storage"
)

// The review widgets see the library only through these interfaces; the
// build fails here, where both sides are known, if the library drifts.
var (
	_ app.RevisionStore = (*storage.DB)(nil)
	_ app.NoteStore     = (*storage.DB)(nil)
	_ app.AuditStore    = (*storage.DB)(nil)
	_ app.ConflictStore = (*storage.DB)(nil)
	_ app.StatusMover   = (*storage.DB)(nil)
)

func init() {
	var anchor string
	register(&command{
		name: "note", args: "REF TEXT", minArgs: 2, maxArgs: 2,
		summary: "leave a note on an article, optionally on a passage of its body; prints the note id",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&anchor, "anchor", "", "the `PASSAGE` of the body the note is about (exact text)")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			return withArticle(ctx, e, args[0], func(db *storage.DB, a *editor.Article) error {
				n, err := db.AddNote(ctx, a.ID, args[1], anchor)
				if errors.Is(err, review.ErrPassageNotFound) {
					return fmt.Errorf("the passage %q is not in the body of %s", anchor, a.Slug)
				}
				if err != nil {
					return err
				}
				_, err = fmt.Fprintf(e.stdout, "%d\n", n.ID)
				return err
			})
		},
	})

	var notesJSON bool
	register(&command{
		name: "notes", args: "REF", minArgs: 1, maxArgs: 1,
		summary: "list an article's notes, oldest first",
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&notesJSON, "json", false, "print a JSON array of notes")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			return withArticle(ctx, e, args[0], func(db *storage.DB, a *editor.Article) error {
				notes, err := db.Notes(ctx, a.ID)
				if err != nil {
					return err
				}
				if notesJSON {
					return writeJSON(e.stdout, jsonNotes(notes))
				}
				s, err := db.Settings(ctx)
				if err != nil {
					return err
				}
				return writeNotes(e.stdout, notes, s.Location())
			})
		},
	})

	var reopen bool
	register(&command{
		name: "resolve", args: "NOTE-ID", minArgs: 1, maxArgs: 1,
		summary: "mark a note resolved (or --reopen it)",
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&reopen, "reopen", false, "reopen a resolved note")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			id, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil || id <= 0 {
				return usagef("NOTE-ID must be a note number, as printed by 'copydesk notes'")
			}
			db, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			n, err := db.SetNoteResolved(ctx, id, !reopen)
			if errors.Is(err, review.ErrNoteNotFound) {
				return fmt.Errorf("no note %d", id)
			}
			if err != nil {
				return err
			}
			state := "resolved"
			if !n.Resolved {
				state = "reopened"
			}
			_, err = fmt.Fprintf(e.stdout, "note %d %s\n", n.ID, state)
			return err
		},
	})

	var historyJSON bool
	register(&command{
		name: "history", args: "REF", minArgs: 1, maxArgs: 1,
		summary: "list an article's revisions with who saved them and what changed",
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&historyJSON, "json", false, "print a JSON array of revisions")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			return withArticle(ctx, e, args[0], func(db *storage.DB, a *editor.Article) error {
				return runHistory(ctx, e, db, a, historyJSON)
			})
		},
	})

	register(&command{
		name: "diff", args: "REF REV-A REV-B", minArgs: 3, maxArgs: 3,
		summary: "show what changed between two revisions, word by word ([-deleted-] {+inserted+})",
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			ra, errA := parseRevision(args[1])
			rb, errB := parseRevision(args[2])
			if err := errors.Join(errA, errB); err != nil {
				return err
			}
			return withArticle(ctx, e, args[0], func(db *storage.DB, a *editor.Article) error {
				old, err := loadRevision(ctx, db, a, ra)
				if err != nil {
					return err
				}
				cur, err := loadRevision(ctx, db, a, rb)
				if err != nil {
					return err
				}
				return writeDiff(e.stdout, review.Articles(old, cur))
			})
		},
	})

	register(&command{
		name: "restore", args: "REF REV", minArgs: 2, maxArgs: 2,
		summary: "make an old revision current again, saved as a new revision (history is kept)",
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			n, err := parseRevision(args[1])
			if err != nil {
				return err
			}
			return withArticle(ctx, e, args[0], func(db *storage.DB, a *editor.Article) error {
				if _, err := loadRevision(ctx, db, a, n); err != nil {
					return err
				}
				restored, err := db.Restore(ctx, a.ID, n)
				if err != nil {
					return err
				}
				revs, err := db.Revisions(ctx, a.ID)
				if err != nil {
					return err
				}
				_, err = fmt.Fprintf(e.stdout, "%s: restored revision %d as revision %d\n", restored.Slug, n, revs[len(revs)-1].Number)
				return err
			})
		},
	})
}

func init() {
	var resolve, asJSON bool
	var settle settleFlags
	register(&command{
		name: "conflicts", args: "REF", minArgs: 1, maxArgs: 1,
		summary: "list an article's conflicts, settle one field or paragraph (--field F --take mine|theirs, or --value TEXT), or --resolve them all",
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&resolve, "resolve", false, "mark the article's conflicts as dealt with")
			fs.BoolVar(&asJSON, "json", false, "print a JSON array of conflicts")
			settle.declare(fs)
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			settling, err := settle.active(fs)
			if err != nil {
				return err
			}
			return withArticle(ctx, e, args[0], func(db *storage.DB, a *editor.Article) error {
				cs, err := db.Conflicts(ctx, a.ID)
				if err != nil {
					return err
				}
				if settling {
					return settle.settle(ctx, e, db, a, cs)
				}
				if resolve {
					if err := db.ResolveConflicts(ctx, a.ID); err != nil {
						return err
					}
					_, err := fmt.Fprintf(e.stdout, "%s: %d conflict(s) resolved\n", a.Slug, len(cs))
					return err
				}
				if asJSON {
					if cs == nil {
						cs = []review.Conflict{}
					}
					return writeJSON(e.stdout, cs)
				}
				return writeConflicts(e.stdout, a, cs)
			})
		},
	})
}

// withArticle opens the library, resolves REF and runs fn.
func withArticle(ctx context.Context, e *env, ref string, fn func(db *storage.DB, a *editor.Article) error) error {
	db, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	a, err := resolveArticle(ctx, db, ref)
	if err != nil {
		return err
	}
	return fn(db, a)
}

func parseRevision(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return 0, usagef("revision %q must be a number from 'copydesk history'", s)
	}
	return n, nil
}

func loadRevision(ctx context.Context, db *storage.DB, a *editor.Article, n int) (*editor.Article, error) {
	r, err := db.RevisionArticle(ctx, a.ID, n)
	if errors.Is(err, editor.ErrNotFound) {
		return nil, fmt.Errorf("%s has no revision %d", a.Slug, n)
	}
	return r, err
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
		author := n.Author
		if author == "" {
			author = "(no name)"
		}
		fmt.Fprintf(w, "#%d  %s  %s  %s\n", n.ID, state, author, n.Time.In(loc).Format("2006-01-02 15:04"))
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

type jsonRevision struct {
	Revision int           `json:"revision"`
	Time     time.Time     `json:"time"`
	Author   string        `json:"author"`
	Status   editor.Status `json:"status"`
	Words    int           `json:"words"`
	Headline string        `json:"headline"`
	Summary  string        `json:"summary"` // one line: what changed from the revision before
}

func runHistory(ctx context.Context, e *env, db *storage.DB, a *editor.Article, asJSON bool) error {
	revs, err := db.Revisions(ctx, a.ID)
	if err != nil {
		return err
	}
	out := make([]jsonRevision, len(revs))
	var prev *editor.Article
	for i, r := range revs {
		cur, err := db.RevisionArticle(ctx, a.ID, r.Number)
		if err != nil {
			return err
		}
		out[i] = jsonRevision{Revision: r.Number, Time: r.Time, Author: r.Author, Status: r.Status, Words: r.Words,
			Headline: r.Headline, Summary: review.ChangeSummary(prev, cur)}
		prev = cur
	}
	if cs, err := db.Conflicts(ctx, a.ID); err != nil {
		return err
	} else {
		for _, c := range cs {
			fmt.Fprintln(e.stderr, conflictNotice(a.Slug, c))
		}
	}
	if asJSON {
		return writeJSON(e.stdout, out)
	}
	s, err := db.Settings(ctx)
	if err != nil {
		return err
	}
	loc := s.Location()
	for _, r := range out {
		if _, err := fmt.Fprintf(e.stdout, "%3d  %s  %-16s  %-9s  %5d words  %s\n", r.Revision,
			r.Time.In(loc).Format("2006-01-02 15:04"), nameOr(r.Author), r.Status, r.Words, r.Summary); err != nil {
			return err
		}
	}
	return nil
}

func nameOr(s string) string {
	if s == "" {
		return "(no name)"
	}
	return s
}

// writeDiff prints each changed field under a header, its text with
// git's word-diff markers.
func writeDiff(w io.Writer, fds []review.FieldDiff) error {
	if len(fds) == 0 {
		_, err := fmt.Fprintln(w, "no differences")
		return err
	}
	for i, fd := range fds {
		if i > 0 {
			fmt.Fprintln(w)
		}
		text := review.Inline(fd.Segments)
		if !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		if _, err := fmt.Fprintf(w, "== %s\n%s", fd.Field, text); err != nil {
			return err
		}
	}
	return nil
}
