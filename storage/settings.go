package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"

	"copydesk/editor"
)

// Settings returns editor.DefaultSettings with every stored value laid
// over it. Settings are stored one JSON value per field name, so a field
// added in a later version starts at its default in an older library, and
// keys this version does not know (written by a newer one) are ignored.
func (d *DB) Settings(ctx context.Context) (editor.Settings, error) {
	s, err := settingsFrom(ctx, d.sql)
	if err != nil {
		return editor.Settings{}, fmt.Errorf("read settings: %w", classifyErr(err))
	}
	return s, nil
}

func settingsFrom(ctx context.Context, q queryer) (editor.Settings, error) {
	defaults, err := settingsFields(editor.DefaultSettings())
	if err != nil {
		return editor.Settings{}, err
	}
	fields := maps.Clone(defaults)
	rows, err := q.QueryContext(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return editor.Settings{}, err
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return editor.Settings{}, err
		}
		if _, known := fields[k]; known && json.Valid([]byte(v)) {
			fields[k] = json.RawMessage(v)
		}
	}
	if err := rows.Err(); err != nil {
		return editor.Settings{}, err
	}
	s := editor.DefaultSettings()
	// Decode field by field: one stored value of the wrong type must not
	// throw away every other setting.
	for k, v := range fields {
		one, _ := json.Marshal(map[string]json.RawMessage{k: v})
		if err := json.Unmarshal(one, &s); err != nil {
			def, _ := json.Marshal(map[string]json.RawMessage{k: defaults[k]})
			_ = json.Unmarshal(def, &s)
		}
	}
	return s, nil
}

func settingsFields(s editor.Settings) (map[string]json.RawMessage, error) {
	b, err := json.Marshal(s)
	if err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	err = json.Unmarshal(b, &m)
	return m, err
}

// SaveSettings stores every field of s.
func (d *DB) SaveSettings(ctx context.Context, s editor.Settings) error {
	fields, err := settingsFields(s)
	if err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	err = d.inTx(ctx, func(tx *sql.Tx) error {
		for k, v := range fields {
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, string(v)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	return nil
}

// personNameTx reads the name revisions are signed with, inside the
// saving transaction so a concurrent settings change cannot split a save.
func personNameTx(ctx context.Context, tx *sql.Tx) (string, error) {
	var v string
	err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'person_name'`).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return editor.DefaultSettings().PersonName, nil
	}
	if err != nil {
		return "", fmt.Errorf("read person name: %w", err)
	}
	var name string
	if err := json.Unmarshal([]byte(v), &name); err != nil {
		return editor.DefaultSettings().PersonName, nil
	}
	return name, nil
}
