package main

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"copydesk/editor/synth"
	"copydesk/storage"
)

const smokeArticle = `---
headline: Smoke test headline about the river
byline: [Lisa Johnson, Tom Baker]
section: Local
summary: A summary that the preview shows under the byline.
dateline: Appleton
status: draft
---

The Fox River rose **two feet** overnight, and the city opened *three* shelters.

- Sandbags at the library
- Shelters at the schools
`

// TestWindowSmoke starts the real binary under X (make test provides
// DISPLAY through xvfb-run), on a library holding one imported article,
// and checks the window appears with the right title and draws something.
func TestWindowSmoke(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("DISPLAY is not set; CI must run the tests under xvfb-run (make test)")
		}
		t.Skip("no X display; run under xvfb-run (make test)")
	}
	for _, tool := range []string{"xdotool", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is missing (make deps-test installs it)", tool)
			}
			t.Skipf("%s is missing", tool)
		}
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "copydesk")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "library.db")
	md := filepath.Join(dir, "article.md")
	if err := os.WriteFile(md, []byte(smokeArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "HOME="+dir, "XDG_CONFIG_HOME="+filepath.Join(dir, "config"), "XDG_DATA_HOME="+filepath.Join(dir, "data"), "LANG=C.UTF-8", "LC_ALL=C.UTF-8")
	imp := exec.Command(bin, "--db", db, "import", md)
	imp.Env = env
	if out, err := imp.CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	var logs bytes.Buffer
	ready := filepath.Join(dir, "ready")
	cmd := exec.CommandContext(ctx, bin, "--db", db)
	cmd.Env, cmd.Stdout, cmd.Stderr = append(env, readyFileEnv+"="+ready), &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var waitErr error
	exited := make(chan struct{})
	go func() { waitErr = cmd.Wait(); close(exited) }()
	defer func() {
		select {
		case <-exited:
		default:
			cmd.Process.Kill()
			<-exited
		}
	}()

	// The binary name is also "copydesk", so search for the title prefix
	// of a mapped window only.
	find := exec.CommandContext(ctx, "xdotool", "search", "--sync", "--onlyvisible", "--name", "^Copydesk")
	out, err := find.Output()
	if err != nil {
		t.Fatalf("window never appeared: %v\napp output:\n%s", err, logs.String())
	}
	wid := strings.Fields(string(out))[0]
	// The window shows at once and opens the library behind it; then it
	// opens the library's most recent article.
	title, err := waitForArticle(wid, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if title != "Copydesk — Smoke test headline about the river" {
		t.Errorf("window title = %q", title)
	}
	// The first frames are drawn after the title changes: wait for the
	// window to say it is ready and for its picture to stop changing.
	waitReady(t, ready, time.Minute)
	waitScreenSettled(t, time.Minute)
	shot := filepath.Join(dir, "screen.png")
	if out, err := exec.Command("import", "-window", "root", shot).CombinedOutput(); err != nil {
		t.Fatalf("screenshot: %v\n%s", err, out)
	}
	checkNotBlank(t, shot)
	if keep := os.Getenv("COPYDESK_SMOKE_SCREENSHOT"); keep != "" {
		data, _ := os.ReadFile(shot)
		os.WriteFile(keep, data, 0o644)
	}

	// Quit through the menu shortcut, which saves and closes cleanly.
	exec.Command("xdotool", "windowactivate", "--sync", wid).Run()
	exec.Command("xdotool", "key", "--window", wid, "ctrl+q").Run()
	select {
	case <-exited:
		if waitErr != nil {
			t.Errorf("app exited with %v\n%s", waitErr, logs.String())
		}
	case <-time.After(20 * time.Second):
		t.Errorf("app did not quit after Ctrl+Q\n%s", logs.String())
	}
}

// waitForArticle polls the window title until it names an article.
func waitForArticle(wid string, timeout time.Duration) (string, error) {
	var title string
	for deadline := time.Now().Add(timeout); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		b, err := exec.Command("xdotool", "getwindowname", wid).Output()
		if err != nil {
			return "", fmt.Errorf("getwindowname: %w", err)
		}
		if title = strings.TrimSpace(string(b)); strings.HasPrefix(title, "Copydesk — ") {
			return title, nil
		}
	}
	return title, fmt.Errorf("no article shown within %v; title %q", timeout, title)
}

// checkNotBlank fails for a uniform or nearly uniform screenshot: a real
// window has text, icons and panes in many colours.
func checkNotBlank(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("decode screenshot: %v", err)
	}
	colours := map[[3]uint32]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 8, g >> 8, bl >> 8}]++
		}
	}
	most := 0
	for _, n := range colours {
		most = max(most, n)
	}
	total := (b.Dx() / 2) * (b.Dy() / 2)
	if len(colours) < 50 || float64(most) > 0.97*float64(total) {
		t.Errorf("screenshot looks blank: %d colours, the commonest covers %d of %d pixels", len(colours), most, total)
	}
}

// minimalFyne is the baseline of BenchmarkWindowStart: the smallest Fyne
// program with a window, built with the same toolchain and flags. With
// MINIMAL_FLOOR=1 it opens at Copydesk's default size and shows a label in
// each of the three text styles any article shows (regular, bold,
// italic): the least memory Fyne and the GL driver need for a window like
// Copydesk's, before any of Copydesk's own data.
const minimalFyne = `package main

import (
	"os"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := fyneapp.NewWithID("org.example.minimal")
	w := a.NewWindow("Minimal")
	if os.Getenv("MINIMAL_FLOOR") == "1" {
		w.SetContent(container.NewVBox(
			widget.NewLabel("Regular"),
			widget.NewLabelWithStyle("Bold", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			widget.NewLabelWithStyle("Italic", fyne.TextAlignLeading, fyne.TextStyle{Italic: true}),
		))
		w.Resize(fyne.NewSize(1280, 860))
	} else {
		w.SetContent(widget.NewLabel("Hello"))
	}
	w.ShowAndRun()
}
`

// benchLibrary returns a 100,000-article library for the window
// benchmarks, cached under os.TempDir(): $COPYDESK_UI_BENCH_LIBRARY, else
// a copy of the storage benchmarks' cached library, else one built here
// (slow, once). It holds one extra 10,000-word article, whose id is returned.
func benchLibrary(b *testing.B) (string, int64) {
	b.Helper()
	ctx := context.Background()
	dir := filepath.Join(os.TempDir(), "copydesk-ui-bench")
	path := filepath.Join(dir, "library-n100000.db")
	if p := os.Getenv("COPYDESK_UI_BENCH_LIBRARY"); p != "" {
		path = p
	} else if _, err := os.Stat(path); err != nil {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		cached, _ := filepath.Glob(filepath.Join(os.TempDir(), "copydesk-bench", "library-*-n100000.db"))
		if len(cached) > 0 {
			b.Logf("copying %s", cached[len(cached)-1])
			if out, err := exec.Command("cp", cached[len(cached)-1], path+".tmp").CombinedOutput(); err != nil {
				b.Fatalf("copy library: %v %s", err, out)
			}
		} else {
			b.Logf("building a 100,000-article library at %s (once; minutes)", path)
			db, err := storage.Open(ctx, path+".tmp")
			if err != nil {
				b.Fatal(err)
			}
			for _, a := range synth.Library(100_000) {
				if err := db.Save(ctx, a); err != nil {
					b.Fatal(err)
				}
			}
			db.Close()
		}
		if err := os.Rename(path+".tmp", path); err != nil {
			b.Fatal(err)
		}
	}
	db, err := storage.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	long := synth.Article(10_000_000, 10_000)
	if got, err := db.Resolve(ctx, long.UID); err == nil {
		return path, got.ID
	}
	long.Headline = "The 10,000-word feature"
	if err := db.Save(ctx, long); err != nil {
		b.Fatal(err)
	}
	return path, long.ID
}

// startAndMeasure starts bin, waits until its window is mapped, lets it
// settle and returns the times to the window and to the article, and the
// resident memory 3 s and 13 s after that.
func startAndMeasure(b *testing.B, env []string, title string, waitArticle bool, bin string, args ...string) (toWindow, toArticle time.Duration, rssEarly, rssIdle float64) {
	b.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	var logs bytes.Buffer
	cmd.Env, cmd.Stdout, cmd.Stderr = env, &logs, &logs
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	out, err := exec.CommandContext(ctx, "xdotool", "search", "--sync", "--onlyvisible", "--name", title).CombinedOutput()
	if err != nil {
		b.Fatalf("%s: no window: %v %s\nits output:\n%s", bin, err, out, logs.String())
	}
	took := time.Since(start)
	shown := took
	if waitArticle {
		if _, err := waitForArticle(strings.Fields(string(out))[0], 2*time.Minute); err != nil {
			b.Fatal(err)
		}
		shown = time.Since(start)
	}
	time.Sleep(3 * time.Second) // the library list, article and preview load after mapping
	early := residentMB(b, cmd.Process.Pid)
	// Ten seconds later the background integrity check and the start-up
	// garbage are gone: the memory a person's idle window keeps.
	time.Sleep(10 * time.Second)
	return took, shown, early, residentMB(b, cmd.Process.Pid)
}

// residentMB is the process's VmRSS in megabytes.
func residentMB(b *testing.B, pid int) float64 {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	var kb float64
	for _, l := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(l, "VmRSS:") {
			fmt.Sscan(strings.TrimPrefix(l, "VmRSS:"), &kb)
		}
	}
	return kb / 1024
}

// BenchmarkWindowStart starts a minimal Fyne window and Copydesk (on an
// empty library and on 100,000 articles with a 10,000-word article open)
// in the same run and reports milliseconds until the window is mapped,
// until it shows an article (the title names it; for the baseline, the
// same as mapped) and resident memory three seconds later. Run under
// xvfb-run.
func BenchmarkWindowStart(b *testing.B) {
	if os.Getenv("DISPLAY") == "" {
		b.Skip("needs an X display: run under xvfb-run")
	}
	dir := b.TempDir()
	bin := filepath.Join(dir, "copydesk")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	// The baseline is built inside the module (a "_" folder, which ./...
	// ignores) so it uses the same Fyne version as Copydesk.
	src, err := os.MkdirTemp(".", "_minimal")
	if err != nil {
		b.Fatal(err)
	}
	defer os.RemoveAll(src)
	if err := os.WriteFile(filepath.Join(src, "main.go"), []byte(minimalFyne), 0o644); err != nil {
		b.Fatal(err)
	}
	minimal := filepath.Join(dir, "minimal")
	if out, err := exec.Command("go", "build", "-o", minimal, "./"+filepath.Base(src)).CombinedOutput(); err != nil {
		b.Fatalf("build minimal: %v\n%s", err, out)
	}
	lib, longID := benchLibrary(b)
	home := filepath.Join(dir, "home")
	prefs := filepath.Join(home, ".config", "fyne", appID)
	if err := os.MkdirAll(prefs, 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(prefs, "preferences.json"), []byte(fmt.Sprintf(`{"article.last":%d}`, longID)), 0o644); err != nil {
		b.Fatal(err)
	}
	env := append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "LANG=C.UTF-8", "LC_ALL=C.UTF-8")
	cases := []struct {
		name, title string
		article     bool // wait until the title names the article
		args        []string
	}{
		{"minimal-fyne", "^Minimal$", false, nil},
		{"minimal-fyne-floor", "^Minimal$", false, nil},
		{"copydesk-empty-library", "^Copydesk", false, []string{"--db", filepath.Join(dir, "empty.db")}},
		{"copydesk-100k-library", "^Copydesk", true, []string{"--db", lib}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			exe, env := bin, env
			if c.args == nil {
				exe = minimal
			}
			if c.name == "minimal-fyne-floor" {
				env = append(env[:len(env):len(env)], "MINIMAL_FLOOR=1")
			}
			// One untimed start first: it takes the day's automatic backup
			// of the library and warms the disk cache for every case alike.
			startAndMeasure(b, env, c.title, c.article, exe, c.args...)
			var toWindow, toArticle time.Duration
			var rss, idle float64
			n := 0
			for b.Loop() {
				took, shown, early, later := startAndMeasure(b, env, c.title, c.article, exe, c.args...)
				toWindow += took
				toArticle += shown
				rss = max(rss, early)
				idle = max(idle, later)
				n++
			}
			b.ReportMetric(float64(toWindow.Milliseconds())/float64(n), "ms-to-window")
			b.ReportMetric(float64(toArticle.Milliseconds())/float64(n), "ms-to-article")
			b.ReportMetric(rss, "MB-RSS")
			b.ReportMetric(idle, "MB-RSS-idle")
		})
	}
}
