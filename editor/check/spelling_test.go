package check

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"

	"copydesk/editor"
	"copydesk/editor/spell"
)

// newsroomSpelling is the spelling context of the tests: en_US and the
// names of the clean article's people, as a newsroom dictionary has them.
func newsroomSpelling(t testing.TB) *Spelling {
	t.Helper()
	sp := testSpelling()
	if sp == nil {
		t.Fatal("the embedded dictionary does not load")
	}
	return sp
}

var testSpelling = sync.OnceValue(func() *Spelling {
	d, err := spell.EnUS()
	if err != nil {
		return nil
	}
	return &Spelling{
		Speller:       spell.NewWords(d, "Rortvedt", "Meltzer", "Alderperson", "Woodford", "Vered", "Öztürk"),
		WordChars:     d.WordChars(),
		Suggest:       d.Suggest,
		ForeignQuotes: true,
	}
})

func TestSpellingCleanArticle(t *testing.T) {
	a := clean(t)
	sp := newsroomSpelling(t)
	if got := byRule(Run(a, editor.DefaultSettings(), Context{Spelling: sp}), "spelling"); len(got) != 0 {
		t.Errorf("clean article has spelling findings: %+v", got)
	}
	// Without the newsroom's words, its names are what gets flagged.
	d, _ := spell.EnUS()
	bare := &Spelling{Speller: d, WordChars: d.WordChars()}
	var words []string
	for _, f := range byRule(Run(a, editor.DefaultSettings(), Context{Spelling: bare}), "spelling") {
		words = append(words, f.Word)
	}
	if want := []string{"Alderperson", "Meltzer", "Meltzer", "Rortvedt", "Vered", "Woodford", "Woodford"}; !slices.Equal(sortedCopy(words), want) {
		t.Errorf("flagged without newsroom words: %q, want %q", words, want)
	}
}

func sortedCopy(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func TestSpellingFindings(t *testing.T) {
	sp := newsroomSpelling(t)
	tests := []struct {
		name  string
		field string
		text  string
		want  []string // flagged words, in order
	}{
		{"typos in the body", "body", "The councl voted on teh budget.\n", []string{"councl", "teh"}},
		{"URLs, addresses, code and units", "body", "See https://appleton.org/budgte or write to clerk@appleton.org; run `gti pull`; the 5km route costs $1.2m.\n", nil},
		{"a French quote is left alone", "body", "The mayor said: « Nous sommes très heureux de cette décision » on Monday.\n", nil},
		{"a typo inside an English quote is not", "body", "\"We are very hapy with this,\" she said.\n", []string{"hapy"}},
		{"headline", "headline", "Councl keeps library open", []string{"Councl"}},
		{"caption", "image.caption", "Residnts wait to speak.", []string{"Residnts"}},
		{"alt text", "image.alt", "Residents fil the rows.", []string{"fil"}},
		{"summary", "summary", "The council reversd a cut.", []string{"reversd"}},
		{"names of the newsroom in capitals and possessive", "body", "WOODFORD said Rortvedt's plan works.\n", nil},
		{"a proper noun in lower case", "body", "They met in paris.\n", []string{"paris"}},
		{"abbreviations", "body", "Meet Mr. Woodford at 5 p.m. on Nov. 19, etc.\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := clean(t)
			switch tt.field {
			case "body":
				a.Body = tt.text
			case "headline":
				a.Headline = tt.text
			case "image.caption":
				a.Image.Caption = tt.text
			case "image.alt":
				a.Image.Alt = tt.text
			case "summary":
				a.Summary = tt.text
			}
			var got []string
			for _, f := range byRule(Run(a, editor.DefaultSettings(), Context{Spelling: sp}), "spelling") {
				if f.Field != tt.field || f.Severity != SeverityWarning {
					t.Errorf("finding %+v: want a warning in %s", f, tt.field)
				}
				if flagged(t, a, f) != f.Word {
					t.Errorf("finding points at %q, its word is %q", flagged(t, a, f), f.Word)
				}
				got = append(got, f.Word)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("flagged %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSpellingJSON(t *testing.T) {
	a := clean(t)
	a.Body = "Öztürk saw teh vote.\n"
	fs := byRule(Run(a, editor.DefaultSettings(), Context{Spelling: newsroomSpelling(t)}), "spelling")
	if len(fs) != 1 {
		t.Fatalf("findings: %+v", fs)
	}
	b, err := json.Marshal(fs[0])
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got["word"] != "teh" || got["field"] != "body" || got["start"] != float64(11) || got["end"] != float64(14) {
		t.Errorf("JSON %s: want word teh at body 11–14 (runes)", b)
	}
	sugs, _ := got["suggestions"].([]any)
	if len(sugs) == 0 || len(sugs) > 5 || sugs[0] != "the" {
		t.Errorf("suggestions %v: want at most five, \"the\" first", got["suggestions"])
	}
	var back Finding
	if err := json.Unmarshal(b, &back); err != nil || back != fs[0] {
		t.Errorf("round trip: %+v, %v", back, err)
	}
	other, _ := json.Marshal(Finding{Rule: "link"})
	if strings.Contains(string(other), "suggestions") {
		t.Errorf("a finding without suggestions writes them: %s", other)
	}
}
