package storage

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"copydesk/editor"
)

// relArticle is a new article whose text is determined by i, so a test can
// rebuild what it expects to find.
func relArticle(i, bodyBytes int) *editor.Article {
	para := fmt.Sprintf("Paragraph of story %d about the council budget, the river bridge and the school board. ", i)
	body := strings.Repeat(para, bodyBytes/len(para)+1)[:bodyBytes]
	return &editor.Article{
		Headline: fmt.Sprintf("Council story number %d", i),
		Byline:   []string{"Lisa Johnson"},
		Section:  "Local",
		Summary:  fmt.Sprintf("Summary %d", i),
		Body:     body,
		Status:   editor.StatusDraft,
	}
}

// relLibrary creates a closed library with n articles of bodyBytes each
// and returns its path.
func relLibrary(t testing.TB, n, bodyBytes int) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "library.db")
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if err := d.Save(ctx, relArticle(i, bodyBytes)); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func fileHash(t testing.TB, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// rawDB opens path without the library's pragmas (no foreign keys), so a
// test can damage it the way a bug or another tool could.
func rawDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

func TestVerifyFindsEachKindOfProblem(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name    string
		damage  string // SQL run on a raw connection
		section func(Report) []string
		want    string
	}{
		{"healthy", "", nil, ""},
		{"article missing from index",
			"DELETE FROM articles_fts WHERE rowid = (SELECT seq FROM articles WHERE id = 2)",
			func(r Report) []string { return r.Search }, "article 2 is missing from the search index"},
		{"index entry for no article",
			"INSERT INTO articles_fts (rowid, headline, summary, byline, body) VALUES (9999, 'ghost', '', '', '')",
			func(r Report) []string { return r.Search }, "1 entries for articles that do not exist"},
		{"headline changed without reindex",
			"UPDATE articles SET headline = 'Entirely different words' WHERE id = 3",
			func(r Report) []string { return r.Search }, "article 3: the search index does not hold its current headline"},
		{"revision of a missing article",
			"INSERT INTO revisions (article_id, number, version, time, status, words, headline, article) VALUES (777, 1, 1, 0, 'draft', 0, 'x', '{}')",
			func(r Report) []string { return r.ForeignKeys }, "revisions row"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := relLibrary(t, 5, 3000)
			if tt.damage != "" {
				if _, err := rawDB(t, path).Exec(tt.damage); err != nil {
					t.Fatal(err)
				}
			}
			rep, err := Verify(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Articles != 5 {
				t.Errorf("Articles = %d, want 5", rep.Articles)
			}
			var out bytes.Buffer
			rep.WriteTo(&out)
			if tt.want == "" {
				if !rep.OK() {
					t.Fatalf("healthy library reported problems:\n%s", out.String())
				}
				if !strings.Contains(out.String(), "search index: ok") {
					t.Errorf("report does not say the index is ok:\n%s", out.String())
				}
				return
			}
			if rep.OK() {
				t.Fatalf("damage not found:\n%s", out.String())
			}
			if got := strings.Join(tt.section(rep), "\n"); !strings.Contains(got, tt.want) {
				t.Errorf("problems %q do not mention %q", got, tt.want)
			}
			if !strings.Contains(out.String(), tt.want) {
				t.Errorf("printed report does not show the problem:\n%s", out.String())
			}
		})
	}
}

// corrupt overwrites n bytes at off with a pattern no valid page has.
func corrupt(t testing.TB, path string, off int64, n int) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xA5, 0x17}, n/2), off); err != nil {
		t.Fatal(err)
	}
}

func TestDamagedLibraryIsRefusedUntouchedAndRecovered(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	const pageSize = 4096
	tests := []struct {
		name   string
		damage func(t *testing.T, path string, pages int64)
	}{
		{"b-tree page headers in the middle", func(t *testing.T, path string, pages int64) {
			for p := pages / 3; p < pages/3+4; p++ {
				corrupt(t, path, p*pageSize, 64)
			}
		}},
		{"page 3 header area", func(t *testing.T, path string, pages int64) {
			corrupt(t, path, 2*pageSize, 200)
		}},
		{"file header", func(t *testing.T, path string, pages int64) {
			corrupt(t, path, 0, 100)
		}},
		{"cut in half", func(t *testing.T, path string, pages int64) {
			if err := os.Truncate(path, pages/2*pageSize); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := relLibrary(t, 60, 6000)
			// The start-up path takes the day's backup of the good library.
			d, err := Open(ctx, path, WithStartupCheck(CheckBeforeOpen), WithDailyBackup())
			if err != nil {
				t.Fatal(err)
			}
			want, err := d.Search(ctx, editor.Filter{Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			d.Close()
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			pages := fi.Size() / pageSize
			if pages < 20 {
				t.Fatalf("library has only %d pages; the test needs a multi-page file", pages)
			}
			tt.damage(t, path, pages)
			damaged := fileHash(t, path)

			_, err = Open(ctx, path, WithStartupCheck(CheckBeforeOpen), WithDailyBackup())
			if !errors.Is(err, ErrDamaged) {
				t.Fatalf("Open with CheckBeforeOpen on a damaged file = %v, want ErrDamaged", err)
			}
			if err := QuickCheck(ctx, path); !errors.Is(err, ErrDamaged) {
				t.Errorf("QuickCheck = %v, want ErrDamaged", err)
			}
			if rep, err := Verify(ctx, path); err != nil || rep.OK() {
				t.Errorf("Verify = %+v, %v; want a report with problems", rep, err)
			}
			if fileHash(t, path) != damaged {
				t.Fatal("checking the damaged file changed it")
			}

			backups, err := Backups(path)
			if err != nil || len(backups) == 0 {
				t.Fatalf("Backups = %v, %v; want the start-up backup", backups, err)
			}
			aside, err := Recover(ctx, path, backups[0])
			if err != nil {
				t.Fatal(err)
			}
			if fileHash(t, aside) != damaged {
				t.Error("the damaged file was not kept aside unchanged")
			}
			d, err = Open(ctx, path, WithStartupCheck(CheckBeforeOpen), WithDailyBackup())
			if err != nil {
				t.Fatalf("recovered library does not open: %v", err)
			}
			defer d.Close()
			got, err := d.Search(ctx, editor.Filter{Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("recovered library has %d articles, backup was taken with %d", len(got), len(want))
			}
			for _, s := range want {
				a, err := d.Article(ctx, s.ID)
				if err != nil {
					t.Fatal(err)
				}
				if exp := relArticle(int(s.ID-1), 6000); a.Body != exp.Body || a.Headline != exp.Headline {
					t.Fatalf("article %d differs after recovery", s.ID)
				}
			}
		})
	}
}

func TestRecoverRefusesDamagedBackup(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	lib := relLibrary(t, 3, 1000)
	backup := relLibrary(t, 40, 6000)
	corrupt(t, backup, 10*4096, 64)
	before := fileHash(t, lib)
	if _, err := Recover(ctx, lib, backup); !errors.Is(err, ErrDamaged) {
		t.Fatalf("Recover from a damaged backup = %v, want ErrDamaged", err)
	}
	if fileHash(t, lib) != before {
		t.Error("a refused recovery changed the library")
	}
	if _, err := Recover(ctx, lib, lib); err == nil {
		t.Error("Recover accepted the library as its own backup")
	}
}

func TestQuickCheckMissingFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "none.db")
	if err := QuickCheck(context.Background(), path); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("QuickCheck of a missing file = %v, want fs.ErrNotExist", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Error("QuickCheck created the file")
	}
}

// TestSaveRefusesHostileTextWritingNothing sends text past the limits
// through Save: it must be refused as a validation error with nothing of
// it written, while the largest allowed body round-trips exactly.
func TestSaveRefusesHostileTextWritingNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, err := Open(ctx, filepath.Join(t.TempDir(), "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	kept := relArticle(1, 1000)
	if err := d.Save(ctx, kept); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		a     *editor.Article
		field string
	}{
		{"new body over the limit", &editor.Article{Headline: "Big", Body: strings.Repeat("word ", editor.MaxBodyBytes/5+1), Status: editor.StatusDraft}, "body"},
		{"edit with a NUL", func() *editor.Article { a := kept.Clone(); a.Body += "\x00"; return a }(), "body"},
		{"edit with invalid UTF-8", func() *editor.Article { a := kept.Clone(); a.Headline = "\xc0\xaf"; return a }(), "headline"},
	}
	for _, tt := range tests {
		err := d.Save(ctx, tt.a)
		var ve *editor.ValidationError
		if !errors.As(err, &ve) || ve.For(tt.field) == nil {
			t.Errorf("%s: Save = %v, want a validation error for %s", tt.name, err, tt.field)
		}
	}
	if n, err := d.Count(ctx, editor.Filter{}); err != nil || n != 1 {
		t.Errorf("library holds %d articles (%v), want only the valid one", n, err)
	}
	if revs, err := d.Revisions(ctx, kept.ID); err != nil || len(revs) != 1 {
		t.Errorf("article has %d revisions (%v), want 1", len(revs), err)
	}

	max := &editor.Article{Headline: "Longest allowed", Status: editor.StatusDraft,
		Body: strings.Repeat("Ünïcode words and more words. ", editor.MaxBodyBytes/32)}
	if err := d.Save(ctx, max); err != nil {
		t.Fatalf("body of %d bytes: %v", len(max.Body), err)
	}
	got, err := d.Article(ctx, max.ID)
	if err != nil || got.Body != max.Body {
		t.Fatalf("largest body did not round-trip (%v)", err)
	}
	if rep, err := Verify(ctx, d.Path()); err != nil || !rep.OK() {
		t.Errorf("library after hostile saves: %+v, %v", rep, err)
	}
}

// FuzzVerifyHeadline saves an article with any headline Validate accepts
// and checks that Verify's probe finds it in the search index: the probe
// turns reporter text into an FTS5 query, so no headline may make it fail
// or report a sound index as wrong.
func FuzzVerifyHeadline(f *testing.F) {
	for _, s := range []string{"Council approves budget", `"Quoted" AND OR NOT *`, "café — Łódź ½", "a\u0301", "NEAR(a b)", "-x +y ^z",
		`"""`, "{headline}: col", "日本語の見出し", "emoji 🎉 only", "x\u200by", "ǅ ǈ ǋ", "٣٤٥ arabic digits", "İstanbul ı"} {
		f.Add(s)
	}
	d, err := Open(context.Background(), filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer d.Close()
	f.Fuzz(func(t *testing.T, headline string) {
		ctx := context.Background()
		a := &editor.Article{Headline: headline, Status: editor.StatusDraft}
		if a.Validate() != nil {
			return
		}
		if err := d.Save(ctx, a); err != nil {
			t.Fatalf("Save(%q): %v", headline, err)
		}
		var seq int64
		if err := d.sql.QueryRowContext(ctx, `SELECT seq FROM articles WHERE id = ?`, a.ID).Scan(&seq); err != nil {
			t.Fatal(err)
		}
		found, err := indexHoldsHeadline(ctx, d.sql, seq, a.Headline)
		if err != nil {
			t.Fatalf("probe for %q: %v", headline, err)
		}
		if !found {
			t.Fatalf("probe does not find %q, which was just indexed", headline)
		}
	})
}

// TestRecoverFromLibraryInUse restores from a file whose latest pages are
// still only in its -wal file (another library, open elsewhere): a plain
// file copy would lose them.
func TestRecoverFromLibraryInUse(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	lib := relLibrary(t, 2, 500)
	other := filepath.Join(t.TempDir(), "other.db")
	o, err := Open(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	for i := range 5 {
		if err := o.Save(ctx, relArticle(100+i, 800)); err != nil {
			t.Fatal(err)
		}
	}
	if fi, err := os.Stat(other + "-wal"); err != nil || fi.Size() == 0 {
		t.Fatalf("the source's saves are not in its -wal file (%v); the test needs them there", err)
	}
	if _, err := Recover(ctx, lib, other); err != nil {
		t.Fatal(err)
	}
	rep, err := Verify(ctx, lib)
	if err != nil || !rep.OK() || rep.Articles != 5 {
		t.Fatalf("restored library: %+v, %v; want the 5 articles of the source", rep, err)
	}
}

// TestChecksOnPathsNeedingEscapes: the read-only checks open the file by
// URI, where '?', '#' and '%' are syntax; a folder named with them must
// still be checked, not mistaken for another (new, empty) file.
func TestChecksOnPathsNeedingEscapes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "News #1 ? 100% sure", "lib.db")
	d, err := Open(ctx, path, WithStartupCheck(CheckBeforeOpen), WithDailyBackup())
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Save(ctx, relArticle(1, 100)); err != nil {
		t.Fatal(err)
	}
	d.Close()
	if err := QuickCheck(ctx, path); err != nil {
		t.Fatal(err)
	}
	rep, err := Verify(ctx, path)
	if err != nil || !rep.OK() || rep.Articles != 1 {
		t.Fatalf("Verify = %+v, %v; want 1 article, no problems", rep, err)
	}
}
