package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"copydesk/editor"
	"copydesk/editor/check"
	"copydesk/editor/spell"
	"copydesk/storage"
)

// jsonMisspelling is one misspelt word as spell --json prints it.
type jsonMisspelling struct {
	Article     string   `json:"article"` // slug
	Field       string   `json:"field"`
	Start       int      `json:"start"` // rune offsets in the field
	End         int      `json:"end"`
	Word        string   `json:"word"`
	Suggestions []string `json:"suggestions"`
}

// newsroomSpelling is the spelling rule's context for this library: the
// dictionary of the newsroom's language with the newsroom's words.
func newsroomSpelling(ctx context.Context, db *storage.DB, s editor.Settings) (*check.Spelling, error) {
	dict, err := spell.Open(spell.SystemDir, s.SpellLanguage())
	if err != nil {
		return nil, fmt.Errorf("spelling for %s: %w", s.Language, err)
	}
	words, err := db.NewsroomWords(ctx, false)
	if err != nil {
		return nil, err
	}
	sp := spell.NewWords(dict)
	for _, w := range words {
		sp.Add(w.Word)
	}
	return &check.Spelling{Speller: sp, WordChars: dict.WordChars(), Suggest: dict.Suggest, ForeignQuotes: s.SpellForeignQuotes}, nil
}

func init() {
	register(&command{
		name: "spell", args: "REF", minArgs: 1, maxArgs: 1,
		summary: "list the misspelt words of an article with suggestions",
		setup: func(fs *flag.FlagSet) runFunc {
			asJSON := fs.Bool("json", false, "print a JSON array (article, field, start, end, word, suggestions)")
			return func(ctx context.Context, e *env, args []string) error { return runSpell(ctx, e, args[0], *asJSON) }
		},
	})
}

func runSpell(ctx context.Context, e *env, ref string, asJSON bool) error {
	db, a, err := e.openArticle(ctx, ref)
	if err != nil {
		return err
	}
	defer db.Close()
	s, err := db.Settings(ctx)
	if err != nil {
		return err
	}
	sp, err := newsroomSpelling(ctx, db, s)
	if err != nil {
		return err
	}
	out := []jsonMisspelling{}
	for _, f := range check.Run(a, s, check.Context{Spelling: sp}) {
		if f.Rule == "spelling" {
			out = append(out, jsonMisspelling{Article: a.Slug, Field: f.Field, Start: f.Start, End: f.End, Word: f.Word, Suggestions: nonNil(f.Suggestions.List())})
		}
	}
	if asJSON {
		return writeJSON(e.stdout, out)
	}
	return writeMisspellings(e.stdout, a, out)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func writeMisspellings(w io.Writer, a *editor.Article, ms []jsonMisspelling) error {
	fmt.Fprintf(w, "%s: %s\n", a.Slug, plural(len(ms), "misspelt word", "misspelt words"))
	for _, m := range ms {
		line := fmt.Sprintf("  %-13s %s", m.Field, m.Word)
		if len(m.Suggestions) > 0 {
			line += " → " + strings.Join(m.Suggestions, ", ")
		}
		if _, err := fmt.Fprintln(w, line); err != nil {
			return err
		}
	}
	return nil
}
