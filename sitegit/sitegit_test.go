package sitegit

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// gitCmd runs the git program, which the tests use only to make and
// inspect repositories the way a newsroom's own tools would.
func gitCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	git, err := exec.LookPath("git")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("git is not installed and CI is set (make deps-test installs it)")
		}
		t.Skip("git not installed")
	}
	cmd := exec.Command(git, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.invalid", "GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.invalid")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

var when = time.Date(2026, 12, 4, 16, 0, 0, 0, time.UTC)

func TestCommitAndPush(t *testing.T) {
	for _, sub := range []string{"", "public"} {
		t.Run("site at /"+sub, func(t *testing.T) {
			ctx := context.Background()
			root := t.TempDir()
			bare := filepath.Join(root, "site.git")
			gitCmd(t, root, "init", "--bare", "-b", "main", bare)
			work := filepath.Join(root, "work")
			gitCmd(t, root, "clone", bare, work)
			// The repository already holds a file the newsroom keeps there.
			writeFiles(t, work, map[string]string{"README": "Our site.\n"})
			gitCmd(t, work, "add", "README")
			gitCmd(t, work, "commit", "-m", "start")
			gitCmd(t, work, "push", "origin", "HEAD:main")

			site := filepath.Join(work, sub)
			writeFiles(t, site, map[string]string{"index.html": "home 1", "local/a/index.html": "A", "local/b/index.html": "B"})
			repo, err := Open(site)
			if err != nil {
				t.Fatal(err)
			}
			h, err := repo.Commit([]string{"index.html", "local/a/index.html", "local/b/index.html"}, nil, "Publish: A; B", Author{"Ed Itor", "ed@example.invalid"}, when)
			if err != nil || h == "" {
				t.Fatalf("commit: %q %v", h, err)
			}
			if ok, err := repo.Push(ctx, ""); err != nil || !ok {
				t.Fatalf("push: %v %v", ok, err)
			}

			// The next export changed one page and removed another.
			writeFiles(t, site, map[string]string{"index.html": "home 2"})
			if err := os.RemoveAll(filepath.Join(site, "local", "b")); err != nil {
				t.Fatal(err)
			}
			if _, err := repo.Commit([]string{"index.html"}, []string{"local/b/index.html"}, "Kill: B", Author{"Ed Itor", "ed@example.invalid"}, when.Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
			if _, err := repo.Push(ctx, ""); err != nil {
				t.Fatal(err)
			}
			pre := sub
			if pre != "" {
				pre += "/"
			}
			log := gitCmd(t, root, "--git-dir", bare, "log", "--format=%an|%s", "--name-status", "main")
			for _, want := range []string{"Ed Itor|Kill: B", "M\t" + pre + "index.html", "D\t" + pre + "local/b/index.html",
				"Ed Itor|Publish: A; B", "A\t" + pre + "local/a/index.html", "Test|start"} {
				if !strings.Contains(log, want) {
					t.Errorf("remote log lacks %q:\n%s", want, log)
				}
			}
			if got := gitCmd(t, root, "--git-dir", bare, "show", "main:"+pre+"index.html"); got != "home 2" {
				t.Errorf("remote index.html = %q", got)
			}
			if st := gitCmd(t, work, "status", "--porcelain"); st != "" {
				t.Errorf("working copy not clean after publishing:\n%s", st)
			}
			// Nothing new to commit: no empty commit.
			if h, err := repo.Commit([]string{"index.html"}, nil, "again", Author{"Ed Itor", "ed@example.invalid"}, when); err != nil || h != "" {
				t.Errorf("commit of unchanged files: %q %v", h, err)
			}
		})
	}
}

func TestCloneEmptyRemote(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	bare := filepath.Join(root, "site.git")
	gitCmd(t, root, "init", "--bare", "-b", "master", bare)
	work := filepath.Join(root, "work")
	repo, err := Clone(ctx, bare, work)
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, work, map[string]string{"index.html": "first"})
	if _, err := repo.Commit([]string{"index.html"}, nil, "First publish", Author{"Ed Itor", "ed@example.invalid"}, when); err != nil {
		t.Fatal(err)
	}
	if ok, err := repo.Push(ctx, ""); err != nil || !ok {
		t.Fatalf("push: %v %v", ok, err)
	}
	if got := gitCmd(t, root, "--git-dir", bare, "log", "--format=%s", "master"); got != "First publish\n" {
		t.Errorf("remote log %q", got)
	}
	// Cloning again into the same folder opens the working copy.
	if _, err := Clone(ctx, bare, work); err != nil {
		t.Fatal(err)
	}
}

func TestOpenOutsideRepository(t *testing.T) {
	_, err := Open(t.TempDir())
	if !errors.Is(err, ErrNotRepository) {
		t.Fatalf("got %v, want ErrNotRepository", err)
	}
}
