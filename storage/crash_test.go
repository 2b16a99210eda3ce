package storage

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
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

// The crash test runs the test binary itself as the child, so the child
// saves through exactly the storage code the app uses.
const (
	crashLibraryEnv = "COPYDESK_CRASH_LIBRARY"
	crashSeedEnv    = "COPYDESK_CRASH_SEED"
)

// ack is one save the child saw succeed: the article, the version Save
// returned and the hash of the body it wrote.
type ack struct {
	id, version int64
	sum         [32]byte
}

func (a ack) String() string { return fmt.Sprintf("%d %d %x", a.id, a.version, a.sum) }

func parseAck(line string) (ack, error) {
	var a ack
	f := strings.Fields(line)
	if len(f) != 3 {
		return a, fmt.Errorf("malformed ack %q", line)
	}
	id, err1 := strconv.ParseInt(f[0], 10, 64)
	version, err2 := strconv.ParseInt(f[1], 10, 64)
	sum, err3 := hex.DecodeString(f[2])
	if err := errors.Join(err1, err2, err3); err != nil || len(sum) != len(a.sum) {
		return a, fmt.Errorf("malformed ack %q: %v", line, err)
	}
	a.id, a.version = id, version
	copy(a.sum[:], sum)
	return a, nil
}

// words gives bodies accents and dashes as well as ASCII, so the search
// index's Unicode handling is exercised by every save.
var words = strings.Fields("council budget river bridge école café Łódź São Paulo — mayor vote 2026 " +
	"schools naïve résumé über straße tax police fire ward election hearing “quoted” «guillemets» ½")

func randomText(r *rand.Rand, n int) string {
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(words[r.IntN(len(words))])
		if r.IntN(12) == 0 {
			b.WriteString(".\n\n")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// TestCrashChild is not a test on its own: TestCrashSafety runs it in a
// child process, which saves until it is killed.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashLibraryEnv)
	if path == "" {
		t.Skip("helper process for TestCrashSafety")
	}
	seed, _ := strconv.ParseUint(os.Getenv(crashSeedEnv), 10, 64)
	if err := crashChild(path, seed, os.NewFile(3, "acks")); err != nil {
		fmt.Fprintln(os.Stderr, "crash child:", err)
		os.Exit(3)
	}
}

// crashChild saves new small articles and edits of big ones, writing each
// acknowledged save to acks only after Save has returned. It stops by
// itself after a minute, in case the parent died without killing it.
func crashChild(path string, seed uint64, acks *os.File) error {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(seed, 0xC0FFEE))
	d, err := Open(ctx, path)
	if err != nil {
		return err
	}
	bigs, err := d.Search(ctx, editor.Filter{Section: "Big", Limit: 100})
	if err != nil {
		return err
	}
	var bigIDs []int64
	for _, s := range bigs {
		bigIDs = append(bigIDs, s.ID)
	}
	deadline := time.Now().Add(time.Minute)
	for n := 0; time.Now().Before(deadline); n++ {
		var a *editor.Article
		switch k := r.IntN(10); {
		case k < 4 || len(bigIDs) == 0 && k < 6:
			a = &editor.Article{Headline: "Brief " + randomText(r, 40), Section: "Small",
				Body: randomText(r, 500+r.IntN(8000)), Status: editor.StatusDraft}
		case len(bigIDs) < 4:
			a = &editor.Article{Headline: "Big story " + randomText(r, 30), Section: "Big",
				Body: randomText(r, 60_000+r.IntN(140_000)), Status: editor.StatusDraft}
		default:
			id := bigIDs[r.IntN(len(bigIDs))]
			if a, err = d.Article(ctx, id); err != nil {
				return err
			}
			// An edit in the middle, as a reporter makes, plus a new
			// headline so a stale search index would show.
			at := r.IntN(len(a.Body))
			for at > 0 && at < len(a.Body) && a.Body[at]&0xC0 == 0x80 {
				at-- // stay on a UTF-8 boundary
			}
			a.Body = a.Body[:at] + randomText(r, 200+r.IntN(4000)) + a.Body[at:]
			a.Headline = fmt.Sprintf("Big story %d edit %d %s", id, n, randomText(r, 20))
		}
		if err := d.Save(ctx, a); err != nil {
			return fmt.Errorf("save %d: %w", n, err)
		}
		if a.Section == "Big" && a.Version == 1 {
			bigIDs = append(bigIDs, a.ID)
		}
		// One write(2) of a short line: a kill cannot split it.
		if _, err := acks.WriteString(ack{a.ID, a.Version, sha256.Sum256([]byte(a.Body))}.String() + "\n"); err != nil {
			return err
		}
	}
	return d.Close()
}

// crashRound starts a child on path, kills it after delay and returns the
// saves it acknowledged.
func crashRound(t *testing.T, path string, seed uint64, delay time.Duration) []ack {
	t.Helper()
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashLibraryEnv+"="+path, crashSeedEnv+"="+strconv.FormatUint(seed, 10))
	cmd.ExtraFiles = []*os.File{pw}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	lines := make(chan []string)
	go func() {
		var ls []string
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			ls = append(ls, sc.Text())
		}
		lines <- ls
	}()
	time.Sleep(delay)
	killErr := cmd.Process.Kill()
	waitErr := cmd.Wait()
	got := <-lines
	if killErr != nil || cmd.ProcessState.Success() || cmd.ProcessState.ExitCode() != -1 {
		t.Fatalf("child ended before it was killed (%v, %v):\n%s", killErr, waitErr, stderr.String())
	}
	acks := make([]ack, 0, len(got))
	for _, l := range got {
		a, err := parseAck(l)
		if err != nil {
			t.Fatal(err)
		}
		acks = append(acks, a)
	}
	return acks
}

// checkAcks reopens the library and checks that every acknowledged save
// is there with its exact text: the current article if the version is
// still current, else the revision that holds that version.
func checkAcks(t *testing.T, path string, acks []ack) {
	t.Helper()
	ctx := context.Background()
	if _, err := os.Stat(path); os.IsNotExist(err) && len(acks) == 0 {
		return // killed before it created the library
	}
	// Read-only first: the kill must not have left damage for Open to meet.
	if err := QuickCheck(ctx, path); err != nil {
		t.Fatalf("library damaged by a kill: %v", err)
	}
	// Then as the app would: a kill during the first open may have left a
	// library without its schema, which Open completes.
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("library does not reopen after a kill: %v", err)
	}
	defer d.Close()
	rep, err := Verify(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		var b strings.Builder
		rep.WriteTo(&b)
		t.Fatalf("library not sound after a kill:\n%s", b.String())
	}
	revs := map[int64][]editor.Revision{}
	for _, k := range acks {
		a, err := d.Article(ctx, k.id)
		if err != nil {
			t.Fatalf("acknowledged save %d v%d lost: %v", k.id, k.version, err)
		}
		if a.Version < k.version {
			t.Fatalf("article %d is at version %d, but version %d was acknowledged", k.id, a.Version, k.version)
		}
		body := a.Body
		if a.Version > k.version {
			if revs[k.id] == nil {
				if revs[k.id], err = d.Revisions(ctx, k.id); err != nil {
					t.Fatal(err)
				}
			}
			found := false
			for _, r := range revs[k.id] {
				if r.Version == k.version {
					ra, err := d.RevisionArticle(ctx, k.id, r.Number)
					if err != nil {
						t.Fatal(err)
					}
					body, found = ra.Body, true
					break
				}
			}
			if !found {
				if supersededInPlace(revs[k.id], k, acks) {
					continue // coalesced into its session's revision
				}
				t.Fatalf("article %d: no revision holds acknowledged version %d", k.id, k.version)
			}
		}
		if sha256.Sum256([]byte(body)) != k.sum {
			t.Fatalf("article %d version %d: stored text differs from the acknowledged save", k.id, k.version)
		}
	}
}

// TestCrashSafety kills a saving child process with SIGKILL at random
// moments (during start-up and migration too) and checks after each kill
// that the library is sound and holds every acknowledged save exactly.
// COPYDESK_STRESS=1 runs 500 kills; COPYDESK_CRASH_SEED replays a run.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("kills processes for tens of seconds")
	}
	kills := 50
	if os.Getenv("COPYDESK_STRESS") != "" {
		kills = 500
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv(crashSeedEnv); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("seed %d (replay with %s=%d)", seed, crashSeedEnv, seed)
	r := rand.New(rand.NewPCG(seed, 1))
	dir := t.TempDir()
	start := time.Now()
	var path string
	var all []ack
	checked, saves, libraries, early := 0, 0, 0, 0
	for k := range kills {
		// A fresh library every 50 kills keeps the stress run's file, and
		// the integrity check after each kill, a bounded size.
		if k%50 == 0 {
			if path != "" {
				checkAcks(t, path, all) // every save of this library, once more
				checked += len(all)
			}
			libraries++
			path = filepath.Join(dir, fmt.Sprintf("crash-%d.db", libraries))
			all = nil
		}
		// One kill in ten lands while the child is still starting up or
		// migrating; the others after some saves.
		delay := time.Duration(40+r.IntN(360)) * time.Millisecond
		if r.IntN(10) == 0 {
			delay = time.Duration(r.IntN(40)) * time.Millisecond
		}
		acks := crashRound(t, path, r.Uint64(), delay)
		if len(acks) == 0 {
			early++ // killed while opening, migrating or in its first save
		}
		checkAcks(t, path, acks)
		checked += len(acks)
		saves += len(acks)
		all = append(all, acks...)
	}
	checkAcks(t, path, all)
	checked += len(all)
	t.Logf("survived %d SIGKILLs (%d before the child's first save) across %d libraries: %d acknowledged saves, each checked after its kill and again at the end (%d checks), in %v",
		kills, early, libraries, saves, checked, time.Since(start).Round(time.Millisecond))
}

// TestCrashDuringUpgrade kills the child while it opens a library written
// by the first schema, so some kills land in the pre-upgrade backup or a
// migration. Every kill must leave a library that opens (finishing the
// upgrade) with the old articles intact.
func TestCrashDuringUpgrade(t *testing.T) {
	if testing.Short() {
		t.Skip("kills processes")
	}
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) < 2 {
		t.Skip("only one migration: no upgrade to interrupt")
	}
	ctx := context.Background()
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	r := rand.New(rand.NewPCG(seed, 2))
	rounds, upgradedBeforeKill, midUpgrade := 20, 0, 0
	if os.Getenv("COPYDESK_STRESS") != "" {
		rounds = 200
	}
	for i := range rounds {
		path := filepath.Join(t.TempDir(), "old.db")
		old, err := Open(ctx, path, withMaxVersion(ms[0].version))
		if err != nil {
			t.Fatal(err)
		}
		for j := range 5 {
			if err := old.Save(ctx, relArticle(j, 3000)); err != nil {
				t.Fatal(err)
			}
		}
		old.Close()
		acks := crashRound(t, path, r.Uint64(), time.Duration(r.IntN(60))*time.Millisecond)
		// Where did the kill land? Read-only, before anything repairs it.
		backups, _ := Backups(path)
		ro, err := openReadOnly(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		var schema int
		if err := ro.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&schema); err != nil {
			t.Fatal(err)
		}
		ro.Close()
		switch {
		case len(acks) > 0:
			upgradedBeforeKill++
		case len(backups) > 0 && schema < ms[len(ms)-1].version:
			midUpgrade++ // backed up, upgrade not committed
		}
		checkAcks(t, path, acks)
		d, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("round %d: %v", i, err)
		}
		for id := int64(1); id <= 5; id++ {
			a, err := d.Article(ctx, id)
			if err != nil {
				t.Fatalf("round %d: article %d after an interrupted upgrade: %v", i, id, err)
			}
			if a.Version == 1 && a.Body != relArticle(int(id-1), 3000).Body {
				t.Fatalf("round %d: article %d changed by an interrupted upgrade", i, id)
			}
		}
		d.Close()
	}
	t.Logf("%d kills while opening an old library: %d after the pre-upgrade backup but before the upgrade committed, %d after the child had upgraded and saved",
		rounds, midUpgrade, upgradedBeforeKill)
}
