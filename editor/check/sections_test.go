package check

import (
	"encoding/json"
	"os"
	"testing"

	"copydesk/editor"
)

// TestSectionFitOnRealisticStories files eight short, plausible stories
// (testdata/sections.json) under their own section and under every other
// one, using only the built-in vocabulary. Filed correctly, none may be
// flagged; filed under a clearly different section, most should be.
func TestSectionFitOnRealisticStories(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("testdata/sections.json")
	if err != nil {
		t.Fatal(err)
	}
	var stories []struct{ Section, Body string }
	if err := json.Unmarshal(raw, &stories); err != nil {
		t.Fatal(err)
	}
	// Pairs a reader would call clearly misfiled; neighbours like Local and
	// Politics or World and Politics overlap, and the rule stays quiet there
	// by design.
	clearlyWrong := map[[2]string]bool{
		{"Sports", "Business"}: true, {"Sports", "World"}: true, {"Sports", "Science"}: true, {"Sports", "Culture"}: true,
		{"World", "Sports"}: true, {"Science", "Sports"}: true, {"Business", "Sports"}: true, {"Culture", "Sports"}: true,
		{"Science", "Culture"}: true, {"Culture", "Business"}: true, {"World", "Culture"}: true,
	}
	flag := func(section, body string) []Finding {
		a := &editor.Article{Headline: "x", Section: section, Body: body}
		return byRule(Run(a, editor.DefaultSettings(), Context{}), "section-fit")
	}
	caught := 0
	for _, s := range stories {
		if fs := flag(s.Section, s.Body); len(fs) != 0 {
			t.Errorf("%s story filed under %s was flagged: %s", s.Section, s.Section, fs[0].Message)
		}
		for _, o := range stories {
			if clearlyWrong[[2]string{s.Section, o.Section}] {
				if fs := flag(o.Section, s.Body); len(fs) == 1 {
					caught++
				} else {
					t.Logf("%s story under %s not flagged", s.Section, o.Section)
				}
			}
		}
	}
	if caught < len(clearlyWrong)*3/4 {
		t.Errorf("caught %d of %d clearly misfiled stories, want at least three quarters", caught, len(clearlyWrong))
	}
}

func TestBroadSectionsAreNotQuestioned(t *testing.T) {
	t.Parallel()
	a := loadArticle(t, "reference.json")
	for _, sec := range []string{"News", "opinion", " Opinion "} {
		a.Section = sec
		if fs := byRule(Run(a, editor.DefaultSettings(), Context{}), "section-fit"); len(fs) != 0 {
			t.Errorf("%q questioned: %+v", sec, fs)
		}
	}
}
