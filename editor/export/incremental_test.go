package export

import (
	"context"
	"crypto/sha256"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"copydesk/editor"
)

// mapMemory is a SiteMemory in a map, as storage keeps it in a table.
type mapMemory struct {
	mu    sync.Mutex
	sites map[string]map[string]FileMark
}

func (m *mapMemory) SiteMarks(ctx context.Context, site string) (map[string]FileMark, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return maps.Clone(m.sites[site]), nil
}

func (m *mapMemory) RecordSiteMarks(ctx context.Context, site string, changed map[string]FileMark, removed []string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.sites == nil {
		m.sites = map[string]map[string]FileMark{}
	}
	if m.sites[site] == nil {
		m.sites[site] = map[string]FileMark{}
	}
	maps.Copy(m.sites[site], changed)
	for _, rel := range removed {
		delete(m.sites[site], rel)
	}
	return nil
}

// library is a set of whole articles with a loader that counts reads,
// standing in for storage in the incremental tests.
type library struct {
	mu    sync.Mutex
	byID  map[int64]*editor.Article
	loads []int64
}

func newLibrary(arts []*editor.Article) *library {
	l := &library{byID: map[int64]*editor.Article{}}
	for _, a := range arts {
		l.byID[a.ID] = a
	}
	return l
}

// light is what a listing query returns: every article without its body.
func (l *library) light() []*editor.Article {
	var out []*editor.Article
	for _, a := range l.byID {
		c := a.Clone()
		c.Body = ""
		out = append(out, c)
	}
	return out
}

func (l *library) all() []*editor.Article { return slices.Collect(maps.Values(l.byID)) }

func (l *library) load(ctx context.Context, id int64) (*editor.Article, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.loads = append(l.loads, id)
	a, ok := l.byID[id]
	if !ok {
		return nil, editor.ErrNotFound
	}
	return a.Clone(), nil
}

// save changes an article as storage would: Version and Updated move.
func (l *library) save(a *editor.Article, at time.Time) {
	a.Version++
	a.Updated = at
	l.byID[a.ID] = a
}

type fileState struct {
	hash  [32]byte
	mtime time.Time
}

// siteFiles reads every file under dir.
func siteFiles(t *testing.T, dir string) map[string]fileState {
	t.Helper()
	out := map[string]fileState{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		st, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = fileState{sha256.Sum256(data), st.ModTime()}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// age sets every file's mtime far back, so a rewrite shows.
func age(t *testing.T, dir string) {
	t.Helper()
	old := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.Chtimes(p, old, old)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestIncrementalPublish publishes one change into a remembered site and
// checks that exactly the expected files were rewritten (by mtime and by
// hash), that only the changed article was read and rendered, and that
// the result is byte for byte a full export of the same library.
func TestIncrementalPublish(t *testing.T) {
	base := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	newSite := func() Site {
		s := testSite()
		s.Now = base.Add(30 * 24 * time.Hour)
		s.Settings.ListPageSize = 20
		s.SitemapURLs = 100
		return s
	}
	// 300 articles over three sections, one a minute, oldest first; some
	// with a library image.
	build := func() []*editor.Article {
		var arts []*editor.Article
		for i, sec := range []string{"Local", "World", "Sports"} {
			for _, a := range manyArticles(100, sec, int64(1+100*i)) {
				a.Version = 1
				if a.ID%7 == 0 {
					a.Image = sampleFull().Image
				}
				arts = append(arts, a)
			}
		}
		return arts
	}
	later := base.Add(29 * 24 * time.Hour)
	tests := []struct {
		name   string
		change func(l *library)
		// want lists the files that must change; nil means "check only
		// that nothing else changed than what a full export changes".
		want  []string
		loads int
	}{
		{
			// Story 150 is World's 50th of 100: newest first it is 51st,
			// on page 3 of 20; on the home page (all 300) it is 151st,
			// page 8. Its sitemap file is the second (ids 101–200).
			name: "headline corrected",
			change: func(l *library) {
				a := l.byID[150].Clone()
				a.Headline = "Story number 150, corrected"
				a.Corrections = append(a.Corrections, editor.Correction{Time: later, Text: "The headline misnumbered the story."})
				l.save(a, later)
			},
			want: []string{"world/story-number-150/index.html", "world/page/3/index.html", "page/8/index.html",
				"sitemap-2.xml", "sitemap.xml", "feed.xml"},
			loads: 1,
		},
		{
			name: "body edited",
			change: func(l *library) {
				a := l.byID[42].Clone()
				a.Body += "\n\nA new paragraph."
				l.save(a, later)
			},
			want:  []string{"local/story-number-42/index.html", "sitemap-1.xml", "sitemap.xml", "feed.xml"},
			loads: 1,
		},
		{
			name: "new article",
			change: func(l *library) {
				a := manyArticles(1, "Sports", 301)[0]
				a.Published, a.Updated, a.Version = later, later, 1
				l.byID[a.ID] = a
			},
			loads: 1,
		},
		{
			name: "killed",
			change: func(l *library) {
				a := l.byID[250].Clone()
				a.Status = editor.StatusKilled
				l.save(a, later)
			},
			loads: 0, // the tombstone needs nothing of the article
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			root := t.TempDir()
			inc, full := filepath.Join(root, "inc"), filepath.Join(root, "full")
			lib := newLibrary(build())
			mem := &mapMemory{}
			site := newSite()
			site.Memory, site.Load = mem, lib.load
			if _, err := WriteSite(ctx, inc, lib.light(), site); err != nil {
				t.Fatal(err)
			}
			if len(lib.loads) != 300 {
				t.Fatalf("first export read %d articles, want 300", len(lib.loads))
			}
			age(t, inc)
			before := siteFiles(t, inc)

			tt.change(lib)
			lib.loads = nil
			rep, err := WriteSite(ctx, inc, lib.light(), site)
			if err != nil {
				t.Fatal(err)
			}
			if len(lib.loads) != tt.loads {
				t.Errorf("incremental export read articles %v, want %d", lib.loads, tt.loads)
			}
			if rep.Kept == 0 {
				t.Errorf("nothing was kept from memory: %+v", rep)
			}
			after := siteFiles(t, inc)

			// What a full export of the same library writes, from nothing.
			if _, err := WriteSite(ctx, full, lib.all(), newSite()); err != nil {
				t.Fatal(err)
			}
			want := siteFiles(t, full)
			if !slices.Equal(slices.Sorted(maps.Keys(after)), slices.Sorted(maps.Keys(want))) {
				t.Fatalf("incremental site has files %v\nfull export has %v", slices.Sorted(maps.Keys(after)), slices.Sorted(maps.Keys(want)))
			}
			for p, w := range want {
				if after[p].hash != w.hash {
					t.Errorf("%s differs from the full export", p)
				}
			}

			var byHash, byMtime []string
			for p, a := range after {
				b, existed := before[p]
				if !existed || b.hash != a.hash {
					byHash = append(byHash, p)
				}
				if !existed || !b.mtime.Equal(a.mtime) {
					byMtime = append(byMtime, p)
				}
			}
			for p := range before {
				if _, ok := after[p]; !ok {
					byHash = append(byHash, p+" (removed)")
					byMtime = append(byMtime, p+" (removed)")
				}
			}
			slices.Sort(byHash)
			slices.Sort(byMtime)
			if !slices.Equal(byHash, byMtime) {
				t.Errorf("files rewritten with the same bytes:\nby mtime %v\nby hash  %v", byMtime, byHash)
			}
			if tt.want != nil {
				exp := slices.Sorted(slices.Values(tt.want))
				if !slices.Equal(byHash, exp) {
					t.Errorf("changed files:\n%v\nwant\n%v", byHash, exp)
				}
			}
			if strings.Contains(strings.Join(byHash, " "), "assets/") {
				t.Errorf("assets rewritten: %v", byHash)
			}
		})
	}
}
