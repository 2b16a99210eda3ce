package storage

import (
	"context"
	"database/sql"
	"fmt"

	"copydesk/editor"
)

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
