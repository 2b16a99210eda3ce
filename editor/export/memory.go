package export

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"hash"
	"io/fs"
	"strconv"
	"strings"
	"sync"
	"time"

	"copydesk/assets"
	"copydesk/editor"
)

// Mark fingerprints what a site file was made from: the article's
// version and place, the listed articles' headlines and dates, the
// settings and templates that shape every page. Two exports that would
// write a file from equal inputs give it equal marks, so the second can
// leave the file alone without rendering it.
type Mark [sha256.Size]byte

// FileMark is what a site export remembers about one file it wrote.
type FileMark struct {
	Mark    Mark
	Article int64 // the article whose page or image it is; 0 for shared pages
}

// SiteMemory keeps the marks of the files the last export wrote into each
// site folder; *storage.DB implements it. site is the folder's absolute
// path, files are slash-separated paths inside it.
type SiteMemory interface {
	SiteMarks(ctx context.Context, site string) (map[string]FileMark, error)
	// RecordSiteMarks stores changed and forgets removed in one step.
	RecordSiteMarks(ctx context.Context, site string, changed map[string]FileMark, removed []string) error
}

var (
	assetsMarkOnce sync.Once
	assetsMark     []byte
)

// assetsFingerprint changes whenever the templates, stylesheet or script
// do, so a new Copydesk re-renders every page once.
func assetsFingerprint() []byte {
	assetsMarkOnce.Do(func() {
		h := sha256.New()
		_ = fs.WalkDir(assets.Site, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(assets.Site, p)
			if err != nil {
				return err
			}
			h.Write([]byte(p))
			h.Write(data)
			return nil
		})
		assetsMark = h.Sum(nil)
	})
	return assetsMark
}

// baseMark covers everything every page depends on besides its own
// content: the templates, the settings that show on pages, and the
// footer's year.
func baseMark(site Site) []byte {
	s := site.Settings
	shown, _ := json.Marshal([]any{s.Masthead, s.Tagline, s.SiteURL, s.Sections, s.Language, s.TimeZone,
		listPageSize(s), s.KilledPages, site.SitemapURLs, yearOf(site, nil), site.Images != nil})
	h := sha256.New()
	h.Write(assetsFingerprint())
	h.Write(shown)
	return h.Sum(nil)
}

// marker builds one Mark from a sequence of fields; each is written with
// its length so that "ab"+"c" and "a"+"bc" differ.
type marker struct{ h hash.Hash }

func newMarker(base []byte, kind string) *marker {
	m := &marker{h: sha256.New()}
	m.h.Write(base)
	m.str(kind)
	return m
}

func (m *marker) str(s string) {
	var n [binary.MaxVarintLen64]byte
	m.h.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
	m.h.Write([]byte(s))
}

func (m *marker) int(i int64) { m.str(strconv.FormatInt(i, 10)) }

func (m *marker) time(t time.Time) { m.int(t.UnixNano()) }

func (m *marker) sum() Mark {
	var out Mark
	m.h.Sum(out[:0])
	return out
}

// articleMark is what an article page and its image are made from. The
// library bumps Version and Updated on every save, so they stand for the
// whole article without reading its body.
func articleMark(base []byte, e entry) Mark {
	m := newMarker(base, "article")
	m.int(e.a.ID)
	m.int(e.a.Version)
	m.time(e.a.Updated)
	m.str(e.rel())
	m.str(string(e.a.Status))
	m.str(e.a.Image.Src)
	return m.sum()
}

// listedMark adds what a listing shows of e.
func (m *marker) listed(e entry) {
	m.str(e.rel())
	m.str(e.a.Headline)
	m.str(e.a.Summary)
	m.str(strings.Join(e.a.Byline, "\x00"))
	m.time(pubTime(e.a))
}

// keep records a file this export did not need to write because the
// memory says it was made from the same inputs. Its mark stays as it is
// remembered, so it is not noted again.
func (w *siteWriter) keep(rel string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.rep.Unchanged++
	w.rep.Kept++
	w.files[rel] = true
}

// same reports whether the last export wrote segments from inputs with
// mark fm. The old marks are only read once the export has started.
func (w *siteWriter) same(fm FileMark, segments ...string) bool {
	old, ok := w.old[strings.Join(segments, "/")]
	return ok && old == fm
}

// note records fm as the mark of a file this export writes.
func (w *siteWriter) note(fm FileMark, segments ...string) {
	w.mu.Lock()
	w.marks[strings.Join(segments, "/")] = fm
	w.mu.Unlock()
}

// keepOrNote keeps the file if the memory has it with mark fm and reports
// true; otherwise it notes fm for the file the caller will now write.
func (w *siteWriter) keepOrNote(fm FileMark, segments ...string) bool {
	if w.same(fm, segments...) {
		w.keep(strings.Join(segments, "/"))
		return true
	}
	w.note(fm, segments...)
	return false
}

// record stores this export's marks: those that differ from what was
// remembered, and forgets files it no longer has.
func (w *siteWriter) record(ctx context.Context, mem SiteMemory) error {
	w.mu.Lock()
	changed := map[string]FileMark{}
	for rel, fm := range w.marks {
		if old, ok := w.old[rel]; !ok || old != fm {
			changed[rel] = fm
		}
	}
	var removed []string
	for rel := range w.old {
		if _, ok := w.marks[rel]; !ok && !w.files[rel] {
			removed = append(removed, rel)
		}
	}
	w.mu.Unlock()
	if len(changed) == 0 && len(removed) == 0 {
		return nil
	}
	return mem.RecordSiteMarks(ctx, w.root, changed, removed)
}

// loadFull returns the article to render for e: e's own when the caller
// passed whole articles, else the one site.Load reads.
func loadFull(ctx context.Context, e entry, site Site) (*editor.Article, error) {
	if site.Load == nil {
		return e.a, nil
	}
	a, err := site.Load(ctx, e.a.ID)
	if err != nil {
		return nil, err
	}
	return a, nil
}
