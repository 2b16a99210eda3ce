package editor_test

import (
	"errors"
	"strings"
	"testing"

	"copydesk/editor"
)

// limitArticle is valid; each case breaks one field.
func limitArticle() *editor.Article {
	return &editor.Article{Headline: "Council approves budget", Byline: []string{"Lisa Johnson"},
		Tags: []string{"budget"}, Body: "The council voted.", Status: editor.StatusDraft}
}

// TestLimitsThroughValidate checks that oversized, non-UTF-8 and NUL text
// is refused with a sentence naming the field, at the exact boundary.
func TestLimitsThroughValidate(t *testing.T) {
	tests := []struct {
		name    string
		change  func(a *editor.Article)
		field   string // "" means valid
		message string
	}{
		{"body at the limit", func(a *editor.Article) { a.Body = strings.Repeat("a", editor.MaxBodyBytes) }, "", ""},
		{"body one byte over", func(a *editor.Article) { a.Body = strings.Repeat("a", editor.MaxBodyBytes+1) },
			"body", "Body is larger than 20 MB"},
		{"body invalid UTF-8", func(a *editor.Article) { a.Body = "ok \xff\xfe not ok" },
			"body", "Body contains bytes that are not valid UTF-8 text"},
		{"body cut inside a character", func(a *editor.Article) { a.Body = "café"[:4] },
			"body", "Body contains bytes that are not valid UTF-8 text"},
		{"body NUL", func(a *editor.Article) { a.Body = "before\x00after" },
			"body", "Body contains a NUL character"},
		{"headline at the limit", func(a *editor.Article) { a.Headline = strings.Repeat("é", editor.MaxHeadlineRunes) }, "", ""},
		{"headline over", func(a *editor.Article) { a.Headline = strings.Repeat("é", editor.MaxHeadlineRunes+1) },
			"headline", "Headline is longer than 300 characters"},
		{"headline NUL", func(a *editor.Article) { a.Headline = "Council\x00" },
			"headline", "Headline contains a NUL character"},
		{"headline invalid UTF-8", func(a *editor.Article) { a.Headline = "Council \xc3" },
			"headline", "Headline contains bytes that are not valid UTF-8 text"},
		{"summary over", func(a *editor.Article) { a.Summary = strings.Repeat("x", editor.MaxFieldRunes+1) },
			"summary", "Summary is longer than 5000 characters"},
		{"byline NUL", func(a *editor.Article) { a.Byline = []string{"Lisa\x00Johnson"} },
			"byline", "Byline contains a NUL character"},
		{"tag invalid UTF-8", func(a *editor.Article) { a.Tags = []string{"\xed\xa0\x80"} }, // a UTF-16 surrogate
			"tags", "Tag contains bytes that are not valid UTF-8 text"},
		{"image alt NUL", func(a *editor.Article) { a.Image.Alt = "a\x00" },
			"image.alt", "Image alt text contains a NUL character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := limitArticle()
			tt.change(a)
			err := a.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate = %v, want nil", err)
				}
				return
			}
			var ve *editor.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Validate = %v, want a *ValidationError", err)
			}
			f := ve.For(tt.field)
			if f == nil {
				t.Fatalf("no problem reported for %q in %v", tt.field, err)
			}
			if f.Msg != tt.message {
				t.Errorf("message %q, want %q", f.Msg, tt.message)
			}
			if len(ve.Fields) != 1 {
				t.Errorf("%d problems reported, want only the one: %v", len(ve.Fields), err)
			}
		})
	}
}

// TestLimitsThroughParseMarkdown feeds the same bad input as a file: it is
// refused whole, with the line where the problem is.
func TestLimitsThroughParseMarkdown(t *testing.T) {
	front := "---\nheadline: Council approves budget\nbyline: Lisa Johnson\n---\n\n"
	tests := []struct {
		name string
		file string
		line int
		msg  string
	}{
		{"body at the limit", front + strings.Repeat("a", editor.MaxBodyBytes), 0, ""},
		{"body over the limit", front + strings.Repeat("a", editor.MaxBodyBytes+1), 6, "body is larger than 20 MB"},
		{"whole file over the limit", front + strings.Repeat("a", editor.MaxMarkdownBytes), 1, "file is larger than 21 MB"},
		{"invalid UTF-8 in the body", front + "line one\nline two \xff\n", 7, "contains bytes that are not valid UTF-8 text"},
		{"invalid UTF-8 in the headline", "---\nheadline: Caf\xe9\n---\nBody\n", 2, "contains bytes that are not valid UTF-8 text"},
		{"NUL in the body", front + "one\ntwo\nthree\x00\n", 8, "contains a NUL character"},
		{"NUL in the front matter", "---\nheadline: Council\nsummary: \"a\x00b\"\n---\nBody\n", 3, "contains a NUL character"},
		{"escaped NUL in YAML", "---\nheadline: \"Council\\0\"\n---\nBody\n", 2, "Headline contains a NUL character"},
		{"headline over the limit", "---\nheadline: " + strings.Repeat("x", editor.MaxHeadlineRunes+1) + "\n---\nBody\n", 2, "Headline is longer than 300 characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := editor.ParseMarkdown([]byte(tt.file))
			if tt.msg == "" {
				if err != nil {
					t.Fatalf("ParseMarkdown = %v, want the article", err)
				}
				if len(a.Body) != editor.MaxBodyBytes {
					t.Errorf("body is %d bytes, want %d", len(a.Body), editor.MaxBodyBytes)
				}
				return
			}
			if a != nil {
				t.Error("a refused file still returned an article")
			}
			var pe *editor.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("ParseMarkdown = %v, want a *ParseError", err)
			}
			if pe.Line != tt.line || pe.Msg != tt.msg {
				t.Errorf("got line %d %q, want line %d %q", pe.Line, pe.Msg, tt.line, tt.msg)
			}
		})
	}
}
