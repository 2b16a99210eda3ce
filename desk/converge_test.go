package desk_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"copydesk/editor"
)

// clock is a test clock that moves past an editing session on every
// reading, so that every save is its own revision and "every saved state
// is a revision somewhere" can be checked exactly.
type clock struct{ t time.Time }

func (c *clock) now() time.Time {
	c.t = c.t.Add(11 * time.Minute)
	return c.t
}

func TestThreeMachinesConverge(t *testing.T) {
	edits := 200
	if testing.Short() {
		edits = 40
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("COPYDESK_SEED"); s != "" {
		fmt.Sscan(s, &seed)
	}
	t.Logf("seed %d (COPYDESK_SEED=%d reproduces it)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	ctx := context.Background()
	url := bareDesk(t)
	names := []string{"Ada Reporter", "Ben Editor", "Cy Reporter"}
	var ms []*machine
	for i, n := range names {
		m := newMachine(t, url, n)
		c := &clock{t: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second)}
		m.db.SetClock(c.now)
		m.join()
		ms = append(ms, m)
	}
	type saved struct{ uid, md string }
	var acknowledged []saved
	var uids []string
	done := make([]int, len(ms))
	for total := 0; total < edits*len(ms); {
		i := rng.IntN(len(ms))
		if done[i] == edits {
			continue
		}
		m := ms[i]
		if rng.IntN(100) < 20 {
			m.sync()
			continue
		}
		done[i]++
		total++
		var a *editor.Article
		switch op := rng.IntN(100); {
		case op < 25 || len(uids) == 0:
			a = sample(fmt.Sprintf("Story %d by %s", total, m.name))
		case op < 35:
			uid := uids[rng.IntN(len(uids))]
			if _, err := m.db.Resolve(ctx, uid); err != nil {
				continue // not here yet
			}
			if _, err := m.db.AddNote(ctx, m.get(uid).ID, fmt.Sprintf("Check the figure (%s, %d)", m.name, total), ""); err != nil {
				t.Fatal(err)
			}
			continue
		default:
			uid := uids[rng.IntN(len(uids))]
			if _, err := m.db.Resolve(ctx, uid); err != nil {
				continue
			}
			a = m.get(uid)
			switch rng.IntN(3) {
			case 0:
				a.Headline = fmt.Sprintf("%s, edit %d", strings.Split(a.Headline, ",")[0], total)
			case 1:
				a.Summary = fmt.Sprintf("Summary from %s at %d.", m.name, total)
			default:
				paras := strings.Split(strings.TrimSpace(a.Body), "\n\n")
				paras[rng.IntN(len(paras))] = fmt.Sprintf("Paragraph rewritten by %s at %d.", m.name, total)
				a.Body = strings.Join(paras, "\n\n") + "\n"
			}
		}
		m.write(a)
		if !contains(uids, a.UID) {
			uids = append(uids, a.UID)
		}
		acknowledged = append(acknowledged, saved{a.UID, string(markdown(t, a))})
	}
	// Everyone syncs until nothing moves: twice round is enough when no
	// one writes in between.
	for round := 0; round < 2; round++ {
		for _, m := range ms {
			m.sync()
		}
	}
	want := libraryText(t, ms[0])
	for _, m := range ms[1:] {
		if got := libraryText(t, m); got != want {
			t.Fatalf("%s's library differs from %s's:\n%s", m.name, ms[0].name, firstDiff(want, got))
		}
	}
	if n := strings.Count(want, "\n---\n"); n == 0 {
		t.Fatal("no articles to compare")
	}
	// Every acknowledged save is a revision in some library.
	have := map[string]bool{}
	for _, m := range ms {
		sums, err := m.db.Search(ctx, editor.Filter{Limit: 100000})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range sums {
			revs, err := m.db.Revisions(ctx, s.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range revs {
				a, err := m.db.RevisionArticle(ctx, s.ID, r.Number)
				if err != nil {
					t.Fatal(err)
				}
				have[a.UID+"\x00"+string(markdown(t, a))] = true
			}
		}
	}
	for _, s := range acknowledged {
		if !have[s.uid+"\x00"+s.md] {
			t.Fatalf("a save of %s is in no library's history:\n%s", s.uid, s.md)
		}
	}
	t.Logf("%d saves on %d articles, all present; libraries identical", len(acknowledged), len(uids))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func markdown(t testing.TB, a *editor.Article) []byte {
	var b bytes.Buffer
	if err := editor.WriteMarkdown(&b, a); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// libraryText is every article and its notes, by uid, as text.
func libraryText(t testing.TB, m *machine) string {
	ctx := context.Background()
	sums, err := m.db.Search(ctx, editor.Filter{Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(sums, func(i, j int) bool { return sums[i].UID < sums[j].UID })
	var b strings.Builder
	for _, s := range sums {
		a, err := m.db.Article(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		a.Slug = "" // slugs are per library: a taken slug is renamed locally
		b.Write(markdown(t, a))
		notes, err := m.db.Notes(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		for _, n := range notes {
			lines = append(lines, fmt.Sprintf("note %s %q resolved=%v", n.UID, n.Text, n.Resolved))
		}
		sort.Strings(lines)
		b.WriteString(strings.Join(lines, "\n") + "\n")
	}
	return b.String()
}

func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(la), len(lb))
}
