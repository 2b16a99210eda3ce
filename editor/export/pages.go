package export

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"copydesk/editor"
)

// EncodeTombstone writes the page left at a killed article's address: it
// says the article was withdrawn and asks search engines to drop it, as
// an HTTP 410 would; a static host cannot send the status itself. It
// names neither the headline nor the reason, which are often why the
// article was killed.
func EncodeTombstone(w io.Writer, a *editor.Article, site Site) error {
	t, err := templates()
	if err != nil {
		return err
	}
	return t.ExecuteTemplate(w, "gone", tombstonePage(a, site))
}

func tombstonePage(a *editor.Article, site Site) *page {
	s := site.Settings
	return &page{
		Lang: language(s), Root: site.Root, Settings: s, Year: yearOf(site, nil),
		Title:   "Article withdrawn | " + editor.OneLine(s.Masthead),
		Robots:  "noindex",
		HomeURL: site.Root + "index.html",
		FeedURL: site.Root + "feed.xml",
		Gone:    &goneView{Masthead: editor.OneLine(s.Masthead), HomeURL: site.Root + "index.html"},
	}
}

func (w *siteWriter) tombstones(killed []entry, site Site) error {
	if site.Settings.KilledPages == editor.KilledRemove {
		return nil // prune removes the old page
	}
	site.Root = "../../"
	t, err := templates()
	if err != nil {
		return fmt.Errorf("site template: %w", err)
	}
	for _, e := range killed {
		var b bytes.Buffer
		if err := t.ExecuteTemplate(&b, "gone", tombstonePage(e.a, site)); err != nil {
			return fmt.Errorf("%s: %w", e.rel(), err)
		}
		changed, err := w.writeChanged(b.Bytes(), e.section, e.slug, "index.html")
		if err != nil {
			return err
		}
		if changed {
			w.changedIDs[e.a.ID] = true
		}
	}
	return nil
}

// listPageSize is Settings.ListPageSize, or the default when unset.
func listPageSize(s editor.Settings) int {
	if s.ListPageSize > 0 {
		return s.ListPageSize
	}
	return editor.DefaultListPageSize
}

// pagePath is where page n (from 1) of the list rooted at dir lives:
// dir/index.html, then dir/page/2/index.html and on.
func pagePath(dir []string, n int) []string {
	p := append([]string(nil), dir...)
	if n > 1 {
		p = append(p, "page", strconv.Itoa(n))
	}
	return append(p, "index.html")
}

// relRoot is the way from a file at segments back to the site root.
func relRoot(segments []string) string {
	return strings.Repeat("../", len(segments)-1)
}

// pageURL is the address of page n of the list at dir, relative to the
// site root.
func pageURL(dir []string, n int) string {
	return strings.Join(pagePath(dir, n), "/")
}

func item(e entry, root string, loc *time.Location) listItem {
	return listItem{
		URL:      root + e.rel() + "index.html",
		Headline: editor.OneLine(e.a.Headline),
		Summary:  editor.OneLine(e.a.Summary),
		Byline:   BylineText(e.a.Byline),
		Datetime: rfc3339(pubTime(e.a), loc),
		DateText: dateText(pubTime(e.a), loc),
	}
}

// paginate writes list in pages of the newsroom's page size under dir,
// with rel=prev/next between them; fill completes each page.
func (w *siteWriter) paginate(list []entry, dir []string, site Site, fill func(p *page, n int, items []listItem)) error {
	size := listPageSize(site.Settings)
	loc := location(site.Settings)
	pages := max(1, (len(list)+size-1)/size)
	for n := 1; n <= pages; n++ {
		segs := pagePath(dir, n)
		root := relRoot(segs)
		chunk := list[min((n-1)*size, len(list)):min(n*size, len(list))]
		p := listPage(site, root)
		if n > 1 {
			p.Prev = root + pageURL(dir, n-1)
			p.PageNumber = n
		}
		if n < pages {
			p.Next = root + pageURL(dir, n+1)
		}
		p.Canonical = siteURL(site.Settings) + "/" + strings.TrimSuffix(pageURL(dir, n), "index.html")
		fill(p, n, nil)
		// The page is made from what fill put on it and what it lists; if
		// the last export made it from the same, it is not rendered again.
		m := newMarker(w.base, "list")
		m.int(int64(n))
		for _, f := range []string{p.Title, p.Heading, p.Description, p.Canonical, p.Prev, p.Next} {
			m.str(f)
		}
		for _, l := range p.Nav {
			m.str(l.Name)
			m.str(l.URL)
		}
		for _, e := range chunk {
			m.listed(e)
		}
		if w.keepOrNote(FileMark{Mark: m.sum()}, segs...) {
			continue
		}
		items := make([]listItem, len(chunk))
		for i, e := range chunk {
			items[i] = item(e, root, loc)
		}
		fill(p, n, items)
		if err := w.render("list", p, segs...); err != nil {
			return err
		}
	}
	return nil
}

func listPage(site Site, root string) *page {
	s := site.Settings
	return &page{
		Lang: language(s), Root: root, Settings: s, Year: yearOf(site, nil),
		FeedURL: root + "feed.xml", HomeURL: root + "index.html",
	}
}

// lists writes the pages of each section and the home page's: every
// article newest first, paginated, the home page opening with links to
// the sections in the newsroom's order.
func (w *siteWriter) lists(entries []entry, site Site) error {
	s := site.Settings
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
	masthead := editor.OneLine(s.Masthead)
	var nav []navLink
	for _, sec := range order {
		list := bySection[sec]
		if len(list) == 0 {
			continue
		}
		nav = append(nav, navLink{Name: names[sec], URL: sec + "/index.html"})
		err := w.paginate(list, []string{sec}, site, func(p *page, n int, items []listItem) {
			p.Title = names[sec] + pageSuffix(n) + " | " + masthead
			p.Heading = names[sec]
			p.Description = names[sec] + " from " + masthead
			p.Groups = []listGroup{{Items: items}}
		})
		if err != nil {
			return err
		}
	}
	return w.paginate(entries, nil, site, func(p *page, n int, items []listItem) {
		p.Title = masthead + pageSuffix(n)
		p.Description = editor.OneLine(s.Tagline)
		if n == 1 {
			p.Nav = nav
		}
		p.Groups = []listGroup{{Name: "Latest", Items: items}}
		if n > 1 {
			p.Heading = "Latest"
			p.Groups[0].Name = ""
		}
	})
}

// pageSuffix tells pages of one list apart in titles and tabs.
func pageSuffix(n int) string {
	if n <= 1 {
		return ""
	}
	return ", page " + strconv.Itoa(n)
}
