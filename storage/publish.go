package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"copydesk/editor"
	"copydesk/editor/export"
)

var _ export.SiteMemory = (*DB)(nil)

// hasEmbargoColumn reports whether the library has migration 0007's
// articles.embargo. Only a library still being upgraded, or one a test
// opened at an older schema, lacks it; once seen it is remembered, so a
// current library pays for the check once per DB.
func (d *DB) hasEmbargoColumn(ctx context.Context, q queryer) bool {
	if d.embargoColumn.Load() {
		return true
	}
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info('articles') WHERE name = 'embargo'`).Scan(&n); err != nil || n == 0 {
		return false
	}
	d.embargoColumn.Store(true)
	return true
}

// articleColumns is the SELECT list scanArticle reads, in its order; on a
// library without the embargo column it reads NULL in its place.
func (d *DB) articleColumns(ctx context.Context, q queryer) string {
	if d.hasEmbargoColumn(ctx, q) {
		return articleColumns06 + `, embargo`
	}
	return articleColumns06 + `, NULL`
}

// saveEmbargoTx stores a's embargo beside the row insertTx or updateTx
// just wrote.
func (d *DB) saveEmbargoTx(ctx context.Context, tx *sql.Tx, a *editor.Article) error {
	if !d.hasEmbargoColumn(ctx, tx) {
		if a.Embargo.IsZero() {
			return nil
		}
		return fmt.Errorf("save embargo: the library is not yet upgraded to hold one")
	}
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET embargo = ? WHERE id = ?`, nullMillis(a.Embargo), a.ID); err != nil {
		return fmt.Errorf("save embargo: %w", err)
	}
	return nil
}

// SiteArticles returns every article whose status is one of statuses, in
// id order, with what the site's listings show and no body, dateline,
// tags, image text or corrections: the export reads the whole article
// (Article) only for a page it must render. The articles_site index
// covers the query, so no body is read.
func (d *DB) SiteArticles(ctx context.Context, statuses []editor.Status) ([]*editor.Article, error) {
	if len(statuses) == 0 {
		return nil, nil
	}
	if !d.hasEmbargoColumn(ctx, d.sql) {
		return nil, fmt.Errorf("site articles: the library is not yet upgraded")
	}
	args := make([]any, len(statuses))
	for i, s := range statuses {
		args[i] = string(s)
	}
	rows, err := d.sql.QueryContext(ctx, `SELECT id, status, version, updated, published, embargo,
		uid, slug, headline, byline, section, summary, image_src FROM articles
		WHERE status IN (?`+strings.Repeat(", ?", len(statuses)-1)+`) ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("site articles: %w", classifyErr(err))
	}
	defer rows.Close()
	var out []*editor.Article
	for rows.Next() {
		var (
			a                  editor.Article
			status, byline     string
			updated            int64
			published, embargo sql.NullInt64
		)
		if err := rows.Scan(&a.ID, &status, &a.Version, &updated, &published, &embargo,
			&a.UID, &a.Slug, &a.Headline, &byline, &a.Section, &a.Summary, &a.Image.Src); err != nil {
			return nil, fmt.Errorf("site articles: %w", classifyErr(err))
		}
		a.Status, a.Updated = editor.Status(status), fromMillis(updated)
		if published.Valid {
			a.Published = fromMillis(published.Int64)
		}
		if embargo.Valid {
			a.Embargo = fromMillis(embargo.Int64)
		}
		if err := unmarshalList(byline, &a.Byline); err != nil {
			return nil, fmt.Errorf("site articles: article %d byline: %w", a.ID, err)
		}
		out = append(out, &a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("site articles: %w", classifyErr(err))
	}
	return out, nil
}

// SiteMarks returns what the last site export into the folder site
// remembered of each file it wrote (see export.SiteMemory).
func (d *DB) SiteMarks(ctx context.Context, site string) (map[string]export.FileMark, error) {
	rows, err := d.sql.QueryContext(ctx, `SELECT path, hash, article FROM site_files WHERE site = ?`, site)
	if err != nil {
		return nil, fmt.Errorf("site memory of %s: %w", site, classifyErr(err))
	}
	defer rows.Close()
	out := map[string]export.FileMark{}
	for rows.Next() {
		var (
			path    string
			hash    []byte
			article sql.NullInt64
		)
		if err := rows.Scan(&path, &hash, &article); err != nil {
			return nil, fmt.Errorf("site memory of %s: %w", site, classifyErr(err))
		}
		var fm export.FileMark
		if len(hash) != len(fm.Mark) {
			continue // not a mark this Copydesk wrote: the file is rendered again
		}
		copy(fm.Mark[:], hash)
		fm.Article = article.Int64
		out[path] = fm
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("site memory of %s: %w", site, classifyErr(err))
	}
	return out, nil
}

// RecordSiteMarks stores the marks of the files an export into site
// wrote and forgets the files it removed, in one transaction.
func (d *DB) RecordSiteMarks(ctx context.Context, site string, changed map[string]export.FileMark, removed []string) error {
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		up, err := tx.PrepareContext(ctx, `INSERT INTO site_files (site, path, hash, article) VALUES (?, ?, ?, ?)
			ON CONFLICT (site, path) DO UPDATE SET hash = excluded.hash, article = excluded.article`)
		if err != nil {
			return err
		}
		defer up.Close()
		for path, fm := range changed {
			article := sql.NullInt64{Int64: fm.Article, Valid: fm.Article != 0}
			if _, err := up.ExecContext(ctx, site, path, fm.Mark[:], article); err != nil {
				return err
			}
		}
		del, err := tx.PrepareContext(ctx, `DELETE FROM site_files WHERE site = ? AND path = ?`)
		if err != nil {
			return err
		}
		defer del.Close()
		for _, path := range removed {
			if _, err := del.ExecContext(ctx, site, path); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("remember site %s: %w", site, err)
	}
	return nil
}
