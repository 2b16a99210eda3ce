// Package export writes articles in the formats the site and the wires
// read: the site's HTML page, the Copydesk Markdown interchange file, a
// Hugo page bundle, IPTC ninjs and NITF, and plain wire copy, plus a whole
// static site. Every encoder writes to an io.Writer and is deterministic:
// the same article and Site give the same bytes. Only WriteSite touches
// files.
package export

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"strings"
	"sync"
	"time"

	"copydesk/editor"
	"copydesk/editor/render"
)

// Site is everything an encoder needs besides the article.
type Site struct {
	Settings editor.Settings
	// Now stands in for the clock (footer year, the news sitemap's
	// two-day window), so exports are reproducible in tests.
	Now time.Time
	// Images resolves library images ("copydesk-image:…"); nil means
	// library images are referenced but not copied.
	Images editor.ImageSource
	// Root is the relative path from the written page to the site root
	// ("" for a single page written beside its assets, "../../" for an
	// article page of a static site). Encoders use it for CSS, script and
	// internal links.
	Root string
	// SitemapURLs caps the URLs per sitemap file; 0 means the protocol's
	// SitemapURLs. Tests set it low to see several files.
	SitemapURLs int
	// Memory, if set, is where WriteSite remembers what it wrote, so the
	// next export renders only the pages whose inputs changed: publishing
	// one article into a large site rewrites its page, the list pages
	// showing it, the feed and its sitemap file. Articles are taken as
	// changed when their Version or Updated differ, as the library bumps
	// both on every save.
	Memory SiteMemory
	// Full makes WriteSite render every page even when Memory remembers
	// it, for a folder changed by hand; the result is remembered anew.
	Full bool
	// Load, if set, reads the whole article for a page WriteSite must
	// render; the articles given to WriteSite may then lack their bodies.
	Load func(ctx context.Context, id int64) (*editor.Article, error)
	// image is the size and smaller copies of the article's library
	// image, which WriteSite works out before rendering the page.
	image *imageMeta
	// Progress, if set, is called by WriteSite after each article page
	// (from one goroutine at a time), for progress bars and CLI output.
	Progress func(done, total int)
}

// Format is one export format. Formats are data so the CLI, the window and
// the tests iterate over the same list.
type Format struct {
	Name      string // "html", "markdown", "hugo", "ninjs", "nitf", "text"
	MediaType string
	Ext       string // file extension without the dot
	// Bundle formats are written as DIR/<slug>/index.<ext> with the image
	// beside them (a Hugo page bundle); others as DIR/<slug>.<ext>.
	Bundle bool
	// WantsImage says whether a library image should be written beside
	// the output, because the output refers to it by a relative name.
	WantsImage bool
	Encode     func(w io.Writer, a *editor.Article, site Site) error
}

// The formats, in the order menus and help list them.
var (
	HTML     = Format{Name: "html", MediaType: "text/html; charset=utf-8", Ext: "html", WantsImage: true, Encode: EncodeHTML}
	Markdown = Format{Name: "markdown", MediaType: "text/markdown; charset=utf-8", Ext: "md", WantsImage: true, Encode: EncodeMarkdown}
	Hugo     = Format{Name: "hugo", MediaType: "text/markdown; charset=utf-8", Ext: "md", Bundle: true, WantsImage: true, Encode: EncodeHugo}
	NINJS    = Format{Name: "ninjs", MediaType: "application/ninjs+json", Ext: "json", Encode: EncodeNINJS}
	NITF     = Format{Name: "nitf", MediaType: "application/nitf+xml", Ext: "xml", Encode: EncodeNITF}
	Text     = Format{Name: "text", MediaType: "text/plain; charset=utf-8", Ext: "txt", Encode: EncodeText}
)

// Formats lists every export format.
var Formats = []Format{HTML, Markdown, Hugo, NINJS, NITF, Text}

// Lookup returns the format called name (case-insensitive).
func Lookup(name string) (Format, bool) {
	for _, f := range Formats {
		if strings.EqualFold(f.Name, name) {
			return f, true
		}
	}
	return Format{}, false
}

// FormatNames is "html, markdown, …" for usage and error messages.
func FormatNames() string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = f.Name
	}
	return strings.Join(names, ", ")
}

// EncodeMarkdown writes the Copydesk interchange file. A library image is
// referred to by the file name the exporter writes beside it (as
// ImageFileName), not by its library key, which means nothing outside the
// library; importing the file reads the image back from beside it.
func EncodeMarkdown(w io.Writer, a *editor.Article, _ Site) error {
	if name := ImageFileName(a); name != "" {
		a = a.Clone()
		a.Image.Src = name
	}
	return editor.WriteMarkdown(w, a)
}

// LibraryImagePrefix starts the src of an image kept in the library.
const LibraryImagePrefix = editor.ImageSrcPrefix

// Slug is the article's path segment: its own slug made safe, else one
// derived from the headline, else from its id.
func Slug(a *editor.Article) string {
	for _, s := range []string{a.Slug, a.Headline} {
		if seg := SafeSegment(s); seg != "" {
			return seg
		}
	}
	return fmt.Sprintf("article-%d", a.ID)
}

// SectionSlug is the path segment of a section's pages.
func SectionSlug(section string) string {
	if s := SafeSegment(section); s != "" {
		return s
	}
	return "articles"
}

// ArticlePath is the article's page path relative to the site root,
// "politics/budget-passes/".
func ArticlePath(a *editor.Article) string {
	return SectionSlug(a.Section) + "/" + Slug(a) + "/"
}

// CanonicalURL is where the article lives on the published site.
func CanonicalURL(a *editor.Article, s editor.Settings) string {
	return siteURL(s) + "/" + ArticlePath(a)
}

func siteURL(s editor.Settings) string {
	u := strings.TrimRight(strings.TrimSpace(s.SiteURL), "/")
	if pu, err := url.Parse(u); err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
		// A misconfigured base URL must not turn into javascript: links.
		return "https://example.invalid"
	}
	return u
}

// ImageFileName is the name under which a library image is written beside
// the page, or "" if the article's image is not in the library.
func ImageFileName(a *editor.Article) string {
	_, ext, ok := editor.ParseLibraryImageSrc(a.Image.Src)
	if !ok {
		return ""
	}
	return Slug(a) + "." + ext
}

// imageRef is how the page refers to the image ("" for none): the
// relative file beside it for library images, the URL for web images.
// Anything else (a local path that was never imported, a script URL) is
// left out rather than published broken or dangerous.
func imageRef(a *editor.Article) string {
	if name := ImageFileName(a); name != "" {
		return name
	}
	src := strings.TrimSpace(a.Image.Src)
	if isWebURL(src) {
		u, _ := url.Parse(src)
		return u.String() // escapes spaces and the like, so it is a valid URI everywhere
	}
	return ""
}

// imageURL is the image's absolute URL, for metadata read off-site.
func imageURL(a *editor.Article, s editor.Settings) string {
	ref := imageRef(a)
	if ref == "" || isWebURL(ref) {
		return ref
	}
	return CanonicalURL(a, s) + ref
}

func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && render.SafeURL(s)
}

// BylineText is the page's byline line: "By " and editor.JoinByline's
// names; "" with no authors.
func BylineText(names []string) string {
	if by := editor.JoinByline(names); by != "" {
		return "By " + by
	}
	return ""
}

// pubTime is the article's date for readers: published, else updated.
func pubTime(a *editor.Article) time.Time {
	if !a.Published.IsZero() {
		return a.Published
	}
	return a.Updated
}

func modTime(a *editor.Article) time.Time {
	if a.Updated.IsZero() {
		return pubTime(a)
	}
	return a.Updated
}

func created(a *editor.Article) time.Time {
	if !a.Created.IsZero() {
		return a.Created
	}
	return modTime(a)
}

func rfc3339(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format(time.RFC3339)
}

// language is the article language from settings, "en-US" if unset.
func language(s editor.Settings) string {
	if l := strings.TrimSpace(s.Language); l != "" {
		return l
	}
	return "en-US"
}

var locations sync.Map // time zone name → *time.Location

// location is Settings.Location, cached: loading a zone reads and parses
// a zoneinfo file, which a 10,000-article export would otherwise do
// 20,000 times.
func location(s editor.Settings) *time.Location {
	if l, ok := locations.Load(s.TimeZone); ok {
		return l.(*time.Location)
	}
	l := s.Location()
	locations.Store(s.TimeZone, l)
	return l
}
