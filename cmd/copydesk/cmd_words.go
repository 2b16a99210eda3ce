package main

import (
	"context"
	"flag"
	"fmt"

	"copydesk/editor/spell"
	"copydesk/storage"
)

// learnFromArticles bounds how far back learning reads the archive.
const learnFromArticles = 5000

func init() {
	register(&command{
		name: "words", args: "add|remove|list|learn [WORD...]", minArgs: 1, maxArgs: -1,
		summary: "manage the newsroom dictionary: names and places every member's spell check accepts",
		setup: func(fs *flag.FlagSet) runFunc {
			asJSON := fs.Bool("json", false, "list: print a JSON array (word, source, added_by, articles, removed, changed)")
			removed := fs.Bool("removed", false, "list: include words an editor removed")
			return func(ctx context.Context, e *env, args []string) error {
				return runWords(ctx, e, args[0], args[1:], *asJSON, *removed)
			}
		},
	})
}

func runWords(ctx context.Context, e *env, verb string, words []string, asJSON, removed bool) error {
	switch verb {
	case "add", "remove":
		if len(words) == 0 {
			return usagef("words %s needs at least one WORD", verb)
		}
	case "list", "learn":
		if len(words) > 0 {
			return usagef("words %s takes no WORD", verb)
		}
	default:
		return usagef("words: unknown action %q (add, remove, list or learn)", verb)
	}
	db, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	switch verb {
	case "add":
		for _, w := range words {
			if err := db.AddNewsroomWord(ctx, w); err != nil {
				return err
			}
		}
	case "remove":
		for _, w := range words {
			if err := db.RemoveNewsroomWord(ctx, w); err != nil {
				return err
			}
		}
	case "list":
		return listWords(ctx, e, db, asJSON, removed)
	case "learn":
		return learnWords(ctx, e, db)
	}
	return nil
}

type jsonWord struct {
	Word     string `json:"word"`
	Source   string `json:"source"`
	AddedBy  string `json:"added_by"`
	Articles int    `json:"articles"`
	Removed  bool   `json:"removed"`
	Changed  string `json:"changed"` // RFC 3339
}

func listWords(ctx context.Context, e *env, db *storage.DB, asJSON, removed bool) error {
	ws, err := db.NewsroomWords(ctx, removed)
	if err != nil {
		return err
	}
	if asJSON {
		out := []jsonWord{}
		for _, w := range ws {
			out = append(out, jsonWord{w.Word, w.Source, w.AddedBy, w.Articles, w.Removed, w.Changed.Format("2006-01-02T15:04:05.000Z07:00")})
		}
		return writeJSON(e.stdout, out)
	}
	for _, w := range ws {
		line := fmt.Sprintf("%-24s %s", w.Word, w.Source)
		if w.Articles > 0 {
			line += fmt.Sprintf(", %s", plural(w.Articles, "article", "articles"))
		}
		if w.Removed {
			line += " (removed)"
		}
		if _, err := fmt.Fprintln(e.stdout, line); err != nil {
			return err
		}
	}
	return nil
}

func learnWords(ctx context.Context, e *env, db *storage.DB) error {
	s, err := db.Settings(ctx)
	if err != nil {
		return err
	}
	dict, err := spell.Open(spell.SystemDir, s.SpellLanguage())
	if err != nil {
		return fmt.Errorf("learn words: %w", err)
	}
	arts, err := db.PublishedArticles(ctx, learnFromArticles)
	if err != nil {
		return err
	}
	learned := spell.LearnNames(dict, dict.WordChars(), arts, s.SpellNameArticles)
	n, err := db.LearnNewsroomWords(ctx, learned)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "learned %s from %s\n", plural(n, "new word", "new words"), plural(len(arts), "published article", "published articles"))
	return err
}
