package export

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
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
	w := &siteWriter{root: root}
	entries := place(articles)
	rep.Articles = len(entries)

	if err := w.assets(); err != nil {
		return w.report(rep), err
	}
	if err := w.articles(ctx, entries, site, site.Progress); err != nil {
		return w.report(rep), err
	}
	// Newest first for every listing; ID breaks ties so order is stable.
	slices.SortStableFunc(entries, func(x, y entry) int {
		if c := pubTime(y.a).Compare(pubTime(x.a)); c != 0 {
			return c
		}
		return cmp.Compare(x.a.ID, y.a.ID)
	})
	if err := w.lists(entries, site); err != nil {
		return w.report(rep), err
	}
	if err := w.feed(entries, site); err != nil {
		return w.report(rep), err
	}
	if err := w.sitemap(entries, site); err != nil {
		return w.report(rep), err
	}
	// Only a complete export prunes: after a failure the old pages stay.
	if err := w.prune(); err != nil {
		return w.report(rep), err
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
}

func (w *siteWriter) report(r Report) Report {
	w.mu.Lock()
	defer w.mu.Unlock()
	r.Written, r.Unchanged, r.Removed = w.rep.Written, w.rep.Unchanged, w.rep.Removed
	return r
}

// write stores data at root/segments unless the file already holds
// exactly those bytes.
func (w *siteWriter) write(data []byte, segments ...string) error {
	p, err := SafePath(w.root, segments...)
	if err != nil {
		return err
	}
	// Each folder is created once per export, not checked again for
	// every file in it: on a 10,000-article site that is 10,000 fewer
	// mkdir calls.
	dir := filepath.Dir(p)
	if _, ok := w.dirs.Load(dir); !ok {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("write %s: %w", p, err)
		}
		w.dirs.Store(dir, true)
	}
	changed, err := writeAtomic(p, data, false)
	if err != nil {
		return err
	}
	w.mu.Lock()
	if changed {
		w.rep.Written++
	} else {
		w.rep.Unchanged++
	}
	if w.files == nil {
		w.files = map[string]bool{}
	}
	w.files[strings.Join(segments, "/")] = true
	w.mu.Unlock()
	return nil
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
	w := &siteWriter{root: dir}
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
	// The page must use the unique slug place() chose, which may differ
	// from the article's own after a clash.
	a := e.a
	if Slug(a) != e.slug || SectionSlug(a.Section) != e.section {
		a = a.Clone()
		a.Slug = e.slug
	}
	buf.Reset()
	if err := EncodeHTML(buf, a, site); err != nil {
		return err
	}
	if err := w.write(buf.Bytes(), e.section, e.slug, "index.html"); err != nil {
		return err
	}
	if name := ImageFileName(a); name != "" && site.Images != nil {
		data, _, err := site.Images.Image(ctx, a.Image.Src)
		if err != nil {
			return fmt.Errorf("image %s: %w", a.Image.Src, err)
		}
		if err := w.write(data, e.section, e.slug, name); err != nil {
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

func item(e entry, prefix string, loc *time.Location) listItem {
	return listItem{
		URL:      prefix + e.slug + "/index.html",
		Headline: editor.OneLine(e.a.Headline),
		Summary:  editor.OneLine(e.a.Summary),
		Byline:   BylineText(e.a.Byline),
		Datetime: rfc3339(pubTime(e.a), loc),
		DateText: dateText(pubTime(e.a), loc),
	}
}

// HomeLatest is how many articles per section the home page lists.
const HomeLatest = 5

// lists writes a page per section and the home page.
func (w *siteWriter) lists(entries []entry, site Site) error {
	s := site.Settings
	loc := location(s)
	bySection := map[string][]entry{}
	names := map[string]string{}
	var order []string
	add := func(slug, name string) {
		if _, ok := names[slug]; !ok {
			names[slug] = name
			order = append(order, slug)
		}
	}
	// The newsroom's own section order first, then any others by name.
	for _, sec := range s.Sections {
		add(SectionSlug(sec), editor.OneLine(sec))
	}
	var extra []entry
	for _, e := range entries {
		bySection[e.section] = append(bySection[e.section], e)
		if _, ok := names[e.section]; !ok {
			extra = append(extra, e)
		}
	}
	slices.SortStableFunc(extra, func(x, y entry) int { return strings.Compare(x.section, y.section) })
	for _, e := range extra {
		name := editor.OneLine(e.a.Section)
		if name == "" {
			name = "Articles"
		}
		add(e.section, name)
	}
	base := func(root, title string) *page {
		return &page{
			Lang: language(s), Root: root, Settings: s, Year: yearOf(site, nil),
			Title: title, FeedURL: root + "feed.xml", HomeURL: root + "index.html",
		}
	}
	var home []listGroup
	for _, sec := range order {
		list := bySection[sec]
		if len(list) == 0 {
			continue
		}
		g := listGroup{Name: names[sec], URL: "index.html"}
		for _, e := range list {
			g.Items = append(g.Items, item(e, "", loc))
		}
		p := base("../", names[sec]+" | "+editor.OneLine(s.Masthead))
		p.Heading = names[sec]
		p.Canonical = siteURL(s) + "/" + sec + "/"
		p.Description = names[sec] + " from " + editor.OneLine(s.Masthead)
		p.Groups = []listGroup{{Items: g.Items}}
		if err := w.render("list", p, sec, "index.html"); err != nil {
			return err
		}
		hg := listGroup{Name: names[sec], URL: sec + "/index.html"}
		for _, e := range list[:min(HomeLatest, len(list))] {
			hg.Items = append(hg.Items, item(e, sec+"/", loc))
		}
		home = append(home, hg)
	}
	p := base("", editor.OneLine(s.Masthead))
	p.Canonical = siteURL(s) + "/"
	p.Description = editor.OneLine(s.Tagline)
	p.Groups = home
	return w.render("list", p, "index.html")
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

// NewsWindow is how old an article may be and still carry Google News
// tags in the sitemap; Google ignores older ones.
const NewsWindow = 48 * time.Hour

func (w *siteWriter) sitemap(entries []entry, site Site) error {
	s := site.Settings
	loc := location(s)
	lang := strings.ToLower(language(s))
	// Google News wants ISO 639 codes, except Chinese which keeps its script.
	if lang != "zh-cn" && lang != "zh-tw" {
		lang, _, _ = strings.Cut(lang, "-")
	}
	x := &xw{}
	x.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	x.open("urlset", "xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9", "xmlns:news", "http://www.google.com/schemas/sitemap-news/0.9")
	x.nl()
	for _, e := range entries {
		a := e.a
		x.open("url")
		x.element("loc", siteURL(s)+"/"+e.rel())
		x.element("lastmod", rfc3339(modTime(e.a), loc))
		if !a.Published.IsZero() && (site.Now.IsZero() || site.Now.Sub(a.Published) <= NewsWindow) {
			x.open("news:news")
			x.open("news:publication")
			x.element("news:name", editor.OneLine(s.Masthead))
			x.element("news:language", lang)
			x.close("news:publication")
			x.element("news:publication_date", rfc3339(a.Published, loc))
			x.element("news:title", editor.OneLine(a.Headline))
			x.close("news:news")
		}
		x.close("url")
		x.nl()
	}
	x.close("urlset")
	x.nl()
	return w.write(x.b.Bytes(), "sitemap.xml")
}
