package storage

import (
	"bytes"
	"compress/zlib"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"copydesk/editor"
)

// trashContent is what a trash entry keeps: the article and the rows of
// every table that belongs to it, by table name.
type trashContent struct {
	Article *editor.Article       `json:"article"`
	Rows    map[string][]trashRow `json:"rows"`
}

// trashRow is one row, column by column.
type trashRow struct {
	Columns []string    `json:"columns"`
	Values  []trashCell `json:"values"`
}

// trashCell keeps a SQLite value with its type, so a BLOB comes back as
// a BLOB and a large integer exactly (plain JSON would turn both into
// something else).
type trashCell struct {
	Kind string  `json:"k"` // "n" NULL, "i" integer, "f" real, "s" text, "b" blob
	I    int64   `json:"i,omitempty"`
	F    float64 `json:"f,omitempty"`
	S    string  `json:"s,omitempty"`
	B    []byte  `json:"b,omitempty"`
}

func cellOf(v any) trashCell {
	switch x := v.(type) {
	case nil:
		return trashCell{Kind: "n"}
	case int64:
		return trashCell{Kind: "i", I: x}
	case float64:
		return trashCell{Kind: "f", F: x}
	case string:
		return trashCell{Kind: "s", S: x}
	case []byte:
		return trashCell{Kind: "b", B: append([]byte{}, x...)}
	case bool:
		if x {
			return trashCell{Kind: "i", I: 1}
		}
		return trashCell{Kind: "i"}
	case time.Time:
		return trashCell{Kind: "s", S: x.Format(time.RFC3339Nano)}
	}
	return trashCell{Kind: "s", S: fmt.Sprint(v)}
}

func (c trashCell) value() any {
	switch c.Kind {
	case "i":
		return c.I
	case "f":
		return c.F
	case "s":
		return c.S
	case "b":
		if c.B == nil {
			return []byte{}
		}
		return c.B
	}
	return nil
}

// ownedTablesTx lists the tables whose rows belong to one article: every
// table with an article_id column referencing articles, except
// article_authors, which is derived from the byline. It asks the schema,
// so tables later migrations add are kept in the trash too.
func ownedTablesTx(ctx context.Context, tx *sql.Tx) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT m.name FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
		WHERE m.type = 'table' AND f."table" = 'articles' AND f."from" = 'article_id' AND m.name != 'article_authors'
		ORDER BY m.name`)
	if err != nil {
		return nil, fmt.Errorf("list article tables: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

// rowidColumnTx is the table's INTEGER PRIMARY KEY column ("" if none):
// a restored row gets a new one, since the old may have been reused.
func rowidColumnTx(ctx context.Context, tx *sql.Tx, table string) (string, error) {
	var name string
	err := tx.QueryRowContext(ctx, `SELECT name FROM pragma_table_info(?) WHERE pk = 1 AND upper(type) = 'INTEGER'
		AND (SELECT count(*) FROM pragma_table_info(?) WHERE pk > 0) = 1`, table, table).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) || name == "article_id" {
		return "", nil
	}
	return name, err
}

// Trash moves article id to the trash: it disappears from the library
// with its revisions, notes and the rest, all of which RestoreFromTrash
// brings back. It returns ErrNotFound if id does not exist.
func (d *DB) Trash(ctx context.Context, id int64) error {
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		a, err := d.articleTx(ctx, tx, id)
		if err != nil {
			return err
		}
		tables, err := ownedTablesTx(ctx, tx)
		if err != nil {
			return err
		}
		content := trashContent{Article: a, Rows: map[string][]trashRow{}}
		for _, t := range tables {
			rs, err := tableRowsTx(ctx, tx, t, id)
			if err != nil {
				return err
			}
			content.Rows[t] = rs
		}
		blob, err := compressJSON(content)
		if err != nil {
			return err
		}
		var seq int64
		if err := tx.QueryRowContext(ctx, `SELECT seq FROM articles WHERE id = ?`, id).Scan(&seq); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO trash (article_id, uid, headline, trashed, content) VALUES (?, ?, ?, ?, ?)`,
			id, a.UID, a.Headline, toMillis(d.timestamp()), blob); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM articles_fts WHERE rowid = ?`, seq); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM articles WHERE id = ?`, id) // the owned rows cascade
		return err
	})
	if err != nil {
		return fmt.Errorf("move article %d to the trash: %w", id, err)
	}
	return nil
}

func tableRowsTx(ctx context.Context, tx *sql.Tx, table string, id int64) ([]trashRow, error) {
	rows, err := tx.QueryContext(ctx, `SELECT * FROM "`+table+`" WHERE article_id = ?`, id)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", table, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out []trashRow
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("read %s: %w", table, err)
		}
		r := trashRow{Columns: cols, Values: make([]trashCell, len(cols))}
		for i, v := range vals {
			r.Values[i] = cellOf(v)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// TrashList returns the articles in the trash, most recently deleted first.
func (d *DB) TrashList(ctx context.Context) ([]editor.TrashItem, error) {
	var out []editor.TrashItem
	err := d.inReadTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, article_id, uid, headline, trashed FROM trash ORDER BY trashed DESC, id DESC`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var it editor.TrashItem
			var ms int64
			if err := rows.Scan(&it.ID, &it.ArticleID, &it.UID, &it.Headline, &ms); err != nil {
				return err
			}
			it.Trashed = fromMillis(ms)
			out = append(out, it)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("list the trash: %w", err)
	}
	return out, nil
}

// RestoreFromTrash puts trash entry trashID back into the library with its
// revisions, notes and the rest, and returns the article (under a new id;
// its uid is unchanged). Its slug gets a suffix if another article took it
// meanwhile. It returns ErrNotFound if there is no such entry, and a
// ValidationError if an article with its uid has been imported since.
func (d *DB) RestoreFromTrash(ctx context.Context, trashID int64) (*editor.Article, error) {
	var restored *editor.Article
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		var blob []byte
		err := tx.QueryRowContext(ctx, `SELECT content FROM trash WHERE id = ?`, trashID).Scan(&blob)
		if errors.Is(err, sql.ErrNoRows) {
			return editor.ErrNotFound
		}
		if err != nil {
			return err
		}
		content, err := decodeTrash(blob)
		if err != nil {
			return err
		}
		author, err := personNameTx(ctx, tx)
		if err != nil {
			return err
		}
		a := content.Article.Clone()
		oldVersion, created := a.Version, a.Created
		for _, r := range content.Rows["revisions"] {
			for i, c := range r.Columns {
				if c == "version" && r.Values[i].Kind == "i" {
					oldVersion = max(oldVersion, r.Values[i].I)
				}
			}
		}
		a.ID = 0
		now := d.timestamp()
		seq, err := nextSeq(ctx, tx)
		if err != nil {
			return err
		}
		words := editor.CountWords(a.Body)
		if err := d.insertTx(ctx, tx, a, now, words, seq); err != nil {
			return err
		}
		// The restore is the next version of the article as it was, so
		// the history's versions keep rising.
		a.Version, a.Created = oldVersion+1, created
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET version = ?, created = ? WHERE id = ?`,
			a.Version, toMillis(a.Created), a.ID); err != nil {
			return err
		}
		if err := indexTx(ctx, tx, a, seq); err != nil {
			return err
		}
		if err := authorsTx(ctx, tx, a); err != nil {
			return err
		}
		for table, rows := range content.Rows {
			if err := restoreRowsTx(ctx, tx, table, rows, a.ID); err != nil {
				return err
			}
		}
		if err := d.revisionTx(ctx, tx, a, now, author, words, RevisionRestore); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM trash WHERE id = ?`, trashID); err != nil {
			return err
		}
		restored = a
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("restore trash entry %d: %w", trashID, err)
	}
	return restored, nil
}

func restoreRowsTx(ctx context.Context, tx *sql.Tx, table string, rows []trashRow, id int64) error {
	rowid, err := rowidColumnTx(ctx, tx, table)
	if err != nil {
		return err
	}
	for _, r := range rows {
		var cols []string
		var args []any
		for i, c := range r.Columns {
			switch c {
			case rowid:
				continue
			case "article_id":
				args = append(args, id)
			default:
				args = append(args, r.Values[i].value())
			}
			cols = append(cols, `"`+c+`"`)
		}
		q := `INSERT INTO "` + table + `" (` + strings.Join(cols, ", ") + `) VALUES (?` + strings.Repeat(", ?", len(cols)-1) + `)`
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("restore %s: %w", table, err)
		}
	}
	return nil
}

// EmptyTrash deletes every article in the trash for good and returns how
// many there were.
func (d *DB) EmptyTrash(ctx context.Context) (int, error) {
	var n int64
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM trash`)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("empty the trash: %w", err)
	}
	return int(n), nil
}

// Duplicate saves a copy of article id as a new draft and returns it: the
// same text, image and byline under the headline "Copy of …", with its own
// uid and slug, no history and no corrections (it was never published).
func (d *DB) Duplicate(ctx context.Context, id int64) (*editor.Article, error) {
	a, err := d.Article(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("duplicate article %d: %w", id, err)
	}
	c := a.Clone()
	c.ID, c.UID, c.Slug, c.Version = 0, "", "", 0
	c.Status, c.Published, c.Corrections = editor.StatusDraft, time.Time{}, nil
	c.Created, c.Updated = time.Time{}, time.Time{}
	c.Headline = copyHeadline(a.Headline)
	if err := d.Save(ctx, c); err != nil {
		return nil, fmt.Errorf("duplicate article %d: %w", id, err)
	}
	return c, nil
}

// copyHeadline is the duplicate's headline, kept within the headline's
// length limit.
func copyHeadline(h string) string {
	c := "Copy of " + h
	if r := []rune(c); len(r) > editor.MaxHeadlineRunes {
		c = string(r[:editor.MaxHeadlineRunes])
	}
	return c
}

func decodeTrash(blob []byte) (trashContent, error) {
	var c trashContent
	r, err := zlib.NewReader(bytes.NewReader(blob))
	if err != nil {
		return c, fmt.Errorf("trash entry: %w", err)
	}
	js, err := io.ReadAll(io.LimitReader(r, maxSnapshotJSON*64))
	if err != nil {
		return c, fmt.Errorf("trash entry: %w", err)
	}
	if err := json.Unmarshal(js, &c); err != nil {
		return c, fmt.Errorf("trash entry: %w", err)
	}
	if c.Article == nil {
		return c, errors.New("trash entry holds no article")
	}
	return c, nil
}
