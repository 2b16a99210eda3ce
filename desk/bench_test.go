package desk_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"copydesk/desk"
	"copydesk/editor"
	"copydesk/storage"
)

// benchSizes are the desk sizes compared: the cost of a sync must not grow
// with the desk. COPYDESK_BENCH_DESK=N adds another size.
func benchSizes() []int {
	sizes := []int{1_000, 10_000, 100_000}
	if s := os.Getenv("COPYDESK_BENCH_DESK"); s != "" {
		if n, err := strconv.Atoi(s); err == nil {
			sizes = []int{n}
		}
	}
	return sizes
}

// benchFixtureVersion changes whenever benchArticle's output does, so a
// stale cached desk is never measured.
const benchFixtureVersion = 2

func benchDir(n int) string {
	return filepath.Join(os.TempDir(), "copydesk-desk-bench", fmt.Sprintf("v%d-n%d", benchFixtureVersion, n))
}

var benchSentences = strings.Fields("The|council|met|on|Tuesday|to|weigh|the|bridge|repair,|which|engineers|say|cannot|wait|another|winter.")

// benchArticle is article i of the benchmark desk: a news story of about
// 600 words. It is cheap to make on purpose, so a 100,000-article desk
// builds in minutes on a busy machine; what a sync costs depends on the
// number of articles, not on their prose.
func benchArticle(i int) *editor.Article {
	var body strings.Builder
	for p := range 6 {
		for w := range 100 {
			body.WriteString(benchSentences[(i+p*7+w)%len(benchSentences)])
			body.WriteByte(' ')
		}
		fmt.Fprintf(&body, "Paragraph %d of story %d.\n\n", p+1, i)
	}
	return &editor.Article{
		UID:      fmt.Sprintf("%08x-0000-4000-8000-%012x", i, i),
		Slug:     fmt.Sprintf("story-%d", i),
		Headline: fmt.Sprintf("Council weighs bridge repair, story %d", i),
		Byline:   []string{"Lisa Johnson"},
		Section:  "Local",
		Summary:  "Engineers say the repair cannot wait another winter.",
		Dateline: "APPLETON",
		Body:     body.String(),
		Status:   editor.StatusDraft,
	}
}

// deskFixture is a bare desk of n articles, built once and kept under
// os.TempDir(); benchmarks never write to it. The objects are written
// with the desk's own plumbing and then packed by the git binary, as a
// long-lived desk on a server would be (git fast-import slows down
// quadratically on one folder of 100,000 entries).
func deskFixture(b *testing.B, n int) string {
	b.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("building the fixture needs the git binary")
	}
	path := filepath.Join(benchDir(n), "fixture.git")
	if _, err := os.Stat(filepath.Join(path, "refs", "heads", "main")); err == nil {
		return path
	}
	b.Logf("building a %d-article desk at %s (once)", n, path)
	start := time.Now()
	// Hundreds of thousands of loose objects are written before they are
	// packed: in memory (/dev/shm) when there is one, which on this
	// project's ext4 disk (mounted with discard) is ten times faster.
	buildRoot := benchDir(n)
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		buildRoot = "/dev/shm"
	}
	tmp := filepath.Join(buildRoot, fmt.Sprintf("copydesk-desk-fixture-%d.building", n))
	os.RemoveAll(tmp)
	defer os.RemoveAll(tmp)
	if out, err := exec.Command("git", "init", "-q", "--bare", "-b", "main", tmp).CombinedOutput(); err != nil {
		b.Fatalf("git init: %v %s", err, out)
	}
	clone, err := desk.OpenClone(tmp)
	if err != nil {
		b.Fatal(err)
	}
	w := clone.NewWriter()
	folders := make(map[string]plumbing.Hash, n)
	var md bytes.Buffer
	for i := range n {
		a := benchArticle(i)
		md.Reset()
		if err := editor.WriteMarkdown(&md, a); err != nil {
			b.Fatal(err)
		}
		h, err := w.Folder(map[string][]byte{desk.ArticleFile: md.Bytes()})
		if err != nil {
			b.Fatal(err)
		}
		folders[a.UID] = h
	}
	cfg, _ := desk.EncodeConfig(desk.Config{Masthead: "The Appleton Times", Sections: editor.DefaultSettings().Sections,
		HeadlineGuide: 70, SummaryGuide: 200, TimeZone: "America/Chicago",
		Members: []desk.Member{{Name: "Desk Editor", Email: "desk@appleton.example", Role: editor.RoleEditor}}})
	root, err := w.Root(&desk.Snapshot{}, folders, map[string][]byte{desk.ConfigFile: cfg})
	if err != nil {
		b.Fatal(err)
	}
	head, err := w.Commit(root, nil, desk.Person{Name: "Desk Editor", Email: "desk@appleton.example"},
		time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), "Benchmark desk\n")
	if err != nil {
		b.Fatal(err)
	}
	if err := clone.SetRef(plumbing.NewBranchReferenceName("main"), head); err != nil {
		b.Fatal(err)
	}
	if out, err := exec.Command("git", "--git-dir", tmp, "repack", "-a", "-d", "-q").CombinedOutput(); err != nil {
		b.Fatalf("git repack: %v %s", err, out)
	}
	if out, err := exec.Command("git", "--git-dir", tmp, "prune-packed").CombinedOutput(); err != nil {
		b.Fatalf("git prune-packed: %v %s", err, out)
	}
	os.MkdirAll(benchDir(n), 0o755)
	if out, err := exec.Command("cp", "-r", tmp, path+".copying").CombinedOutput(); err != nil {
		b.Fatalf("copy fixture: %v %s", err, out)
	}
	if err := os.Rename(path+".copying", path); err != nil {
		b.Fatal(err)
	}
	b.Logf("built in %v", time.Since(start).Round(time.Second))
	return path
}

// syncedDesk is a copy of the fixture and a library that has synced with
// it. The library takes in only the one article the benchmark edits: a
// sync's cost depends on the desk (its trees) and on what changed, and
// the library is reached only by indexed lookups of those articles, so
// importing the other 99,999 (minutes) would change nothing measured.
func syncedDesk(b *testing.B, n int, uid string) (*storage.DB, desk.Remote) {
	b.Helper()
	fixture := deskFixture(b, n)
	dir := b.TempDir()
	ctx := context.Background()
	url := filepath.Join(dir, "desk.git")
	if out, err := exec.Command("cp", "-r", fixture, url).CombinedOutput(); err != nil {
		b.Fatalf("copy fixture: %v %s", err, out)
	}
	db, err := storage.Open(ctx, filepath.Join(dir, "library.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	s, _ := db.Settings(ctx)
	s.PersonName, s.PersonEmail = "Desk Editor", "desk@appleton.example"
	if err := db.SaveSettings(ctx, s); err != nil {
		b.Fatal(err)
	}
	remote, err := desk.OpenRemote(url)
	if err != nil {
		b.Fatal(err)
	}
	clonePath := filepath.Join(dir, "clone")
	if err := db.JoinDesk(ctx, remote.String(), clonePath); err != nil {
		b.Fatal(err)
	}
	clone, err := desk.OpenClone(clonePath)
	if err != nil {
		b.Fatal(err)
	}
	head, err := remote.Fetch(ctx, clone)
	if err != nil {
		b.Fatal(err)
	}
	snap, err := clone.Snapshot(head)
	if err != nil {
		b.Fatal(err)
	}
	folder, _ := snap.Folder(uid)
	f, raw, err := clone.ReadFolder(uid, folder)
	if err != nil {
		b.Fatal(err)
	}
	err = db.Apply(ctx, desk.Outcome{Commit: head, Time: time.Now(), Articles: []desk.Applied{{
		UID: uid, Article: f.Article, Base: desk.Base{Article: raw[desk.ArticleFile], Folder: folder}}}})
	if err != nil {
		b.Fatal(err)
	}
	return db, remote
}

func joinLibrary(b *testing.B, url, dir string) (*storage.DB, desk.Remote) {
	b.Helper()
	ctx := context.Background()
	db, err := storage.Open(ctx, filepath.Join(dir, "library.db"))
	if err != nil {
		b.Fatal(err)
	}
	s, _ := db.Settings(ctx)
	s.PersonName, s.PersonEmail = "Desk Editor", "desk@appleton.example"
	if err := db.SaveSettings(ctx, s); err != nil {
		b.Fatal(err)
	}
	remote, err := desk.OpenRemote(url)
	if err != nil {
		b.Fatal(err)
	}
	if err := db.JoinDesk(ctx, remote.String(), filepath.Join(dir, "clone")); err != nil {
		b.Fatal(err)
	}
	if _, err := desk.Sync(ctx, db, remote, desk.Options{}); err != nil {
		b.Fatal(err)
	}
	return db, remote
}

// BenchmarkSyncOneChange is a sync that sends one edited article, on
// desks of different sizes: the time must stay the same.
func BenchmarkSyncOneChange(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			uid := benchArticle(n / 2).UID
			db, remote := syncedDesk(b, n, uid)
			ctx := context.Background()
			a, err := db.Resolve(ctx, uid)
			if err != nil {
				b.Fatal(err)
			}
			i := 0
			deskBefore := dirSize(remote.String())
			cpu := cpuTime()
			for b.Loop() {
				i++
				a.Summary = fmt.Sprintf("Edited for the benchmark, time %d.", i)
				if err := db.Save(ctx, a); err != nil {
					b.Fatal(err)
				}
				rep, err := desk.Sync(ctx, db, remote, desk.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if !rep.Pushed || rep.Count(desk.Out) != 1 {
					b.Fatalf("sync did %+v", rep)
				}
			}
			// On a shared machine the wall time says more about the
			// neighbours than about the sync; its CPU time does not.
			b.ReportMetric(float64((cpuTime()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
			// What each sync adds to the desk before any git gc: the
			// commit, the article's folder and a new articles/ tree.
			b.ReportMetric(float64(dirSize(remote.String())-deskBefore)/float64(b.N), "desk-bytes/op")
		})
	}
}

// BenchmarkJoin joins a fresh library to a desk (clone and import of
// every article) beside git clone --bare of the same repository.
func BenchmarkJoin(b *testing.B) {
	for _, n := range benchSizes() {
		fixture := deskFixture(b, n)
		b.Run(fmt.Sprintf("copydesk/articles=%d", n), func(b *testing.B) {
			for b.Loop() {
				dir := b.TempDir()
				db, _ := joinLibrary(b, fixture, dir)
				db.Close()
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
		b.Run(fmt.Sprintf("git-clone/articles=%d", n), func(b *testing.B) {
			for b.Loop() {
				dir := b.TempDir()
				if out, err := exec.Command("git", "clone", "-q", "--bare", "--no-local", fixture, filepath.Join(dir, "c.git")).CombinedOutput(); err != nil {
					b.Fatalf("git clone: %v %s", err, out)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
		b.Run(fmt.Sprintf("size/articles=%d", n), func(b *testing.B) {
			size := dirSize(fixture)
			for b.Loop() {
			}
			b.ReportMetric(float64(size)/float64(n), "bytes/article")
		})
	}
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// dirSize is the total size of the files under dir.
func dirSize(dir string) int64 {
	var size int64
	filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			size += fi.Size()
		}
		return nil
	})
	return size
}
