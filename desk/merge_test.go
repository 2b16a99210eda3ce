package desk_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"copydesk/desk"
	"copydesk/editor"
	"copydesk/editor/review"
	"copydesk/storage"
)

func TestSameFieldBothSidesConflictsAndLosesNothing(t *testing.T) {
	url := bareDesk(t)
	ada, ben := newMachine(t, url, "Ada Reporter"), newMachine(t, url, "Ben Editor")
	a := ada.write(sample("Bridge repair approved"))
	ada.join()
	ben.join()

	mine := ada.get(a.UID)
	mine.Headline = "Bridge repair approved after long debate"
	ada.write(mine)
	theirs := ben.get(a.UID)
	theirs.Headline = "Council votes to fix bridge"
	ben.write(theirs)

	ben.sync()
	rep := ada.sync()
	if rep.Count(desk.Conflicted) != 1 {
		t.Fatalf("ada's sync: %+v", rep.Changes)
	}
	ctx := context.Background()
	got := ada.get(a.UID)
	cs, err := ada.db.Conflicts(ctx, got.ID)
	if err != nil || len(cs) != 1 {
		t.Fatalf("conflicts = %v, %v", cs, err)
	}
	// Both headlines are in ada's library: one current, the other a revision.
	local, err := ada.db.RevisionArticle(ctx, got.ID, cs[0].LocalRevision)
	if err != nil {
		t.Fatal(err)
	}
	incoming, err := ada.db.RevisionArticle(ctx, got.ID, cs[0].IncomingRevision)
	if err != nil {
		t.Fatal(err)
	}
	if local.Headline != mine.Headline || incoming.Headline != theirs.Headline {
		t.Fatalf("conflict keeps %q and %q", local.Headline, incoming.Headline)
	}
	// The two libraries end up identical after one more round.
	ben.sync()
	ada.sync()
	if x, y := ada.get(a.UID), ben.get(a.UID); x.Headline != y.Headline || x.Body != y.Body {
		t.Fatalf("libraries differ: %q / %q", x.Headline, y.Headline)
	}
}

func TestOfflineKeepsChangesWaiting(t *testing.T) {
	url := bareDesk(t)
	ada := newMachine(t, url, "Ada Reporter")
	ada.join()
	a := ada.write(sample("Written on the train"))
	moved := url + ".away"
	if err := os.Rename(url, moved); err != nil {
		t.Fatal(err)
	}
	rep, err := desk.Sync(context.Background(), ada.db, ada.remote, desk.Options{})
	if !errors.Is(err, desk.ErrUnreachable) {
		t.Fatalf("offline sync: err = %v", err)
	}
	if rep == nil || rep.Waiting != 1 {
		t.Fatalf("offline report: %+v", rep)
	}
	if err := os.Rename(moved, url); err != nil {
		t.Fatal(err)
	}
	if rep := ada.sync(); rep.Count(desk.Out) != 1 || rep.Waiting != 0 {
		t.Fatalf("back online: %+v", rep)
	}
	show := gitCmd(t, url, "show", "main:"+desk.ArticlePath(a.UID))
	if !strings.Contains(show, "Written on the train") {
		t.Fatalf("desk has:\n%s", show)
	}
}

// handEdit clones the desk with the git binary, lets edit change the
// work tree, and pushes as a person with a text editor would.
func handEdit(t *testing.T, url string, edit func(dir string)) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "work")
	gitCmd(t, filepath.Dir(dir), "clone", "-q", url, dir)
	edit(dir)
	gitCmd(t, dir, "add", "-A")
	gitCmd(t, dir, "commit", "-q", "-m", "Hand edit")
	gitCmd(t, dir, "push", "-q", "origin", "HEAD")
}

func TestHandEditsArriveAndInvalidOnesAreRefusedWithLine(t *testing.T) {
	url := bareDesk(t)
	ada, ben := newMachine(t, url, "Ada Reporter"), newMachine(t, url, "Ben Editor")
	good := ada.write(sample("Library opens late"))
	bad := ada.write(sample("Snow closes schools"))
	ada.join()
	ben.join()
	handEdit(t, url, func(dir string) {
		p := filepath.Join(dir, "articles", good.UID, "article.md")
		data, _ := os.ReadFile(p)
		os.WriteFile(p, []byte(strings.Replace(string(data), "Library opens late", "Library opens late on Sundays", 1)), 0o644)
		p = filepath.Join(dir, "articles", bad.UID, "article.md")
		data, _ = os.ReadFile(p)
		os.WriteFile(p, []byte(strings.Replace(string(data), "headline:", "headlin:", 1)), 0o644)
	})
	rep := ben.sync()
	if rep.Count(desk.In) != 1 || rep.Count(desk.Refused) != 1 {
		t.Fatalf("ben's sync: %+v", rep.Changes)
	}
	var refusal string
	for _, c := range rep.Changes {
		if c.Direction == desk.Refused {
			refusal = c.Detail
		}
	}
	want := "articles/" + bad.UID + "/article.md:"
	if !strings.HasPrefix(refusal, want) || !strings.Contains(refusal, "headlin") {
		t.Fatalf("refusal %q does not start with %q and name the key", refusal, want)
	}
	if h := ben.get(good.UID).Headline; h != "Library opens late on Sundays" {
		t.Fatalf("good hand edit: headline %q", h)
	}
	if h := ben.get(bad.UID).Headline; h != "Snow closes schools" {
		t.Fatalf("bad hand edit changed the library: %q", h)
	}
	st, err := ben.db.DeskStatus(context.Background())
	if err != nil || !strings.HasPrefix(st.Refused[bad.UID], want) {
		t.Fatalf("status refused = %v, %v", st.Refused, err)
	}
}

func TestReporterCannotApproveOnDesk(t *testing.T) {
	url := bareDesk(t)
	ada, ben := newMachine(t, url, "Ada Editor"), newMachine(t, url, "Ben Reporter")
	ada.join() // the founder is the desk's first editor
	ben.join() // a later member is a reporter
	ctx := context.Background()
	a := ben.write(sample("Fire on Main Street"))
	_, err := ben.db.MoveStatus(ctx, a.ID, editor.StatusApproved, review.MoveRequest{})
	if !errors.Is(err, storage.ErrNotEditor) {
		t.Fatalf("reporter's approval: err = %v", err)
	}
	if !strings.Contains(err.Error(), "Only an editor") {
		t.Fatalf("message %q", err)
	}
}

func TestDifferentFieldsAndParagraphsMerge(t *testing.T) {
	url := bareDesk(t)
	ada, ben, cy := newMachine(t, url, "Ada Reporter"), newMachine(t, url, "Ben Editor"), newMachine(t, url, "Cy Reporter")
	a := ada.write(sample("Bridge repair approved"))
	ada.join()
	ben.join()
	cy.join()

	x := ada.get(a.UID)
	x.Headline = "Bridge repair approved 5-2"
	ada.write(x)
	y := ben.get(a.UID)
	y.Summary = "The work starts in May and ends in August."
	ben.write(y)
	z := cy.get(a.UID)
	z.Body = strings.Replace(z.Body, "Work starts in May.", "Work starts in May, the mayor said.", 1)
	cy.write(z)

	ada.sync()
	ben.sync()
	if rep := cy.sync(); rep.Count(desk.Merged) != 1 || rep.Count(desk.Conflicted) != 0 {
		t.Fatalf("cy's sync: %+v", rep.Changes)
	}
	ada.sync()
	ben.sync()
	for _, m := range []*machine{ada, ben, cy} {
		got := m.get(a.UID)
		if got.Headline != x.Headline || got.Summary != y.Summary || !strings.Contains(got.Body, "the mayor said") {
			t.Fatalf("%s has headline %q, summary %q, body %q", m.name, got.Headline, got.Summary, got.Body)
		}
		cs, err := m.db.Conflicts(context.Background(), got.ID)
		if err != nil || len(cs) != 0 {
			t.Fatalf("%s: conflicts %v, %v", m.name, cs, err)
		}
	}
}

func TestSameParagraphConflictsWithBothKept(t *testing.T) {
	url := bareDesk(t)
	ada, ben := newMachine(t, url, "Ada Reporter"), newMachine(t, url, "Ben Editor")
	a := ada.write(sample("Bridge repair approved"))
	ada.join()
	ben.join()
	x := ada.get(a.UID)
	x.Body = strings.Replace(x.Body, "It voted 5-2 to repair the bridge.", "It voted five to two for the repair.", 1)
	ada.write(x)
	y := ben.get(a.UID)
	y.Body = strings.Replace(y.Body, "It voted 5-2 to repair the bridge.", "The vote was 5-2.", 1)
	ben.write(y)
	ada.sync()
	rep := ben.sync()
	if rep.Count(desk.Conflicted) != 1 {
		t.Fatalf("ben's sync: %+v", rep.Changes)
	}
	got := ben.get(a.UID)
	cs, err := ben.db.Conflicts(context.Background(), got.ID)
	if err != nil || len(cs) != 1 || cs[0].Part == nil {
		t.Fatalf("conflicts = %+v, %v", cs, err)
	}
	p := cs[0].Part
	if p.Field != "body" || p.Mine != "The vote was 5-2." || p.Theirs != "It voted five to two for the repair." || p.Base != "It voted 5-2 to repair the bridge." {
		t.Fatalf("conflict part = %+v", p)
	}
	// Ben's own paragraph stays until he chooses; ada's is in the conflict
	// and in the revision that arrived.
	if !strings.Contains(got.Body, "The vote was 5-2.") {
		t.Fatalf("ben's body lost his paragraph: %q", got.Body)
	}
}

// An approval that arrives from a member desk.toml does not name as an
// editor (here a hand-edited library that skipped the guard) is kept as
// a conflict, not applied.
func TestApprovalFromReporterKeptAsConflict(t *testing.T) {
	url := bareDesk(t)
	ada, ben := newMachine(t, url, "Ada Editor"), newMachine(t, url, "Ben Reporter")
	ada.join()
	ben.join()
	ctx := context.Background()
	a := ben.write(sample("Fire on Main Street"))
	ben.sync()
	ada.sync()
	// Ben's library pretends to be an editor's: only desk.toml decides.
	s, _ := ben.db.Settings(ctx)
	s.PersonRole = editor.RoleEditor
	ben.db.SaveSettings(ctx, s)
	for _, to := range []editor.Status{editor.StatusFiled, editor.StatusEditing, editor.StatusApproved} {
		if _, err := ben.db.MoveStatus(ctx, a.ID, to, review.MoveRequest{}); err != nil {
			t.Fatalf("move to %s: %v", to, err)
		}
	}
	ben.sync()
	rep := ada.sync()
	if rep.Count(desk.Conflicted) != 1 {
		t.Fatalf("ada's sync: %+v", rep.Changes)
	}
	got := ada.get(a.UID)
	if got.Status == editor.StatusApproved {
		t.Fatal("a reporter's approval was applied")
	}
	cs, err := ada.db.Conflicts(ctx, got.ID)
	if err != nil || len(cs) != 1 || cs[0].Part == nil || cs[0].Part.Field != "status" || cs[0].Part.Theirs != "approved" {
		t.Fatalf("conflicts = %+v, %v", cs, err)
	}
	// The desk does not keep the approval either: ada's library sends the
	// article back as it was, and ben's library follows.
	if rep := ada.sync(); rep.Count(desk.Out) != 1 {
		t.Fatalf("ada's second sync: %+v", rep.Changes)
	}
	ben.sync()
	if st := ben.get(a.UID).Status; st == editor.StatusApproved {
		t.Fatalf("ben's library still says %s", st)
	}
}
