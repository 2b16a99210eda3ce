package storage

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"copydesk/editor"
	"copydesk/editor/synth"
)

// benchArticles is the library size the search and list goals are set
// for; COPYDESK_BENCH_ARTICLES overrides it for quick experiments.
func benchArticles() int {
	if n, err := strconv.Atoi(os.Getenv("COPYDESK_BENCH_ARTICLES")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// benchLibrary opens the synthetic library of benchArticles() articles,
// building it once and keeping it under os.TempDir(). The file name holds
// the generator version and a hash of the migrations, so a change to
// either builds a new one instead of measuring a stale schema.
func benchLibrary(b *testing.B) *DB {
	b.Helper()
	if testing.Short() {
		b.Skip("the 100k-article library is not built in -short mode")
	}
	n := benchArticles()
	// Keyed by what decides the library's content: the generator, the
	// articles schema and the facet encoding. Later migrations (other
	// tables) are applied in place when the cached library is opened.
	first, err := migrationFiles.ReadFile("migrations/0001_articles.sql")
	if err != nil {
		b.Fatal(err)
	}
	sum := sha256.Sum256(first)
	dir := filepath.Join(os.TempDir(), "copydesk-bench")
	path := filepath.Join(dir, fmt.Sprintf("library-synth%d-schema%s-facets%d-n%d.db",
		synth.Version, hex.EncodeToString(sum[:])[:12], facetVersion, n))
	ctx := context.Background()
	if _, err := os.Stat(path); err != nil {
		b.Logf("building %d-article benchmark library at %s (once)", n, path)
		start := time.Now()
		if err := buildLibrary(ctx, path, n); err != nil {
			b.Fatal(err)
		}
		b.Logf("built in %v", time.Since(start).Round(time.Second))
	}
	// No pre-upgrade backup of a multi-gigabyte throwaway library.
	d, err := Open(ctx, path, withBeforeMigrate(nil))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { d.Close() })
	return d
}

// buildLibrary saves the articles through saveTx, so revisions, authors
// and the index are exactly what real saves write, batching many saves
// per transaction only to make the one-time build bearable. It writes to a
// temporary name and renames at the end, so an interrupted build is never
// mistaken for a finished library.
// adjust, if given, changes each generated article before it is saved.
func buildLibrary(ctx context.Context, path string, n int, adjust ...func(i int, a *editor.Article)) error {
	tmp := path + ".building"
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(tmp + suffix)
	}
	d, err := Open(ctx, tmp)
	if err != nil {
		return err
	}
	d.SetClock(fakeClock())
	const batch = 1000
	for start := 0; start < n; start += batch {
		err := d.inTx(ctx, func(tx *sql.Tx) error {
			for i := start; i < min(start+batch, n); i++ {
				a := synth.LibraryArticle(i)
				for _, f := range adjust {
					f(i, a)
				}
				if err := d.saveTx(ctx, tx, a, a.Byline[0]); err != nil {
					return fmt.Errorf("article %d: %w", i, err)
				}
			}
			return nil
		})
		if err != nil {
			d.Close()
			return err
		}
	}
	// Merge the index's segments as a long-lived library would have them.
	if _, err := d.sql.ExecContext(ctx, `INSERT INTO articles_fts (articles_fts) VALUES ('optimize')`); err != nil {
		d.Close()
		return err
	}
	if err := d.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// latencies collects one duration per operation and reports percentiles
// as benchmark metrics, since search-as-you-type is judged by its slow
// tail. The bench machine is shared with other busy processes, so it also
// reports CPU time: per operation on average (process, including GC) and
// as percentiles of the benchmark goroutine's own thread, which is locked
// to it for the duration. CPU percentiles show what wall-clock ones would
// be on an idle machine.
type latencies struct {
	wall, cpu []time.Duration
	cpuStart  time.Duration
	cpuOK     bool
}

func newLatencies() *latencies {
	runtime.LockOSThread()
	l := &latencies{}
	l.cpuStart, l.cpuOK = processCPU()
	return l
}

type mark struct {
	wall  time.Time
	cpu   time.Duration
	cpuOK bool
}

// start and stop bracket one operation.
func (l *latencies) start() mark {
	cpu, ok := threadCPU()
	return mark{wall: time.Now(), cpu: cpu, cpuOK: ok}
}

func (l *latencies) stop(m mark) {
	l.wall = append(l.wall, time.Since(m.wall))
	if cpu, ok := threadCPU(); ok && m.cpuOK {
		l.cpu = append(l.cpu, cpu-m.cpu)
	}
}

func (l *latencies) report(b *testing.B) {
	defer runtime.UnlockOSThread()
	if cpu, ok := processCPU(); ok && l.cpuOK && len(l.wall) > 0 {
		b.ReportMetric(ms(cpu-l.cpuStart)/float64(len(l.wall)), "cpu-ms/op")
	}
	at := func(d []time.Duration, p float64) float64 {
		return ms(d[min(int(p*float64(len(d))), len(d)-1)])
	}
	if len(l.wall) > 0 {
		slices.Sort(l.wall)
		b.ReportMetric(at(l.wall, 0.50), "p50-ms")
		b.ReportMetric(at(l.wall, 0.95), "p95-ms")
		b.ReportMetric(at(l.wall, 1), "max-ms")
	}
	if len(l.cpu) > 0 {
		slices.Sort(l.cpu)
		b.ReportMetric(at(l.cpu, 0.50), "cpu-p50-ms")
		b.ReportMetric(at(l.cpu, 0.95), "cpu-p95-ms")
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// typedQueries are one- to three-word searches, typed a character at a
// time; every prefix is searched, as the window does while typing.
var typedQueries = []string{
	"the", "said", "the said", "said the city", "council budget", "police said", "cafe",
	"zurich", "quarterback season", "the new government", "researchers study climate", "lisa johnson",
	"ukraine allies", "officials said", "mayor", "xylophone", "a", "amelie",
}

func typedPrefixes() []string {
	var out []string
	for _, q := range typedQueries {
		for i := 1; i <= len(q); i++ {
			out = append(out, q[:i])
		}
	}
	return out
}

func BenchmarkSearchAsYouType(b *testing.B) {
	d := benchLibrary(b)
	ctx := context.Background()
	prefixes := typedPrefixes()
	run := func(b *testing.B, f editor.Filter, queries []string) {
		lat := newLatencies()
		i := 0
		for b.Loop() {
			f.Query = queries[i%len(queries)]
			i++
			start := lat.start()
			if _, err := d.Search(ctx, f); err != nil {
				b.Fatal(err)
			}
			lat.stop(start)
		}
		lat.report(b)
	}
	b.Run("typing", func(b *testing.B) { run(b, editor.Filter{Limit: 50}, prefixes) })
	// What the library window does per keystroke: Count for "N articles",
	// then the first page.
	b.Run("typing_with_count", func(b *testing.B) {
		lat := newLatencies()
		i := 0
		for b.Loop() {
			f := editor.Filter{Limit: 50, Query: prefixes[i%len(prefixes)]}
			i++
			start := lat.start()
			if _, err := d.Count(ctx, f); err != nil {
				b.Fatal(err)
			}
			if _, err := d.Search(ctx, f); err != nil {
				b.Fatal(err)
			}
			lat.stop(start)
		}
		lat.report(b)
	})
	// The same with CountUpTo(1000), what a window needs for "1,000+".
	b.Run("typing_with_countupto", func(b *testing.B) {
		lat := newLatencies()
		i := 0
		for b.Loop() {
			f := editor.Filter{Limit: 50, Query: prefixes[i%len(prefixes)]}
			i++
			start := lat.start()
			if _, err := d.CountUpTo(ctx, f, 1000); err != nil {
				b.Fatal(err)
			}
			if _, err := d.Search(ctx, f); err != nil {
				b.Fatal(err)
			}
			lat.stop(start)
		}
		lat.report(b)
	})
	b.Run("the", func(b *testing.B) { run(b, editor.Filter{Limit: 50}, []string{"the"}) })
	b.Run("the_said_city", func(b *testing.B) { run(b, editor.Filter{Limit: 50}, []string{"the said city"}) })
	// Filters are checked row by row in index order, so a common word with
	// a filter few articles pass is the slow case.
	b.Run("the+author", func(b *testing.B) {
		run(b, editor.Filter{Limit: 50, Author: "Lisa Johnson"}, []string{"the"})
	})
	b.Run("the+spiked+science", func(b *testing.B) {
		run(b, editor.Filter{Limit: 50, Status: editor.StatusSpiked, Section: "Science"}, []string{"the"})
	})
	b.Run("said+status+section+author", func(b *testing.B) {
		run(b, editor.Filter{Limit: 50, Status: editor.StatusPublished, Section: "Science", Author: "Mark Chen"}, []string{"said"})
	})
	b.Run("the+no_match_filter", func(b *testing.B) {
		run(b, editor.Filter{Limit: 50, Author: "Nobody Atall"}, []string{"the"})
	})
	// Baselines: the same filtered searches checking filters row by row
	// (no facet tokens in the MATCH), the design the facets replaced.
	rowFilter := func(b *testing.B, where string, args ...any) {
		q := `SELECT ` + summaryColumns + ` FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid
			WHERE articles_fts MATCH '"the"*' AND ` + where + ` ORDER BY articles_fts.rowid DESC LIMIT 50`
		lat := newLatencies()
		for b.Loop() {
			start := lat.start()
			rows, err := d.sql.QueryContext(ctx, q, args...)
			if err != nil {
				b.Fatal(err)
			}
			for rows.Next() {
			}
			rows.Close()
			lat.stop(start)
		}
		lat.report(b)
	}
	b.Run("baseline_rowfilter/the+author", func(b *testing.B) {
		rowFilter(b, `EXISTS (SELECT 1 FROM article_authors WHERE name = ? AND article_id = a.id)`, authorKey("Lisa Johnson"))
	})
	b.Run("baseline_rowfilter/the+spiked+science", func(b *testing.B) {
		rowFilter(b, `a.status = 'spiked' AND a.section = 'Science'`)
	})
	b.Run("baseline_rowfilter/the+no_match_filter", func(b *testing.B) {
		rowFilter(b, `EXISTS (SELECT 1 FROM article_authors WHERE name = ? AND article_id = a.id)`, "nobody atall")
	})
}

func BenchmarkList200Recent(b *testing.B) {
	d := benchLibrary(b)
	ctx := context.Background()
	for _, bc := range []struct {
		name string
		f    editor.Filter
	}{
		{"all", editor.Filter{Limit: 200}},
		{"status", editor.Filter{Limit: 200, Status: editor.StatusEditing}},
		{"section", editor.Filter{Limit: 200, Section: "Sports"}},
		{"author", editor.Filter{Limit: 200, Author: "Mark Chen"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			n, err := d.Count(ctx, bc.f)
			if err != nil {
				b.Fatal(err)
			}
			lat := newLatencies()
			for b.Loop() {
				start := lat.start()
				res, err := d.Search(ctx, bc.f)
				if err != nil || len(res) != min(n, 200) {
					b.Fatalf("%d results, %v", len(res), err)
				}
				lat.stop(start)
			}
			lat.report(b)
		})
	}
}

func BenchmarkCount(b *testing.B) {
	d := benchLibrary(b)
	ctx := context.Background()
	for _, f := range []editor.Filter{{}, {Status: editor.StatusDraft}, {Query: "the"}, {Query: "zurich"}} {
		b.Run(fmt.Sprintf("%q/%s", f.Query, f.Status), func(b *testing.B) {
			for b.Loop() {
				if _, err := d.Count(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSave10kWords saves a 10,000-word article over and over, each
// time with a different body, so every save rewrites the row and the
// whole article's index entries. The sub-benchmarks differ in the
// revision each save writes:
//
//   - before_0005: a library opened at schema 0004 writes revisions as
//     Copydesk did before migration 0005 (plain JSON, one per save): the
//     baseline, measured in the same run.
//   - new_revision: a compressed revision per save (SaveAs, as an import
//     does): the cost of compression alone.
//   - autosave: Save as the window's autosave calls it, coalescing into
//     the session's revision.
//
// Each reports the revision bytes stored per revision (JSON or snapshot)
// and how many revisions the saves left, per save.
func BenchmarkSave10kWords(b *testing.B) {
	for _, bc := range []struct {
		name   string
		schema int
		save   func(d *DB, a *editor.Article) error
	}{
		{"before_0005", 4, func(d *DB, a *editor.Article) error { return d.Save(context.Background(), a) }},
		{"new_revision", 0, func(d *DB, a *editor.Article) error { return d.SaveAs(context.Background(), a, RevisionImport) }},
		{"autosave", 0, func(d *DB, a *editor.Article) error { return d.Save(context.Background(), a) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			ctx := context.Background()
			schema := bc.schema
			if schema == 0 {
				schema = latestVersion()
			}
			d, err := Open(ctx, filepath.Join(b.TempDir(), "save.db"), withMaxVersion(schema))
			if err != nil {
				b.Fatal(err)
			}
			defer d.Close()
			// A library that is not empty, so index segments exist to merge with.
			for i := range 200 {
				mustSave(b, d, synth.LibraryArticle(i))
			}
			bodies := []string{synth.Article(1, 10_000).Body, synth.Article(2, 10_000).Body}
			a := synth.Article(3, 10_000)
			a.UID = ""
			mustSave(b, d, a)
			lat := newLatencies()
			saves := 0
			for b.Loop() {
				a.Body = bodies[saves%2]
				saves++
				start := lat.start()
				if err := bc.save(d, a); err != nil {
					b.Fatal(err)
				}
				lat.stop(start)
			}
			lat.report(b)
			var bytes, revs int64
			// length() of a BLOB is its size in bytes; of TEXT, in characters,
			// hence the cast.
			if err := d.sql.QueryRowContext(ctx, `SELECT sum(length(CAST(article AS BLOB))), count(*) FROM revisions
				WHERE article_id = ? AND number > 1`, a.ID).Scan(&bytes, &revs); err != nil {
				b.Fatal(err)
			}
			if schema >= 5 {
				var snap int64
				if err := d.sql.QueryRowContext(ctx, `SELECT coalesce(sum(length(snapshot)), 0) FROM revisions
					WHERE article_id = ? AND number > 1`, a.ID).Scan(&snap); err != nil {
					b.Fatal(err)
				}
				bytes += snap
			}
			if revs > 0 {
				b.ReportMetric(float64(bytes)/float64(revs), "B/revision")
			}
			b.ReportMetric(float64(revs)/float64(saves), "revisions/save")
		})
	}
}
