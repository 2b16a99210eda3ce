package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"copydesk/editor"
)

// listHeadlineWidth keeps a row of the table on one 120-column terminal line.
const listHeadlineWidth = 60

func init() {
	register(&command{
		name: "list", summary: "list articles, most recently updated first", maxArgs: 0,
		setup: func(fs *flag.FlagSet) runFunc {
			var o listOptions
			fs.StringVar(&o.status, "status", "", "only articles with `STATUS` (draft, filed, editing, approved, published, killed, spiked)")
			fs.StringVar(&o.filter.Section, "section", "", "only articles in `SECTION`")
			fs.StringVar(&o.filter.Author, "author", "", "only articles with `NAME` in the byline")
			fs.StringVar(&o.filter.Query, "query", "", "only articles matching the search `WORDS`")
			fs.IntVar(&o.filter.Limit, "limit", 0, fmt.Sprintf("show at most `N` articles (0: %d)", defaultListLimit))
			fs.BoolVar(&o.asJSON, "json", false, "print a JSON array of summaries")
			return func(ctx context.Context, e *env, args []string) error { return runList(ctx, e, o) }
		},
	})
}

type listOptions struct {
	filter editor.Filter
	status string // as typed, checked by runList
	asJSON bool
}

func runList(ctx context.Context, e *env, o listOptions) error {
	f := o.filter
	if o.status != "" {
		st, err := editor.ParseStatus(o.status)
		if err != nil {
			return usagef("unknown status %q: must be one of %s", o.status, statusWords())
		}
		f.Status = st
	}
	if f.Limit < 0 {
		return usagef("--limit must be 0 or more, not %d", f.Limit)
	}
	if f.Limit == 0 {
		f.Limit = defaultListLimit
	}
	db, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	list, err := db.Search(ctx, f)
	if err != nil {
		return err
	}
	if o.asJSON {
		return writeJSON(e.stdout, nonNilSummaries(list))
	}
	settings, err := db.Settings(ctx)
	if err != nil {
		return err
	}
	return writeSummaryTable(e.stdout, list, settings)
}

// defaultListLimit matches what fits on a screen or two; scripts that want
// everything pass a large --limit.
const defaultListLimit = 50

func statusWords() string {
	names := make([]string, len(editor.Statuses))
	for i, s := range editor.Statuses {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

// nonNilSummaries makes empty results and bylines print as [] rather than
// null, so a script's "for each" never meets a null.
func nonNilSummaries(list []editor.Summary) []editor.Summary {
	if list == nil {
		list = []editor.Summary{}
	}
	for i := range list {
		if list[i].Byline == nil {
			list[i].Byline = []string{}
		}
	}
	return list
}

// writeSummaryTable aligns columns by display width, not bytes or runes
// (text/tabwriter counts runes), so rows with accents or CJK headlines
// still line up. Times are shown in the newsroom's time zone, as the desk
// talks about them.
func writeSummaryTable(w io.Writer, list []editor.Summary, s editor.Settings) error {
	if len(list) == 0 {
		_, err := fmt.Fprintln(w, "No articles.")
		return err
	}
	loc := s.Location()
	rows := [][]string{{"ID", "STATUS", "SECTION", "UPDATED", "WORDS", "HEADLINE"}}
	for _, a := range list {
		rows = append(rows, []string{
			strconv.FormatInt(a.ID, 10),
			string(a.Status),
			truncateWidth(printable(a.Section), 20),
			a.Updated.In(loc).Format("2006-01-02 15:04"),
			strconv.Itoa(a.Words),
			truncateWidth(printable(a.Headline), listHeadlineWidth),
		})
	}
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	var b strings.Builder
	for _, r := range rows {
		for i, c := range r {
			if i == len(r)-1 {
				b.WriteString(c)
				break
			}
			pad := widths[i] - displayWidth(c)
			if i == 0 || i == 4 { // numbers align right
				b.WriteString(strings.Repeat(" ", pad) + c)
			} else {
				b.WriteString(c + strings.Repeat(" ", pad))
			}
			b.WriteString("  ")
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// printable flattens line breaks and drops control characters, so a
// headline cannot break the table or send escape sequences to the terminal.
func printable(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r)
	}), " ")
}

// runeWidth is the number of terminal columns r takes: two for East Asian
// wide and fullwidth characters, none for combining marks.
func runeWidth(r rune) int {
	if unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) {
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

// truncateWidth cuts s to at most max columns, ending with "…" when cut.
func truncateWidth(s string, max int) string {
	if displayWidth(s) <= max {
		return s
	}
	n := 0
	for i, r := range s {
		if n+runeWidth(r) > max-1 {
			return s[:i] + "…"
		}
		n += runeWidth(r)
	}
	return s
}
