package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"strings"
	"sync"
	"time"

	"copydesk/assets"
	"copydesk/editor"
	"copydesk/editor/render"
)

var (
	tmplOnce sync.Once
	tmpl     *template.Template
	tmplErr  error
)

func templates() (*template.Template, error) {
	tmplOnce.Do(func() {
		tmpl, tmplErr = template.ParseFS(assets.Site, "site/*.html")
	})
	return tmpl, tmplErr
}

// page is what the site templates see. Every string is plain text that
// html/template escapes for its context; only Body and JSONLD are
// pre-built, by goldmark in safe mode and encoding/json respectively.
type page struct {
	Lang, Title, Description, Canonical, FeedURL string
	Root, HomeURL                                string
	Settings                                     editor.Settings
	Meta                                         []metaTag
	JSONLD                                       template.JS
	Year                                         int
	Article                                      *articleView
	Gone                                         *goneView
	// Robots, if set, is the robots meta tag ("noindex"): a tombstone
	// must drop out of search engines as a 410 would make it.
	Robots string
	// Prev and Next are a paginated list's neighbours ("" at either end).
	Prev, Next string
	PageNumber int // 0 on an unpaginated page or the first page
	Heading    string
	Groups     []listGroup
	Nav        []navLink
}

// navLink is one section in the home page's list of sections.
type navLink struct{ Name, URL string }

type metaTag struct{ Property, Name, Content string }

type articleView struct {
	Section, SectionURL, Headline, Byline string
	Draft                                 bool
	Datetime, DateText                    string
	// Embargo replaces the date while the article may not yet be
	// published: "Embargoed until …" in the newsroom's time zone.
	Embargo                      string
	UpdatedDatetime, UpdatedText string // the newest correction, "" if none
	Share                        []ShareLink
	Image                        *imageView
	Summary                      string
	Body                         template.HTML
	Corrections                  []correctionView
}

// ShareLink is one "Share:" link of the site page.
type ShareLink struct{ Name, URL string }

type imageView struct {
	Src, Alt, Caption, Credit string
	Width, Height             int    // 0 when unknown
	Srcset, Sizes             string // "" without smaller copies
}

type correctionView struct{ Datetime, DateText, Text string }

// goneView is the tombstone left where a killed article was.
type goneView struct{ Masthead, HomeURL string }

type listGroup struct {
	Name, URL string
	Items     []listItem
}

type listItem struct {
	URL, Headline, Summary, Byline, Datetime, DateText string
}

// dateText is the absolute date readers see without script: "November 26, 2026".
func dateText(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("January 2, 2006")
}

// ShareLinks are plain links to each network's share page; no third-party
// script is ever loaded.
func ShareLinks(headline, pageURL string) []ShareLink {
	q := url.QueryEscape
	h := editor.OneLine(headline)
	return []ShareLink{
		{"Email", "mailto:?subject=" + strings.ReplaceAll(q(h), "+", "%20") + "&body=" + q(pageURL)},
		{"X", "https://x.com/intent/tweet?url=" + q(pageURL) + "&text=" + q(h)},
		{"Facebook", "https://www.facebook.com/sharer/sharer.php?u=" + q(pageURL)},
		{"LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url=" + q(pageURL)},
	}
}

func articlePage(a *editor.Article, site Site) (*page, error) {
	s := site.Settings
	loc := location(s)
	canonical := CanonicalURL(a, s)
	body, err := render.HTMLString([]byte(a.Body), a.Dateline)
	if err != nil {
		return nil, fmt.Errorf("render body: %w", err)
	}
	headline := editor.OneLine(a.Headline)
	byline := BylineText(a.Byline)
	v := &articleView{
		Section:    editor.OneLine(a.Section),
		SectionURL: site.Root + SectionSlug(a.Section) + "/index.html",
		Headline:   headline,
		Byline:     byline,
		Draft:      a.Published.IsZero(),
		Datetime:   rfc3339(pubTime(a), loc),
		DateText:   dateText(pubTime(a), loc),
		Share:      ShareLinks(headline, canonical),
		Summary:    strings.TrimSpace(a.Summary),
		Body:       template.HTML(body), // goldmark safe mode + render's URL rules
	}
	if site.Root == "" {
		// A page exported on its own (or opened from the preview) has no
		// site around it: its links go to the published site instead.
		v.SectionURL = siteURL(s) + "/" + SectionSlug(a.Section) + "/"
	}
	if ref := imageRef(a); ref != "" {
		v.Image = &imageView{Src: ref, Alt: a.Image.Alt, Caption: a.Image.Caption, Credit: a.Image.Credit}
		if m := site.image; m != nil && m.src == a.Image.Src {
			v.Image.Width, v.Image.Height = m.width, m.height
			if set := m.srcset(ref); set != "" {
				v.Image.Srcset, v.Image.Sizes = set, siteSizes
			}
		}
	}
	for _, c := range a.Corrections {
		v.Corrections = append(v.Corrections, correctionView{rfc3339(c.Time, loc), editor.APDate(c.Time, loc), editor.OneLine(c.Text)})
	}
	if t := a.LastCorrected(); !t.IsZero() {
		v.UpdatedDatetime, v.UpdatedText = rfc3339(t, loc), editor.APTime(t, loc)
	}
	if a.Embargoed(site.Now) {
		v.Embargo = "Embargoed until " + editor.APTime(a.Embargo, loc)
	}
	description := editor.OneLine(a.Summary)
	p := &page{
		Lang:        language(s),
		Title:       headline + " | " + editor.OneLine(s.Masthead),
		Description: description,
		Canonical:   canonical,
		FeedURL:     site.Root + "feed.xml",
		HomeURL:     site.Root + "index.html",
		Root:        site.Root,
		Settings:    s,
		Year:        yearOf(site, a),
		Article:     v,
	}
	if site.Root == "" {
		p.FeedURL = siteURL(s) + "/feed.xml"
		p.HomeURL = siteURL(s) + "/"
	}
	img := imageURL(a, s)
	og := []metaTag{
		{Property: "og:type", Content: "article"},
		{Property: "og:site_name", Content: editor.OneLine(s.Masthead)},
		{Property: "og:title", Content: headline},
		{Property: "og:description", Content: description},
		{Property: "og:url", Content: canonical},
	}
	if img != "" {
		og = append(og, metaTag{Property: "og:image", Content: img})
		if a.Image.Alt != "" {
			og = append(og, metaTag{Property: "og:image:alt", Content: editor.OneLine(a.Image.Alt)})
		}
	}
	if !a.Published.IsZero() {
		og = append(og, metaTag{Property: "article:published_time", Content: rfc3339(a.Published, loc)})
	}
	if t := modTime(a); !t.IsZero() {
		og = append(og, metaTag{Property: "article:modified_time", Content: rfc3339(t, loc)})
	}
	if a.Section != "" {
		og = append(og, metaTag{Property: "article:section", Content: editor.OneLine(a.Section)})
	}
	for _, name := range a.Byline {
		og = append(og, metaTag{Property: "article:author", Content: editor.OneLine(name)})
	}
	for _, t := range a.Tags {
		og = append(og, metaTag{Property: "article:tag", Content: editor.OneLine(t)})
	}
	card := "summary"
	if img != "" {
		card = "summary_large_image"
	}
	og = append(og,
		metaTag{Name: "twitter:card", Content: card},
		metaTag{Name: "twitter:title", Content: headline},
		metaTag{Name: "twitter:description", Content: description},
	)
	if img != "" {
		og = append(og, metaTag{Name: "twitter:image", Content: img})
	}
	p.Meta = og
	ld, err := jsonLD(a, site)
	if err != nil {
		return nil, err
	}
	p.JSONLD = template.JS(ld)
	return p, nil
}

func yearOf(site Site, a *editor.Article) int {
	if !site.Now.IsZero() {
		return site.Now.In(location(site.Settings)).Year()
	}
	if a != nil && !modTime(a).IsZero() {
		return modTime(a).Year()
	}
	return 2026
}

// jsonLD is the schema.org NewsArticle. encoding/json escapes <, > and &
// as \u003c, \u003e and \u0026 (and U+2028/9), so no field can close the
// <script> element it sits in.
func jsonLD(a *editor.Article, site Site) ([]byte, error) {
	s := site.Settings
	loc := location(s)
	canonical := CanonicalURL(a, s)
	type thing = map[string]any
	authors := []thing{}
	for _, n := range a.Byline {
		if n = editor.OneLine(n); n != "" {
			authors = append(authors, thing{"@type": "Person", "name": n})
		}
	}
	doc := thing{
		"@context":         "https://schema.org",
		"@type":            "NewsArticle",
		"headline":         editor.OneLine(a.Headline),
		"description":      editor.OneLine(a.Summary),
		"author":           authors,
		"mainEntityOfPage": thing{"@type": "WebPage", "@id": canonical},
		"url":              canonical,
		"publisher": thing{
			"@type": "NewsMediaOrganization",
			"name":  editor.OneLine(s.Masthead),
			"url":   siteURL(s) + "/",
		},
		"wordCount":  a.Stats().Words,
		"inLanguage": language(s),
	}
	if a.Section != "" {
		doc["articleSection"] = editor.OneLine(a.Section)
	}
	if !a.Published.IsZero() {
		doc["datePublished"] = rfc3339(a.Published, loc)
	}
	if t := modTime(a); !t.IsZero() {
		doc["dateModified"] = rfc3339(t, loc)
	}
	if d := render.FormatDateline(a.Dateline); d != "" {
		doc["dateline"] = d
	}
	if img := imageURL(a, s); img != "" {
		im := thing{"@type": "ImageObject", "url": img}
		if a.Image.Caption != "" {
			im["caption"] = a.Image.Caption
		}
		if a.Image.Credit != "" {
			im["creditText"] = a.Image.Credit
		}
		doc["image"] = im
	}
	if len(a.Tags) > 0 {
		doc["keywords"] = a.Tags
	}
	if len(a.Corrections) > 0 {
		var cs []thing
		for _, c := range a.Corrections {
			cs = append(cs, thing{"@type": "CorrectionComment", "text": editor.OneLine(c.Text), "datePublished": rfc3339(c.Time, loc)})
		}
		doc["correction"] = cs
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("json-ld: %w", err)
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// EncodeHTML writes the article's standalone site page. It links
// site.Root+"assets/site.css" and ".../site.js"; WriteAssets writes them.
func EncodeHTML(w io.Writer, a *editor.Article, site Site) error {
	p, err := articlePage(a, site)
	if err != nil {
		return err
	}
	t, err := templates()
	if err != nil {
		return fmt.Errorf("site template: %w", err)
	}
	return t.ExecuteTemplate(w, "article", p)
}
