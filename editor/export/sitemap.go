package export

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"copydesk/editor"
)

// NewsWindow is how old an article may be and still be in the news
// sitemap; Google News ignores older ones.
const NewsWindow = 48 * time.Hour

// Sitemap limits: the sitemaps protocol allows 50,000 URLs per file and
// Google News 1,000 per news sitemap.
const (
	SitemapURLs     = 50000
	NewsSitemapURLs = 1000
)

// SitemapName is the sitemap index at the site root; the files it lists
// are sitemap-1.xml, sitemap-2.xml, … and sitemap-news.xml.
const SitemapName = "sitemap.xml"

// sitemapFile names the n-th (from 1) sitemap file.
func sitemapFile(n int) string { return "sitemap-" + strconv.Itoa(n) + ".xml" }

const newsSitemapName = "sitemap-news.xml"

// sitemaps writes the sitemap files and the index naming them. URLs are
// in article ID order, so a new article lands in the last file and every
// other file keeps its bytes: an incremental export rewrites one file.
func (w *siteWriter) sitemaps(entries []entry, site Site) error {
	s := site.Settings
	loc := location(s)
	per := site.SitemapURLs
	if per <= 0 || per > SitemapURLs {
		per = SitemapURLs
	}
	byID := slices.Clone(entries)
	slices.SortFunc(byID, func(x, y entry) int { return cmp.Compare(x.a.ID, y.a.ID) })

	idx := &xw{}
	idx.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	idx.open("sitemapindex", "xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")
	idx.nl()
	addToIndex := func(name string, lastmod time.Time) {
		idx.open("sitemap")
		idx.element("loc", siteURL(s)+"/"+name)
		if !lastmod.IsZero() {
			idx.element("lastmod", rfc3339(lastmod, loc))
		}
		idx.close("sitemap")
		idx.nl()
	}
	for n := 1; n == 1 || (n-1)*per < len(byID); n++ {
		chunk := byID[min((n-1)*per, len(byID)):min(n*per, len(byID))]
		var newest time.Time
		m := newMarker(w.base, "sitemap")
		m.int(int64(n))
		for _, e := range chunk {
			m.str(e.rel())
			m.time(modTime(e.a))
			if t := modTime(e.a); t.After(newest) {
				newest = t
			}
		}
		addToIndex(sitemapFile(n), newest)
		if w.keepOrNote(FileMark{Mark: m.sum()}, sitemapFile(n)) {
			continue
		}
		x := &xw{}
		x.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
		x.open("urlset", "xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")
		x.nl()
		for _, e := range chunk {
			x.open("url")
			x.element("loc", siteURL(s)+"/"+e.rel())
			x.element("lastmod", rfc3339(modTime(e.a), loc))
			x.close("url")
			x.nl()
		}
		x.close("urlset")
		x.nl()
		if err := w.write(x.b.Bytes(), sitemapFile(n)); err != nil {
			return err
		}
	}
	newest, err := w.newsSitemap(entries, site)
	if err != nil {
		return err
	}
	addToIndex(newsSitemapName, newest)
	idx.close("sitemapindex")
	idx.nl()
	return w.write(idx.b.Bytes(), SitemapName)
}

// newsSitemap writes the Google News sitemap: articles published within
// NewsWindow of site.Now, newest first, at most NewsSitemapURLs. entries
// are newest first. It returns the newest publication time in it.
func (w *siteWriter) newsSitemap(entries []entry, site Site) (time.Time, error) {
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
	var newest time.Time
	n := 0
	for _, e := range entries {
		a := e.a
		if a.Published.IsZero() || (!site.Now.IsZero() && site.Now.Sub(a.Published) > NewsWindow) {
			continue
		}
		if n++; n > NewsSitemapURLs {
			break
		}
		if a.Published.After(newest) {
			newest = a.Published
		}
		x.open("url")
		x.element("loc", siteURL(s)+"/"+e.rel())
		x.open("news:news")
		x.open("news:publication")
		x.element("news:name", editor.OneLine(s.Masthead))
		x.element("news:language", lang)
		x.close("news:publication")
		x.element("news:publication_date", rfc3339(a.Published, loc))
		x.element("news:title", editor.OneLine(a.Headline))
		x.close("news:news")
		x.close("url")
		x.nl()
	}
	x.close("urlset")
	x.nl()
	return newest, w.write(x.b.Bytes(), newsSitemapName)
}
