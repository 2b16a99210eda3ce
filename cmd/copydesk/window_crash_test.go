//go:build linux

package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"copydesk/editor"
	"copydesk/storage"
)

// allowedLoss is the autosave promise (at most the last second of typing
// is lost on a crash) plus one second for the save itself on a loaded
// machine.
const allowedLoss = 2 * time.Second

// needDesktop skips without an X display or xdotool, but fails under CI,
// where make test runs everything inside xvfb-run.
func needDesktop(t *testing.T) {
	t.Helper()
	_, err := exec.LookPath("xdotool")
	if os.Getenv("DISPLAY") == "" || err != nil {
		msg := "needs an X display (DISPLAY) and xdotool: run under xvfb-run, as make test does"
		if os.Getenv("CI") != "" {
			t.Fatal(msg + "; CI is set, so this must not be skipped")
		}
		t.Skip(msg)
	}
}

// xdo runs xdotool and returns its trimmed output; a hung X server cannot
// hang the test.
func xdo(t *testing.T, timeout time.Duration, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	out, err := exec.CommandContext(ctx, "xdotool", args...).Output()
	if err != nil {
		t.Fatalf("xdotool %s: %v", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out))
}

// startWindow runs the real copydesk window (this test binary, which
// testscript.Main put on PATH as "copydesk") on lib, with article 1 as the
// last one open, and waits until the title names that article. It returns
// the process, the window id and the file the window creates when it is
// ready for input (waitReady).
func startWindow(t *testing.T, home, lib string) (*exec.Cmd, string, string) {
	t.Helper()
	bin, err := exec.LookPath("copydesk")
	if err != nil {
		t.Fatal(err)
	}
	ready := filepath.Join(t.TempDir(), "ready")
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "COPYDESK_DB="+lib, "HOME="+home,
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "XDG_CACHE_HOME="+filepath.Join(home, ".cache"),
		"LANG=C.UTF-8", "LC_ALL=C.UTF-8", readyFileEnv+"="+ready)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	// The title names the article once it is loaded into the form; the
	// window may be mapped (visible, clickable) only after that.
	win := xdo(t, time.Minute, "search", "--sync", "--onlyvisible", "--pid", fmt.Sprint(cmd.Process.Pid), "--name", "Crash test story")
	if i := strings.IndexByte(win, '\n'); i >= 0 {
		win = win[:i]
	}
	return cmd, win, ready
}

// crashOriginal is the body of the one article crashLibrary holds.
const crashOriginal = "Start of the story."

// crashLibrary makes a library holding one article, "Crash test story",
// and a home whose preferences open it: the window starts on it.
func crashLibrary(t *testing.T) (home, lib string) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	lib = filepath.Join(dir, "lib.db")
	db, err := storage.Open(ctx, lib)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Save(ctx, &editor.Article{Headline: "Crash test story", Body: crashOriginal, Status: editor.StatusDraft}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	home = filepath.Join(dir, "home")
	prefs := filepath.Join(home, ".config", "fyne", appID)
	if err := os.MkdirAll(prefs, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(prefs, "preferences.json"), []byte(`{"article.last":1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	return home, lib
}

// clickBody clicks into the body pane and moves the caret past its text.
// The body pane is below the form and left of the preview: at 45% of the
// width and 70% of the height in the default layout.
func clickBody(t *testing.T, win string) {
	t.Helper()
	var width, height int
	geo := xdo(t, 10*time.Second, "getwindowgeometry", "--shell", win)
	for _, l := range strings.Fields(geo) {
		fmt.Sscanf(l, "WIDTH=%d", &width)
		fmt.Sscanf(l, "HEIGHT=%d", &height)
	}
	if width < 800 || height < 600 {
		t.Fatalf("window geometry %q: too small for the default layout", geo)
	}
	xdo(t, 10*time.Second, "mousemove", "--window", win, fmt.Sprint(width*45/100), fmt.Sprint(height*70/100), "click", "1")
	xdo(t, 10*time.Second, "key", "ctrl+End")
}

// TestWindowCrashLosesAtMostOneSecond types into the body of the real
// window, SIGKILLs it mid-typing, restarts it and reads the library: the
// saved body must be exactly a prefix of what was typed, missing at most
// the typing of the last second (plus allowedLoss's slack for the save).
func TestWindowCrashLosesAtMostOneSecond(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a real window for about ten seconds")
	}
	needDesktop(t)
	ctx := context.Background()
	home, lib := crashLibrary(t)

	cmd, win, ready := startWindow(t, home, lib)
	// Wait until the window says it is ready and its picture has settled,
	// then a click focuses the body.
	waitReady(t, ready, time.Minute)
	waitScreenSettled(t, time.Minute)
	clickBody(t, win)

	// Type continuously, one short word per xdotool call so each word's
	// completion time is known, for long enough to tell a one-second
	// autosave from a ten-second one.
	var typed strings.Builder
	var done []time.Time // when each word was typed
	var ends []int       // typed length after each word
	start := time.Now()
	for i := 0; time.Since(start) < 4*time.Second; i++ {
		w := fmt.Sprintf(" k%03d", i)
		xdo(t, 10*time.Second, "type", "--delay", "20", w)
		typed.WriteString(w)
		done = append(done, time.Now())
		ends = append(ends, typed.Len())
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	killed := time.Now()
	cmd.Wait()

	// Restarting must work: the start-up check passes and the article opens.
	again, _, ready := startWindow(t, home, lib)
	waitReady(t, ready, time.Minute)
	again.Process.Kill()
	again.Wait()

	db, err := storage.Open(ctx, lib)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a, err := db.Article(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	saved, ok := strings.CutPrefix(strings.TrimRight(a.Body, "\n"), crashOriginal)
	if !ok || !strings.HasPrefix(typed.String(), saved) {
		t.Fatalf("saved body is not the original plus a prefix of the typing:\nsaved %q\ntyped %q", a.Body, typed.String())
	}
	words := 0 // wholly saved; a word cut short counts as lost
	for words < len(ends) && ends[words] <= len(saved) {
		words++
	}
	lastSaved := start
	if words > 0 {
		lastSaved = done[words-1]
	}
	lost := killed.Sub(lastSaved)
	t.Logf("typed %d words in %v; %d saved; the last %v of typing was lost", len(done), killed.Sub(start).Round(time.Millisecond), words, lost.Round(time.Millisecond))
	if lost > allowedLoss {
		t.Errorf("a crash lost %v of typing (%d of %d words); the autosave promise is at most ~1 s. "+
			"Continuous typing is saved only every Autosaver.MaxInterval (app/autosave.go), which must be about 1 s for this promise",
			lost.Round(time.Millisecond), len(done)-words, len(done))
	}
}

// TestWindowFirstClickFocusesBody clicks into the body and types as soon
// as the window's title names the article, without waiting for the window
// to be drawn: on a busy machine the first frame comes seconds after the
// window is mapped, and the click must still focus the body so the typing
// reaches the article.
func TestWindowFirstClickFocusesBody(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a real window")
	}
	needDesktop(t)
	home, lib := crashLibrary(t)
	_, win, ready := startWindow(t, home, lib)
	clickBody(t, win)
	xdo(t, 10*time.Second, "type", "--delay", "20", " early words")
	waitReady(t, ready, time.Minute)

	ctx := context.Background()
	db, err := storage.Open(ctx, lib)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	want := crashOriginal + " early words"
	var body string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		a, err := db.Article(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		if body = strings.TrimRight(a.Body, "\n"); body == want {
			return
		}
	}
	t.Fatalf("body saved as %q, want %q: the first click did not focus the body", body, want)
}
