package export

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"copydesk/assets"
	"copydesk/editor"
)

// Report says what WriteSite did.
type Report struct {
	Articles  int // article pages in the site
	Written   int // files created or changed
	Unchanged int // files left alone because their bytes were already right
	Removed   int // files an earlier export wrote that this one no longer has
	Kept      int // of Unchanged, files not even rendered: Site.Memory knew them
	// WrittenFiles and RemovedFiles are the slash-separated paths, inside
	// the site folder, of the files this export created, changed or
	// removed, sorted: what a commit of the site must hold.
	WrittenFiles, RemovedFiles []string
	// ChangedArticles are the ids of the articles whose page (or
	// tombstone) this export created, changed or removed, sorted.
	ChangedArticles []int64
}

// ManifestName is the file in the site folder listing what the last
// export wrote, so the next one can remove pages that no longer exist (an
// article unpublished or renamed must not stay online). Only files named
// there are ever removed: anything else in the folder is left alone.
const ManifestName = ".copydesk-site"

// entry is one article with its place in the site.
type entry struct {
	a       *editor.Article
	section string // path segment
	slug    string // path segment
}

func (e entry) rel() string { return e.section + "/" + e.slug + "/" }

// WriteSite writes a complete static site for articles into dir: a page
// per article (dir/<section>/<slug>/index.html, its image beside it), a
// page per section, a home page with the latest articles by section, an
// Atom feed, a news sitemap, and the stylesheet and script. Output is
// deterministic, files whose bytes are unchanged are not rewritten, and
// each write goes to a temporary file that is then renamed, so a web
// server never serves half a page. Nothing is written outside dir.
// site.Progress, if set, is called after each article page.
//
// On failure the error names the article; files already written stay.
func WriteSite(ctx context.Context, dir string, articles []*editor.Article, site Site) (Report, error) {
	var rep Report
	root, err := filepath.Abs(dir)
	if err != nil {
		return rep, fmt.Errorf("site folder %s: %w", dir, err)
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return rep, fmt.Errorf("site folder: %w", err)
	}
	w := &siteWriter{root: root, marks: map[string]FileMark{}, base: baseMark(site), files: map[string]bool{},
		changedIDs: map[int64]bool{}, removedPageOf: map[string]int64{}}
	if site.Memory != nil {
		old, err := site.Memory.SiteMarks(ctx, root)
		if err != nil {
			return rep, fmt.Errorf("site memory: %w", err)
		}
		if site.Full {
			for rel, fm := range old {
				if fm.Article != 0 {
					w.removedPageOf[rel] = fm.Article
				}
			}
		} else {
			w.old = old
			w.oldFiles = map[int64][]string{}
			for rel, fm := range old {
				if fm.Article != 0 {
					w.oldFiles[fm.Article] = append(w.oldFiles[fm.Article], rel)
				}
			}
		}
	}
	live, killed := sortOut(place(articles), site)
	rep.Articles = len(live)

	if err := w.assets(); err != nil {
		return w.report(rep), err
	}
	if err := w.articles(ctx, live, site, site.Progress); err != nil {
		return w.report(rep), err
	}
	if err := w.tombstones(killed, site); err != nil {
		return w.report(rep), err
	}
	newestFirst(live)
	if err := w.lists(live, site); err != nil {
		return w.report(rep), err
	}
	if err := w.feed(live, site); err != nil {
		return w.report(rep), err
	}
	if err := w.sitemaps(live, site); err != nil {
		return w.report(rep), err
	}
	// Only a complete export prunes: after a failure the old pages stay.
	if err := w.prune(); err != nil {
		return w.report(rep), err
	}
	if site.Memory != nil {
		if err := w.record(ctx, site.Memory); err != nil {
			return w.report(rep), fmt.Errorf("site memory: %w", err)
		}
	}
	return w.report(rep), nil
}

// prune removes the files the previous export listed in the manifest that
// this export did not write, then records this export's files.
func (w *siteWriter) prune() error {
	manifest := filepath.Join(w.root, ManifestName)
	old, err := os.ReadFile(manifest)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("site manifest: %w", err)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, rel := range strings.Split(string(old), "\n") {
		if rel == "" || w.files[rel] {
			continue
		}
		// The manifest is a file on disk like any other: a path in it is
		// used only if it is one this exporter could have written.
		p, err := SafePath(w.root, strings.Split(rel, "/")...)
		if err != nil {
			continue
		}
		if err := os.Remove(p); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return fmt.Errorf("remove stale %s: %w", rel, err)
		}
		w.rep.Removed++
		w.rep.RemovedFiles = append(w.rep.RemovedFiles, rel)
		// Empty article and section folders go too; a folder with
		// anything else in it stays (Remove fails on it).
		for dir := filepath.Dir(p); dir != w.root && strings.HasPrefix(dir, w.root); dir = filepath.Dir(dir) {
			if os.Remove(dir) != nil {
				break
			}
		}
	}
	list := make([]string, 0, len(w.files))
	for rel := range w.files {
		list = append(list, rel)
	}
	slices.Sort(list)
	if _, err := writeAtomic(manifest, []byte(strings.Join(list, "\n")+"\n"), false); err != nil {
		return fmt.Errorf("site manifest: %w", err)
	}
	return nil
}

// sortOut splits placed articles into those the site shows and the
// killed ones whose address gets a tombstone. An embargoed article is in
// neither: it is left out as if it did not exist yet, while place has
// already reserved its address so it does not move when it appears.
func sortOut(placed []entry, site Site) (live, killed []entry) {
	for _, e := range placed {
		switch {
		case e.a.Status == editor.StatusKilled:
			killed = append(killed, e)
		case e.a.Embargoed(site.Now):
		default:
			live = append(live, e)
		}
	}
	return live, killed
}

// newestFirst is the order of every listing; ID breaks ties so the order
// is stable.
func newestFirst(entries []entry) {
	slices.SortStableFunc(entries, func(x, y entry) int {
		if c := pubTime(y.a).Compare(pubTime(x.a)); c != 0 {
			return c
		}
		return cmp.Compare(x.a.ID, y.a.ID)
	})
}

// place gives every article a unique section/slug path. Articles are
// taken in ID order so the same library always gives the same paths; a
// clash (two slugs that become the same safe name) gets "-2", "-3".
func place(articles []*editor.Article) []entry {
	sorted := slices.Clone(articles)
	slices.SortStableFunc(sorted, func(x, y *editor.Article) int { return cmp.Compare(x.ID, y.ID) })
	used := map[string]bool{}
	var out []entry
	for _, a := range sorted {
		if a == nil {
			continue
		}
		e := entry{a: a, section: SectionSlug(a.Section), slug: Slug(a)}
		base := e.slug
		for n := 2; used[e.rel()]; n++ {
			e.slug = base + "-" + strconv.Itoa(n)
		}
		used[e.rel()] = true
		out = append(out, e)
	}
	return out
}

type siteWriter struct {
	root  string
	dirs  sync.Map // folders known to exist
	mu    sync.Mutex
	rep   Report
	files map[string]bool // slash-separated paths written or kept
	base  []byte          // baseMark of the export
	old   map[string]FileMark
	// oldFiles lists the remembered files of each article's page.
	oldFiles map[int64][]string
	marks    map[string]FileMark // this export's, for every file that has one
	// changedIDs are the articles whose page or tombstone was written.
	changedIDs map[int64]bool
	// removedPageOf names the article of a remembered page, for pages a
	// full export (which does not consult old marks) removes.
	removedPageOf map[string]int64
}

func (w *siteWriter) report(r Report) Report {
	w.mu.Lock()
	defer w.mu.Unlock()
	r.Written, r.Unchanged, r.Removed, r.Kept = w.rep.Written, w.rep.Unchanged, w.rep.Removed, w.rep.Kept
	r.WrittenFiles = slices.Sorted(slices.Values(w.rep.WrittenFiles))
	r.RemovedFiles = slices.Sorted(slices.Values(w.rep.RemovedFiles))
	ids := maps.Clone(w.changedIDs)
	for _, rel := range r.RemovedFiles {
		if fm, ok := w.old[rel]; ok && fm.Article != 0 {
			ids[fm.Article] = true
		} else if id := w.removedPageOf[rel]; id != 0 {
			ids[id] = true
		}
	}
	r.ChangedArticles = slices.Sorted(maps.Keys(ids))
	return r
}

// write stores data at root/segments unless the file already holds
// exactly those bytes.
func (w *siteWriter) write(data []byte, segments ...string) error {
	_, err := w.writeChanged(data, segments...)
	return err
}

// writeChanged is write reporting whether the file's bytes changed.
func (w *siteWriter) writeChanged(data []byte, segments ...string) (bool, error) {
	p, err := SafePath(w.root, segments...)
	if err != nil {
		return false, err
	}
	// Each folder is created once per export, not checked again for
	// every file in it: on a 10,000-article site that is 10,000 fewer
	// mkdir calls.
	dir := filepath.Dir(p)
	if _, ok := w.dirs.Load(dir); !ok {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return false, fmt.Errorf("write %s: %w", p, err)
		}
		w.dirs.Store(dir, true)
	}
	changed, err := writeAtomic(p, data, false)
	if err != nil {
		return false, err
	}
	w.mu.Lock()
	if changed {
		w.rep.Written++
		w.rep.WrittenFiles = append(w.rep.WrittenFiles, strings.Join(segments, "/"))
	} else {
		w.rep.Unchanged++
	}
	w.files[strings.Join(segments, "/")] = true
	w.mu.Unlock()
	return changed, nil
}

// WriteFileAtomic writes data to path through a temporary file in the same
// folder and a rename, creating the folder if needed. It leaves an
// existing file with identical bytes untouched and reports whether it wrote.
func WriteFileAtomic(path string, data []byte) (changed bool, err error) {
	return writeAtomic(path, data, true)
}

func writeAtomic(path string, data []byte, mkdir bool) (changed bool, err error) {
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() && st.Size() == int64(len(data)) {
		if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
			return false, nil
		}
	}
	dir := filepath.Dir(path)
	if mkdir {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return false, fmt.Errorf("write %s: %w", path, err)
		}
	}
	// The temporary name starts with a dot, so a web server's or a
	// reader's listing skips it; O_EXCL with the final mode saves the
	// chmod os.CreateTemp would need.
	var f *os.File
	var tmp string
	for range 10 {
		tmp = filepath.Join(dir, "."+filepath.Base(path)+"."+strconv.FormatUint(rand.Uint64(), 36)+".tmp")
		f, err = os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return false, fmt.Errorf("write %s: %w", path, err)
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp)
		return false, fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return false, fmt.Errorf("write %s: %w", path, err)
	}
	return true, nil
}

// WriteAssets writes the site's stylesheet and script into dir/assets,
// where EncodeHTML pages with Root "" expect them.
func WriteAssets(dir string) error {
	w := &siteWriter{root: dir, files: map[string]bool{}}
	return w.assets()
}

func (w *siteWriter) assets() error {
	for _, name := range []string{"site.css", "site.js"} {
		data, err := fs.ReadFile(assets.Site, "site/"+name)
		if err != nil {
			return fmt.Errorf("site assets: %w", err)
		}
		if err := w.write(data, "assets", name); err != nil {
			return fmt.Errorf("site assets: %w", err)
		}
	}
	return nil
}

// articles writes the article pages on every core; the first failure
// stops the others and is returned naming its article.
func (w *siteWriter) articles(ctx context.Context, entries []entry, site Site, progress func(done, total int)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan entry)
	var (
		wg       sync.WaitGroup
		errOnce  sync.Once
		firstErr error
		progMu   sync.Mutex
		done     int
	)
	fail := func(err error) {
		errOnce.Do(func() { firstErr = err; cancel() })
	}
	site.Root = "../../"
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for e := range jobs {
				if err := w.article(ctx, &buf, e, site); err != nil {
					fail(fmt.Errorf("article %d %q: %w", e.a.ID, editor.OneLine(e.a.Headline), err))
					continue
				}
				if progress != nil {
					progMu.Lock()
					done++
					progress(done, len(entries))
					progMu.Unlock()
				}
			}
		}()
	}
feed:
	for _, e := range entries {
		select {
		case jobs <- e:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return ctx.Err()
}

func (w *siteWriter) article(ctx context.Context, buf *bytes.Buffer, e entry, site Site) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	fm := FileMark{Mark: articleMark(w.base, e), Article: e.a.ID}
	image := ""
	if site.Images != nil {
		image = ImageFileName(e.a)
	}
	if w.same(fm, e.section, e.slug, "index.html") && (image == "" || w.same(fm, e.section, e.slug, image)) {
		// The page, its image and the image's smaller copies were all
		// made from this same article last time.
		for _, rel := range w.oldFiles[e.a.ID] {
			if w.old[rel] == fm {
				w.keep(rel)
			}
		}
		return nil
	}
	w.note(fm, e.section, e.slug, "index.html")
	a, err := loadFull(ctx, e, site)
	if err != nil {
		return err
	}
	// The page must use the unique slug place() chose, which may differ
	// from the article's own after a clash.
	if Slug(a) != e.slug || SectionSlug(a.Section) != e.section {
		a = a.Clone()
		a.Slug = e.slug
	}
	var imageData []byte
	site.image = nil
	if image != "" {
		if imageData, _, err = site.Images.Image(ctx, a.Image.Src); err != nil {
			return fmt.Errorf("image %s: %w", a.Image.Src, err)
		}
		// A file that is not a readable image is published as it is,
		// without a size or smaller copies, as it always was.
		site.image, _ = planImage(a, imageData)
	}
	buf.Reset()
	if err := EncodeHTML(buf, a, site); err != nil {
		return err
	}
	changed, err := w.writeChanged(buf.Bytes(), e.section, e.slug, "index.html")
	if err != nil {
		return err
	}
	if changed {
		w.mu.Lock()
		w.changedIDs[e.a.ID] = true
		w.mu.Unlock()
	}
	if image == "" {
		return nil
	}
	w.note(fm, e.section, e.slug, image)
	if err := w.write(imageData, e.section, e.slug, image); err != nil {
		return err
	}
	if site.image == nil {
		return nil
	}
	for _, r := range site.image.renditions {
		data, err := resize(imageData, r.width)
		if err != nil {
			return fmt.Errorf("image %s at %d px: %w", a.Image.Src, r.width, err)
		}
		w.note(fm, e.section, e.slug, r.name)
		if err := w.write(data, e.section, e.slug, r.name); err != nil {
			return err
		}
	}
	return nil
}

func (w *siteWriter) render(name string, p *page, segments ...string) error {
	t, err := templates()
	if err != nil {
		return fmt.Errorf("site template: %w", err)
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, name, p); err != nil {
		return fmt.Errorf("%s: %w", strings.Join(segments, "/"), err)
	}
	return w.write(b.Bytes(), segments...)
}

// FeedEntries is how many of the latest articles the Atom feed carries.
const FeedEntries = 50

func (w *siteWriter) feed(entries []entry, site Site) error {
	s := site.Settings
	loc := location(s)
	x := &xw{}
	x.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	x.open("feed", "xmlns", "http://www.w3.org/2005/Atom", "xml:lang", language(s))
	x.nl()
	x.element("title", editor.OneLine(s.Masthead))
	if s.Tagline != "" {
		x.element("subtitle", editor.OneLine(s.Tagline))
	}
	x.element("id", siteURL(s)+"/")
	x.empty("link", "rel", "alternate", "type", "text/html", "href", siteURL(s)+"/")
	x.nl()
	x.empty("link", "rel", "self", "type", "application/atom+xml", "href", siteURL(s)+"/feed.xml")
	x.nl()
	// The feed's updated time is its newest entry's, not the clock, so an
	// unchanged library gives an unchanged feed.
	var updated time.Time
	for _, e := range entries {
		if t := modTime(e.a); t.After(updated) {
			updated = t
		}
	}
	if updated.IsZero() {
		updated = site.Now
	}
	x.element("updated", rfc3339(updated, loc))
	x.element("generator", "Copydesk")
	for _, e := range entries[:min(FeedEntries, len(entries))] {
		a := e.a
		u := siteURL(s) + "/" + e.rel()
		x.open("entry")
		x.nl()
		x.element("title", editor.OneLine(a.Headline))
		id := u
		if a.UID != "" {
			id = "urn:uuid:" + a.UID
		}
		x.element("id", id)
		x.empty("link", "rel", "alternate", "type", "text/html", "href", u)
		x.nl()
		if !a.Published.IsZero() {
			x.element("published", rfc3339(a.Published, loc))
		}
		x.element("updated", rfc3339(modTime(a), loc))
		names := 0
		for _, n := range a.Byline {
			if n = editor.OneLine(n); n != "" {
				x.open("author")
				x.element("name", n)
				x.close("author")
				x.nl()
				names++
			}
		}
		if names == 0 {
			// Atom requires an author; the newsroom stands in.
			x.open("author")
			x.element("name", editor.OneLine(s.Masthead))
			x.close("author")
			x.nl()
		}
		if a.Section != "" {
			x.empty("category", "term", editor.OneLine(a.Section))
			x.nl()
		}
		if a.Summary != "" {
			x.element("summary", editor.OneLine(a.Summary), "type", "text")
		}
		x.close("entry")
		x.nl()
	}
	x.close("feed")
	x.nl()
	return w.write(x.b.Bytes(), "feed.xml")
}
