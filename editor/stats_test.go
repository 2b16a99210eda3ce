package editor_test

import (
	"strings"
	"testing"

	"copydesk/editor"
)

// referenceLede is the first body paragraph of the reference article page
// (/work/shared/reference/sample-article-page.txt). Its 73 words were
// counted independently: whitespace- and dash-separated tokens that hold a
// letter or digit ("—" alone is not a word; "Ukraine's", "high-level" are one).
const referenceLede = "PARIS — In a significant development amid ongoing efforts to end the war in Ukraine, allies of the Eastern European nation have reached an agreement on providing multilayered security guarantees as part of a potential peace proposal with Russia. The commitment, discussed during a high-level meeting in Paris, involves leaders from 27 European countries, Canada, and representatives from the United States, signaling a unified front to bolster Ukraine's defense should a deal be struck."

func TestCountWords(t *testing.T) {
	tests := []struct {
		name, md string
		want     int
	}{
		{"empty", "", 0},
		{"whitespace only", "  \n\t ", 0},
		{"one word", "one", 1},
		{"reference lede", referenceLede, 73},
		{"emphasis markup is not a word", "**bold** _it_ text", 3},
		{"heading and list markers", "# Heading\n\n- item one\n* item two\n+ three", 6},
		{"blockquote", "> quoted words here", 3},
		{"inner punctuation keeps a word whole", "1,000 U.S. well-known don't can’t 3.14", 6},
		{"dashes and slash separate", "em—dash en–dash either/or", 6},
		{"link URL not counted", "see [the report](https://example.com/a-long/path?q=1) today", 4},
		{"image alt counted, src not", "x ![a chart](img/chart.png) y", 4},
		{"non-Latin scripts", "東京 タワー Привет мир", 4},
		{"accented words", "café naïve Zürich", 3},
		{"numbers are words", "27 countries in 2024", 4},
		{"code markup", "`fmt.Println` call", 2},
		{"bare dash is not a word", "a - b", 2},
		{"ordered list markers are not words", "1. one\n2) two\n  10. ten", 3},
		{"a number at line start is still a word", "1990s were\n3.5 percent\n2024", 5},
		{"a lone number", "7", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := editor.CountWords(tc.md); got != tc.want {
				t.Errorf("CountWords(%q) = %d, want %d", tc.md, got, tc.want)
			}
		})
	}
}

func TestComputeStats(t *testing.T) {
	words := func(n int) string { return strings.TrimSpace(strings.Repeat("word ", n)) }
	tests := []struct {
		name string
		md   string
		want editor.Stats
	}{
		{"empty", "", editor.Stats{}},
		{"whitespace has characters but no reading time", "\n\n", editor.Stats{Chars: 2}},
		{"one word is one minute", "Hi", editor.Stats{Words: 1, Chars: 2, ReadingMinutes: 1}},
		{"characters are runes, not bytes", "café 東京", editor.Stats{Words: 2, Chars: 7, ReadingMinutes: 1}},
		{"exactly one minute", words(editor.WordsPerMinute), editor.Stats{Words: 238, Chars: 238*5 - 1, ReadingMinutes: 1}},
		{"one word more rounds up", words(editor.WordsPerMinute + 1), editor.Stats{Words: 239, Chars: 239*5 - 1, ReadingMinutes: 2}},
		{"reference lede", referenceLede, editor.Stats{Words: 73, Chars: 486, ReadingMinutes: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := editor.ComputeStats(tc.md); got != tc.want {
				t.Errorf("ComputeStats = %+v, want %+v", got, tc.want)
			}
			a := &editor.Article{Body: tc.md}
			if got := a.Stats(); got != tc.want {
				t.Errorf("Article.Stats = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func BenchmarkCountWords(b *testing.B) {
	body := strings.Repeat(referenceLede+"\n\n", 140) // about 10,000 words
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		editor.CountWords(body)
	}
}
