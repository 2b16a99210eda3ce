package app

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"copydesk/editor"
	"copydesk/editor/merge"
	"copydesk/editor/review"
)

// fakeStore is an in-memory editor.Store with the same version rules as
// the real one, plus a switch to make saves fail.
type fakeStore struct {
	mu        sync.Mutex
	arts      map[int64]*editor.Article
	next      int64
	settings  editor.Settings
	saveErr   error
	saves     int
	factReads int // FactTicks calls: each one is a fact sheet extraction
	now       func() time.Time
	fakeWords // the newsroom dictionary
}

func newFakeStore() *fakeStore {
	return &fakeStore{arts: map[int64]*editor.Article{}, settings: editor.DefaultSettings(), now: func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) }}
}

func (s *fakeStore) Article(_ context.Context, id int64) (*editor.Article, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.arts[id]
	if !ok {
		return nil, fmt.Errorf("article %d: %w", id, editor.ErrNotFound)
	}
	return a.Clone(), nil
}

func (s *fakeStore) Resolve(ctx context.Context, ref string) (*editor.Article, error) {
	var id int64
	fmt.Sscan(ref, &id)
	return s.Article(ctx, id)
}

func (s *fakeStore) Save(_ context.Context, a *editor.Article) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.saveErr != nil {
		return fmt.Errorf("save article %d: %w", a.ID, s.saveErr)
	}
	if err := a.Validate(); err != nil {
		return err
	}
	now := s.now()
	if a.ID == 0 {
		s.next++
		a.ID, a.UID, a.Created = s.next, fmt.Sprintf("uid-%d", s.next), now
		if a.Slug == "" {
			a.Slug = editor.Slugify(a.Headline)
		}
	} else {
		old, ok := s.arts[a.ID]
		if !ok {
			return editor.ErrNotFound
		}
		if old.Version != a.Version {
			return fmt.Errorf("save article %d: %w", a.ID, editor.ErrConflict)
		}
	}
	a.Version++
	a.Updated = now
	s.arts[a.ID] = a.Clone()
	s.saves++
	return nil
}

// put stores a as if another process saved it.
func (s *fakeStore) put(a *editor.Article) *editor.Article {
	if err := s.Save(context.Background(), a); err != nil {
		panic(err)
	}
	return a
}

func (s *fakeStore) get(id int64) *editor.Article {
	a, err := s.Article(context.Background(), id)
	if err != nil {
		panic(err)
	}
	return a
}

func (s *fakeStore) Search(_ context.Context, f editor.Filter) ([]editor.Summary, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []editor.Summary
	q := strings.ToLower(f.Query)
	for _, a := range s.arts {
		if f.Status != "" && a.Status != f.Status || f.Section != "" && a.Section != f.Section {
			continue
		}
		if q != "" && !strings.Contains(strings.ToLower(a.Headline+" "+a.Body), q) {
			continue
		}
		out = append(out, editor.Summary{ID: a.ID, UID: a.UID, Slug: a.Slug, Headline: a.Headline, Byline: a.Byline, Section: a.Section, Status: a.Status, Updated: a.Updated, Words: a.Stats().Words})
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Updated.Equal(out[j].Updated) {
			return out[i].Updated.After(out[j].Updated)
		}
		return out[i].ID > out[j].ID
	})
	if f.Offset > len(out) {
		return nil, nil
	}
	out = out[f.Offset:]
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}

func (s *fakeStore) Count(ctx context.Context, f editor.Filter) (int, error) {
	f.Limit, f.Offset = 0, 0
	rows, err := s.Search(ctx, f)
	return len(rows), err
}

// CountUpTo counts as *storage.DB does: up to limit.
func (s *fakeStore) CountUpTo(ctx context.Context, f editor.Filter, limit int) (int, error) {
	n, err := s.Count(ctx, f)
	return min(n, limit), err
}

// The fake keeps no revisions, images, notes or workflow trail: the
// review panels show empty, and tests of those panels use their own fakes
// (app/review).

func (s *fakeStore) Revisions(context.Context, int64) ([]editor.Revision, error) { return nil, nil }
func (s *fakeStore) RevisionArticle(context.Context, int64, int) (*editor.Article, error) {
	return nil, editor.ErrNotFound
}
func (s *fakeStore) Restore(_ context.Context, id int64, n int) (*editor.Article, error) {
	return nil, fmt.Errorf("restore revision %d of article %d: %w", n, id, editor.ErrNotFound)
}
func (s *fakeStore) Image(_ context.Context, src string) ([]byte, string, error) {
	return nil, "", fmt.Errorf("image %s: %w", src, editor.ErrNotFound)
}
func (s *fakeStore) PutImage(_ context.Context, data []byte, _ string) (string, error) {
	_, ext, err := editor.SniffImage(data)
	if err != nil {
		return "", err
	}
	return editor.LibraryImageSrc(fmt.Sprintf("%x", sha256.Sum256(data)), ext), nil
}
func (s *fakeStore) TrainingArticles(context.Context) ([]*editor.Article, error) { return nil, nil }
func (s *fakeStore) FactTicks(context.Context, int64) (map[string]bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.factReads++
	return map[string]bool{}, nil
}
func (s *fakeStore) SetFactTick(context.Context, int64, string, bool) error { return nil }
func (s *fakeStore) Backup(context.Context, string) error {
	return errors.New("the fake library cannot back up")
}
func (s *fakeStore) Notes(context.Context, int64) ([]review.Note, error) { return nil, nil }
func (s *fakeStore) AddNoteAt(context.Context, int64, string, string, int) (*review.Note, error) {
	return nil, errors.New("the fake library keeps no notes")
}
func (s *fakeStore) SetNoteResolved(_ context.Context, id int64, _ bool) (*review.Note, error) {
	return nil, fmt.Errorf("note %d: %w", id, review.ErrNoteNotFound)
}
func (s *fakeStore) Audit(context.Context, int64) ([]review.AuditEntry, error) { return nil, nil }
func (s *fakeStore) MoveStatus(_ context.Context, id int64, to editor.Status, _ review.MoveRequest) (*editor.Article, error) {
	return nil, fmt.Errorf("move article %d to %s: the fake library keeps no workflow", id, to)
}
func (s *fakeStore) Conflicts(context.Context, int64) ([]review.Conflict, error) { return nil, nil }
func (s *fakeStore) ResolveConflicts(context.Context, int64) error               { return nil }
func (s *fakeStore) ResolveConflict(_ context.Context, id int64, _ merge.Choice, _ string) (*editor.Article, error) {
	return nil, fmt.Errorf("conflict %d: the fake library keeps no conflicts", id)
}

var _ review.Library = (*fakeStore)(nil)

func (s *fakeStore) Settings(context.Context) (editor.Settings, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.settings, nil
}

func (s *fakeStore) SaveSettings(_ context.Context, st editor.Settings) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settings = st
	return nil
}

// fakeClock fires timers only when a test advances it.
type fakeClock struct {
	now    time.Time
	timers []*fakeTimer
}

type fakeTimer struct {
	at      time.Time
	f       func()
	stopped bool
}

func (t *fakeTimer) Stop() bool { was := !t.stopped; t.stopped = true; return was }

func newFakeClock() *fakeClock { return &fakeClock{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time { return c.now }

func (c *fakeClock) AfterFunc(d time.Duration, f func()) Timer {
	t := &fakeTimer{at: c.now.Add(d), f: f}
	c.timers = append(c.timers, t)
	return t
}

// Advance moves time forward, firing due timers in time order.
func (c *fakeClock) Advance(d time.Duration) {
	end := c.now.Add(d)
	for {
		var next *fakeTimer
		for _, t := range c.timers {
			if !t.stopped && !t.at.After(end) && (next == nil || t.at.Before(next.at)) {
				next = t
			}
		}
		if next == nil {
			break
		}
		next.stopped = true
		if next.at.After(c.now) {
			c.now = next.at
		}
		next.f()
	}
	c.now = end
}

// harness runs the window with background work queued, so a test decides
// when "later" is and nothing races.
type harness struct {
	t     *testing.T
	app   *App
	store *fakeStore
	clock *fakeClock
	queue []func()
	win   fyne.Window
}

func newHarness(t *testing.T, store *fakeStore) *harness {
	t.Helper()
	return newHarnessOn(t, store, store)
}

// newHarnessOn is newHarness for a store that wraps a fakeStore (extra
// interfaces such as CountUpTo or Image).
func newHarnessOn(t *testing.T, fs *fakeStore, store review.Library) *harness {
	t.Helper()
	test.NewTempApp(t)
	h := &harness{t: t, store: fs, clock: newFakeClock()}
	h.win = test.NewWindow(nil)
	t.Cleanup(h.win.Close)
	h.app = New(h.win, store, Options{
		Clock: h.clock,
		Go:    func(f func()) { h.queue = append(h.queue, f) },
		Do:    func(f func()) { f() },
		Prefs: fyne.CurrentApp().Preferences(),
	})
	h.win.Resize(fyne.NewSize(1280, 860))
	h.drain()
	return h
}

// drain runs queued background work (and whatever it queues) to the end.
func (h *harness) drain() {
	for len(h.queue) > 0 {
		f := h.queue[0]
		h.queue = h.queue[1:]
		f()
	}
}

func (h *harness) advance(d time.Duration) {
	h.drain()
	h.clock.Advance(d)
	h.drain()
}
