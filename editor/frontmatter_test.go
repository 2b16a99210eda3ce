package editor_test

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"copydesk/editor"
)

// updateGolden rewrites testdata/frontmatter/*.md: go test ./editor -update
var updateGolden = flag.Bool("update", false, "rewrite golden files under testdata/")

func mustTime(t testing.TB, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

// articleDiff lists the interchange fields that differ; local bookkeeping
// (id, version, created, updated) is not in the file and not compared.
// Times are compared as written, so a changed offset counts as a change.
func articleDiff(want, got *editor.Article) []string {
	var d []string
	cmp := func(field string, w, g any) {
		if fmt.Sprint(w) != fmt.Sprint(g) {
			d = append(d, fmt.Sprintf("%s: want %q, got %q", field, w, g))
		}
	}
	cmp("uid", want.UID, got.UID)
	cmp("slug", want.Slug, got.Slug)
	cmp("headline", want.Headline, got.Headline)
	if !slices.Equal(want.Byline, got.Byline) {
		d = append(d, fmt.Sprintf("byline: want %q, got %q", want.Byline, got.Byline))
	}
	cmp("section", want.Section, got.Section)
	cmp("summary", want.Summary, got.Summary)
	cmp("dateline", want.Dateline, got.Dateline)
	if !slices.Equal(want.Tags, got.Tags) {
		d = append(d, fmt.Sprintf("tags: want %q, got %q", want.Tags, got.Tags))
	}
	cmp("image", want.Image, got.Image)
	cmp("body", want.Body, got.Body)
	cmp("status", want.Status, got.Status)
	cmp("published", rfc(want.Published), rfc(got.Published))
	if len(want.Corrections) != len(got.Corrections) {
		d = append(d, fmt.Sprintf("corrections: want %d, got %d", len(want.Corrections), len(got.Corrections)))
	} else {
		for i := range want.Corrections {
			cmp(fmt.Sprintf("corrections[%d].time", i), rfc(want.Corrections[i].Time), rfc(got.Corrections[i].Time))
			cmp(fmt.Sprintf("corrections[%d].text", i), want.Corrections[i].Text, got.Corrections[i].Text)
		}
	}
	return d
}

func rfc(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

// fullArticle sets every interchange field.
func fullArticle(t testing.TB) *editor.Article {
	return &editor.Article{
		UID:      "3f2b8c1e-5d4a-4e2f-9b7c-1a2b3c4d5e6f",
		Slug:     "ukraines-allies-agree-security-guarantees",
		Headline: "Ukraine's allies agree to provide multilayered security guarantees as part of a peace proposal",
		Byline:   []string{"Lisa Johnson", "Marc Dubois"},
		Section:  "World",
		Summary:  "Ukraine's allies, including 27 European countries, Canada, and the U.S., agreed in Paris to provide security guarantees.",
		Dateline: "PARIS",
		Tags:     []string{"Ukraine", "NATO", "Diplomacy"},
		Image: editor.Image{
			Src:     "images/paris-talks.jpg",
			Alt:     "Leaders seated around a long table in the Élysée Palace",
			Caption: "Delegates meet in Paris on Saturday.",
			Credit:  "Jean Martin/AP",
		},
		Body:      "PARIS — In a significant development, allies of Ukraine have reached an agreement.\n\nThe gathering took place over the weekend.\n",
		Status:    editor.StatusPublished,
		Published: mustTime(t, "2024-09-01T14:30:00+02:00"),
		Corrections: []editor.Correction{
			{Time: mustTime(t, "2024-09-02T09:00:00Z"), Text: "An earlier version misstated the number of countries."},
			{Time: mustTime(t, "2024-09-03T10:15:30.5-05:00"), Text: "The credit was corrected."},
		},
	}
}

func roundTrip(t *testing.T, a *editor.Article) (*editor.Article, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := editor.WriteMarkdown(&buf, a); err != nil {
		t.Fatalf("WriteMarkdown: %v", err)
	}
	got, err := editor.ParseMarkdown(buf.Bytes())
	if err != nil {
		t.Fatalf("ParseMarkdown of written file: %v\n%s", err, buf.Bytes())
	}
	return got, buf.Bytes()
}

func TestMarkdownRoundTrip(t *testing.T) {
	base := func(f func(a *editor.Article)) *editor.Article {
		a := &editor.Article{Headline: "Council approves budget", Status: editor.StatusDraft}
		f(a)
		return a
	}
	tests := []struct {
		name string
		a    *editor.Article
	}{
		{"every field", fullArticle(t)},
		{"minimal", base(func(a *editor.Article) {})},
		{"one byline name", base(func(a *editor.Article) { a.Byline = []string{"Lisa Johnson"} })},
		{"unicode", base(func(a *editor.Article) {
			a.Headline = "Café “Zürich” — 東京 🚀 naïve"
			a.Byline = []string{"José Ñúñez", "Мария Иванова"}
			a.Dateline = "SÃO PAULO"
			a.Body = "Ünïcödé body ✓\n\n> 引用\n"
		})},
		{"YAML-special strings", base(func(a *editor.Article) {
			a.Headline = "yes"
			a.Section = "null"
			a.Summary = "key: value # not a comment"
			a.Dateline = "~"
			a.Tags = []string{"no", "on", "1984", "3.14", "true", "- dash", "[x]", "{y}", "&anchor", "*alias", "!tag", "%percent", "@at", "`tick`", "'single'", "\"double\"", "|", ">"}
			a.Byline = []string{"#hash", ": colon", "Off"}
		})},
		{"surrounding spaces and tabs", base(func(a *editor.Article) {
			a.Headline = "  padded headline\t"
			a.Summary = " leading space\n\n  indented second paragraph\ntrailing   "
		})},
		{"multi-line summary", base(func(a *editor.Article) { a.Summary = "First line.\nSecond line.\n\nThird paragraph.\n" })},
		{"delimiters in body", base(func(a *editor.Article) {
			a.Body = "---\nheadline: not front matter\n---\n\nText\n---\n"
		})},
		{"delimiter in summary", base(func(a *editor.Article) { a.Summary = "above\n---\nbelow" })},
		{"body with leading blank lines", base(func(a *editor.Article) { a.Body = "\n\n  Indented first line\n\n\n" })},
		{"body of one newline", base(func(a *editor.Article) { a.Body = "\n" })},
		{"body without final newline", base(func(a *editor.Article) { a.Body = "No newline at end" })},
		{"body with CRLF", base(func(a *editor.Article) { a.Body = "\r\nWindows\r\nlines\r\n" })},
		{"body with lone CR", base(func(a *editor.Article) { a.Body = "\rOld Mac\r" })},
		{"control and separator characters", base(func(a *editor.Article) {
			a.Headline = "bell\a line\u2028sep para\u2029sep nel\u0085 bom\ufeff"
			a.Summary = "\r\n"
		})},
		{"long lines are never wrapped", base(func(a *editor.Article) {
			a.Headline = strings.TrimSpace(strings.Repeat("word ", editor.MaxHeadlineRunes/5))
			a.Summary = strings.Repeat("A long summary sentence, with commas: and colons. ", 90)
		})},
		{"leading BOM, tab and quote characters", base(func(a *editor.Article) {
			a.Headline = "\ufeffBOM first"
			a.Section = "\tTabbed"
			a.Dateline = "'quoted'"
			a.Byline = []string{"\"Scare\" quotes", "back\\slash"}
		})},
		{"image without src", base(func(a *editor.Article) { a.Image = editor.Image{Caption: "Only a caption"} })},
		{"published in UTC with nanoseconds", base(func(a *editor.Article) {
			a.Status = editor.StatusPublished
			a.Published = time.Date(2025, 1, 2, 3, 4, 5, 6, time.UTC)
		})},
		{"every status", base(func(a *editor.Article) { a.Status = editor.StatusSpiked })},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, file := roundTrip(t, tc.a)
			if d := articleDiff(tc.a, got); d != nil {
				t.Errorf("round trip changed the article:\n%s\nfile:\n%s", strings.Join(d, "\n"), file)
			}
			// Writing is deterministic: the read-back article writes the same bytes.
			_, again := roundTrip(t, got)
			if !bytes.Equal(file, again) {
				t.Errorf("second write differs:\n%s\n---- vs ----\n%s", file, again)
			}
		})
	}
}

func TestWriteMarkdownQuotesYAML11Booleans(t *testing.T) {
	// yaml.v3 reads a plain yes as text, but YAML 1.1 tools read true.
	_, file := roundTrip(t, &editor.Article{Headline: "Yes", Tags: []string{"no", "ON"}, Status: editor.StatusDraft})
	for _, want := range []string{`headline: "Yes"`, `- "no"`, `- "ON"`} {
		if !bytes.Contains(file, []byte(want)) {
			t.Errorf("file lacks %s:\n%s", want, file)
		}
	}
}

func TestWriteMarkdownLeavesOutLocalFields(t *testing.T) {
	a := fullArticle(t)
	a.ID, a.Version = 42, 7
	a.Created = mustTime(t, "2024-01-01T00:00:00Z")
	a.Updated = mustTime(t, "2024-01-02T00:00:00Z")
	_, file := roundTrip(t, a)
	front, _, _ := strings.Cut(string(file[4:]), "\n---\n")
	for _, key := range []string{"id:", "version:", "created:", "updated:", "body:"} {
		for _, line := range strings.Split(front, "\n") {
			if strings.HasPrefix(line, key) {
				t.Errorf("front matter has local field line %q", line)
			}
		}
	}
}

func TestWriteMarkdownRefusesInvalid(t *testing.T) {
	tests := []struct {
		name string
		a    *editor.Article
	}{
		{"no headline", &editor.Article{Status: editor.StatusDraft}},
		{"bad status", &editor.Article{Headline: "x", Status: "lost"}},
		{"NUL in body", &editor.Article{Headline: "x", Status: editor.StatusDraft, Body: "a\x00b"}},
		{"correction without text", &editor.Article{Headline: "x", Status: editor.StatusDraft,
			Corrections: []editor.Correction{{Time: time.Unix(0, 0)}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := editor.WriteMarkdown(&buf, tc.a); err == nil {
				t.Fatalf("WriteMarkdown accepted it and wrote:\n%s", buf.Bytes())
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %d bytes of a refused article", buf.Len())
			}
		})
	}
}

// TestParseMarkdownSeparator pins down where the front matter ends and the
// body begins: one blank line after the closing delimiter is separator.
func TestParseMarkdownSeparator(t *testing.T) {
	tests := []struct {
		name, in, body string
	}{
		{"no blank line", "---\nheadline: h\n---\nBody\n", "Body\n"},
		{"one blank line", "---\nheadline: h\n---\n\nBody\n", "Body\n"},
		{"two blank lines keep one", "---\nheadline: h\n---\n\n\nBody\n", "\nBody\n"},
		{"empty body at EOF", "---\nheadline: h\n---", ""},
		{"empty body after newline", "---\nheadline: h\n---\n", ""},
		{"only the blank line", "---\nheadline: h\n---\n\n", ""},
		{"trailing newlines kept", "---\nheadline: h\n---\n\nBody\n\n\n", "Body\n\n\n"},
		{"CRLF file", "---\r\nheadline: h\r\n---\r\n\r\nBody\r\nMore\r\n", "Body\r\nMore\r\n"},
		{"BOM", "\uFEFF---\nheadline: h\n---\n\nBody", "Body"},
		{"delimiter with trailing blanks", "--- \t\nheadline: h\n---  \nBody", "Body"},
		{"later delimiters are body", "---\nheadline: h\n---\n\n---\nx: y\n---\n", "---\nx: y\n---\n"},
		{"indented dashes are YAML", "---\nheadline: h\nsummary: |\n  ---\n---\nBody", "Body"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := editor.ParseMarkdown([]byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if a.Body != tc.body {
				t.Errorf("body = %q, want %q", a.Body, tc.body)
			}
			if a.Headline != "h" {
				t.Errorf("headline = %q, want %q", a.Headline, "h")
			}
		})
	}
}

func TestParseMarkdownAccepts(t *testing.T) {
	tests := []struct {
		name, front string
		check       func(a *editor.Article) string
	}{
		{"status defaults to draft", "headline: h", func(a *editor.Article) string {
			return want(a.Status, editor.StatusDraft)
		}},
		{"empty status is draft", "headline: h\nstatus:", func(a *editor.Article) string {
			return want(a.Status, editor.StatusDraft)
		}},
		{"byline as one string", "headline: h\nbyline: Lisa Johnson", func(a *editor.Article) string {
			return want(fmt.Sprintf("%q", a.Byline), `["Lisa Johnson"]`)
		}},
		{"byline as flow list", "headline: h\nbyline: [Lisa Johnson, Marc Dubois]", func(a *editor.Article) string {
			return want(fmt.Sprintf("%q", a.Byline), `["Lisa Johnson" "Marc Dubois"]`)
		}},
		{"tags as one string", "headline: h\ntags: Ukraine", func(a *editor.Article) string {
			return want(fmt.Sprintf("%q", a.Tags), `["Ukraine"]`)
		}},
		{"empty list is no tags", "headline: h\ntags: []", func(a *editor.Article) string {
			return want(len(a.Tags), 0)
		}},
		{"number headline stays as typed", "headline: 1984.0", func(a *editor.Article) string {
			return want(a.Headline, "1984.0")
		}},
		{"bare yes is text", "headline: yes", func(a *editor.Article) string { return want(a.Headline, "yes") }},
		{"empty summary", "headline: h\nsummary:", func(a *editor.Article) string { return want(a.Summary, "") }},
		{"folded summary", "headline: h\nsummary: >\n  one\n  two\n", func(a *editor.Article) string {
			return want(a.Summary, "one two\n")
		}},
		{"comments ignored", "# a comment\nheadline: h # trailing", func(a *editor.Article) string {
			return want(a.Headline, "h")
		}},
		{"published with offset", "headline: h\npublished: 2024-09-01T14:30:00+02:00", func(a *editor.Article) string {
			return want(a.Published.UTC().Format(time.RFC3339), "2024-09-01T12:30:00Z")
		}},
		{"image", "headline: h\nimage:\n  src: a.jpg\n  alt: A dog\n  caption: Rex\n  credit: AP", func(a *editor.Article) string {
			return want(a.Image, editor.Image{Src: "a.jpg", Alt: "A dog", Caption: "Rex", Credit: "AP"})
		}},
		{"upper-case uid is folded", "headline: h\nuid: 3F2B8C1E-5D4A-4E2F-9B7C-1A2B3C4D5E6F", func(a *editor.Article) string {
			return want(a.UID, "3f2b8c1e-5d4a-4e2f-9b7c-1a2b3c4d5e6f")
		}},
		{"alias to a scalar", "headline: &h Same\nsummary: *h", func(a *editor.Article) string {
			return want(a.Summary, "Same")
		}},
		{"CRLF in YAML block scalar", "headline: h\r\nsummary: |\r\n  a\r\n  b\r\n", func(a *editor.Article) string {
			return want(a.Summary, "a\nb\n")
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := editor.ParseMarkdown([]byte("---\n" + tc.front + "\n---\nBody\n"))
			if err != nil {
				t.Fatal(err)
			}
			if msg := tc.check(a); msg != "" {
				t.Error(msg)
			}
		})
	}
}

func want(got, want any) string {
	if fmt.Sprint(got) != fmt.Sprint(want) {
		return fmt.Sprintf("got %v, want %v", got, want)
	}
	return ""
}

func TestParseMarkdownRejects(t *testing.T) {
	tests := []struct {
		name string
		in   string
		line int
		msg  string // a substring of the message
	}{
		{"no front matter", "Just a body\n", 1, `must start with a "---" line`},
		{"empty file", "", 1, `must start with a "---" line`},
		{"no closing delimiter", "---\nheadline: h\nbody\n", 1, `no closing "---"`},
		{"missing headline", "---\nsection: News\n---\nBody", 1, "Headline is required"},
		{"empty front matter", "---\n---\nBody", 1, "Headline is required"},
		{"blank headline", "---\nsection: News\nheadline: \"  \"\n---\n", 3, "Headline is required"},
		{"null headline", "---\nheadline:\n---\n", 2, "Headline is required"},
		{"unknown key with suggestion", "---\nheadline: h\nheadlin: typo\n---\n", 3, `unknown key "headlin" (did you mean "headline"?)`},
		{"unknown key without suggestion", "---\nheadline: h\ncolourway: red\n---\n", 3, `unknown key "colourway"`},
		{"local field is unknown", "---\nheadline: h\nid: 4\n---\n", 3, `unknown key "id"`},
		{"unknown image key", "---\nheadline: h\nimage:\n  src: a.jpg\n  captoin: x\n---\n", 5, `unknown key "image.captoin" (did you mean "image.caption"?)`},
		{"duplicate key", "---\nheadline: a\nsection: s\nheadline: b\n---\n", 4, `"headline" is already set on line 2`},
		{"unknown status", "---\nheadline: h\nstatus: lost\n---\n", 3, `unknown status "lost"`},
		{"headline is a list", "---\nheadline: [a]\n---\n", 2, "headline must be text, not a list"},
		{"headline is a map", "---\nheadline:\n  a: b\n---\n", 3, "headline must be text, not a set of keys"},
		{"section is a list", "---\nheadline: h\nsection:\n  - a\n---\n", 4, "section must be text"},
		{"byline entry is a map", "---\nheadline: h\nbyline:\n  - a: b\n---\n", 4, "each byline entry must be text"},
		{"image is text", "---\nheadline: h\nimage: a.jpg\n---\n", 3, "image must be src, alt, caption and credit"},
		{"published not RFC 3339", "---\nheadline: h\npublished: 1 Sep 2024\n---\n", 3, "published must be an RFC 3339 time"},
		{"published date only", "---\nheadline: h\npublished: 2024-09-01\n---\n", 3, "published must be an RFC 3339 time"},
		{"correction without time", "---\nheadline: h\ncorrections:\n  - text: oops\n---\n", 4, "each correction needs a time"},
		{"correction bad time", "---\nheadline: h\ncorrections:\n  - time: yesterday\n    text: oops\n---\n", 4, "correction time must be an RFC 3339 time"},
		{"corrections not a list", "---\nheadline: h\ncorrections: oops\n---\n", 3, "corrections must be a list"},
		{"bad YAML", "---\nheadline: h\nsummary: \"unclosed\n---\n", 3, "invalid YAML"},
		{"bad YAML indentation", "---\nheadline: h\n  section: :\n---\n", 3, "invalid YAML"},
		{"front matter is a list", "---\n- headline\n---\n", 2, `must be "key: value" lines`},
		{"invalid UTF-8 in body", "---\nheadline: h\n---\n\nfine\nbad \xff here\n", 6, "not valid UTF-8"},
		{"invalid UTF-8 in YAML", "---\nheadline: h\xc3\n---\n", 2, "not valid UTF-8"},
		{"NUL byte", "---\nheadline: h\n---\nBody\x00\n", 4, "NUL"},
		{"bad slug", "---\nheadline: h\nslug: Not A Slug\n---\n", 3, "Slug may contain only"},
		{"uid not a UUID", "---\nheadline: h\nuid: my-story\n---\n", 3, `uid must be a UUID like 3f2b8c1e-5d4a-4e2f-9b7c-1a2b3c4d5e6f, not "my-story"`},
		{"uid one digit short", "---\nuid: 3f2b8c1e-5d4a-4e2f-9b7c-1a2b3c4d5e6\nheadline: h\n---\n", 2, "uid must be a UUID"},
		{"uid with braces", "---\nuid: \"{3f2b8c1e-5d4a-4e2f-9b7c-1a2b3c4d5e6f}\"\nheadline: h\n---\n", 2, "uid must be a UUID"},
		{"empty byline name", "---\nheadline: h\nbyline: [\"\"]\n---\n", 3, "Byline name 1 is empty"},
		{"headline too long", "---\nheadline: " + strings.Repeat("x", editor.MaxHeadlineRunes+1) + "\n---\n", 2, "Headline is longer than"},
		{"body too large", "---\nheadline: h\n---\n\n" + strings.Repeat("x", editor.MaxBodyBytes+1), 5, "body is larger than"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := editor.ParseMarkdown([]byte(tc.in))
			if err == nil {
				t.Fatalf("accepted: %+v", a)
			}
			var pe *editor.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v (%T) is not a *ParseError", err, err)
			}
			if pe.Line != tc.line || !strings.Contains(pe.Msg, tc.msg) {
				t.Errorf("got line %d %q, want line %d containing %q", pe.Line, pe.Msg, tc.line, tc.msg)
			}
		})
	}
}

func TestParseMarkdownValidationErrorIsReachable(t *testing.T) {
	_, err := editor.ParseMarkdown([]byte("---\nheadline: \" \"\nslug: -bad-\n---\n"))
	var ve *editor.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("errors.As(%v, *ValidationError) failed", err)
	}
	if ve.For("headline") == nil || ve.For("slug") == nil {
		t.Errorf("want headline and slug problems, got %v", ve)
	}
}

// TestMarkdownGolden fixes the exact bytes WriteMarkdown produces, so a
// change to the format shows up as a reviewed diff (go test -update).
func TestMarkdownGolden(t *testing.T) {
	sample := fullArticle(t)
	tests := map[string]*editor.Article{
		"full":    sample,
		"minimal": {Headline: "Council approves budget", Status: editor.StatusDraft, Body: "The council voted 7–2.\n"},
		"quoting": {Headline: "yes: no # maybe", Byline: []string{"null"}, Tags: []string{"1984", "- x"},
			Summary: "Two\nlines", Status: editor.StatusFiled, Body: "\n---\nleading blank line and a rule\n"},
	}
	for name, a := range tests {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := editor.WriteMarkdown(&buf, a); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "frontmatter", name+".md")
			if *updateGolden {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			golden, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), golden) {
				t.Errorf("WriteMarkdown differs from %s:\n%s", path, buf.Bytes())
			}
			got, err := editor.ParseMarkdown(golden)
			if err != nil {
				t.Fatalf("parse %s: %v", path, err)
			}
			if d := articleDiff(a, got); d != nil {
				t.Errorf("%s reads back differently:\n%s", path, strings.Join(d, "\n"))
			}
		})
	}
}

func FuzzParseMarkdown(f *testing.F) {
	f.Add([]byte("---\nheadline: h\n---\nBody\n"))
	f.Add([]byte("\uFEFF---\r\nheadline: h\r\nbyline: [a, b]\r\n---\r\n\r\nBody\r\n"))
	f.Add([]byte("---\nheadline: \"yes\"\nsummary: |\n  a\n  ---\ntags: x\nstatus: filed\npublished: 2024-09-01T14:30:00+02:00\n---\n\n\n---\n"))
	f.Add([]byte("---\nheadline: &a x\nsummary: *a\nimage:\n  src: a.jpg\ncorrections:\n  - time: 2024-01-01T00:00:00Z\n    text: t\n---\n"))
	f.Add([]byte("---\nheadlin: x\n---\n"))
	f.Add([]byte("---\nheadline: [a]\n---\n"))
	if data, err := os.ReadFile(filepath.Join("testdata", "frontmatter", "full.md")); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := editor.ParseMarkdown(data)
		if err != nil {
			var pe *editor.ParseError
			if !errors.As(err, &pe) || pe.Line < 1 {
				t.Fatalf("error without a line: %v", err)
			}
			return
		}
		var buf bytes.Buffer
		if err := editor.WriteMarkdown(&buf, a); err != nil {
			t.Fatalf("parsed article cannot be written: %v", err)
		}
		b, err := editor.ParseMarkdown(buf.Bytes())
		if err != nil {
			t.Fatalf("written file does not parse: %v\n%q", err, buf.Bytes())
		}
		if d := articleDiff(a, b); d != nil {
			t.Fatalf("round trip changed:\n%s\nfile %q", strings.Join(d, "\n"), buf.Bytes())
		}
	})
}

// benchmarkArticle is a 10,000-word story, the size the storage goals use.
func benchmarkArticle(b *testing.B) *editor.Article {
	a := fullArticle(b)
	a.Body = strings.Repeat(referenceLede+"\n\n", 137)
	return a
}

func BenchmarkWriteMarkdown(b *testing.B) {
	a := benchmarkArticle(b)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := editor.WriteMarkdown(&buf, a); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}

func BenchmarkParseMarkdown(b *testing.B) {
	var buf bytes.Buffer
	if err := editor.WriteMarkdown(&buf, benchmarkArticle(b)); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	for b.Loop() {
		if _, err := editor.ParseMarkdown(buf.Bytes()); err != nil {
			b.Fatal(err)
		}
	}
}
