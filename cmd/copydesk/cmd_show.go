package main

import (
	"context"
	"flag"

	"copydesk/editor"
)

func init() {
	register(&command{
		name: "show", args: "REF", minArgs: 1, maxArgs: 1,
		summary: "print an article (REF: id, uid or slug) as front-matter Markdown or JSON",
		setup: func(fs *flag.FlagSet) runFunc {
			asJSON := fs.Bool("json", false, "print one JSON object with every field")
			return func(ctx context.Context, e *env, args []string) error { return runShow(ctx, e, args[0], *asJSON) }
		},
	})
}

func runShow(ctx context.Context, e *env, ref string, asJSON bool) error {
	db, a, err := e.openArticle(ctx, ref)
	if err != nil {
		return err
	}
	defer db.Close()
	if asJSON {
		return writeJSON(e.stdout, jsonArticle(a))
	}
	// The Markdown form is exactly what import reads, so
	// "show REF > f.md; edit; import f.md" updates the article.
	return editor.WriteMarkdown(e.stdout, a)
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
