package storage

import (
	"context"
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

// summaryColumns is the SELECT list scanSummary reads, for table alias a.
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
		return nil, fmt.Errorf("search: %w", err)
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
		return nil, fmt.Errorf("search: %w", err)
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
		return 0, fmt.Errorf("count: %w", err)
	}
	return n, nil
}

// filterQuery builds the SELECT for f, newest first. Both orders are
// answered by an index walk that stops at the LIMIT: articles.seq (or
// (status, seq), (section, seq)) without text, and FTS5's descending rowid
// order with text, since the index rowid is the article's seq.
func filterQuery(f editor.Filter, columns string) (string, []any, error) {
	var (
		where []string
		args  []any
		b     strings.Builder
	)
	if f.Status != "" {
		if !f.Status.Valid() {
			return "", nil, &editor.FieldError{Field: "status", Msg: "Status must be one of draft, filed, editing, approved, published, spiked"}
		}
		where = append(where, "a.status = ?")
		args = append(args, string(f.Status))
	}
	if f.Section != "" {
		where = append(where, "a.section = ?")
		args = append(args, f.Section)
	}
	if name := strings.TrimSpace(f.Author); name != "" {
		where = append(where, "a.id IN (SELECT article_id FROM article_authors WHERE name = ?)")
		args = append(args, name)
	}
	match := MatchExpr(f.Query)
	b.WriteString("SELECT " + columns)
	order := " ORDER BY a.seq DESC"
	if match != "" {
		b.WriteString(" FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ?")
		args = append([]any{match}, args...)
		order = " ORDER BY articles_fts.rowid DESC"
	} else {
		b.WriteString(" FROM articles a")
		if len(where) > 0 {
			b.WriteString(" WHERE ")
		}
	}
	for i, w := range where {
		if i > 0 || match != "" {
			b.WriteString(" AND ")
		}
		b.WriteString(w)
	}
	if columns != "count(*)" {
		b.WriteString(order)
	}
	return b.String(), args, nil
}

// MatchExpr turns text typed by a person into an FTS5 query that cannot be
// a syntax error: the words (runs of letters and digits) each quoted as a
// string, ANDed, the last one matched as a prefix for search-as-you-type.
// Everything else, including FTS5 operators and quotes, only separates
// words. It returns "" when there are no words, meaning no text filter.
func MatchExpr(query string) string {
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

// isWordRune matches what FTS5's unicode61 tokenizer keeps in a token by
// default (letters, numbers, private use), so a quoted word is normally
// one token.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r)
}
