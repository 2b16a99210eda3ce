package editor_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"copydesk/editor"
)

func validArticle() *editor.Article {
	return &editor.Article{
		Headline: "Council approves budget",
		Slug:     "council-approves-budget",
		Byline:   []string{"Lisa Johnson"},
		Section:  "Local",
		Summary:  "The vote was 7–2.",
		Dateline: "APPLETON",
		Tags:     []string{"budget"},
		Image:    editor.Image{Src: "a.jpg", Alt: "Council chamber", Caption: "The vote", Credit: "Staff"},
		Body:     "The council voted on Tuesday.\n",
		Status:   editor.StatusFiled,
	}
}

func TestValidateAcceptsValid(t *testing.T) {
	for _, s := range editor.Statuses {
		a := validArticle()
		a.Status = s
		if err := a.Validate(); err != nil {
			t.Errorf("status %s: %v", s, err)
		}
	}
	a := validArticle()
	a.Slug = ""                                               // derived on save
	a.Headline = strings.Repeat("é", editor.MaxHeadlineRunes) // runes, not bytes
	if err := a.Validate(); err != nil {
		t.Errorf("empty slug, %d-rune headline: %v", editor.MaxHeadlineRunes, err)
	}
}

// TestValidate checks each message a reporter can see, and the field a
// form marks with it.
func TestValidate(t *testing.T) {
	long := func(n int) string { return strings.Repeat("x", n+1) }
	tests := []struct {
		name   string
		change func(a *editor.Article)
		field  string
		msg    string
	}{
		{"missing headline", func(a *editor.Article) { a.Headline = "" }, "headline", "Headline is required"},
		{"blank headline", func(a *editor.Article) { a.Headline = " \t\n" }, "headline", "Headline is required"},
		{"long headline", func(a *editor.Article) { a.Headline = long(editor.MaxHeadlineRunes) }, "headline", "Headline is longer than 300 characters"},
		{"headline bad UTF-8", func(a *editor.Article) { a.Headline = "bad \xff" }, "headline", "Headline contains bytes that are not valid UTF-8 text"},
		{"headline NUL", func(a *editor.Article) { a.Headline = "a\x00b" }, "headline", "Headline contains a NUL character"},
		{"bad slug", func(a *editor.Article) { a.Slug = "Not A Slug" }, "slug", "Slug may contain only a–z, 0–9 and '-' (no leading, trailing or double '-'), at most 80 characters"},
		{"empty byline name", func(a *editor.Article) { a.Byline = []string{"Lisa", " "} }, "byline", "Byline name 2 is empty"},
		{"long byline", func(a *editor.Article) { a.Byline = []string{long(200)} }, "byline", "Byline is longer than 200 characters"},
		{"long section", func(a *editor.Article) { a.Section = long(100) }, "section", "Section is longer than 100 characters"},
		{"long summary", func(a *editor.Article) { a.Summary = long(editor.MaxFieldRunes) }, "summary", "Summary is longer than 5000 characters"},
		{"summary NUL", func(a *editor.Article) { a.Summary = "\x00" }, "summary", "Summary contains a NUL character"},
		{"long dateline", func(a *editor.Article) { a.Dateline = long(100) }, "dateline", "Dateline is longer than 100 characters"},
		{"empty tag", func(a *editor.Article) { a.Tags = []string{""} }, "tags", "Tags must not be empty"},
		{"long tag", func(a *editor.Article) { a.Tags = []string{long(100)} }, "tags", "Tag is longer than 100 characters"},
		{"long image src", func(a *editor.Article) { a.Image.Src = long(4096) }, "image.src", "Image source is longer than 4096 characters"},
		{"long alt", func(a *editor.Article) { a.Image.Alt = long(editor.MaxFieldRunes) }, "image.alt", "Image alt text is longer than 5000 characters"},
		{"long caption", func(a *editor.Article) { a.Image.Caption = long(editor.MaxFieldRunes) }, "image.caption", "Image caption is longer than 5000 characters"},
		{"long credit", func(a *editor.Article) { a.Image.Credit = long(500) }, "image.credit", "Image credit is longer than 500 characters"},
		{"huge body", func(a *editor.Article) { a.Body = long(editor.MaxBodyBytes) }, "body", "Body is larger than 20 MB"},
		{"body bad UTF-8", func(a *editor.Article) { a.Body = "\xc3(" }, "body", "Body contains bytes that are not valid UTF-8 text"},
		{"body NUL", func(a *editor.Article) { a.Body = "\x00" }, "body", "Body contains a NUL character"},
		{"empty status", func(a *editor.Article) { a.Status = "" }, "status", "Status must be one of draft, filed, editing, approved, published, killed, spiked"},
		{"unknown status", func(a *editor.Article) { a.Status = "Draft" }, "status", "Status must be one of draft, filed, editing, approved, published, killed, spiked"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := validArticle()
			tc.change(a)
			err := a.Validate()
			var ve *editor.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Validate() = %v, want a *ValidationError", err)
			}
			if len(ve.Fields) != 1 {
				t.Errorf("want exactly one problem, got %d: %v", len(ve.Fields), ve)
			}
			fe := ve.For(tc.field)
			if fe == nil {
				t.Fatalf("no problem for field %q in %v", tc.field, ve)
			}
			if fe.Msg != tc.msg {
				t.Errorf("message = %q, want %q", fe.Msg, tc.msg)
			}
		})
	}
}

func TestValidateCollectsEveryProblem(t *testing.T) {
	a := &editor.Article{Slug: "-x", Tags: []string{" "}, Status: "lost"}
	err := a.Validate()
	var ve *editor.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Validate() = %v", err)
	}
	var got []string
	for _, f := range ve.Fields {
		got = append(got, f.Field)
	}
	if want := "[headline slug tags status]"; fmt.Sprint(got) != want {
		t.Errorf("fields = %v, want %s", got, want)
	}
	// Each FieldError is reachable through the error chain too.
	var fe *editor.FieldError
	if !errors.As(err, &fe) || fe.Field != "headline" {
		t.Errorf("errors.As FieldError = %v, want the headline problem first", fe)
	}
	if want := "Headline is required; Slug may contain"; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("Error() = %q, want prefix %q", err.Error(), want)
	}
	if ve.For("summary") != nil {
		t.Errorf("For(summary) = %v, want nil", ve.For("summary"))
	}
}

func TestParseStatus(t *testing.T) {
	for _, s := range editor.Statuses {
		got, err := editor.ParseStatus(string(s))
		if err != nil || got != s {
			t.Errorf("ParseStatus(%q) = %q, %v", s, got, err)
		}
	}
	for _, bad := range []string{"", "Draft", "live", " draft"} {
		_, err := editor.ParseStatus(bad)
		var fe *editor.FieldError
		if !errors.As(err, &fe) || fe.Field != "status" {
			t.Errorf("ParseStatus(%q) error = %v, want a status FieldError", bad, err)
		}
	}
}
