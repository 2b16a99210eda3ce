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
		name: "factsheet", args: "REF", minArgs: 1, maxArgs: 1,
		summary: "list the figures, quotes, people and organisations to check, with their ticks",
		setup: func(fs *flag.FlagSet) runFunc {
			var o factsheetOptions
			fs.BoolVar(&o.asJSON, "json", false, "print a JSON array of items (id, kind, text, speaker, field, start, end, count, ticked)")
			fs.StringVar(&o.tick, "tick", "", "tick the item with this `ID` first")
			fs.StringVar(&o.untick, "untick", "", "untick the item with this `ID` first")
			return func(ctx context.Context, e *env, args []string) error { return runFactsheet(ctx, e, args[0], o) }
		},
	})
}

type factsheetOptions struct {
	asJSON       bool
	tick, untick string // item ids
}

// jsonFact is one fact-sheet item with its saved tick.
type jsonFact struct {
	check.Fact
	Ticked bool `json:"ticked"`
}

func runFactsheet(ctx context.Context, e *env, ref string, o factsheetOptions) error {
	db, a, err := e.openArticle(ctx, ref)
	if err != nil {
		return err
	}
	defer db.Close()
	facts := check.FactSheet(a)
	for _, ch := range []struct {
		id     string
		ticked bool
	}{{o.tick, true}, {o.untick, false}} {
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
	if o.asJSON {
		return writeJSON(e.stdout, items)
	}
	return writeFacts(e.stdout, a, items)
}

func hasFact(facts []check.Fact, id string) bool {
	for _, f := range facts {
		if f.ID == id {
			return true
		}
	}
	return false
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
