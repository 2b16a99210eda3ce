package storage

import (
	"context"
	"reflect"
	"testing"

	"copydesk/editor"
)

func TestSettings(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	changed := editor.DefaultSettings()
	changed.Masthead = "The Ünïcode Gazette"
	changed.Sections = []string{"Front", "Back"}
	changed.PersonName = "Lisa Johnson"
	changed.PersonRole = editor.RoleEditor
	changed.FontSize = 15.5
	changed.BackupDays = 0
	tests := []struct {
		name string
		raw  map[string]string // rows written directly, as an older or newer Copydesk might leave them
		save *editor.Settings
		want func(s *editor.Settings)
	}{
		{name: "new library has defaults", want: func(*editor.Settings) {}},
		{name: "round trip", save: &changed, want: func(s *editor.Settings) { *s = changed }},
		{name: "missing keys keep defaults", raw: map[string]string{"masthead": `"Daily"`},
			want: func(s *editor.Settings) { s.Masthead = "Daily" }},
		{name: "unknown keys ignored", raw: map[string]string{"from_the_future": `{"x":1}`, "tagline": `"New"`},
			want: func(s *editor.Settings) { s.Tagline = "New" }},
		{name: "a value of the wrong type falls back alone", raw: map[string]string{"font_size": `"big"`, "sections": `"not a list"`, "theme": `"dark"`},
			want: func(s *editor.Settings) { s.Theme = "dark" }},
		{name: "invalid JSON falls back", raw: map[string]string{"masthead": `{`}, want: func(*editor.Settings) {}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := newDB(t)
			for k, v := range tc.raw {
				if _, err := d.sql.Exec(`INSERT INTO settings (key, value) VALUES (?, ?)`, k, v); err != nil {
					t.Fatal(err)
				}
			}
			if tc.save != nil {
				if err := d.SaveSettings(ctx, *tc.save); err != nil {
					t.Fatal(err)
				}
			}
			want := editor.DefaultSettings()
			tc.want(&want)
			got, err := d.Settings(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Settings() =\n%+v\nwant\n%+v", got, want)
			}
		})
	}
}

func TestSaveSettingsOverwrites(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := newDB(t)
	s := editor.DefaultSettings()
	s.PersonName = "First"
	if err := d.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	s.PersonName = ""
	s.Sections = nil
	if err := d.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	got, err := d.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.PersonName != "" || got.Sections != nil {
		t.Errorf("second save did not overwrite: name %q sections %#v", got.PersonName, got.Sections)
	}
}
