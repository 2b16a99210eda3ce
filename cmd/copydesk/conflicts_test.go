package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"copydesk/app/conflictview"
	"copydesk/editor"
	"copydesk/editor/merge"
	"copydesk/storage"
)

// deskConflictLibrary makes a library whose article 1 a desk sync merged
// with conflicts in the headline and in two body paragraphs, as the sync
// leaves it: the merged article saved, the conflicts recorded.
func deskConflictLibrary(t *testing.T) (path string, db *storage.DB) {
	t.Helper()
	ctx := context.Background()
	path = filepath.Join(t.TempDir(), "desk.db")
	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	base := &editor.Article{Headline: "Council delays vote", Status: editor.StatusEditing,
		Body: "The council met on Tuesday.\n\nThree branches would close.\n\nThe vote is in May.\n"}
	if err := db.Save(ctx, base); err != nil {
		t.Fatal(err)
	}
	mine := base.Clone()
	mine.Headline = "Council puts off budget vote"
	mine.Body = "The council met on Tuesday night.\n\nThree branches would close.\n\nThe vote is in early May.\n"
	if err := db.Save(ctx, mine); err != nil {
		t.Fatal(err)
	}
	theirs := base.Clone()
	theirs.Headline = "Budget vote delayed again"
	theirs.Body = "The council met on Tuesday evening.\n\nThree branches would close.\n\nThe vote is on May 4.\n"
	r := merge.Articles(base, mine, theirs, merge.Options{TheirsMayApprove: true})
	if len(r.Conflicts) != 3 {
		t.Fatalf("merge conflicts = %+v", r.Conflicts)
	}
	if err := db.Save(ctx, r.Article); err != nil {
		t.Fatal(err)
	}
	if _, err := db.RecordConflicts(ctx, base.ID, 2, 3, "Ed Itor", r.Conflicts); err != nil {
		t.Fatal(err)
	}
	return path, db
}

func TestConflictsListsParts(t *testing.T) {
	path, _ := deskConflictLibrary(t)
	code, out, errOut := runCLI(t, "-db", path, "conflicts", "1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"headline: changed here and by Ed Itor\n" +
			"  base:   Council delays vote\n" +
			"  mine:   Council puts off budget vote\n" +
			"  theirs: Budget vote delayed again\n" +
			"  settle: copydesk conflicts council-delays-vote --field headline --take mine|theirs  (or --value TEXT)\n",
		"body paragraph 1: changed here and by Ed Itor\n",
		"  theirs: The council met on Tuesday evening.\n",
		"--field body --paragraph 3 --take mine|theirs",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, _, errOut = runCLI(t, "-db", path, "history", "1")
	if want := "copydesk: conflict: the headline was changed here and by Ed Itor since the last sync; see 'copydesk conflicts council-delays-vote'\n"; code != 0 || !strings.Contains(errOut, want) {
		t.Errorf("history exit %d, stderr %q; want %q", code, errOut, want)
	}
	code, out, _ = runCLI(t, "-db", path, "conflicts", "1", "--json")
	if code != 0 || !strings.Contains(out, `"part": {`) || !strings.Contains(out, `"theirs": "Budget vote delayed again"`) {
		t.Errorf("--json exit %d:\n%s", code, out)
	}
}

func TestConflictsSettle(t *testing.T) {
	cases := []struct {
		name     string
		args     []string
		stdin    string
		wantCode int
		wantOut  string // in stdout (exit 0) or stderr
		check    func(a *editor.Article) bool
	}{
		{name: "take theirs headline", args: []string{"--field", "headline", "--take", "theirs"},
			wantOut: "council-delays-vote: headline: took Ed Itor's version",
			check:   func(a *editor.Article) bool { return a.Headline == "Budget vote delayed again" }},
		{name: "keep mine headline", args: []string{"--field", "headline", "--take", "mine"},
			wantOut: "headline: kept this machine's version",
			check:   func(a *editor.Article) bool { return a.Headline == "Council puts off budget vote" }},
		{name: "own text for paragraph 3", args: []string{"--field", "body", "--paragraph", "3", "--value", "The vote is on May 4 at 7 p.m."},
			wantOut: "body paragraph 3: saved your text",
			check: func(a *editor.Article) bool {
				return strings.HasSuffix(a.Body, "Three branches would close.\n\nThe vote is on May 4 at 7 p.m.\n")
			}},
		{name: "value from standard input", args: []string{"--field", "body", "--paragraph", "1", "--value", "-"},
			stdin:   "The council met late on Tuesday.\n",
			wantOut: "body paragraph 1: saved your text",
			check: func(a *editor.Article) bool {
				return strings.HasPrefix(a.Body, "The council met late on Tuesday.\n\nThree")
			}},
		{name: "body needs a paragraph", args: []string{"--field", "body", "--take", "theirs"}, wantCode: 1,
			wantOut: "has 2 conflicts in the body: say which with --paragraph N"},
		{name: "no conflict there", args: []string{"--field", "summary", "--take", "theirs"}, wantCode: 1,
			wantOut: "no open conflict in summary; open: headline; body paragraph 1; body paragraph 3"},
		{name: "take and value", args: []string{"--field", "headline", "--take", "theirs", "--value", "x"}, wantCode: 2,
			wantOut: "give --take or --value, not both"},
		{name: "take without field", args: []string{"--take", "theirs"}, wantCode: 2, wantOut: "need --field"},
		{name: "not a choice", args: []string{"--field", "headline", "--take", "both"}, wantCode: 2,
			wantOut: "--take must be mine, theirs or base"},
		{name: "empty headline refused", args: []string{"--field", "headline", "--value", " "}, wantCode: 1,
			wantOut: "Headline is required"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path, db := deskConflictLibrary(t)
			var out, errb strings.Builder
			code := runMain(context.Background(), append([]string{"-db", path, "conflicts", "1"}, c.args...),
				strings.NewReader(c.stdin), &out, &errb)
			got := out.String()
			if code != 0 {
				got = errb.String()
			}
			if code != c.wantCode || !strings.Contains(got, c.wantOut) {
				t.Fatalf("exit %d, output %q; want exit %d with %q (stderr %q)", code, got, c.wantCode, c.wantOut, errb.String())
			}
			a, err := db.Article(context.Background(), 1)
			if err != nil {
				t.Fatal(err)
			}
			if c.check != nil && !c.check(a) {
				t.Errorf("article after settling: headline %q body %q", a.Headline, a.Body)
			}
			cs, _ := db.Conflicts(context.Background(), 1)
			if want := 3 - map[bool]int{true: 1, false: 0}[c.wantCode == 0]; len(cs) != want {
				t.Errorf("%d conflicts open, want %d", len(cs), want)
			}
		})
	}
}

func TestConflictsSettleRefusesAfterAnEdit(t *testing.T) {
	path, db := deskConflictLibrary(t)
	ctx := context.Background()
	a, _ := db.Article(ctx, 1)
	a.Body = strings.Replace(a.Body, "Tuesday night", "Tuesday night, late", 1)
	if err := db.Save(ctx, a); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, "-db", path, "conflicts", "1", "--field", "body", "--paragraph", "1", "--take", "theirs")
	if code != 1 || !strings.Contains(errOut, "body paragraph 1 of council-delays-vote was edited after the sync") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if got, _ := db.Article(ctx, 1); !strings.Contains(got.Body, "Tuesday night, late") {
		t.Errorf("the edit was overwritten: %q", got.Body)
	}
}

// TestConflictViewOnTheLibrary drives the window's conflict view against
// a real library: the three versions shown are the stored ones, and the
// buttons settle them in the library.
func TestConflictViewOnTheLibrary(t *testing.T) {
	test.NewTempApp(t)
	_, db := deskConflictLibrary(t)
	ctx := context.Background()
	var resolved []*editor.Article
	v := conflictview.New(db, 1, conflictview.Options{
		Go: func(f func()) { f() }, Do: func(f func()) { f() },
		OnResolved: func(a *editor.Article) { resolved = append(resolved, a) },
	})
	w := test.NewWindow(v.Object())
	defer w.Close()
	w.Resize(fyne.NewSize(1000, 700))
	if v.Count() != 3 {
		t.Fatalf("view holds %d conflicts, want 3", v.Count())
	}
	title, base, mine, theirs := v.Shown()
	if title != "Headline" || base != "Council delays vote" || mine != "Council puts off budget vote" || theirs != "Budget vote delayed again" {
		t.Errorf("shown %q: %q / %q / %q", title, base, mine, theirs)
	}
	keepMine, takeTheirs, _ := v.Buttons()
	test.Tap(takeTheirs) // the headline, shown first
	test.Tap(keepMine)   // body paragraph 1
	test.Tap(takeTheirs) // body paragraph 3
	a, err := db.Article(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := "The council met on Tuesday night.\n\nThree branches would close.\n\nThe vote is on May 4.\n"
	if a.Headline != "Budget vote delayed again" || a.Body != want {
		t.Errorf("library now holds %q / %q", a.Headline, a.Body)
	}
	if cs, _ := db.Conflicts(ctx, 1); len(cs) != 0 || v.Count() != 0 || len(resolved) != 2 {
		t.Errorf("open in library %d, in view %d; told of %d changes (want 2)", len(cs), v.Count(), len(resolved))
	}
}
