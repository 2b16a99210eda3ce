package editor

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Limits that keep one bad paste or file from swamping the library.
const (
	MaxBodyBytes     = 20 << 20 // 20 MB of Markdown is far beyond any story
	MaxHeadlineRunes = 300
	MaxFieldRunes    = 5000 // summary, caption and other single fields
)

// Validate checks everything a save requires and returns a
// *ValidationError listing every problem, or nil. Editorial advice (length
// guides, style) is not here: that is the checks' job and never blocks a save.
func (a *Article) Validate() error {
	var errs []*FieldError
	add := func(field, format string, args ...any) {
		errs = append(errs, &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	text := func(field, label, v string, max int) {
		switch {
		case !utf8.ValidString(v):
			add(field, "%s contains bytes that are not valid UTF-8 text", label)
		case strings.ContainsRune(v, 0):
			add(field, "%s contains a NUL character", label)
		case max > 0 && utf8.RuneCountInString(v) > max:
			add(field, "%s is longer than %d characters", label, max)
		}
	}
	if strings.TrimSpace(a.Headline) == "" {
		add("headline", "Headline is required")
	}
	text("headline", "Headline", a.Headline, MaxHeadlineRunes)
	if a.Slug != "" && !ValidSlug(a.Slug) {
		add("slug", "Slug may contain only a–z, 0–9 and '-' (no leading, trailing or double '-'), at most %d characters", MaxSlugLen)
	}
	for i, name := range a.Byline {
		if strings.TrimSpace(name) == "" {
			add("byline", "Byline name %d is empty", i+1)
		}
		text("byline", "Byline", name, 200)
	}
	text("section", "Section", a.Section, 100)
	text("summary", "Summary", a.Summary, MaxFieldRunes)
	text("dateline", "Dateline", a.Dateline, 100)
	for _, t := range a.Tags {
		if strings.TrimSpace(t) == "" {
			add("tags", "Tags must not be empty")
		}
		text("tags", "Tag", t, 100)
	}
	text("image.src", "Image source", a.Image.Src, 4096)
	text("image.alt", "Image alt text", a.Image.Alt, MaxFieldRunes)
	text("image.caption", "Image caption", a.Image.Caption, MaxFieldRunes)
	text("image.credit", "Image credit", a.Image.Credit, 500)
	if len(a.Body) > MaxBodyBytes {
		add("body", "Body is larger than %d MB", MaxBodyBytes>>20)
	} else {
		text("body", "Body", a.Body, 0)
	}
	if !a.Status.Valid() {
		add("status", "Status must be one of %s", statusNames())
	}
	if len(errs) == 0 {
		return nil
	}
	return &ValidationError{Fields: errs}
}
