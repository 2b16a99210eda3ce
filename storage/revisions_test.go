package storage

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"copydesk/editor"
	"copydesk/editor/review"
	"copydesk/editor/synth"
)

// stepClock is a clock a test moves by hand, so a step can land just
// inside or just outside an editing session.
type stepClock struct{ t time.Time }

func (c *stepClock) now() time.Time { return c.t }

// revStep is one thing that happens to the article in TestCoalescing.
type revStep struct {
	at   time.Duration // since the test's start
	do   string        // "save", "move", "restore1", "import", "file", "person:NAME", "other-writer"
	want int           // the number of the newest revision afterwards
}

func TestCoalescing(t *testing.T) {
	t.Parallel()
	m := time.Minute
	tests := []struct {
		name  string
		steps []revStep
	}{
		{"burst within a session coalesces", []revStep{
			{0, "save", 2}, {20 * time.Second, "save", 2}, {5 * m, "save", 2}, {9*m + 59*time.Second, "save", 2}}},
		{"session length counts from the session's first save", []revStep{
			{0, "save", 2}, {6 * m, "save", 2}, {10 * m, "save", 3}, {12 * m, "save", 3}}},
		{"just under the session length still coalesces", []revStep{
			{0, "save", 2}, {SessionLength - time.Millisecond, "save", 2}, {SessionLength, "save", 3}}},
		{"the first revision is pinned", []revStep{{time.Second, "save", 2}, {2 * time.Second, "save", 2}}},
		{"a status move pins", []revStep{
			{0, "save", 2}, {m, "move", 3}, {2 * m, "save", 4}, {3 * m, "save", 4}}},
		{"a save after a move in its status still starts anew", []revStep{
			{0, "move", 2}, {m, "save", 3}}},
		{"a restore pins", []revStep{
			{0, "save", 2}, {m, "restore1", 3}, {2 * m, "save", 4}, {3 * m, "save", 4}}},
		{"an import pins", []revStep{
			{0, "save", 2}, {m, "import", 3}, {2 * m, "import", 4}, {3 * m, "save", 5}, {4 * m, "save", 5}}},
		{"filing a bundle pins the state filed", []revStep{
			{0, "save", 2}, {m, "file", 2}, {2 * m, "save", 3}, {3 * m, "save", 3}}},
		{"another author does not coalesce", []revStep{
			{0, "save", 2}, {m, "person:Ed Itor", 3}, {2 * m, "save", 3}, {3 * m, "person:Ana Ruiz", 4}}},
		{"another handle does not coalesce", []revStep{
			{0, "save", 2}, {m, "other-writer", 3}, {2 * m, "save", 4}, {3 * m, "save", 4}}},
		{"a clock that went back starts a new session", []revStep{
			{5 * m, "save", 2}, {4 * m, "save", 3}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "library.db")
			d, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			start := time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC)
			clock := &stepClock{start.Add(-time.Hour)}
			d.SetClock(clock.now)
			setPerson(t, d, "Ana Ruiz")
			a := &editor.Article{Headline: "Council meets", Body: "Draft 0.", Status: editor.StatusDraft}
			mustSave(t, d, a)
			var other *DB // a second window on the same library
			for i, s := range tc.steps {
				clock.t = start.Add(s.at)
				cur, err := d.Article(ctx, a.ID)
				if err != nil {
					t.Fatal(err)
				}
				cur.Body = fmt.Sprintf("Draft %d.", i+1)
				switch {
				case s.do == "save":
					err = d.Save(ctx, cur)
				case s.do == "import":
					err = d.SaveAs(ctx, cur, RevisionImport)
				case s.do == "move":
					_, err = d.MoveStatus(ctx, a.ID, editor.StatusFiled, review.MoveRequest{})
				case s.do == "restore1":
					_, err = d.Restore(ctx, a.ID, 1)
				case s.do == "file":
					_, err = d.FileBundle(ctx, a.ID)
				case strings.HasPrefix(s.do, "person:"):
					setPerson(t, d, strings.TrimPrefix(s.do, "person:"))
					err = d.Save(ctx, cur)
				case s.do == "other-writer":
					if other, err = Open(ctx, path); err != nil {
						t.Fatal(err)
					}
					defer other.Close()
					other.SetClock(clock.now)
					err = other.Save(ctx, cur)
				default:
					t.Fatalf("unknown step %q", s.do)
				}
				if err != nil {
					t.Fatalf("step %d (%s): %v", i, s.do, err)
				}
				checkNewestIsCurrent(t, d, a.ID, s.want, fmt.Sprintf("step %d (%s at %v)", i, s.do, s.at))
			}
		})
	}
}

// checkNewestIsCurrent checks the invariants coalescing must keep: the
// revisions are numbered 1…want without gaps and with rising versions,
// and the newest one is exactly the stored article, with its version,
// time, words and headline in the list.
func checkNewestIsCurrent(t *testing.T, d *DB, id int64, want int, step string) {
	t.Helper()
	ctx := context.Background()
	revs, err := d.Revisions(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(revs) != want {
		t.Fatalf("%s: %d revisions, want %d", step, len(revs), want)
	}
	for i, r := range revs {
		if r.Number != i+1 || i > 0 && r.Version <= revs[i-1].Version {
			t.Fatalf("%s: revisions out of order: %+v", step, revs)
		}
	}
	cur, err := d.Article(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	last := revs[len(revs)-1]
	if last.Version != cur.Version || !last.Time.Equal(cur.Updated) || last.Headline != cur.Headline ||
		last.Words != editor.CountWords(cur.Body) || last.Status != cur.Status {
		t.Errorf("%s: newest revision %+v does not describe the article (version %d, updated %v)", step, last, cur.Version, cur.Updated)
	}
	ra, err := d.RevisionArticle(ctx, id, last.Number)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ra, cur) {
		t.Errorf("%s: newest revision holds\n%+v\nthe article is\n%+v", step, ra, cur)
	}
}

// TestCoalescedRevisionKeepsOlderOnes: replacing the newest revision in
// place must leave every earlier revision as it was.
func TestCoalescedRevisionKeepsOlderOnes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := newDB(t) // one second per save: all within one session
	a := draft("Budget")
	a.Body = "First."
	mustSave(t, d, a)
	first := a.Clone()
	for _, body := range []string{"Second.", "Third.", "Fourth."} {
		a.Body = body
		mustSave(t, d, a)
	}
	revs, _ := d.Revisions(ctx, a.ID)
	if len(revs) != 2 || revs[1].Version != 4 {
		t.Fatalf("revisions %+v, want 2 with the second at version 4", revs)
	}
	r1, err := d.RevisionArticle(ctx, a.ID, 1)
	if err != nil || !reflect.DeepEqual(r1, first) {
		t.Errorf("revision 1 = %+v, %v; want the first save %+v", r1, err, first)
	}
}

// TestSaveAsRefusesNonEvents: SaveAs exists to pin; an edit kind or an
// unknown one is a caller's bug, refused before anything is written.
func TestSaveAsRefusesNonEvents(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := newDB(t)
	for _, k := range []RevisionKind{RevisionEdit, "", "autosave"} {
		a := draft("Refused")
		if err := d.SaveAs(ctx, a, k); err == nil || a.ID != 0 {
			t.Errorf("SaveAs(%q) = %v, id %d; want an error and nothing saved", k, err, a.ID)
		}
	}
	if n, _ := d.Count(ctx, editor.Filter{}); n != 0 {
		t.Errorf("%d articles after refused saves", n)
	}
}

// TestSnapshotRoundTripsEveryField: what a revision gives back is the
// article exactly as saved, through compression, for awkward content.
func TestSnapshotRoundTripsEveryField(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	big := synth.Article(7, 10_000)
	big.UID = ""
	for _, tc := range []struct {
		name string
		a    *editor.Article
	}{
		{"full", fullArticle()},
		{"minimal", draft("Only a headline")},
		{"empty lists", &editor.Article{Headline: "Empty lists", Status: editor.StatusDraft,
			Byline: []string{}, Tags: []string{}, Corrections: []editor.Correction{}}},
		{"10,000 words", big},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDB(t)
			mustSave(t, d, tc.a)
			got, err := d.RevisionArticle(ctx, tc.a.ID, 1)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.a) {
				t.Errorf("revision\n%#v\nsaved\n%#v", got, tc.a)
			}
			var js string
			var snap []byte
			if err := d.sql.QueryRowContext(ctx, `SELECT article, snapshot FROM revisions WHERE article_id = ?`, tc.a.ID).
				Scan(&js, &snap); err != nil {
				t.Fatal(err)
			}
			plain, _ := json.Marshal(tc.a)
			if js != "" || len(snap) == 0 {
				t.Errorf("stored %d bytes of JSON and a %d-byte snapshot; want only the snapshot", len(js), len(snap))
			}
			if len(plain) > 1000 && len(snap) >= len(plain)/2 {
				t.Errorf("snapshot %d bytes for %d bytes of JSON: not compressed", len(snap), len(plain))
			}
		})
	}
}

// TestDamagedSnapshotIsAnError: a flipped byte must be reported, not
// read back as a different article (zlib's checksum), nor panic.
func TestDamagedSnapshotIsAnError(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := newDB(t)
	a := draft("Damaged")
	a.Body = strings.Repeat("The council met on Tuesday. ", 200)
	mustSave(t, d, a)
	var snap []byte
	if err := d.sql.QueryRowContext(ctx, `SELECT snapshot FROM revisions WHERE article_id = ?`, a.ID).Scan(&snap); err != nil {
		t.Fatal(err)
	}
	for _, at := range []int{0, len(snap) / 2, len(snap) - 1} {
		bad := bytes.Clone(snap)
		bad[at] ^= 0x55
		if _, err := d.sql.ExecContext(ctx, `UPDATE revisions SET snapshot = ? WHERE article_id = ?`, bad, a.ID); err != nil {
			t.Fatal(err)
		}
		if got, err := d.RevisionArticle(ctx, a.ID, 1); err == nil {
			t.Errorf("byte %d flipped: read back %q without an error", at, got.Headline)
		}
	}
}

// TestMigrateUncompressedRevisions builds a library as Copydesk left it
// before migration 0005 (plain JSON revisions), upgrades it, and checks
// that the old history reads, diffs and restores exactly, and that new
// saves start a new, compressed revision instead of replacing an old one.
func TestMigrateUncompressedRevisions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := Open(ctx, path, withMaxVersion(4))
	if err != nil {
		t.Fatal(err)
	}
	old.SetClock(fakeClock())
	a := fullArticle()
	a.Status = editor.StatusDraft
	a.Published = time.Time{}
	mustSave(t, old, a)
	var saved []*editor.Article
	saved = append(saved, a.Clone())
	for _, body := range []string{"Second draft.", "Third draft, longer than the second."} {
		a.Body = body
		mustSave(t, old, a)
		saved = append(saved, a.Clone())
	}
	old.Close()

	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	d.SetClock(fakeClock())
	var legacy int
	if err := d.sql.QueryRowContext(ctx, `SELECT count(*) FROM revisions
		WHERE snapshot IS NULL AND article != '' AND pinned = 1 AND kind = ''`).Scan(&legacy); err != nil {
		t.Fatal(err)
	}
	if legacy != 3 {
		t.Fatalf("%d revisions kept in the old form and pinned, want 3", legacy)
	}
	for i, want := range saved {
		got, err := d.RevisionArticle(ctx, a.ID, i+1)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("old revision %d reads as\n%+v\nwant\n%+v", i+1, got, want)
		}
	}
	// The newest old revision is pinned: the first save after the upgrade
	// adds revision 4, the next one coalesces into it.
	for i, body := range []string{"Fourth draft.", "Fifth draft."} {
		a.Body = body
		mustSave(t, d, a)
		checkNewestIsCurrent(t, d, a.ID, 4, fmt.Sprintf("save %d after the upgrade", i+1))
	}
	r3, err := d.RevisionArticle(ctx, a.ID, 3)
	if err != nil || r3.Body != saved[2].Body {
		t.Fatalf("revision 3 after saving on: %v, %v", r3, err)
	}
	restored, err := d.Restore(ctx, a.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if restored.Body != saved[0].Body || restored.Version != 6 {
		t.Errorf("restored body %q version %d", restored.Body, restored.Version)
	}
	checkNewestIsCurrent(t, d, a.ID, 5, "restore of an old revision")
}

// TestNotesFollowThroughCoalescedSaves: a note anchored while the newest
// revision was an autosave must still be followed through the edit (the
// passage deleted), not searched for (which would find the phrase's other
// occurrence), although that autosave's state is replaced in place.
func TestNotesFollowThroughCoalescedSaves(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := reviewDB(t, "Ed") // a minute per clock reading: one session
	a := reviewArticle(t, d, "Intro.")
	a.Body = "A said the mayor. B said the mayor."
	mustSave(t, d, a) // revision 2, an autosave
	if _, err := d.AddNote(ctx, a.ID, "Which mayor?", "the mayor"); err != nil {
		t.Fatal(err)
	}
	a.Body = "A said so. B said the mayor."
	mustSave(t, d, a) // replaces revision 2, which held the anchor's version
	if revs, _ := d.Revisions(ctx, a.ID); len(revs) != 2 {
		t.Fatalf("%d revisions, want the save coalesced into 2", len(revs))
	}
	notes, err := d.Notes(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := notes[0].Anchor; !got.Deleted {
		t.Errorf("anchor %+v: want the anchored passage reported deleted", got)
	}
}

// TestBundleFiledStateSurvivesCoalescing: this machine files a bundle,
// keeps typing (autosaves), and later the stale bundle it filed comes
// back. The filed state must still be in the history, so the import is
// recognised as old news rather than a conflict.
func TestBundleFiledStateSurvivesCoalescing(t *testing.T) {
	t.Parallel()
	reporter := reviewDB(t, "Ana Ruiz")
	desk := reviewDB(t, "Ed Itor")
	a := reviewArticle(t, reporter, "Original text.")
	a.Body = "Reporter's second draft."
	mustSave(t, reporter, a) // an autosave: revision 2
	deskID := carry(t, reporter, desk, a.ID).Article.ID
	for _, body := range []string{"Third draft.", "Fourth draft."} {
		a.Body = body
		mustSave(t, reporter, a)
	}
	res := carry(t, desk, reporter, deskID)
	if res.Outcome != ImportKeptLocal {
		t.Errorf("stale bundle of the filed state: outcome %s, want %s", res.Outcome, ImportKeptLocal)
	}
	if cs, _ := reporter.Conflicts(context.Background(), a.ID); len(cs) != 0 {
		t.Errorf("conflicts %+v", cs)
	}
}

// FuzzDecodeRevision: a revision row comes from a library file, which
// may be damaged or come from elsewhere. Decoding never panics, and what
// encodes always decodes to the same article.
func FuzzDecodeRevision(f *testing.F) {
	snap, err := encodeSnapshot(fullArticle())
	if err != nil {
		f.Fatal(err)
	}
	js, _ := json.Marshal(fullArticle())
	f.Add("", snap)
	f.Add(string(js), []byte(nil))
	f.Add("{}", []byte{})
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	zw.Write(bytes.Repeat([]byte{'['}, 1<<16))
	zw.Close()
	f.Add("", buf.Bytes())
	f.Fuzz(func(t *testing.T, js string, snap []byte) {
		a, err := decodeRevision(js, snap)
		if err != nil {
			return
		}
		enc, err := encodeSnapshot(a)
		if err != nil {
			// A time that normalising to UTC moved outside the years JSON
			// can write: no Save could have stored such an article.
			return
		}
		b, err := decodeRevision("", enc)
		if err != nil {
			t.Fatalf("re-encoded article does not decode: %v", err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("round trip changed the article:\n%+v\n%+v", a, b)
		}
	})
}

// supersededInPlace reports whether acknowledged save k is missing from
// its article's revisions only because coalescing replaced it: the first
// revision after it belongs to the same editing session, that is every
// version between the revision before and that one was an acknowledged
// save (a save by anyone else would have started a new revision). That
// revision's own version may be unacknowledged: a kill can land between
// a commit and its acknowledgement. For the crash test's checkAcks.
func supersededInPlace(revs []editor.Revision, k ack, acks []ack) bool {
	acked := map[int64]bool{}
	for _, a := range acks {
		if a.id == k.id {
			acked[a.version] = true
		}
	}
	prev := int64(0)
	for _, r := range revs {
		if r.Version > k.version {
			for v := prev + 1; v < r.Version; v++ {
				if !acked[v] {
					return false
				}
			}
			return prev < k.version
		}
		prev = r.Version
	}
	return false
}

func TestSupersededInPlace(t *testing.T) {
	t.Parallel()
	revs := []editor.Revision{{Number: 1, Version: 1}, {Number: 2, Version: 4}, {Number: 3, Version: 6}}
	acks := func(vs ...int64) []ack {
		var as []ack
		for _, v := range vs {
			as = append(as, ack{id: 9, version: v}, ack{id: 8, version: v + 100})
		}
		return as
	}
	tests := []struct {
		name    string
		version int64
		acks    []ack
		want    bool
	}{
		{"replaced by the session's next save", 2, acks(1, 2, 3, 4), true},
		{"replaced by an unacknowledged last save", 3, acks(1, 2, 3), true},
		{"a version in between nobody acknowledged", 3, acks(1, 3, 4), false},
		{"newer than every revision", 7, acks(7), false},
		{"held by a revision is not superseded", 4, acks(2, 3, 4), false},
	}
	for _, tc := range tests {
		if got := supersededInPlace(revs, ack{id: 9, version: tc.version}, tc.acks); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestDamagedSnapshotDoesNotBlockSaves: the revision a save coalesces
// into is read back only to carry notes over; if its snapshot is damaged
// the save must still succeed and the note fall back to being searched for.
func TestDamagedSnapshotDoesNotBlockSaves(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := reviewDB(t, "Ed")
	a := reviewArticle(t, d, "Intro.")
	a.Body = "A said the mayor. B said the mayor."
	mustSave(t, d, a) // revision 2, coalescible
	if _, err := d.AddNote(ctx, a.ID, "Which mayor?", "the mayor"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.sql.ExecContext(ctx, `UPDATE revisions SET snapshot = x'78015b' WHERE article_id = ? AND number = 2`, a.ID); err != nil {
		t.Fatal(err)
	}
	a.Body = "Now: A said the mayor. B said the mayor."
	if err := d.Save(ctx, a); err != nil {
		t.Fatalf("save over a damaged revision: %v", err)
	}
	notes, err := d.Notes(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := notes[0].Anchor; got.Deleted || got.Start != 12 {
		t.Errorf("anchor %+v: want the passage found again at 12", got)
	}
}

// TestUnchangedSavesAddNoRevision: saves that bring the article back to a
// state the history already shows (a character typed and deleted) leave
// no revision that would read "no changes", while the article itself is
// saved and its newest revision still holds its content.
func TestUnchangedSavesAddNoRevision(t *testing.T) {
	tests := []struct {
		name   string
		bodies []string // saved in turn, one second apart, after "First."
		want   []string // the bodies of the revisions afterwards
	}{
		{"typed and deleted across two saves", []string{"First.x", "First."}, []string{"First."}},
		{"saved twice unchanged", []string{"First.", "First."}, []string{"First."}},
		{"typed, deleted, typed again", []string{"First.x", "First.", "First. Second."}, []string{"First.", "First. Second."}},
		{"a change kept", []string{"First. Second."}, []string{"First.", "First. Second."}},
		{"back to the first after a change", []string{"First. Second.", "First. Second.x", "First. Second."}, []string{"First.", "First. Second."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			d := newDB(t) // one second per save: all within one session
			a := draft("Budget")
			a.Body = "First."
			mustSave(t, d, a)
			for _, body := range tc.bodies {
				a.Body = body
				mustSave(t, d, a)
			}
			revs, err := d.Revisions(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for i, r := range revs {
				ra, err := d.RevisionArticle(ctx, a.ID, r.Number)
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, ra.Body)
				if r.Number != i+1 {
					t.Errorf("revision numbers %+v have a gap", revs)
				}
				if i > 0 {
					prev, _ := d.RevisionArticle(ctx, a.ID, revs[i-1].Number)
					if s := review.ChangeSummary(prev, ra); s == "no changes" {
						t.Errorf("revision %d says %q", r.Number, s)
					}
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("revision bodies %q, want %q", got, tc.want)
			}
			cur, err := d.Article(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if cur.Body != tc.bodies[len(tc.bodies)-1] || cur.Version != int64(len(tc.bodies)+1) {
				t.Errorf("article body %q version %d: every save must still be stored", cur.Body, cur.Version)
			}
		})
	}
}

// TestNotesFollowADroppedRevision: a note anchored in a revision that a
// later save drops (it came back to the revision before) still finds its
// passage.
func TestNotesFollowADroppedRevision(t *testing.T) {
	ctx := context.Background()
	d := reviewDB(t, "Ed")
	a := reviewArticle(t, d, "The mayor spoke.")
	a.Body = "Today the mayor spoke."
	mustSave(t, d, a) // revision 2
	if _, err := d.AddNote(ctx, a.ID, "Which mayor?", "mayor"); err != nil {
		t.Fatal(err)
	}
	a.Body = "The mayor spoke."
	mustSave(t, d, a) // back to revision 1: revision 2 is dropped
	if revs, _ := d.Revisions(ctx, a.ID); len(revs) != 1 {
		t.Fatalf("%d revisions, want revision 2 dropped", len(revs))
	}
	notes, err := d.Notes(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := notes[0].Anchor; got.Deleted || got.Start != len("The ") {
		t.Errorf("anchor %+v: want \"mayor\" found at %d", got, len("The "))
	}
}
