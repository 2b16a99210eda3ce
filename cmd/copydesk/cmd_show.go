package main

import (
	"context"
	"flag"

	"copydesk/editor"
)

func init() {
	var asJSON bool
	register(&command{
		name: "show", args: "REF", minArgs: 1, maxArgs: 1,
		summary: "print an article (REF: id, uid or slug) as front-matter Markdown or JSON",
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&asJSON, "json", false, "print one JSON object with every field")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			db, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			a, err := resolveArticle(ctx, db, args[0])
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(e.stdout, jsonArticle(a))
			}
			// The Markdown form is exactly what import reads, so
			// "show REF > f.md; edit; import f.md" updates the article.
			return editor.WriteMarkdown(e.stdout, a)
		},
	})
}

// jsonArticle prints empty lists as [] rather than null, so scripts can
// iterate bylines and tags without a null check.
func jsonArticle(a *editor.Article) *editor.Article {
	c := a.Clone()
	if c.Byline == nil {
		c.Byline = []string{}
	}
	if c.Tags == nil {
		c.Tags = []string{}
	}
	return c
}
