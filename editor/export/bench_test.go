package export

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/yuin/goldmark"

	"copydesk/editor"
	"copydesk/editor/render"
	"copydesk/editor/synth"
)

// BenchArticles is the size of the benchmark library (the 10,000).
const BenchArticles = 10_000

var (
	benchOnce sync.Once
	benchLib  []*editor.Article
)

// benchLibrary is synth's standard library with what a store would fill in.
func benchLibrary() []*editor.Article {
	benchOnce.Do(func() {
		base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		for i, a := range synth.Library(BenchArticles) {
			a.ID = int64(i + 1)
			a.Slug = editor.Slugify(a.Headline)
			a.Created = base.Add(time.Duration(i) * time.Minute)
			a.Updated = a.Created.Add(time.Hour)
			a.Version = 1
			benchLib = append(benchLib, a)
		}
	})
	return benchLib
}

// benchDir is a fresh folder under $COPYDESK_BENCH_DIR (to compare
// file systems, e.g. /dev/shm) or the system's temporary folder. All of
// them are removed together when the test binary exits (TestMain), not
// after each benchmark: deleting tens of thousands of files on this VM's
// ext4 volume (mounted with discard) slows the file system for seconds
// afterwards, and the next benchmark in the same run would pay for it.
func benchDir(b *testing.B) string {
	benchRootOnce.Do(func() {
		benchRoot, benchRootErr = os.MkdirTemp(os.Getenv("COPYDESK_BENCH_DIR"), "copydesk-bench-")
	})
	if benchRootErr != nil {
		b.Fatal(benchRootErr)
	}
	dir, err := os.MkdirTemp(benchRoot, strings.ReplaceAll(b.Name(), "/", "_")+"-")
	if err != nil {
		b.Fatal(err)
	}
	return dir
}

var (
	benchRootOnce sync.Once
	benchRoot     string
	benchRootErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchRoot != "" {
		os.RemoveAll(benchRoot)
	}
	os.Exit(code)
}

// BenchmarkSiteExport writes the whole static site of 10,000 articles
// into an empty folder each iteration (the first export, the costly case).
func BenchmarkSiteExport(b *testing.B) {
	arts := benchLibrary()
	site := testSite()
	site.Images = nil
	root := benchDir(b)
	n := 0
	var cpu time.Duration
	for b.Loop() {
		dir := filepath.Join(root, strconv.Itoa(n))
		n++
		settleDisk(b)
		c0 := cpuTime()
		if _, err := WriteSite(context.Background(), dir, arts, site); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - c0
	}
	reportRates(b, len(arts)*b.N, cpu)
}

// settleDisk starts each iteration from the state a person exporting on an
// idle machine sees: the previous iteration's files are kept, not deleted,
// and flushed (syscall.Sync, outside the timer) unless
// COPYDESK_BENCH_NOSYNC=1 asks for back-to-back exports, each paying for
// the previous one's writeback. Deleting 10,000 files between iterations
// made the following creates 2–10× slower on this VM's ext4 volume
// (mounted with discard), which is what the first recorded disk runs
// measured.
func settleDisk(b *testing.B) {
	if os.Getenv("COPYDESK_BENCH_NOSYNC") == "1" {
		return
	}
	b.StopTimer()
	syscall.Sync()
	b.StartTimer()
}

// BenchmarkSiteFilesOnly is the floor under BenchmarkSiteExport: the same
// folders and the same number of files of the same average size, written
// the same way (temp file + rename) but with nothing rendered. On a slow or
// shared disk this, not Copydesk's code, bounds the export rate.
func BenchmarkSiteFilesOnly(b *testing.B) {
	arts := benchLibrary()
	entries := place(arts)
	page := bytes.Repeat([]byte("x"), 9*1024) // about an article page
	root := benchDir(b)
	n := 0
	var cpu time.Duration
	for b.Loop() {
		w := &siteWriter{root: filepath.Join(root, strconv.Itoa(n))}
		n++
		settleDisk(b)
		c0 := cpuTime()
		jobs := make(chan entry)
		var wg sync.WaitGroup
		for range max(1, runtime.GOMAXPROCS(0)) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for e := range jobs {
					if err := w.write(page, e.section, e.slug, "index.html"); err != nil {
						b.Error(err)
					}
				}
			}()
		}
		for _, e := range entries {
			jobs <- e
		}
		close(jobs)
		wg.Wait()
		cpu += cpuTime() - c0
	}
	reportRates(b, len(arts)*b.N, cpu)
}

// BenchmarkSiteExportUnchanged re-exports an unchanged library over an
// existing site: every file is compared and none rewritten.
func BenchmarkSiteExportUnchanged(b *testing.B) {
	arts := benchLibrary()
	site := testSite()
	site.Images = nil
	dir := benchDir(b)
	if _, err := WriteSite(context.Background(), dir, arts, site); err != nil {
		b.Fatal(err)
	}
	c0 := cpuTime()
	for b.Loop() {
		rep, err := WriteSite(context.Background(), dir, arts, site)
		if err != nil {
			b.Fatal(err)
		}
		if rep.Written != 0 {
			b.Fatalf("unchanged re-export wrote %d files", rep.Written)
		}
	}
	reportRates(b, len(arts)*b.N, cpuTime()-c0)
}

// reportRates reports wall-clock articles/s and articles per CPU-second
// (all cores together; the 2-core ideal is twice that).
func reportRates(b *testing.B, articles int, cpu time.Duration) {
	b.ReportMetric(float64(articles)/b.Elapsed().Seconds(), "articles/s")
	if cpu > 0 {
		b.ReportMetric(float64(articles)/cpu.Seconds(), "articles/cpu-s")
	}
}

// reportCPU reports CPU milliseconds per iteration: goldmark's from this
// process (its garbage collector included), cmark's from its processes.
func reportCPU(b *testing.B, cpu time.Duration) {
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
	}
}

// benchChunks are the bodies of the benchmark library concatenated into
// ten inputs of 1,000 bodies each. Both parsers get exactly these bytes;
// ten cmark processes instead of 10,000 keep its start-up out of the
// measurement, and chunks keep goldmark's AST for one input small.
func benchChunks(b *testing.B) [][]byte {
	arts := benchLibrary()
	var chunks [][]byte
	for i := 0; i < len(arts); i += 1000 {
		var buf bytes.Buffer
		for _, a := range arts[i:min(i+1000, len(arts))] {
			buf.WriteString(a.Body)
			buf.WriteString("\n\n")
		}
		chunks = append(chunks, buf.Bytes())
	}
	return chunks
}

// BenchmarkMarkdown compares goldmark with Debian's cmark (the C reference
// implementation) on the same input: plain CommonMark goldmark against
// plain cmark, and Copydesk's configured renderer (GFM, footnotes,
// typographer, house rules) for what the site export really pays.
func BenchmarkMarkdown(b *testing.B) {
	chunks := benchChunks(b)
	total := 0
	for _, c := range chunks {
		total += len(c)
	}
	b.Run("goldmark-commonmark", func(b *testing.B) {
		md := goldmark.New()
		b.SetBytes(int64(total))
		c0 := cpuTime()
		for b.Loop() {
			for _, c := range chunks {
				if err := md.Convert(c, io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		}
		reportCPU(b, cpuTime()-c0)
	})
	b.Run("goldmark-copydesk", func(b *testing.B) {
		b.SetBytes(int64(total))
		c0 := cpuTime()
		for b.Loop() {
			for _, c := range chunks {
				if err := render.HTML(io.Discard, c, ""); err != nil {
					b.Fatal(err)
				}
			}
		}
		reportCPU(b, cpuTime()-c0)
	})
	for _, mode := range []struct {
		name string
		args []string
	}{{"cmark", nil}, {"cmark-smart", []string{"--smart"}}} {
		b.Run(mode.name, func(b *testing.B) {
			cmark, err := exec.LookPath("cmark")
			if err != nil {
				if os.Getenv("CI") != "" {
					b.Fatal("cmark is not installed and CI is set")
				}
				b.Skip("cmark not installed")
			}
			dir := b.TempDir()
			var files []string
			for i, c := range chunks {
				f := filepath.Join(dir, fmt.Sprintf("chunk%d.md", i))
				if err := os.WriteFile(f, c, 0o644); err != nil {
					b.Fatal(err)
				}
				files = append(files, f)
			}
			b.SetBytes(int64(total))
			var cpu time.Duration
			for b.Loop() {
				for _, f := range files {
					in, err := os.Open(f)
					if err != nil {
						b.Fatal(err)
					}
					cmd := exec.Command(cmark, mode.args...)
					cmd.Stdin = in // a file, so cmark reads it directly
					cmd.Stdout = io.Discard
					err = cmd.Run()
					in.Close()
					if err != nil {
						b.Fatal(err)
					}
					cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
				}
			}
			reportCPU(b, cpu)
		})
	}
}
