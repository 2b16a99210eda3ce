package main

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
	cmd := exec.CommandContext(ctx, bin, "--db", db)
	cmd.Env, cmd.Stdout, cmd.Stderr = env, &logs, &logs
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
	// A new window opens the library's most recent article.
	b, err := exec.Command("xdotool", "getwindowname", wid).Output()
	if err != nil {
		t.Fatalf("getwindowname: %v", err)
	}
	if title := strings.TrimSpace(string(b)); title != "Copydesk — Smoke test headline about the river" {
		t.Errorf("window title = %q", title)
	}
	time.Sleep(time.Second) // the first frames are drawn after mapping
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
