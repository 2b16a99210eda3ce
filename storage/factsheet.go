package storage

import (
	"context"
	"database/sql"
	"fmt"

	"copydesk/editor"
)

// SetFactTick ticks or unticks one fact-sheet item of an article. itemID
// is check.FactID of the item; storage does not interpret it. Unticking an
// item that is not ticked is not an error. It returns an error wrapping
// editor.ErrNotFound if the article does not exist.
func (d *DB) SetFactTick(ctx context.Context, articleID int64, itemID string, ticked bool) error {
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := loadArticleID(ctx, tx, articleID); err != nil {
			return err
		}
		if !ticked {
			_, err := tx.ExecContext(ctx, `DELETE FROM fact_ticks WHERE article_id = ? AND item_id = ?`, articleID, itemID)
			return err
		}
		person, err := personNameTx(ctx, tx)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO fact_ticks (article_id, item_id, ticked_by, ticked_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (article_id, item_id) DO NOTHING`, articleID, itemID, person, toMillis(d.timestamp()))
		return err
	})
	if err != nil {
		return fmt.Errorf("set fact tick on article %d: %w", articleID, err)
	}
	return nil
}

// FactTicks returns the ticked item ids of an article. Ids of items that
// no longer exist (their passage was edited) may be included; callers look
// up the ids of the current fact sheet, so those never show.
func (d *DB) FactTicks(ctx context.Context, articleID int64) (map[string]bool, error) {
	ticks := map[string]bool{}
	err := d.inReadTx(ctx, func(tx *sql.Tx) error {
		if _, err := loadArticleID(ctx, tx, articleID); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT item_id FROM fact_ticks WHERE article_id = ?`, articleID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				return err
			}
			ticks[id] = true
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("fact ticks of article %d: %w", articleID, err)
	}
	return ticks, nil
}

// MaxTrainingArticles bounds what the section classifier learns from: the
// most recent approved and published articles reflect how the desk files
// stories now, and the bound keeps memory flat in a library of decades.
const MaxTrainingArticles = 2000

// TrainingArticles returns the newest approved and published articles
// (at most MaxTrainingArticles), newest first: the ones an editor has
// vouched for, including their section, for check.Train.
func (d *DB) TrainingArticles(ctx context.Context) ([]*editor.Article, error) {
	var out []*editor.Article
	rows, err := d.sql.QueryContext(ctx, `SELECT `+d.articleColumns(ctx, d.sql)+` FROM articles
		WHERE status IN (?, ?) ORDER BY seq DESC LIMIT ?`,
		string(editor.StatusApproved), string(editor.StatusPublished), MaxTrainingArticles)
	if err != nil {
		return nil, fmt.Errorf("training articles: %w", classifyErr(err))
	}
	defer rows.Close()
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, fmt.Errorf("training articles: %w", classifyErr(err))
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("training articles: %w", classifyErr(err))
	}
	return out, nil
}
