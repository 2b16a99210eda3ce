package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// updateScripts rewrites the expected output in txtar files when a cmp
// fails: go test ./cmd/copydesk -update-scripts, then review the diff.
var updateScripts = flag.Bool("update-scripts", false, "rewrite cmp files in testdata/script/*.txtar")

// TestMain makes the test binary double as the copydesk binary, so the
// scripts run the real command line (flag parsing, streams, exit codes)
// without a separate build.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"copydesk": func() {
			os.Exit(runMain(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
		},
	})
}

// TestScripts runs every testdata/script/*.txtar; each feature adds its own
// files with its own name prefix (foundation_, review_, export_ …).
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *updateScripts,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"writeq": cmdWriteQuoted,
		},
		Setup: func(env *testscript.Env) error {
			// Fyne logs an error on the C locale, and sorting and case
			// folding should not depend on the machine's locale.
			env.Setenv("LANG", "C.UTF-8")
			env.Setenv("LC_ALL", "C.UTF-8")
			// Fyne's lang package init parses the locale at process start
			// and logs "Error parsing user locale C" to stderr for
			// C.UTF-8, before any of our code runs; a language in
			// LANGUAGE is read first and silences it. Scripts assert
			// empty stderr, so they need it until main sets it itself.
			env.Setenv("LANGUAGE", "en")
			// No script may touch the real per-user library.
			env.Setenv("XDG_DATA_HOME", env.WorkDir+"/xdg-data")
			// Scripts say who acts only where they test it, so the
			// machine's account name never leaks into expected output.
			env.Setenv("COPYDESK_PERSON", "")
			return nil
		},
	})
}

// cmdWriteQuoted is "writeq FILE 'go-quoted text'": it writes bytes a
// txtar section cannot hold readably (invalid UTF-8, NUL) for rejection tests.
func cmdWriteQuoted(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: writeq FILE 'go-quoted text'")
	}
	data, err := strconv.Unquote(`"` + args[1] + `"`)
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(data), 0o644))
}

// runCLI runs the command line in-process, for tests that look at more
// than a script can (exact stderr bytes, several runs on one library).
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb strings.Builder
	code = runMain(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestImportImageFailsOnlyItsFile: the featured image is copied in from
// the path relative to the imported file; a file whose image cannot be
// read fails alone, with one stderr line, and the others are imported.
func TestImportImageFailsOnlyItsFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	if err := os.Mkdir(src, 0o755); err != nil {
		t.Fatal(err)
	}
	var pic bytes.Buffer
	if err := png.Encode(&pic, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, src, map[string]string{
		"a.md":    "---\nheadline: With picture\nimage:\n  src: pic.png\n---\nBody\n",
		"b.md":    "---\nheadline: Picture missing\nimage:\n  src: gone.png\n---\nBody\n",
		"pic.png": pic.String(),
	})
	lib := filepath.Join(dir, "lib.db")
	// Run from elsewhere: the image path is relative to the file, not to
	// the working directory.
	code, stdout, stderr := runCLI(t, "--db", lib, "import", filepath.Join(src, "a.md"), filepath.Join(src, "b.md"))
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	if want := fmt.Sprintf("copydesk import: %s: image.src gone.png: no such file or directory\n", filepath.Join(src, "b.md")); stderr != want {
		t.Errorf("stderr = %q, want %q", stderr, want)
	}
	if !regexp.MustCompile(`^1\t[0-9a-f-]{36}\twith-picture\n$`).MatchString(stdout) {
		t.Errorf("stdout = %q, want one line for a.md", stdout)
	}
	code, stdout, _ = runCLI(t, "--db", lib, "show", "--json", "1")
	if code != 0 || !regexp.MustCompile(`"src": "copydesk-image:[0-9a-f]{64}\.png"`).MatchString(stdout) {
		t.Errorf("show: exit %d, the image was not stored in the library:\n%s", code, stdout)
	}
	code, stdout, _ = runCLI(t, "--db", lib, "list", "--json")
	if code != 0 || strings.Contains(stdout, "Picture missing") {
		t.Errorf("list: exit %d, the refused file was written:\n%s", code, stdout)
	}
}

func TestTableText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in    string
		max   int
		want  string
		width int // display width of want
	}{
		{"Council approves budget", 60, "Council approves budget", 23},
		{"Council approves budget", 10, "Council a…", 10},
		{"東京タワー reopens", 60, "東京タワー reopens", 18},
		{"東京タワー reopens", 6, "東京…", 5}, // a wide rune never straddles the limit
		{"東京タワー reopens", 7, "東京タ…", 7},
		{"Cafe\u0301 au lait", 6, "Cafe\u0301 …", 6}, // combining accent takes no column
		{"exactly ten", 11, "exactly ten", 11},
		{"line one\nline two\ttab", 60, "line one line two tab", 21},
		{"\x1b[31mred\x1b[0m alert\x00", 60, "[31mred [0m alert", 17}, // no escape reaches the terminal
		{"", 5, "", 0},
	}
	for _, tc := range tests {
		got := truncateWidth(printable(tc.in), tc.max)
		if got != tc.want {
			t.Errorf("truncateWidth(printable(%q), %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
		if w := displayWidth(got); w != tc.width || w > tc.max && tc.max > 0 {
			t.Errorf("displayWidth(%q) = %d, want %d (max %d)", got, w, tc.width, tc.max)
		}
	}
}
