package storage

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"copydesk/editor"
)

// newDB opens a fresh library in a temporary folder with a clock that
// advances one second per reading, so every save has a distinct, known time.
func newDB(t testing.TB) *DB {
	t.Helper()
	d, err := Open(context.Background(), filepath.Join(t.TempDir(), "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	d.SetClock(fakeClock())
	return d
}

func fakeClock() func() time.Time {
	t := time.Date(2026, 3, 1, 12, 0, 0, 123_456_789, time.FixedZone("CST", -6*3600))
	return func() time.Time {
		t = t.Add(time.Second)
		return t
	}
}

func TestOpenPathsNeedingEscapes(t *testing.T) {
	t.Parallel()
	for _, name := range []string{
		"plain.db",
		"with space/lib rary.db",
		"question?mark/a?b.db",
		"hash#tag/x#y.db",
		"percent%20/100%.db",
		"ünïcödé/日本.db",
		"missing/nested/folders/lib.db",
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), name)
			d, err := Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			if d.Path() != path {
				t.Errorf("Path() = %q, want %q", d.Path(), path)
			}
			a := &editor.Article{Headline: "Hello", Status: editor.StatusDraft}
			if err := d.Save(context.Background(), a); err != nil {
				t.Fatal(err)
			}
			// The file must be exactly where asked, not at an unescaped variant.
			if _, err := os.Stat(path); err != nil {
				t.Errorf("library file not at %q: %v", path, err)
			}
		})
	}
}

func TestPragmasOnEveryConnection(t *testing.T) {
	t.Parallel()
	d := newDB(t)
	ctx := context.Background()
	// Hold several connections at once so the pool must open more than one.
	conns := make([]interface{ Close() error }, 0, 3)
	for range 3 {
		c, err := d.sql.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		var mode string
		var fk, sync, busy int
		if err := c.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&busy); err != nil {
			t.Fatal(err)
		}
		if mode != "wal" || fk != 1 || sync != 1 || busy != 10000 {
			t.Errorf("connection %d: journal_mode=%s foreign_keys=%d synchronous=%d busy_timeout=%d", len(conns), mode, fk, sync, busy)
		}
	}
	for _, c := range conns {
		c.Close()
	}
}

func TestMigrateFromEmpty(t *testing.T) {
	t.Parallel()
	d := newDB(t)
	got, err := d.appliedVersions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var want []int
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		want = append(want, m.version)
	}
	if !slices.Equal(got, want) || len(want) == 0 || want[0] != 1 {
		t.Errorf("applied %v, want %v", got, want)
	}
}

// TestMigrateFromEachVersion builds the library as every older Copydesk
// would have left it, with an article in it, and checks that opening it
// now applies exactly the missing migrations, runs the pre-upgrade step with
// them, and keeps the article.
func TestMigrateFromEachVersion(t *testing.T) {
	t.Parallel()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for i, m := range ms[:len(ms)-1] {
		t.Run(m.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "old.db")
			old, err := Open(ctx, path, withMaxVersion(m.version))
			if err != nil {
				t.Fatal(err)
			}
			a := &editor.Article{Headline: "Survives upgrades", Body: "Kept safe.", Status: editor.StatusFiled}
			if err := old.Save(ctx, a); err != nil {
				t.Fatal(err)
			}
			old.Close()

			var gotPending []int
			d, err := Open(ctx, path, withBeforeMigrate(func(ctx context.Context, db *DB, pending []int) error {
				gotPending = pending
				// It must be able to read the old library, to back it up.
				_, err := db.Article(ctx, a.ID)
				return err
			}))
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			var wantPending []int
			for _, later := range ms[i+1:] {
				wantPending = append(wantPending, later.version)
			}
			if !slices.Equal(gotPending, wantPending) {
				t.Errorf("pre-upgrade step got %v, want %v", gotPending, wantPending)
			}
			got, err := d.Article(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Headline != a.Headline || got.Body != a.Body {
				t.Errorf("article after upgrade = %+v", got)
			}
			applied, _ := d.appliedVersions(ctx)
			if applied[len(applied)-1] != ms[len(ms)-1].version {
				t.Errorf("applied %v after upgrade", applied)
			}
		})
	}
}

func TestBeforeMigrateNotCalledForNewOrCurrent(t *testing.T) {
	t.Parallel()
	calls := 0
	count := withBeforeMigrate(func(context.Context, *DB, []int) error { calls++; return nil })
	path := filepath.Join(t.TempDir(), "lib.db")
	for range 2 {
		d, err := Open(context.Background(), path, count)
		if err != nil {
			t.Fatal(err)
		}
		d.Close()
	}
	if calls != 0 {
		t.Errorf("pre-upgrade step ran %d times for a new and then a current library", calls)
	}
}

func TestBeforeMigrateErrorStopsUpgrade(t *testing.T) {
	t.Parallel()
	ms, _ := migrations()
	if len(ms) < 2 {
		t.Skip("needs two migrations to have an upgrade")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lib.db")
	old, err := Open(ctx, path, withMaxVersion(ms[0].version))
	if err != nil {
		t.Fatal(err)
	}
	old.Close()
	boom := errors.New("disk full")
	failing := withBeforeMigrate(func(context.Context, *DB, []int) error { return boom })
	if _, err := Open(ctx, path, failing); !errors.Is(err, boom) {
		t.Fatalf("Open = %v, want the pre-upgrade step's error", err)
	}
	again, err := Open(ctx, path, withMaxVersion(ms[0].version), withBeforeMigrate(nil))
	if err != nil {
		t.Fatalf("library no longer opens at its old version: %v", err)
	}
	again.Close()
}

func TestNewerSchemaRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lib.db")
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	future := latestVersion() + 1
	if _, err := d.sql.Exec(`INSERT INTO schema_migrations (version, applied) VALUES (?, 0)`, future); err != nil {
		t.Fatal(err)
	}
	d.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	_, err = Open(ctx, path)
	if !errors.Is(err, editor.ErrNewerSchema) {
		t.Fatalf("Open = %v, want ErrNewerSchema", err)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(before, after) {
		t.Error("refusing a newer library changed the file")
	}
	// Also refused by an older Copydesk that knows fewer migrations.
	if _, err := Open(ctx, path, withMaxVersion(1)); !errors.Is(err, editor.ErrNewerSchema) {
		t.Errorf("Open at version 1 = %v, want ErrNewerSchema", err)
	}
}

func TestOpenRefusesForeignFiles(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()

	foreign := filepath.Join(dir, "other-app.db")
	other, err := sql.Open("sqlite", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Exec(`CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x')`); err != nil {
		t.Fatal(err)
	}
	other.Close()
	if _, err := Open(ctx, foreign); !errors.Is(err, ErrNotLibrary) {
		t.Errorf("Open(another program's database) = %v, want ErrNotLibrary", err)
	}
	check, _ := sql.Open("sqlite", foreign)
	defer check.Close()
	var n int
	if err := check.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name != 'contacts'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("foreign database gained %d schema objects (%v)", n, err)
	}

	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte(strings.Repeat("not a database\n", 500)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, text); !errors.Is(err, ErrDamaged) {
		t.Errorf("Open(text file) = %v, want ErrDamaged", err)
	}
}
