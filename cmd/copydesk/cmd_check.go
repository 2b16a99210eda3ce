package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"copydesk/editor"
	"copydesk/editor/check"
)

func init() {
	register(&command{
		name: "check", args: "REF...", minArgs: 1, maxArgs: -1,
		summary: "run the ready-to-file checks; exits 1 if any finding is an error",
		setup: func(fs *flag.FlagSet) runFunc {
			asJSON := fs.Bool("json", false, "print one JSON array of findings (rule, severity, field, start, end, message, article, text)")
			return func(ctx context.Context, e *env, args []string) error { return runCheck(ctx, e, args, *asJSON) }
		},
	})
}

// jsonFinding is a check finding as check --json prints it: the finding's
// own fields plus which article it is about and the flagged text, so a
// script checking several articles gets one flat list.
type jsonFinding struct {
	Article string `json:"article"` // slug
	check.Finding
	Text string `json:"text"` // the flagged passage; "" for a missing field
}

func runCheck(ctx context.Context, e *env, refs []string, asJSON bool) error {
	db, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	// Resolve every REF before printing anything, so a typo in the third
	// one does not leave half a report.
	var arts []*editor.Article
	for _, ref := range refs {
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
		if !asJSON {
			if i > 0 {
				fmt.Fprintln(e.stdout)
			}
			if err := writeFindings(e.stdout, a, fs); err != nil {
				return err
			}
		}
	}
	if asJSON {
		if err := writeJSON(e.stdout, all); err != nil {
			return err
		}
	}
	if errs > 0 {
		return fmt.Errorf("%s", plural(errs, "error-level finding", "error-level findings"))
	}
	return nil
}

// passage is the text between rune offsets of a field.
func passage(a *editor.Article, field string, start, end int) string {
	r := []rune(check.FieldText(a, field))
	if start < 0 || end > len(r) || start >= end {
		return ""
	}
	return string(r[start:end])
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
