package editor_test

import (
	"strings"
	"testing"
	"unicode"

	"copydesk/editor"
)

func TestSlugify(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain headline", "Council approves budget", "council-approves-budget"},
		{"accents dropped", "Café Zürich naïve Ångström", "cafe-zurich-naive-angstrom"},
		{"straight apostrophe joins", "Ukraine's allies agree", "ukraines-allies-agree"},
		{"curly apostrophe joins", "Ukraine’s allies", "ukraines-allies"},
		{"punctuation separates", "Q&A: What's next? (Part 2)", "q-a-whats-next-part-2"},
		{"runs collapse", "  --Hello--World--  ", "hello-world"},
		{"digits kept", "Budget 2024: $1,000,000", "budget-2024-1-000-000"},
		{"compatibility forms fold", "ﬁnancial ½ １２３ＡＢＣ", "financial-1-2-123abc"},
		{"path traversal is flattened", "../etc/passwd", "etc-passwd"},
		{"windows path", `C:\Windows\..\System32`, "c-windows-system32"},
		{"letters without decomposition are spelled out", "Straße Łódź Øresund Ærø Œuvre", "strasse-lodz-oresund-aero-oeuvre"},
		{"emoji only", "🚀🎉", ""},
		{"no latin letters", "Привет мир", ""},
		{"empty", "", ""},
		{"only punctuation", "--- ... ---", ""},
		{"emoji between words", "Launch 🚀 day", "launch-day"},
		{"very long is cut at a word boundary", strings.Repeat("word ", 40), strings.TrimSuffix(strings.Repeat("word-", 16), "-")},
		{"very long single word is cut", strings.Repeat("a", 100), strings.Repeat("a", editor.MaxSlugLen)},
		{"control characters separate", "tab\there\nnew\x00line", "tab-here-new-line"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := editor.Slugify(tc.in)
			if got != tc.want {
				t.Errorf("Slugify(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if got != "" && !editor.ValidSlug(got) {
				t.Errorf("Slugify(%q) = %q, which ValidSlug rejects", tc.in, got)
			}
		})
	}
}

func TestValidSlug(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"council-approves-budget", true},
		{"a", true},
		{"2024", true},
		{strings.Repeat("a", editor.MaxSlugLen), true},
		{strings.Repeat("a", editor.MaxSlugLen+1), false},
		{"", false},
		{"-leading", false},
		{"trailing-", false},
		{"double--dash", false},
		{"Upper", false},
		{"under_score", false},
		{"dot.ted", false},
		{"../etc", false},
		{"a/b", false},
		{"café", false},
		{"sp ace", false},
	}
	for _, tc := range tests {
		if got := editor.ValidSlug(tc.in); got != tc.want {
			t.Errorf("ValidSlug(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// FuzzSlug checks that whatever a reporter types as a headline, the slug
// is safe as a file name and URL segment, and that slugs are fixed points.
func FuzzSlug(f *testing.F) {
	for _, s := range []string{"Council approves budget", "Café Zürich", "Ukraine's", "../etc/passwd", "🚀", "a--b", strings.Repeat("x y ", 50), "\x00\x1f\x7f", "ﬁ½", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := editor.Slugify(s)
		if got == "" {
			return
		}
		if !editor.ValidSlug(got) {
			t.Fatalf("Slugify(%q) = %q is not a valid slug", s, got)
		}
		if strings.Contains(got, "/") || strings.Contains(got, "..") || strings.ContainsFunc(got, unicode.IsControl) {
			t.Fatalf("Slugify(%q) = %q is unsafe as a path", s, got)
		}
		if again := editor.Slugify(got); again != got {
			t.Fatalf("Slugify(%q) = %q, but Slugify of that is %q", s, got, again)
		}
	})
}
