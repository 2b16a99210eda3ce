// Package editor is Copydesk's domain: the Article, its validation and
// statistics, the interfaces storage implements, and the interchange
// format. It imports no Fyne and no SQL, so every caller (window, CLI,
// exporters, tests) shares one definition of what an article is.
package editor

import (
	"time"
)

// Status is where an article stands in the desk's workflow.
type Status string

// The workflow statuses, in the order an article normally moves through them.
const (
	StatusDraft     Status = "draft"
	StatusFiled     Status = "filed"
	StatusEditing   Status = "editing"
	StatusApproved  Status = "approved"
	StatusPublished Status = "published"
	// StatusKilled is a published article withdrawn by an editor: it
	// leaves the site (a tombstone page may stand in its place) but stays
	// in the library with its history.
	StatusKilled Status = "killed"
	StatusSpiked Status = "spiked"
)

// Statuses lists every valid status in workflow order.
var Statuses = []Status{StatusDraft, StatusFiled, StatusEditing, StatusApproved, StatusPublished, StatusKilled, StatusSpiked}

// Valid reports whether s is one of Statuses.
func (s Status) Valid() bool {
	for _, v := range Statuses {
		if s == v {
			return true
		}
	}
	return false
}

// ParseStatus returns the status named by s, or a FieldError naming the valid ones.
func ParseStatus(s string) (Status, error) {
	st := Status(s)
	if !st.Valid() {
		return "", &FieldError{Field: "status", Msg: "Status must be one of " + statusNames()}
	}
	return st, nil
}

// Image is the article's featured image.
type Image struct {
	Src     string `json:"src" yaml:"src,omitempty"`         // path or URL; a library image is "copydesk-image:<sha256>"
	Alt     string `json:"alt" yaml:"alt,omitempty"`         // read aloud by screen readers; must describe, not repeat the headline
	Caption string `json:"caption" yaml:"caption,omitempty"` // shown under the image
	Credit  string `json:"credit" yaml:"credit,omitempty"`   // photographer or agency
}

// IsZero reports whether no image is attached.
func (i Image) IsZero() bool { return i == Image{} }

// Article is one story from first draft to publication.
type Article struct {
	ID        int64     `json:"id"`
	UID       string    `json:"uid"`      // stable across machines and exports (UUID)
	Slug      string    `json:"slug"`     // URL path segment; derived from the headline unless set
	Headline  string    `json:"headline"` // required
	Byline    []string  `json:"byline"`   // one name per author, without "By"
	Section   string    `json:"section"`
	Summary   string    `json:"summary"`  // the dek shown under the byline
	Dateline  string    `json:"dateline"` // "PARIS"; rendered in capitals before the first paragraph
	Tags      []string  `json:"tags"`
	Image     Image     `json:"image"`
	Body      string    `json:"body"` // Markdown source
	Status    Status    `json:"status"`
	Version   int64     `json:"version"` // bumped on every save; guards against lost updates
	Created   time.Time `json:"created"`
	Updated   time.Time `json:"updated"`
	Published time.Time `json:"published,omitzero"` // zero until first published
	// Embargo, when set, is the moment before which no site or export may
	// carry the article; wire formats pass it on to partners.
	Embargo time.Time `json:"embargo,omitzero"`
	// Corrections are appended when a published article is corrected and
	// republished; the site page and ninjs show them, newest last.
	Corrections []Correction `json:"corrections,omitempty"`
}

// Correction is one dated correction note on a published article.
type Correction struct {
	Time time.Time `json:"time" yaml:"time"`
	Text string    `json:"text" yaml:"text"`
}

// Clone returns a deep copy, so a copy handed to a background save cannot
// be changed by the UI goroutine while it is being written.
func (a *Article) Clone() *Article {
	if a == nil {
		return nil
	}
	c := *a
	c.Byline = append([]string(nil), a.Byline...)
	c.Tags = append([]string(nil), a.Tags...)
	c.Corrections = append([]Correction(nil), a.Corrections...)
	return &c
}

// Summary is the row shown in lists and returned by searches.
type Summary struct {
	ID       int64     `json:"id"`
	UID      string    `json:"uid"`
	Slug     string    `json:"slug"`
	Headline string    `json:"headline"`
	Byline   []string  `json:"byline"`
	Section  string    `json:"section"`
	Status   Status    `json:"status"`
	Updated  time.Time `json:"updated"`
	Words    int       `json:"words"`
}

// Filter selects articles for lists and searches. Zero fields do not filter.
type Filter struct {
	Status  Status
	Section string
	Author  string // matches one byline name, case-insensitively
	Query   string // typed by a person; never a syntax error
	Limit   int    // 0 means a default page size
	Offset  int
}

// Revision is one saved state of an article.
type Revision struct {
	ArticleID int64     `json:"article_id"`
	Number    int       `json:"revision"` // 1 for the first save, counting up
	Version   int64     `json:"version"`  // the article version this revision holds
	Time      time.Time `json:"time"`
	Author    string    `json:"author"` // the person from Settings at save time
	Status    Status    `json:"status"`
	Words     int       `json:"words"`
	Headline  string    `json:"headline"`
}
