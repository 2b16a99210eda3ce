package check

import (
	"strings"
	"testing"

	"copydesk/editor"
)

func obituary(i int) *editor.Article {
	return &editor.Article{
		Section:  "Obituaries",
		Headline: "Longtime grocer dies",
		Body:     strings.Repeat("She died peacefully, survived by her grandchildren. The funeral and visitation are at the chapel; memorial donations are welcome. ", 3+i%2),
	}
}

func TestTrainLearnsTheNewsroomsSections(t *testing.T) {
	t.Parallel()
	settings := editor.DefaultSettings()
	settings.Sections = append(settings.Sections, "Obituaries")
	a := &editor.Article{
		Section:  "Sports",
		Headline: "Grocer dies at 90",
		Body:     "He died at home. He is survived by his grandchildren and a sister. The funeral is Saturday, with visitation at the chapel before the service. Memorial donations may go to the food pantry. His grandchildren remember a grocer who died as he lived, surrounded by family at the funeral home chapel.\n",
	}
	if fs := byRule(Run(a, editor.DefaultSettings(), Context{}), "section-fit"); len(fs) != 0 {
		t.Fatalf("built-in vocabulary knows no obituaries, yet: %+v", fs)
	}
	var training []*editor.Article
	for i := range 5 {
		training = append(training, obituary(i))
	}
	c := Train(training)
	fs := byRule(Run(a, settings, Context{Classifier: c}), "section-fit")
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "Reads like Obituaries rather than Sports") || !strings.Contains(fs[0].Message, "“funeral”") {
		t.Fatalf("after training: %+v", fs)
	}
	// Filed under the section it was trained as, it fits.
	a.Section = "obituaries"
	if fs := byRule(Run(a, settings, Context{Classifier: c}), "section-fit"); len(fs) != 0 {
		t.Fatalf("case-insensitive section should fit: %+v", fs)
	}
}

func TestTrainDoesNotChangeTheDefault(t *testing.T) {
	t.Parallel()
	before := len(DefaultClassifier().Sections())
	c := Train([]*editor.Article{obituary(0), nil, {Section: " "}})
	if got := len(DefaultClassifier().Sections()); got != before {
		t.Errorf("DefaultClassifier changed from %d to %d sections", before, got)
	}
	if got := len(c.Sections()); got != before+1 {
		t.Errorf("trained classifier has %d sections, want %d", got, before+1)
	}
}

func TestSectionFitThreshold(t *testing.T) {
	t.Parallel()
	c := DefaultClassifier()
	tests := []struct {
		name  string
		words string
		flag  bool
	}{
		{"too little evidence", "ukraine nato sanctions", false},
		{"clearly world", "ukraine nato sanctions kremlin diplomats treaty ceasefire embassy summit refugees troops invasion", true},
		{"mixed sports and world", "ukraine nato sanctions kremlin diplomats treaty game season team coach players league", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := c.Classify(strings.Fields(tt.words), "Sports")
			got := g.Likely != g.Chosen && g.Evidence >= minEvidence && g.Margin >= minMarginPerWord
			if got != tt.flag {
				t.Errorf("Classify = %+v, flag %v, want %v", g, got, tt.flag)
			}
		})
	}
}
