package export

import (
	"bytes"
	"fmt"
	"io"

	"go.yaml.in/yaml/v3"

	"copydesk/editor"
	"copydesk/editor/render"
)

// hugoFront uses Hugo's own front matter keys; everything Hugo has no key
// for goes under params, where templates read it as .Params.
type hugoFront struct {
	Title       string     `yaml:"title"`
	Date        string     `yaml:"date,omitempty"`
	Lastmod     string     `yaml:"lastmod,omitempty"`
	PublishDate string     `yaml:"publishDate,omitempty"`
	Slug        string     `yaml:"slug"`
	Description string     `yaml:"description,omitempty"`
	Draft       bool       `yaml:"draft"`
	Markup      string     `yaml:"markup"`
	Categories  []string   `yaml:"categories,omitempty"`
	Tags        []string   `yaml:"tags,omitempty"`
	Authors     []string   `yaml:"authors,omitempty"`
	Params      hugoParams `yaml:"params"`
}

type hugoParams struct {
	UID         string           `yaml:"uid,omitempty"`
	Dateline    string           `yaml:"dateline,omitempty"`
	Byline      string           `yaml:"byline,omitempty"`
	Status      string           `yaml:"status"`
	Images      []string         `yaml:"images,omitempty"` // what Hugo's built-in opengraph/twitter templates read
	Image       *hugoImage       `yaml:"image,omitempty"`
	Corrections []hugoCorrection `yaml:"corrections,omitempty"`
	Canonical   string           `yaml:"canonical"`
}

type hugoImage struct {
	Src     string `yaml:"src"`
	Alt     string `yaml:"alt,omitempty"`
	Caption string `yaml:"caption,omitempty"`
	Credit  string `yaml:"credit,omitempty"`
}

type hugoCorrection struct {
	Date string `yaml:"date"`
	Text string `yaml:"text"`
}

// EncodeHugo writes a Hugo content file (index.md of a page bundle). A
// library image is referred to by the file name the exporter writes beside
// it, so the bundle is self-contained. Unpublished articles are drafts.
//
// The body is Copydesk's own rendering, as HTML with "markup: html", not
// the Markdown source: Hugo's Markdown renderer (goldmark as built into
// Hugo 0.111, Debian's) turns [x](JaVaScRiPt:…) and entity-encoded
// javascript: links into live links, which the hugo build test caught.
// Passing the safe HTML through also gives the site the same dateline
// run-in, typography and footnotes as the preview. The Markdown source
// travels in the "markdown" format.
func EncodeHugo(w io.Writer, a *editor.Article, site Site) error {
	s := site.Settings
	loc := location(s)
	f := hugoFront{
		Title:   editor.OneLine(a.Headline),
		Date:    rfc3339(pubTime(a), loc),
		Lastmod: rfc3339(modTime(a), loc),
		// Hugo leaves out pages whose publishDate is still ahead, which
		// is what an embargo asks of a site.
		PublishDate: rfc3339(a.Embargo, loc),
		Slug:        Slug(a),
		Description: editor.OneLine(a.Summary),
		Draft:       a.Status != editor.StatusPublished,
		Markup:      "html",
		Tags:        a.Tags,
		Params: hugoParams{
			UID:       a.UID,
			Dateline:  render.FormatDateline(a.Dateline),
			Byline:    BylineText(a.Byline),
			Status:    string(a.Status),
			Canonical: CanonicalURL(a, s),
		},
	}
	if a.Section != "" {
		f.Categories = []string{editor.OneLine(a.Section)}
	}
	for _, n := range a.Byline {
		if n = editor.OneLine(n); n != "" {
			f.Authors = append(f.Authors, n)
		}
	}
	if ref := imageRef(a); ref != "" {
		f.Params.Images = []string{ref}
		f.Params.Image = &hugoImage{Src: ref, Alt: a.Image.Alt, Caption: a.Image.Caption, Credit: a.Image.Credit}
	}
	for _, c := range a.Corrections {
		f.Params.Corrections = append(f.Params.Corrections, hugoCorrection{rfc3339(c.Time, loc), c.Text})
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(f); err != nil {
		return fmt.Errorf("hugo front matter: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("hugo front matter: %w", err)
	}
	b.WriteString("---\n\n")
	if err := render.HTML(&b, []byte(a.Body), a.Dateline); err != nil {
		return fmt.Errorf("hugo body: %w", err)
	}
	_, err := w.Write(b.Bytes())
	return err
}
