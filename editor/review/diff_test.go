package review

import (
	"strings"
	"testing"

	"copydesk/editor"
)

func TestWordsInline(t *testing.T) {
	tests := []struct {
		name, old, new, want string
	}{
		{"same", "The mayor said no.", "The mayor said no.", "The mayor said no."},
		{"changed word", "The mayor said no.", "The governor said no.", "The [-mayor-]{+governor+} said no."},
		{"whole words, not letters", "voted on Tuesday", "voted on Thursday", "voted on [-Tuesday-]{+Thursday+}"},
		{"insert", "The council voted.", "The city council voted.", "The {+city +}council voted."},
		{"delete", "The city council voted.", "The council voted.", "The [-city -]council voted."},
		{"apostrophe word", "It isn't over.", "It is over.", "It [-isn't-]{+is+} over."},
		{"from empty", "", "New text", "{+New text+}"},
		{"to empty", "Old text", "", "[-Old text-]"},
		{"accents", "Café au lait", "Café noir", "Café [-au lait-]{+noir+}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			segs := Words(tt.old, tt.new)
			if got := Inline(segs); got != tt.want {
				t.Errorf("Inline = %q, want %q", got, tt.want)
			}
			if Changed(segs) != (tt.old != tt.new) {
				t.Errorf("Changed = %v", Changed(segs))
			}
			checkSides(t, segs, tt.old, tt.new)
		})
	}
}

// checkSides verifies the segments rebuild both texts exactly: no diff may
// lose or invent text.
func checkSides(t *testing.T, segs []Segment, old, new string) {
	t.Helper()
	var a, b strings.Builder
	for _, s := range segs {
		if s.Op != Insert {
			a.WriteString(s.Text)
		}
		if s.Op != Delete {
			b.WriteString(s.Text)
		}
	}
	if a.String() != old || b.String() != new {
		t.Errorf("segments rebuild %q / %q, want %q / %q", a.String(), b.String(), old, new)
	}
}

func TestTokenRuneRoundTrip(t *testing.T) {
	for _, i := range []int{0, 1, 0xD7FE, 0xD7FF, 0xD800, 0x20000, 0x10F7FE} {
		r := tokenRune(i)
		if r >= 0xD800 && r <= 0xDFFF {
			t.Errorf("token %d maps to surrogate %U", i, r)
		}
		if got := tokenIndex(r); got != i {
			t.Errorf("token %d → %U → %d", i, r, got)
		}
	}
}

func TestArticlesAndChangeSummary(t *testing.T) {
	base := &editor.Article{Headline: "Council votes", Section: "Local", Byline: []string{"Ana Ruiz"},
		Status: editor.StatusFiled, Body: "The council voted 5-2 on Tuesday."}
	tests := []struct {
		name       string
		edit       func(a *editor.Article)
		wantFields []string
		summary    string
	}{
		{"nothing", func(a *editor.Article) {}, nil, "no changes"},
		{"body words", func(a *editor.Article) { a.Body = "The city council voted 5-2 on Thursday." },
			[]string{"body"}, "body +2 −1 words"},
		{"body punctuation only", func(a *editor.Article) { a.Body = "The council voted 5-2 on Tuesday!" },
			[]string{"body"}, "body punctuation"},
		{"headline and status", func(a *editor.Article) { a.Headline = "Council approves budget"; a.Status = editor.StatusEditing },
			[]string{"headline", "status"}, "headline; status filed → editing"},
		{"body listed first", func(a *editor.Article) { a.Summary = "A dek."; a.Body += " Two abstained." },
			[]string{"summary", "body"}, "body +2 −0 words; summary"},
		{"byline and image", func(a *editor.Article) { a.Byline = append(a.Byline, "Li Wei"); a.Image.Alt = "Council chamber" },
			[]string{"byline", "image.alt"}, "byline; image.alt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := base.Clone()
			tt.edit(b)
			fds := Articles(base, b)
			var fields []string
			for _, fd := range fds {
				fields = append(fields, fd.Field)
				if !Changed(fd.Segments) {
					t.Errorf("field %s listed without a change", fd.Field)
				}
			}
			if strings.Join(fields, ",") != strings.Join(tt.wantFields, ",") {
				t.Errorf("fields = %v, want %v", fields, tt.wantFields)
			}
			if got := ChangeSummary(base, b); got != tt.summary {
				t.Errorf("summary = %q, want %q", got, tt.summary)
			}
		})
	}
	if got := ChangeSummary(nil, base); got != "created" {
		t.Errorf("first revision summary = %q", got)
	}
}

// FuzzWords checks that any pair of texts diffs into segments that rebuild
// both sides exactly, with no empty or adjacent same-op segments.
func FuzzWords(f *testing.F) {
	f.Add("The mayor said no.", "The governor said no.")
	f.Add("", "x")
	f.Add("isn't  it\n\n- list", "is it\n- list item")
	f.Add("a\xffb", "a\xfeb")
	f.Fuzz(func(t *testing.T, old, new string) {
		segs := Words(old, new)
		checkSides(t, segs, old, new)
		for i, s := range segs {
			if s.Text == "" {
				t.Fatalf("empty segment %d", i)
			}
			if i > 0 && segs[i-1].Op == s.Op {
				t.Fatalf("adjacent %v segments not merged", s.Op)
			}
		}
	})
}

func BenchmarkWordsLongBody(b *testing.B) {
	para := "The council voted 5-2 on Tuesday to approve the budget, the mayor said. "
	old := strings.Repeat(para, 400)
	new := strings.Replace(old, "Tuesday", "Thursday", 50)
	for b.Loop() {
		Words(old, new)
	}
}
