package preview

import (
	"slices"
	"strings"
	"testing"
	"time"

	"copydesk/editor"
)

// blockTexts is what each block of the preview reads.
func blockTexts(bs []Block) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		var s strings.Builder
		for _, seg := range b.Segments() {
			s.WriteString(seg.Textual())
		}
		out[i] = s.String()
	}
	return out
}

func countShareLines(texts []string) int {
	n := 0
	for _, t := range texts {
		if strings.HasPrefix(t, "Share: ") {
			n++
		}
	}
	return n
}

func TestShareLineOnceWhenNothingBetween(t *testing.T) {
	t.Parallel()
	s := editor.DefaultSettings()
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		ar   editor.Article
		want int
	}{
		{"empty article", editor.Article{}, 1},
		{"headline only", editor.Article{Headline: "Council meets"}, 1},
		{"summary, no body", editor.Article{Headline: "Council meets", Summary: "On Sundays."}, 2},
		{"body", editor.Article{Headline: "Council meets", Body: "The council met."}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			texts := blockTexts(NewRenderer(nil).Blocks(&tt.ar, s, now))
			if got := countShareLines(texts); got != tt.want {
				t.Errorf("%d share lines, want %d: %q", got, tt.want, texts)
			}
			for i := 1; i < len(texts); i++ {
				if strings.HasPrefix(texts[i], "Share: ") && strings.HasPrefix(texts[i-1], "Share: ") {
					t.Errorf("share line twice in a row: %q", texts)
				}
			}
		})
	}
}

func TestLineUnderBylineNamesTheStatus(t *testing.T) {
	t.Parallel()
	s := editor.DefaultSettings()
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		status    editor.Status
		published time.Time
		want      string
	}{
		{editor.StatusDraft, time.Time{}, "Draft"},
		{editor.StatusFiled, time.Time{}, "Filed, not yet published"},
		{editor.StatusEditing, time.Time{}, "Being edited, not yet published"},
		{editor.StatusApproved, time.Time{}, "Approved, not yet published"},
		{editor.StatusSpiked, time.Time{}, "Spiked"},
		{editor.StatusPublished, now.Add(-3 * time.Hour), "3 hours ago"},
	}
	for _, tt := range tests {
		t.Run(string(tt.status), func(t *testing.T) {
			ar := &editor.Article{Headline: "Council meets", Byline: []string{"Ana Ruiz"}, Status: tt.status, Published: tt.published}
			texts := blockTexts(NewRenderer(nil).Blocks(ar, s, now))
			i := slices.Index(texts, "By Ana Ruiz")
			if i < 0 || i+1 >= len(texts) {
				t.Fatalf("no byline followed by a line: %q", texts)
			}
			if texts[i+1] != tt.want {
				t.Errorf("under the byline %q, want %q", texts[i+1], tt.want)
			}
		})
	}
}
