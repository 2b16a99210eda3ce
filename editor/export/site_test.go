package export

import (
	"context"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"copydesk/editor"
	"copydesk/editor/xsstest"
)

// hostile returns articles whose slugs and sections try to escape the
// site folder or produce names some OS refuses.
func hostile() []*editor.Article {
	names := []string{"../../../etc/passwd", "/etc/cron.d/x", `..\..\windows\system32`, "CON", "nul.txt", "COM1", "a\x00b\x1bc", "trailing. ", "..", ".", "", "aux", "assets", "UPPER case", "UPPER-CASE"}
	var out []*editor.Article
	for i, n := range names {
		a := sampleMinimal()
		a.ID = int64(100 + i)
		a.Slug, a.Section, a.Headline = n, n, n
		if n == "" {
			a.Headline = "?"
		}
		a.Status = editor.StatusPublished
		a.Published = time.Date(2026, 11, 28, 10, i, 0, 0, time.UTC)
		out = append(out, a)
	}
	return out
}

func siteArticles() []*editor.Article {
	arts := []*editor.Article{sampleFull(), sampleMinimal(), sampleRich()}
	return append(arts, hostile()...)
}

// snapshot maps every file under dir to its hash.
func snapshot(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	m := map[string][32]byte{}
	for p, st := range siteFiles(t, dir) {
		m[p] = st.hash
	}
	return m
}

func TestWriteSite(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "site")
	var calls, last int
	site := testSite()
	site.Progress = func(done, total int) { calls++; last = done }
	rep, err := WriteSite(context.Background(), dir, siteArticles(), site)
	if err != nil {
		t.Fatal(err)
	}
	n := len(siteArticles())
	if rep.Articles != n || calls != n || last != n {
		t.Errorf("report %+v, progress calls %d last %d; want %d articles", rep, calls, last, n)
	}
	files := snapshot(t, parent)
	for p := range files {
		if !strings.HasPrefix(p, "site/") {
			t.Errorf("file written outside the site folder: %s", p)
		}
		if strings.Contains(p, ".tmp") {
			t.Errorf("temporary file left behind: %s", p)
		}
	}
	for _, want := range []string{
		"site/index.html", "site/feed.xml", "site/sitemap.xml", "site/assets/site.css", "site/assets/site.js",
		"site/world/index.html", "site/world/ukraine-allies-security-guarantees/index.html",
		"site/world/ukraine-allies-security-guarantees/ukraine-allies-security-guarantees.png",
		"site/articles/council-meets-tuesday/index.html", "site/business/zurich-cafe-prices/index.html",
		"site/etc-passwd/etc-passwd/index.html", "site/con-1/con-1/index.html", "site/assets-1/assets-1/index.html",
		"site/upper-case/upper-case/index.html", "site/upper-case/upper-case-2/index.html",
	} {
		if _, ok := files[want]; !ok {
			t.Errorf("missing %s", want)
		}
	}
	if _, ok := files["site/"+ManifestName]; !ok {
		t.Errorf("no manifest %s", ManifestName)
	}
	delete(files, "site/"+ManifestName) // bookkeeping, not a site file
	if rep.Written != len(files) {
		t.Errorf("first run wrote %d files, %d exist", rep.Written, len(files))
	}
	for p := range files {
		for _, seg := range strings.Split(p, "/") {
			if !validSegment(seg) {
				t.Errorf("unsafe segment %q in %s", seg, p)
			}
		}
		if strings.HasSuffix(p, ".html") {
			data, _ := os.ReadFile(filepath.Join(parent, p))
			if err := xsstest.CheckHTMLString(string(data)); err != nil {
				t.Errorf("%s: %v", p, err)
			}
		}
	}

	home, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	for _, want := range []string{`<a href="world/index.html">World</a>`, `href="world/ukraine-allies-security-guarantees/index.html"`, `<a href="business/index.html">Business</a>`} {
		if !strings.Contains(string(home), want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	// World comes before Business on the home page: the newsroom's order.
	if strings.Index(string(home), ">World<") > strings.Index(string(home), ">Business<") {
		t.Error("home page sections are not in the settings order")
	}

	checkFeed(t, filepath.Join(dir, "feed.xml"), n)
	checkSitemap(t, filepath.Join(dir, "sitemap.xml"), n)

	// A second run over the same library changes nothing on disk.
	rep2, err := WriteSite(context.Background(), dir, siteArticles(), testSite())
	if err != nil {
		t.Fatal(err)
	}
	if rep2.Written != 0 || rep2.Unchanged != len(files) {
		t.Errorf("second run: %+v, want 0 written and %d unchanged", rep2, len(files))
	}
	again := snapshot(t, parent)
	delete(again, "site/"+ManifestName)
	if len(again) != len(files) {
		t.Errorf("second run changed the file count %d → %d", len(files), len(again))
	} else {
		for p, h := range files {
			if again[p] != h {
				t.Errorf("second run changed %s", p)
			}
		}
	}

	// Changing one article's body rewrites only its own page.
	arts := siteArticles()
	arts[2].Body += "\n\nOne more paragraph."
	rep3, err := WriteSite(context.Background(), dir, arts, testSite())
	if err != nil {
		t.Fatal(err)
	}
	if rep3.Written != 1 {
		t.Errorf("after a body edit %d files were written, want 1 (the article page)", rep3.Written)
	}
}

// TestWriteSitePrunes: an article that is unpublished or renamed leaves the
// site on the next export, and nothing the exporter did not write is touched.
func TestWriteSitePrunes(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	arts := []*editor.Article{sampleFull(), sampleMinimal(), sampleRich()}
	if _, err := WriteSite(ctx, dir, arts, testSite()); err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(dir, "CNAME")
	if err := os.WriteFile(mine, []byte("www.appletontimes.example\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A manifest entry that tries to leave the folder is ignored.
	outside := filepath.Join(filepath.Dir(dir), "keep-me")
	if err := os.WriteFile(outside, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	m, _ := os.ReadFile(filepath.Join(dir, ManifestName))
	if err := os.WriteFile(filepath.Join(dir, ManifestName), append(m, []byte("../keep-me\n/etc/passwd\n")...), 0o644); err != nil {
		t.Fatal(err)
	}

	renamed := sampleRich()
	renamed.Slug = "zurich-coffee-prices"
	rep, err := WriteSite(ctx, dir, []*editor.Article{sampleFull(), renamed}, testSite())
	if err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"articles/council-meets-tuesday/index.html", "business/zurich-cafe-prices/index.html", "articles/index.html"} {
		if _, err := os.Stat(filepath.Join(dir, gone)); !os.IsNotExist(err) {
			t.Errorf("%s still exists (%v)", gone, err)
		}
	}
	for _, gone := range []string{"articles", "business/zurich-cafe-prices"} {
		if _, err := os.Stat(filepath.Join(dir, gone)); !os.IsNotExist(err) {
			t.Errorf("empty folder %s left (%v)", gone, err)
		}
	}
	for _, kept := range []string{mine, outside, filepath.Join(dir, "business/zurich-coffee-prices/index.html"), filepath.Join(dir, "world/ukraine-allies-security-guarantees/index.html")} {
		if _, err := os.Stat(kept); err != nil {
			t.Errorf("%s: %v", kept, err)
		}
	}
	if rep.Removed != 3 {
		t.Errorf("removed %d files, want 3 (two pages and the emptied section page)", rep.Removed)
	}
	rep, err = WriteSite(ctx, dir, []*editor.Article{sampleFull(), renamed}, testSite())
	if err != nil || rep.Removed != 0 || rep.Written != 0 {
		t.Errorf("rerun: %+v, %v; want nothing written or removed", rep, err)
	}
}

func checkFeed(t *testing.T, path string, n int) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	checkXMLTokens(t, data)
	var feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Updated string   `xml:"updated"`
		Entries []struct {
			Title   string `xml:"title"`
			ID      string `xml:"id"`
			Authors []struct {
				Name string `xml:"name"`
			} `xml:"author"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(data, &feed); err != nil {
		t.Fatalf("feed: %v", err)
	}
	if len(feed.Entries) != min(n, FeedEntries) || feed.Updated == "" {
		t.Fatalf("feed has %d entries, updated %q", len(feed.Entries), feed.Updated)
	}
	for _, e := range feed.Entries {
		if e.ID == "" || len(e.Authors) == 0 {
			t.Errorf("feed entry %q lacks id or author", e.Title)
		}
	}
}

// checkSitemap reads the sitemap index at path and every file it names,
// and checks that together they list n articles, news tags only in the
// news sitemap.
func checkSitemap(t *testing.T, path string, n int) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	checkXMLTokens(t, data)
	var idx struct {
		XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
		Sitemaps []struct {
			Loc     string `xml:"loc"`
			Lastmod string `xml:"lastmod"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal(data, &idx); err != nil {
		t.Fatalf("sitemap index: %v", err)
	}
	urls, news := 0, 0
	for _, sm := range idx.Sitemaps {
		name, ok := strings.CutPrefix(sm.Loc, "https://www.appletontimes.example/")
		if !ok || strings.Contains(name, "/") {
			t.Fatalf("sitemap index names %q", sm.Loc)
		}
		data, err := os.ReadFile(filepath.Join(filepath.Dir(path), name))
		if err != nil {
			t.Fatal(err)
		}
		checkXMLTokens(t, data)
		var set struct {
			XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
			URLs    []struct {
				Loc  string `xml:"loc"`
				News *struct {
					Name  string `xml:"publication>name"`
					Lang  string `xml:"publication>language"`
					Date  string `xml:"publication_date"`
					Title string `xml:"title"`
				} `xml:"http://www.google.com/schemas/sitemap-news/0.9 news"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal(data, &set); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, u := range set.URLs {
			if !strings.HasPrefix(u.Loc, "https://www.appletontimes.example/") {
				t.Errorf("%s: loc %q", name, u.Loc)
			}
			switch {
			case name == newsSitemapName && u.News == nil:
				t.Errorf("news sitemap entry %s without news tags", u.Loc)
			case name == newsSitemapName:
				news++
				if u.News.Name != "The Appleton Times" || u.News.Lang != "en" || u.News.Date == "" || u.News.Title == "" {
					t.Errorf("news tags incomplete: %+v", *u.News)
				}
			case u.News != nil:
				t.Errorf("%s: news tags outside the news sitemap", name)
			default:
				urls++
			}
		}
	}
	if urls != n {
		t.Fatalf("sitemaps list %d urls, want %d", urls, n)
	}
	// Only articles published within NewsWindow of testNow are in the
	// news sitemap: the hostile ones (Nov 28) are, the samples (Nov 21–26)
	// are not.
	if news != len(hostile()) {
		t.Errorf("%d urls in the news sitemap, want %d", news, len(hostile()))
	}
}

func TestWriteSiteFailureNamesArticle(t *testing.T) {
	dir := t.TempDir()
	site := testSite()
	site.Images = fakeImages{fail: true}
	arts := []*editor.Article{sampleMinimal(), sampleFull()}
	_, err := WriteSite(context.Background(), dir, arts, site)
	if err == nil || !strings.Contains(err.Error(), "article 7") || !strings.Contains(err.Error(), "Ukraine") || !strings.Contains(err.Error(), "article not found") {
		t.Fatalf("err = %v; want it to name article 7 and the reason", err)
	}
	// Files written before the failure stay.
	if _, err := os.Stat(filepath.Join(dir, "assets", "site.css")); err != nil {
		t.Errorf("already written asset removed: %v", err)
	}
}

func TestSafePath(t *testing.T) {
	root := t.TempDir()
	tests := []struct {
		segs []string
		ok   bool
	}{
		{[]string{"news", "a-b", "index.html"}, true},
		{[]string{"..", "x"}, false},
		{[]string{"a/b"}, false},
		{[]string{`a\b`}, false},
		{[]string{"CON"}, false},
		{[]string{"con"}, false},
		{[]string{"nul.txt"}, false},
		{[]string{"x."}, false},
		{[]string{"x "}, false},
		{[]string{""}, false},
		{[]string{"a\x00"}, false},
		{[]string{"/etc"}, false},
	}
	for _, tt := range tests {
		p, err := SafePath(root, tt.segs...)
		if (err == nil) != tt.ok {
			t.Errorf("SafePath(%q) = %q, %v; want ok=%v", tt.segs, p, err, tt.ok)
		}
	}
}

func FuzzSafePath(f *testing.F) {
	for _, s := range []string{"../../etc/passwd", "CON", "nul.txt", "a\x00b", "trailing. ", "..", "/abs", `C:\x`, "Ünïcødé", "com1.txt", ""} {
		f.Add(s, s)
	}
	root := f.TempDir()
	f.Fuzz(func(t *testing.T, section, slug string) {
		a := &editor.Article{ID: 1, Slug: slug, Headline: slug, Section: section}
		segs := []string{SectionSlug(section), Slug(a), "index.html"}
		p, err := SafePath(root, segs...)
		if err != nil {
			t.Fatalf("SafePath refused the segments SafeSegment made from %q, %q: %v", section, slug, err)
		}
		rel, err := filepath.Rel(root, p)
		if err != nil || strings.HasPrefix(rel, "..") || filepath.IsAbs(rel) {
			t.Fatalf("%q leaves %q", p, root)
		}
		if strings.Count(filepath.ToSlash(rel), "/") != 2 {
			t.Fatalf("%q is not exactly section/slug/index.html", rel)
		}
		for _, s := range segs[:2] {
			if !editor.ValidSlug(strings.TrimSuffix(s, "-1")) && !editor.ValidSlug(s) {
				t.Fatalf("segment %q is not slug-shaped", s)
			}
			if windowsReserved[s] {
				t.Fatalf("segment %q is a Windows device name", s)
			}
		}
		// Raw text is never accepted as a segment unless it is already safe.
		if _, err := SafePath(root, slug); err == nil && !validSegment(slug) {
			t.Fatalf("SafePath accepted raw %q", slug)
		}
	})
}
