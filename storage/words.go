package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"copydesk/editor"
)

// MaxWordLen bounds a newsroom dictionary word: longer is a paste, not a
// name.
const MaxWordLen = 100

// ErrBadWord is returned for an empty word, one with spaces or control
// characters, or one longer than MaxWordLen bytes.
var ErrBadWord = errors.New("not a single word")

func validWord(w string) error {
	if w == "" || len(w) > MaxWordLen || !utf8.ValidString(w) || strings.ContainsFunc(w, func(r rune) bool {
		return r <= ' ' || r == 0x7f || r == 0x85 || r == 0xa0 || r == 0x2028 || r == 0x2029
	}) {
		return fmt.Errorf("%q: %w", w, ErrBadWord)
	}
	return nil
}

const wordColumns = `word, source, added_by, articles, removed, changed_at`

func scanWord(rows *sql.Rows) (editor.NewsroomWord, error) {
	var w editor.NewsroomWord
	var removed int
	var changed int64
	err := rows.Scan(&w.Word, &w.Source, &w.AddedBy, &w.Articles, &removed, &changed)
	w.Removed, w.Changed = removed != 0, fromMillis(changed)
	return w, err
}

// NewsroomWords returns the newsroom dictionary, sorted by word. With
// removed set it includes the pruned words (tombstones), which is what a
// desk sync exchanges.
func (d *DB) NewsroomWords(ctx context.Context, removed bool) ([]editor.NewsroomWord, error) {
	q := `SELECT ` + wordColumns + ` FROM newsroom_words`
	if !removed {
		q += ` WHERE removed = 0`
	}
	rows, err := d.sql.QueryContext(ctx, q+` ORDER BY word`)
	if err != nil {
		return nil, fmt.Errorf("newsroom words: %w", classifyErr(err))
	}
	defer rows.Close()
	var out []editor.NewsroomWord
	for rows.Next() {
		w, err := scanWord(rows)
		if err != nil {
			return nil, fmt.Errorf("newsroom words: %w", err)
		}
		out = append(out, w)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("newsroom words: %w", classifyErr(err))
	}
	return out, nil
}

// AddNewsroomWord adds word to the newsroom dictionary as added by the
// library's person, or brings back a pruned one. It returns an error
// wrapping ErrBadWord for something that is not one word.
func (d *DB) AddNewsroomWord(ctx context.Context, word string) error {
	if err := validWord(word); err != nil {
		return fmt.Errorf("add newsroom word: %w", err)
	}
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		person, err := personNameTx(ctx, tx)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO newsroom_words (`+wordColumns+`) VALUES (?, ?, ?, 0, 0, ?)
			ON CONFLICT (word) DO UPDATE SET source = excluded.source, added_by = excluded.added_by,
				removed = 0, changed_at = excluded.changed_at`,
			word, editor.WordAdded, person, toMillis(d.timestamp()))
		return err
	})
	if err != nil {
		return fmt.Errorf("add newsroom word %q: %w", word, classifyErr(err))
	}
	return nil
}

// RemoveNewsroomWord prunes word from the newsroom dictionary. It returns
// an error wrapping editor.ErrNotFound if the word is not in it.
func (d *DB) RemoveNewsroomWord(ctx context.Context, word string) error {
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		person, err := personNameTx(ctx, tx)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE newsroom_words SET removed = 1, added_by = ?, changed_at = ?
			WHERE word = ? AND removed = 0`, person, toMillis(d.timestamp()), word)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return cmpErr(err, editor.ErrNotFound)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("remove newsroom word %q: %w", word, classifyErr(err))
	}
	return nil
}

func cmpErr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}

// LearnNewsroomWords records words learned from the archive (bylines,
// names in enough published articles). A word already present, or pruned
// by an editor, is left as it is apart from its article count. It returns
// how many words were new.
func (d *DB) LearnNewsroomWords(ctx context.Context, learned []editor.NewsroomWord) (int, error) {
	added := 0
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		now := toMillis(d.timestamp())
		for _, w := range learned {
			if validWord(w.Word) != nil {
				continue
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO newsroom_words (`+wordColumns+`) VALUES (?, ?, '', ?, 0, ?)
				ON CONFLICT (word) DO NOTHING`, w.Word, w.Source, w.Articles, now)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n > 0 {
				added++
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE newsroom_words SET articles = ? WHERE word = ? AND source != ?`,
				w.Articles, w.Word, editor.WordAdded); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("learn newsroom words: %w", classifyErr(err))
	}
	return added, nil
}

// MergeNewsroomWords takes words from another machine (a desk file): for
// each, the side changed last wins, so an addition and a later removal
// reach every member in order. It returns how many local rows changed.
func (d *DB) MergeNewsroomWords(ctx context.Context, incoming []editor.NewsroomWord) (int, error) {
	changed := 0
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		for _, w := range incoming {
			if validWord(w.Word) != nil {
				continue
			}
			removed := 0
			if w.Removed {
				removed = 1
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO newsroom_words (`+wordColumns+`) VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT (word) DO UPDATE SET source = excluded.source, added_by = excluded.added_by,
					articles = excluded.articles, removed = excluded.removed, changed_at = excluded.changed_at
				WHERE excluded.changed_at > newsroom_words.changed_at`,
				w.Word, w.Source, w.AddedBy, w.Articles, removed, toMillis(w.Changed))
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n > 0 {
				changed++
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("merge newsroom words: %w", classifyErr(err))
	}
	return changed, nil
}

// PublishedArticles returns the published articles, newest first, at most
// limit of them: what the newsroom dictionary learns names from.
func (d *DB) PublishedArticles(ctx context.Context, limit int) ([]*editor.Article, error) {
	rows, err := d.sql.QueryContext(ctx, `SELECT `+d.articleColumns(ctx, d.sql)+` FROM articles
		WHERE status = ? ORDER BY seq DESC LIMIT ?`, string(editor.StatusPublished), limit)
	if err != nil {
		return nil, fmt.Errorf("published articles: %w", classifyErr(err))
	}
	defer rows.Close()
	var out []*editor.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, fmt.Errorf("published articles: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("published articles: %w", classifyErr(err))
	}
	return out, nil
}
