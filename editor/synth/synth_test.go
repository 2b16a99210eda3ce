package synth

import (
	"reflect"
	"strings"
	"testing"

	"copydesk/editor"
)

func TestArticleIsDeterministic(t *testing.T) {
	for _, seed := range []int64{0, 1, 42, 1 << 40, -7} {
		a, b := Article(seed, 500), Article(seed, 500)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("seed %d: two calls differ", seed)
		}
	}
	if Article(1, 500).Body == Article(2, 500).Body {
		t.Error("different seeds gave the same body")
	}
}

func TestArticleWordCountIsExact(t *testing.T) {
	for _, words := range []int{0, 1, 2, 3, 5, 17, 100, 999, 10_000} {
		for seed := range int64(25) {
			a := Article(seed, words)
			if got := editor.CountWords(a.Body); got != words {
				t.Fatalf("Article(%d, %d) body has %d words:\n%s", seed, words, got, a.Body)
			}
		}
	}
}

func TestArticlesAreValid(t *testing.T) {
	for i, a := range Library(500) {
		if err := a.Validate(); err != nil {
			t.Fatalf("article %d invalid: %v", i, err)
		}
		if editor.Slugify(a.Headline) == "" {
			t.Errorf("article %d headline %q gives no slug", i, a.Headline)
		}
	}
}

// TestLibraryShape checks what the search benchmark depends on: very
// common words in nearly every article, several sections, authors and
// statuses, and accented words present for diacritics searches.
func TestLibraryShape(t *testing.T) {
	const n = 2000
	var withThe, withSaid, withCafe, totalWords int
	sections, authors, statuses := map[string]int{}, map[string]int{}, map[editor.Status]int{}
	for _, a := range Library(n) {
		body := " " + strings.ToLower(a.Body) + " "
		if strings.Contains(body, " the ") {
			withThe++
		}
		if strings.Contains(body, " said") {
			withSaid++
		}
		if strings.Contains(body, "café") {
			withCafe++
		}
		totalWords += editor.CountWords(a.Body)
		sections[a.Section]++
		statuses[a.Status]++
		for _, b := range a.Byline {
			authors[b]++
		}
	}
	if withThe < n*95/100 || withSaid < n*90/100 {
		t.Errorf("'the' in %d and 'said' in %d of %d articles; the benchmark needs them nearly everywhere", withThe, withSaid, n)
	}
	if withCafe == 0 || withCafe > n/2 {
		t.Errorf("'café' in %d of %d articles", withCafe, n)
	}
	if mean := totalWords / n; mean < 400 || mean > 900 {
		t.Errorf("mean length %d words", mean)
	}
	// Every status but killed: the benchmark library predates kills, and
	// changing its mix would change every library benchmarks have cached.
	if len(sections) != len(editor.DefaultSettings().Sections) || len(authors) < 30 || len(statuses) != len(editor.Statuses)-1 || statuses[editor.StatusKilled] != 0 {
		t.Errorf("%d sections, %d authors, %d statuses", len(sections), len(authors), len(statuses))
	}
}

func BenchmarkLibraryArticle(b *testing.B) {
	i := 0
	for b.Loop() {
		LibraryArticle(i)
		i++
	}
}
