package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"copydesk/app"
	"copydesk/editor"
	"copydesk/editor/check"
	"copydesk/storage"
)

// jsonFinding is a check finding as check --json prints it: the finding's
// own fields plus which article it is about and the flagged text, so a
// script checking several articles gets one flat list.
type jsonFinding struct {
	Article string `json:"article"` // slug
	check.Finding
	Text string `json:"text"` // the flagged passage; "" for a missing field
}

// jsonFact is one fact-sheet item with its saved tick.
type jsonFact struct {
	check.Fact
	Ticked bool `json:"ticked"`
}

func init() {
	var checkJSON bool
	register(&command{
		name: "check", args: "REF...", minArgs: 1, maxArgs: -1,
		summary: "run the ready-to-file checks; exits 1 if any finding is an error",
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&checkJSON, "json", false, "print one JSON array of findings (rule, severity, field, start, end, message, article, text)")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			db, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			// Resolve every REF before printing anything, so a typo in
			// the third one does not leave half a report.
			var arts []*editor.Article
			for _, ref := range args {
				a, err := resolveArticle(ctx, db, ref)
				if err != nil {
					return err
				}
				arts = append(arts, a)
			}
			s, err := db.Settings(ctx)
			if err != nil {
				return err
			}
			training, err := db.TrainingArticles(ctx)
			if err != nil {
				return err
			}
			spelling, err := newsroomSpelling(ctx, db, s)
			if err != nil {
				return err
			}
			c := check.Context{Classifier: check.Train(training), Spelling: spelling}
			errs := 0
			all := []jsonFinding{}
			for i, a := range arts {
				c.UnresolvedNotes, err = db.UnresolvedNotes(ctx, a.ID)
				if err != nil {
					return err
				}
				fs := check.Run(a, s, c)
				for _, f := range fs {
					if f.Severity == check.SeverityError {
						errs++
					}
					all = append(all, jsonFinding{Article: a.Slug, Finding: f, Text: passage(a, f.Field, f.Start, f.End)})
				}
				if !checkJSON {
					if i > 0 {
						fmt.Fprintln(e.stdout)
					}
					if err := writeFindings(e.stdout, a, fs); err != nil {
						return err
					}
				}
			}
			if checkJSON {
				if err := writeJSON(e.stdout, all); err != nil {
					return err
				}
			}
			if errs > 0 {
				return fmt.Errorf("%s", plural(errs, "error-level finding", "error-level findings"))
			}
			return nil
		},
	})

	var factJSON bool
	var tick, untick string
	register(&command{
		name: "factsheet", args: "REF", minArgs: 1, maxArgs: 1,
		summary: "list the figures, quotes, people and organisations to check, with their ticks",
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&factJSON, "json", false, "print a JSON array of items (id, kind, text, speaker, field, start, end, count, ticked)")
			fs.StringVar(&tick, "tick", "", "tick the item with this `ID` first")
			fs.StringVar(&untick, "untick", "", "untick the item with this `ID` first")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			return withArticle(ctx, e, args[0], func(db *storage.DB, a *editor.Article) error {
				facts := check.FactSheet(a)
				for _, ch := range []struct {
					id     string
					ticked bool
				}{{tick, true}, {untick, false}} {
					if ch.id == "" {
						continue
					}
					if !hasFact(facts, ch.id) {
						return fmt.Errorf("no item %s in the fact sheet of %s", ch.id, a.Slug)
					}
					if err := db.SetFactTick(ctx, a.ID, ch.id, ch.ticked); err != nil {
						return err
					}
				}
				ticks, err := db.FactTicks(ctx, a.ID)
				if err != nil {
					return err
				}
				items := make([]jsonFact, len(facts))
				for i, f := range facts {
					items[i] = jsonFact{Fact: f, Ticked: ticks[f.ID]}
				}
				if factJSON {
					return writeJSON(e.stdout, items)
				}
				return writeFacts(e.stdout, a, items)
			})
		},
	})
}

func hasFact(facts []check.Fact, id string) bool {
	for _, f := range facts {
		if f.ID == id {
			return true
		}
	}
	return false
}

// passage is the text between rune offsets of a field.
func passage(a *editor.Article, field string, start, end int) string {
	r := []rune(check.FieldText(a, field))
	if start < 0 || end > len(r) || start >= end {
		return ""
	}
	return string(r[start:end])
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// writeFindings prints one article's findings, a header line then one
// line each, with the flagged passage quoted (shortened) so a reporter
// at a terminal sees what to fix without offsets.
func writeFindings(w io.Writer, a *editor.Article, fs []check.Finding) error {
	counts := map[check.Severity]int{}
	for _, f := range fs {
		counts[f.Severity]++
	}
	fmt.Fprintf(w, "%s: %s, %s, %d info\n", a.Slug,
		plural(counts[check.SeverityError], "error", "errors"), plural(counts[check.SeverityWarning], "warning", "warnings"), counts[check.SeverityInfo])
	for _, f := range fs {
		loc := f.Field
		if p := passage(a, f.Field, f.Start, f.End); p != "" {
			loc += fmt.Sprintf(" %q", shorten(p, 40))
		}
		if _, err := fmt.Fprintf(w, "  %-7s  %-18s  %s: %s\n", f.Severity, f.Rule, loc, f.Message); err != nil {
			return err
		}
	}
	return nil
}

func writeFacts(w io.Writer, a *editor.Article, items []jsonFact) error {
	ticked := 0
	for _, it := range items {
		if it.Ticked {
			ticked++
		}
	}
	fmt.Fprintf(w, "%s: %d of %d checked\n", a.Slug, ticked, len(items))
	for _, it := range items {
		box := "[ ]"
		if it.Ticked {
			box = "[x]"
		}
		line := fmt.Sprintf("%s %s  %-12s  %s", box, it.ID, it.Kind, shorten(it.Text, 70))
		if it.Speaker != "" {
			line += " — " + it.Speaker
		}
		if it.Count > 1 {
			line += fmt.Sprintf(" (×%d)", it.Count)
		}
		if _, err := fmt.Fprintln(w, line); err != nil {
			return err
		}
	}
	return nil
}

// shorten keeps a passage on one line and at most n characters.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// The fact-sheet checklist saves ticks through this interface; the build
// fails here if the library drifts from it.
var (
	_ app.FactTickStore = (*storage.DB)(nil)
	_ app.TrainingStore = (*storage.DB)(nil)
)
