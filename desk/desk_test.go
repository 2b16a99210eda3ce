package desk_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"copydesk/desk"
	"copydesk/editor"
	"copydesk/storage"
)

// gitCmd runs the git binary, which only the tests need: it makes the
// bare repositories and checks them, as a newsroom's server would.
func gitCmd(t testing.TB, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=Hand Editor", "GIT_AUTHOR_EMAIL=hand@example.org",
		"GIT_COMMITTER_NAME=Hand Editor", "GIT_COMMITTER_EMAIL=hand@example.org", "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// bareDesk makes an empty bare repository, and checks it with
// git fsck --strict when the test ends.
func bareDesk(t testing.TB) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("the tests need the git binary to make and check repositories")
	}
	dir := filepath.Join(t.TempDir(), "desk.git")
	gitCmd(t, filepath.Dir(dir), "init", "--bare", "-q", "-b", "main", dir)
	t.Cleanup(func() { fsck(t, dir) })
	return dir
}

func fsck(t testing.TB, gitDir string) {
	t.Helper()
	cmd := exec.Command("git", "--git-dir", gitDir, "fsck", "--strict", "--no-progress")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("git fsck --strict %s: %v\n%s", gitDir, err, out)
	}
}

type machine struct {
	t      testing.TB
	name   string
	db     *storage.DB
	remote desk.Remote
	clone  string
}

func newMachine(t testing.TB, url, name string) *machine {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	db, err := storage.Open(ctx, filepath.Join(dir, "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s, err := db.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.PersonName, s.PersonEmail = name, strings.ToLower(strings.Fields(name)[0])+"@appleton.example"
	if err := db.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	r, err := desk.OpenRemote(url)
	if err != nil {
		t.Fatal(err)
	}
	m := &machine{t: t, name: name, db: db, remote: r, clone: filepath.Join(dir, "desk")}
	t.Cleanup(func() { fsck(t, m.clone) })
	return m
}

func (m *machine) join() *desk.Report {
	m.t.Helper()
	if err := m.db.JoinDesk(context.Background(), m.remote.String(), m.clone); err != nil {
		m.t.Fatal(err)
	}
	return m.sync()
}

func (m *machine) sync() *desk.Report {
	m.t.Helper()
	rep, err := desk.Sync(context.Background(), m.db, m.remote, desk.Options{})
	if err != nil {
		m.t.Fatalf("%s: sync: %v", m.name, err)
	}
	return rep
}

func (m *machine) write(a *editor.Article) *editor.Article {
	m.t.Helper()
	if err := m.db.Save(context.Background(), a); err != nil {
		m.t.Fatalf("%s: save: %v", m.name, err)
	}
	return a
}

func (m *machine) get(uid string) *editor.Article {
	m.t.Helper()
	a, err := m.db.Resolve(context.Background(), uid)
	if err != nil {
		m.t.Fatalf("%s: article %s: %v", m.name, uid, err)
	}
	return a
}

func sample(headline string) *editor.Article {
	return &editor.Article{Headline: headline, Byline: []string{"Ada Reporter"}, Section: "Local",
		Summary: "A council vote on the bridge.", Dateline: "APPLETON",
		Body: "The council met on Tuesday.\n\nIt voted 5-2 to repair the bridge.\n\nWork starts in May.\n", Status: editor.StatusDraft}
}

func TestJoinWriteSyncSeeOnOther(t *testing.T) {
	url := bareDesk(t)
	ada, ben := newMachine(t, url, "Ada Reporter"), newMachine(t, "file://"+url, "Ben Editor")
	a := ada.write(sample("Bridge repair approved"))
	rep := ada.join()
	if rep.Count(desk.Out) != 1 || !rep.Pushed {
		t.Fatalf("ada's join: %+v", rep)
	}
	rep = ben.join()
	if rep.Count(desk.In) != 1 {
		t.Fatalf("ben's join: %+v", rep.Changes)
	}
	if got := ben.get(a.UID); got.Headline != a.Headline || got.Body != a.Body {
		t.Fatalf("ben has %+v", got)
	}
	// An edit on ben's side comes back to ada.
	b := ben.get(a.UID)
	b.Headline = "Bridge repair approved 5-2"
	ben.write(b)
	if rep := ben.sync(); rep.Count(desk.Out) != 1 {
		t.Fatalf("ben's sync: %+v", rep.Changes)
	}
	if rep := ada.sync(); rep.Count(desk.In) != 1 {
		t.Fatalf("ada's sync: %+v", rep.Changes)
	}
	if got := ada.get(a.UID).Headline; got != "Bridge repair approved 5-2" {
		t.Fatalf("ada's headline = %q", got)
	}
	// Nothing left to do on either side.
	for _, m := range []*machine{ada, ben} {
		rep := m.sync()
		if len(rep.Changes) != 0 || rep.Pushed || rep.Waiting != 0 {
			t.Fatalf("%s: idle sync did %+v", m.name, rep)
		}
	}
	log := gitCmd(t, url, "log", "--format=%an <%ae>|%s", "main")
	if !strings.Contains(log, "Ada Reporter <ada@appleton.example>") || !strings.Contains(log, "Ben Editor <ben@appleton.example>") {
		t.Fatalf("git log does not name both people:\n%s", log)
	}
	show := gitCmd(t, url, "show", "main:articles/"+a.UID+"/article.md")
	if !strings.Contains(show, "headline: Bridge repair approved 5-2") {
		t.Fatalf("article.md on the desk:\n%s", show)
	}
	_ = time.Second
}
