package storage

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"copydesk/editor"
)

const (
	concLibraryEnv = "COPYDESK_CONC_LIBRARY"
	concNameEnv    = "COPYDESK_CONC_NAME"
	concSavesEnv   = "COPYDESK_CONC_SAVES"
	concOutEnv     = "COPYDESK_CONC_OUT"
	concGoEnv      = "COPYDESK_CONC_GO" // a file whose appearance starts both writers
)

// concResult is what one writer process reports when it is done.
type concResult struct {
	Acks      []concAck `json:"acks"`
	Conflicts int       `json:"conflicts"`
	Errors    []string  `json:"errors"` // anything but ErrConflict
}

type concAck struct {
	ID      int64    `json:"id"`
	Version int64    `json:"version"`
	Sum     [32]byte `json:"sum"`
}

// TestConcurrentChild is not a test on its own: TestConcurrentProcesses
// runs it as each of two writer processes.
func TestConcurrentChild(t *testing.T) {
	path := os.Getenv(concLibraryEnv)
	if path == "" {
		t.Skip("helper process for TestConcurrentProcesses")
	}
	n, _ := strconv.Atoi(os.Getenv(concSavesEnv))
	// Both processes open the library first and then start saving
	// together, so their saves overlap instead of one running after the
	// other.
	if err := os.WriteFile(os.Getenv(concOutEnv)+".ready", nil, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	for {
		if _, err := os.Stat(os.Getenv(concGoEnv)); err == nil {
			break
		}
		time.Sleep(time.Millisecond)
	}
	res := concWriter(path, os.Getenv(concNameEnv), n)
	b, _ := json.Marshal(res)
	if err := os.WriteFile(os.Getenv(concOutEnv), b, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
}

// concWriter makes n save attempts: fresh edits of the shared articles
// 1–3, edits from a copy it read earlier (stale once anyone saved since,
// which must be a conflict, never an overwrite), and its own articles.
func concWriter(path, name string, n int) concResult {
	ctx := context.Background()
	var res concResult
	d, err := Open(ctx, path)
	if err != nil {
		res.Errors = append(res.Errors, err.Error())
		return res
	}
	defer d.Close()
	r := rand.New(rand.NewPCG(uint64(len(name)), uint64(name[0])))
	stale := map[int64]*editor.Article{}
	var own []int64
	for i := range n {
		// A pause between saves, as between autosaves, lets the other
		// process's busy handler get the lock; without it one process can
		// commit and begin again before the waiter wakes.
		time.Sleep(time.Duration(r.IntN(1500)) * time.Microsecond)
		var a *editor.Article
		switch k := r.IntN(10); {
		case k < 4: // fresh read, then save: may still lose the race
			id := int64(1 + r.IntN(3))
			if a, err = d.Article(ctx, id); err != nil {
				res.Errors = append(res.Errors, err.Error())
				continue
			}
			stale[id] = a.Clone()
		case k < 6 && len(stale) > 0: // an old copy, like a window left open
			for id, s := range stale {
				a = s.Clone()
				delete(stale, id)
				break
			}
		case k < 8 && len(own) > 0:
			if a, err = d.Article(ctx, own[r.IntN(len(own))]); err != nil {
				res.Errors = append(res.Errors, err.Error())
				continue
			}
		default:
			a = &editor.Article{Headline: fmt.Sprintf("%s's own story %d", name, i), Status: editor.StatusDraft}
		}
		a.Body += fmt.Sprintf("\n\n%s wrote this in save %d.", name, i)
		a.Headline = fmt.Sprintf("%s %s %d", strings.SplitN(a.Headline, " ", 2)[0], name, i)
		err := d.Save(ctx, a)
		switch {
		case errors.Is(err, editor.ErrConflict):
			res.Conflicts++
		case err != nil:
			res.Errors = append(res.Errors, err.Error())
		default:
			res.Acks = append(res.Acks, concAck{a.ID, a.Version, sha256.Sum256([]byte(a.Body))})
			if a.Version == 1 {
				own = append(own, a.ID)
			}
		}
	}
	return res
}

// TestConcurrentProcesses runs two processes saving to one library at the
// same time, often the same articles. Nobody may see "database is locked"
// or any error but ErrConflict, and every acknowledged save must be a
// revision or have been superseded in place by the same process's next
// save (coalescing, see SessionLength): a silent overwrite would show as
// two processes acknowledging the same version of an article, and a merge
// across processes as a revision replacing the other process's save.
func TestConcurrentProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("runs two processes for several seconds")
	}
	saves := 300
	if os.Getenv("COPYDESK_STRESS") != "" {
		saves = 3000
	}
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "shared.db")
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	owner := map[[2]int64]string{}
	sums := map[[2]int64][32]byte{}
	for i := range 3 {
		a := &editor.Article{Headline: fmt.Sprintf("Shared story %d", i+1), Body: "Start.", Status: editor.StatusDraft}
		if err := d.Save(ctx, a); err != nil {
			t.Fatal(err)
		}
		owner[[2]int64{a.ID, a.Version}] = "setup"
		sums[[2]int64{a.ID, a.Version}] = sha256.Sum256([]byte(a.Body))
	}
	d.Close()

	names := []string{"alice", "bruno"}
	cmds := make([]*exec.Cmd, len(names))
	outs := make([][]byte, len(names))
	for i, name := range names {
		cmd := exec.Command(os.Args[0], "-test.run=^TestConcurrentChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), concLibraryEnv+"="+path, concNameEnv+"="+name,
			concSavesEnv+"="+strconv.Itoa(saves), concOutEnv+"="+filepath.Join(dir, name+".json"),
			concGoEnv+"="+filepath.Join(dir, "go"))
		cmds[i] = cmd
	}
	for _, cmd := range cmds {
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range names {
		for {
			if _, err := os.Stat(filepath.Join(dir, name+".json.ready")); err == nil {
				break
			}
			time.Sleep(time.Millisecond)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "go"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("%s: %v", names[i], err)
		}
		if outs[i], err = os.ReadFile(filepath.Join(dir, names[i]+".json")); err != nil {
			t.Fatal(err)
		}
	}

	conflicts, acks := 0, 0
	sharedBy := map[string]int{}
	for i, name := range names {
		var res concResult
		if err := json.Unmarshal(outs[i], &res); err != nil {
			t.Fatal(err)
		}
		for _, e := range res.Errors {
			t.Errorf("%s got an error that is not a conflict: %s", name, e)
		}
		conflicts += res.Conflicts
		acks += len(res.Acks)
		for _, a := range res.Acks {
			key := [2]int64{a.ID, a.Version}
			if prev, dup := owner[key]; dup {
				t.Errorf("article %d version %d acknowledged to both %s and %s: one was overwritten", a.ID, a.Version, prev, name)
			}
			owner[key], sums[key] = name, a.Sum
			if a.ID <= 3 {
				sharedBy[name]++
			}
		}
		if len(res.Acks)+res.Conflicts+len(res.Errors) != saves {
			t.Errorf("%s accounted for %d of %d saves", name, len(res.Acks)+res.Conflicts+len(res.Errors), saves)
		}
	}

	d, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	all, err := d.Search(ctx, editor.Filter{Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	// Every acknowledged save is either a revision or was superseded in
	// place by a later save of the same process within its editing
	// session: between two consecutive revisions, every version in
	// between must have been acknowledged to the process that wrote the
	// later one. A save by the other process in between would mean one
	// process merged into the other's revision; a version nobody
	// acknowledged, or one missing, a save lost.
	revisions, handovers, superseded := 0, 0, 0
	for _, s := range all {
		revs, err := d.Revisions(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		prev, prevVersion := "", int64(0)
		for _, r := range revs {
			revisions++
			key := [2]int64{s.ID, r.Version}
			who, ok := owner[key]
			if !ok {
				t.Errorf("article %d revision %d (version %d) was acknowledged to nobody", s.ID, r.Number, r.Version)
				continue
			}
			if who != prev && prev != "" && prev != "setup" {
				handovers++ // the other process saved this article next
			}
			prev = who
			ra, err := d.RevisionArticle(ctx, s.ID, r.Number)
			if err != nil {
				t.Fatal(err)
			}
			if sha256.Sum256([]byte(ra.Body)) != sums[key] {
				t.Errorf("article %d version %d holds text %s did not save", s.ID, r.Version, who)
			}
			for v := prevVersion + 1; v < r.Version; v++ {
				k := [2]int64{s.ID, v}
				switch by, ok := owner[k]; {
				case !ok:
					t.Errorf("article %d version %d: nobody acknowledged it, yet revision %d (version %d) replaced it", s.ID, v, r.Number, r.Version)
				case by != who:
					t.Errorf("article %d: %s's save of version %d was replaced in place by %s's version %d", s.ID, by, v, who, r.Version)
				default:
					superseded++
				}
				delete(owner, k)
			}
			delete(owner, key)
			prevVersion = r.Version
		}
		if cur, err := d.Article(ctx, s.ID); err != nil {
			t.Fatal(err)
		} else if prevVersion != cur.Version {
			t.Errorf("article %d is at version %d but its newest revision holds version %d", s.ID, cur.Version, prevVersion)
		}
	}
	for key, who := range owner {
		t.Errorf("save of article %d version %d acknowledged to %s is not in the library", key[0], key[1], who)
	}
	if superseded == 0 {
		t.Errorf("no save was coalesced into its session's revision: the check above proved nothing about coalescing")
	}
	// Saves that ran one process after the other would hand each shared
	// article over at most once; more means they really interleaved.
	if handovers <= 3 || conflicts == 0 {
		t.Errorf("the processes did not contend (%d handovers, %d conflicts): the test proved nothing", handovers, conflicts)
	}
	if rep, err := Verify(ctx, path); err != nil || !rep.OK() {
		t.Errorf("library after concurrent saves: %+v, %v", rep, err)
	}
	t.Logf("2 processes × %d saves: %d acknowledged, %d conflicts; %d revisions plus %d saves superseded in place by the same process, all accounted for; %d handovers between processes, shared-article saves %v",
		saves, acks, conflicts, revisions, superseded, handovers, sharedBy)
}

// TestLongReadDoesNotBlockSave holds a read open in the middle of a full
// scan, as an export does, while another connection saves. In WAL mode a
// reader never takes the write lock, so every save must succeed at once;
// if one waited for the reader it would fail after busy_timeout with
// SQLITE_BUSY, which fails the test. The reader keeps its snapshot.
func TestLongReadDoesNotBlockSave(t *testing.T) {
	ctx := context.Background()
	path := relLibrary(t, 30, 4000)
	reader, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	writer, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()

	// ReadOnly makes it a plain BEGIN; the DSN's _txlock=immediate would
	// otherwise take the write lock for the whole scan.
	tx, err := reader.sql.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT id, body FROM articles ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if !rows.Next() {
		t.Fatal("no rows")
	}
	// A search running in the same long transaction, as a list refresh
	// during an export would.
	if _, err := tx.ExecContext(ctx, `SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'council'`); err != nil {
		t.Fatal(err)
	}

	for i := range 20 {
		a, err := writer.Article(ctx, int64(2+i))
		if err != nil {
			t.Fatal(err)
		}
		a.Body = fmt.Sprintf("Rewritten while an export was reading, %d.", i)
		if err := writer.Save(ctx, a); err != nil {
			t.Fatalf("save %d while a read was open: %v", i, err)
		}
	}
	// The scan still sees the library as it was when it began.
	n := 1
	for rows.Next() {
		var id int64
		var body string
		if err := rows.Scan(&id, &body); err != nil {
			t.Fatal(err)
		}
		if want := relArticle(int(id-1), 4000).Body; body != want {
			t.Fatalf("reader saw article %d change under it", id)
		}
		n++
	}
	if n != 30 {
		t.Fatalf("scan read %d articles, want 30", n)
	}
}
