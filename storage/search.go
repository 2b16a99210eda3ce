package storage

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"copydesk/editor"
)

// DefaultLimit is the page size when a Filter's Limit is 0.
const DefaultLimit = 50

// maxQueryWords bounds the MATCH expression a pasted essay can produce;
// later words add little to a search that already has this many.
const maxQueryWords = 32

// summaryColumns is the SELECT list Search scans, for table alias a.
const summaryColumns = `a.id, a.uid, a.slug, a.headline, a.byline, a.section, a.status, a.updated, a.words`

// Search lists articles matching f, most recently saved first.
func (d *DB) Search(ctx context.Context, f editor.Filter) ([]editor.Summary, error) {
	q, args, err := filterQuery(f, summaryColumns)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	q += ` LIMIT ? OFFSET ?`
	args = append(args, limit, max(f.Offset, 0))
	rows, err := d.sql.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", classifyErr(err))
	}
	defer rows.Close()
	var out []editor.Summary
	for rows.Next() {
		var (
			s              editor.Summary
			byline, status string
			updated        int64
		)
		if err := rows.Scan(&s.ID, &s.UID, &s.Slug, &s.Headline, &byline, &s.Section, &status, &updated, &s.Words); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		s.Status, s.Updated = editor.Status(status), fromMillis(updated)
		if err := unmarshalList(byline, &s.Byline); err != nil {
			return nil, fmt.Errorf("search: article %d byline: %w", s.ID, err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", classifyErr(err))
	}
	return out, nil
}

// Count returns how many articles match f, ignoring Limit and Offset.
func (d *DB) Count(ctx context.Context, f editor.Filter) (int, error) {
	q, args, err := filterQuery(f, "count(*)")
	if err != nil {
		return 0, fmt.Errorf("count: %w", err)
	}
	var n int
	if err := d.sql.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count: %w", classifyErr(err))
	}
	return n, nil
}

// CountUpTo is Count that stops at limit: it returns limit when at least
// that many articles match. An exact count of a common word or a one-letter
// prefix reads its whole doclist, too slow on a large library to repeat
// at every keystroke; a window that shows "1,000+ articles" while a
// person types needs only this.
func (d *DB) CountUpTo(ctx context.Context, f editor.Filter, limit int) (int, error) {
	if limit <= 0 {
		return 0, nil
	}
	q, args, err := filterQuery(f, "1")
	if err != nil {
		return 0, fmt.Errorf("count: %w", err)
	}
	var n int
	err = d.sql.QueryRowContext(ctx, "SELECT count(*) FROM ("+q+" LIMIT ?)", append(args, limit)...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count: %w", classifyErr(err))
	}
	return n, nil
}

// filterQuery builds the SELECT for f, newest first.
//
// Status and section lists without text are an index walk that stops at
// the LIMIT: articles.seq, (status, seq) or (section, seq).
//
// With text, FTS5 walks its matches in descending rowid (= seq) order.
// Checking filters row by row would make a common word with a rare filter
// ("the", spiked, Science) read every match; so each filter is also a
// facet token in the index, ANDed into the MATCH, and FTS5 intersects the
// doclists by skipping ahead in the rare one. The SQL conditions stay as
// the exact check. An author list takes the same path even without text:
// the author's facet doclist is already newest first, where the articles
// table would fetch and sort every article of theirs.
func filterQuery(f editor.Filter, columns string) (string, []any, error) {
	var (
		where  []string
		args   []any
		facets []string
	)
	match := matchExpr(f.Query)
	author := authorKey(f.Author)
	if f.Status != "" {
		if !f.Status.Valid() {
			return "", nil, &editor.FieldError{Field: "status", Msg: "Status must be one of draft, filed, editing, approved, published, killed, spiked"}
		}
		where = append(where, "a.status = ?")
		args = append(args, string(f.Status))
		facets = append(facets, facetToken(facetStatus, string(f.Status)))
	}
	if f.Section != "" {
		where = append(where, "a.section = ?")
		args = append(args, f.Section)
		facets = append(facets, facetToken(facetSection, f.Section))
	}
	if author != "" {
		// A per-row probe; as "a.id IN (…)" SQLite seeks every listed id
		// for every matching row.
		where = append(where, "EXISTS (SELECT 1 FROM article_authors WHERE name = ? AND article_id = a.id)")
		args = append(args, author)
		facets = append(facets, facetToken(facetAuthor, author))
	}
	count := columns == "count(*)"
	if match == "" && author == "" {
		q := "SELECT " + columns + " FROM articles a"
		if len(where) > 0 {
			q += " WHERE " + strings.Join(where, " AND ")
		}
		if !count {
			q += " ORDER BY a.seq DESC"
		}
		return q, args, nil
	}
	terms := make([]string, 0, len(facets)+1)
	if match != "" {
		terms = append(terms, match)
	}
	for _, t := range facets {
		terms = append(terms, `"`+t+`"`)
	}
	expr := strings.Join(terms, " AND ")
	if count {
		// The facets make the MATCH exact, so counting needs no join: one
		// pass over doclists instead of a row lookup per match.
		return "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", []any{expr}, nil
	}
	// CROSS JOIN fixes the index as the outer loop: with a status or
	// section filter the planner may otherwise walk that filter's rows,
	// probe the index with the whole MATCH for each, and sort at the end.
	q := "SELECT " + columns + " FROM articles_fts CROSS JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ?"
	for _, w := range where {
		q += " AND " + w
	}
	return q + " ORDER BY articles_fts.rowid DESC", append([]any{expr}, args...), nil
}

// Facet kinds; one letter each, part of the token.
const (
	facetStatus  = "s"
	facetSection = "c"
	facetAuthor  = "a"
)

// facetToken is the index token standing for "this article has this
// status/section/author". It starts with a private-use character, which
// the tokenizer keeps in tokens but matchExpr never passes through from a
// typed query, so no search can match a facet by accident; the value is
// hashed so any section or name makes one token. Values are exact, as the
// SQL filters are, except authors, which are case-folded as
// article_authors is. Changing this encoding needs a migration that
// reindexes every article (and a new facetVersion).
func facetToken(kind, value string) string {
	if kind == facetAuthor {
		value = authorKey(value)
	}
	sum := sha256.Sum256([]byte(kind + "\x00" + value))
	return facetMark + kind + hex.EncodeToString(sum[:8])
}

// facetMark starts every facet token; indexText removes it from text.
const facetMark = "\ue000"

// facetVersion names the facetToken encoding, for caches of built
// libraries.
const facetVersion = 2

// matchExpr turns text typed by a person into an FTS5 query that cannot be
// a syntax error: the words (runs of letters and digits) each quoted as a
// string, ANDed, the last one matched as a prefix for search-as-you-type.
// Everything else, including FTS5 operators and quotes, only separates
// words. It returns "" when there are no words, meaning no text filter.
func matchExpr(query string) string {
	query = norm.NFC.String(strings.ToValidUTF8(query, " "))
	var words []string
	start := -1
	for i, r := range query {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			words = append(words, query[start:i])
			start = -1
		}
	}
	if start >= 0 {
		words = append(words, query[start:])
	}
	if len(words) > maxQueryWords {
		words = words[:maxQueryWords]
	}
	if len(words) == 0 {
		return ""
	}
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteString(" AND ")
		}
		b.WriteString(`"` + w + `"`)
	}
	b.WriteString("*")
	return b.String()
}

// isWordRune matches what FTS5's unicode61 tokenizer keeps in a token
// (letters and numbers), so a quoted word is normally one token. Private
// use characters, which the tokenizer also keeps, are left out: they
// mark facet tokens.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// Reindex rebuilds the search index from the articles table, for a library
// whose index the integrity check found out of step with its articles.
// Only this package knows what an index row holds (text and facets), so
// repairs go through here rather than writing the index directly.
func (d *DB) Reindex(ctx context.Context) error {
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')`); err != nil {
			return err
		}
		type ref struct{ id, seq int64 }
		var refs []ref
		rows, err := tx.QueryContext(ctx, `SELECT id, seq FROM articles ORDER BY seq`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var r ref
			if err := rows.Scan(&r.id, &r.seq); err != nil {
				rows.Close()
				return err
			}
			refs = append(refs, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, r := range refs {
			a, err := d.articleTx(ctx, tx, r.id)
			if err != nil {
				return err
			}
			if err := indexTx(ctx, tx, a, r.seq); err != nil {
				return fmt.Errorf("article %d: %w", r.id, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("rebuild search index: %w", err)
	}
	return nil
}
