package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"copydesk/editor"
	"copydesk/editor/render"
)

// NINJSVersion is the ninjs schema the encoder writes and the tests
// validate against.
const NINJSVersion = "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json#"

// ninjs mirrors the subset of ninjs 2.1 Copydesk fills. Field order is
// the struct order, so output is deterministic.
type ninjs struct {
	URI            string         `json:"uri"`
	Standard       ninjsStandard  `json:"standard"`
	Type           string         `json:"type"`
	Version        string         `json:"version,omitempty"`
	FirstCreated   string         `json:"firstcreated,omitempty"`
	VersionCreated string         `json:"versioncreated,omitempty"`
	ContentCreated string         `json:"contentcreated,omitempty"`
	Embargoed      string         `json:"embargoed,omitempty"`
	PubStatus      string         `json:"pubstatus"`
	Language       string         `json:"language,omitempty"`
	Headlines      []ninjsText    `json:"headlines"`
	By             string         `json:"by,omitempty"`
	Located        string         `json:"located,omitempty"`
	Slugline       string         `json:"slugline,omitempty"`
	Descriptions   []ninjsText    `json:"descriptions,omitempty"`
	Bodies         []ninjsBody    `json:"bodies,omitempty"`
	Subjects       []ninjsSubject `json:"subjects,omitempty"`
	People         []ninjsPerson  `json:"people,omitempty"`
	Associations   []ninjsAssoc   `json:"associations,omitempty"`
	EdNote         string         `json:"ednote,omitempty"`
	AltIDs         []ninjsText    `json:"altids,omitempty"`
}

type ninjsStandard struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Schema  string `json:"schema"`
}

type ninjsText struct {
	Role        string `json:"role,omitempty"`
	ContentType string `json:"contenttype,omitempty"`
	Value       string `json:"value"`
}

type ninjsBody struct {
	Role        string `json:"role,omitempty"`
	ContentType string `json:"contenttype"`
	CharCount   int    `json:"charcount"`
	WordCount   int    `json:"wordcount"`
	Value       string `json:"value"`
}

type ninjsSubject struct {
	Name string `json:"name"`
	Rel  string `json:"rel"`
}

type ninjsPerson struct {
	Name string `json:"name"`
	Rel  string `json:"rel"`
}

type ninjsAssoc struct {
	Name         string           `json:"name"`
	URI          string           `json:"uri"`
	Type         string           `json:"type"`
	Descriptions []ninjsText      `json:"descriptions,omitempty"`
	Headlines    []ninjsText      `json:"headlines,omitempty"`
	By           string           `json:"by,omitempty"`
	Renditions   []ninjsRendition `json:"renditions"`
}

type ninjsRendition struct {
	Name        string `json:"name"`
	Href        string `json:"href"`
	ContentType string `json:"contenttype,omitempty"`
}

func pubStatus(s editor.Status) string {
	switch s {
	case editor.StatusPublished:
		return "usable"
	case editor.StatusSpiked, editor.StatusKilled:
		return "canceled"
	default:
		return "withheld" // not yet cleared for use by partners
	}
}

// EncodeNINJS writes IPTC ninjs 2.1 JSON.
func EncodeNINJS(w io.Writer, a *editor.Article, site Site) error {
	s := site.Settings
	loc := location(s)
	uri := CanonicalURL(a, s)
	if a.UID != "" {
		uri = "urn:uuid:" + a.UID
	}
	var xhtml bytes.Buffer
	if err := render.XHTML(&xhtml, []byte(a.Body), a.Dateline); err != nil {
		return fmt.Errorf("ninjs body: %w", err)
	}
	plainBody := PlainText([]byte(a.Body), a.Dateline, 0)
	words := a.Stats().Words
	n := ninjs{
		URI:            uri,
		Standard:       ninjsStandard{Name: "ninjs", Version: "2.1", Schema: NINJSVersion},
		Type:           "text",
		FirstCreated:   rfc3339(created(a), loc),
		VersionCreated: rfc3339(modTime(a), loc),
		PubStatus:      pubStatus(a.Status),
		Language:       language(s),
		Headlines:      []ninjsText{{Role: "main", ContentType: "text/plain", Value: editor.OneLine(a.Headline)}},
		By:             BylineText(a.Byline),
		Located:        render.FormatDateline(a.Dateline),
		Slugline:       Slug(a),
		Bodies: []ninjsBody{
			{Role: "main", ContentType: "text/plain", CharCount: len([]rune(plainBody)), WordCount: words, Value: plainBody},
			{Role: "main", ContentType: "application/xhtml+xml", CharCount: len([]rune(plainBody)), WordCount: words, Value: xhtml.String()},
		},
		AltIDs: []ninjsText{{Role: "canonical-url", Value: CanonicalURL(a, s)}},
	}
	if a.Version > 0 {
		n.Version = strconv.FormatInt(a.Version, 10)
	}
	if !a.Published.IsZero() {
		n.ContentCreated = rfc3339(a.Published, loc)
	}
	if sum := strings.TrimSpace(a.Summary); sum != "" {
		n.Descriptions = []ninjsText{{Role: "summary", ContentType: "text/plain", Value: sum}}
	}
	if a.Section != "" {
		n.Subjects = append(n.Subjects, ninjsSubject{Name: editor.OneLine(a.Section), Rel: "section"})
	}
	for _, t := range a.Tags {
		n.Subjects = append(n.Subjects, ninjsSubject{Name: editor.OneLine(t), Rel: "tag"})
	}
	for _, p := range a.Byline {
		if p = editor.OneLine(p); p != "" {
			n.People = append(n.People, ninjsPerson{Name: p, Rel: "author"})
		}
	}
	if img := imageURL(a, s); img != "" {
		as := ninjsAssoc{Name: "featureimage", URI: img, Type: "picture", By: editor.OneLine(a.Image.Credit),
			Renditions: []ninjsRendition{{Name: "original", Href: img, ContentType: imageMediaType(img)}}}
		if a.Image.Alt != "" {
			as.Descriptions = append(as.Descriptions, ninjsText{Role: "alt", ContentType: "text/plain", Value: a.Image.Alt})
		}
		if a.Image.Caption != "" {
			as.Descriptions = append(as.Descriptions, ninjsText{Role: "caption", ContentType: "text/plain", Value: a.Image.Caption})
		}
		n.Associations = []ninjsAssoc{as}
	}
	// Corrections are for readers, so they are descriptions; ednote is
	// for the receiving desk only.
	for _, c := range a.Corrections {
		n.Descriptions = append(n.Descriptions, ninjsText{Role: "correction", ContentType: "text/plain",
			Value: "Correction, " + editor.APDate(c.Time, loc) + ": " + editor.OneLine(c.Text)})
	}
	if !a.Embargo.IsZero() {
		n.Embargoed = rfc3339(a.Embargo, loc)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	// HTML escaping on: a ninjs file may be pasted into a page by a partner.
	enc.SetEscapeHTML(true)
	return enc.Encode(n)
}

func imageMediaType(u string) string {
	l := strings.ToLower(u)
	switch {
	case strings.HasSuffix(l, ".png"):
		return "image/png"
	case strings.HasSuffix(l, ".gif"):
		return "image/gif"
	case strings.HasSuffix(l, ".webp"):
		return "image/webp"
	case strings.HasSuffix(l, ".jpg"), strings.HasSuffix(l, ".jpeg"):
		return "image/jpeg"
	}
	return ""
}
