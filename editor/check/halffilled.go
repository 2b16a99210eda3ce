package check

import (
	"fmt"
	"strings"
)

// ruleHalfFilled reports groups of fields that only mean something
// together but are filled in only in part. The featured image's words
// with no picture are an error: the page has nothing to put a caption,
// credit or alt text under, so they would be dropped or printed under
// nothing. So is a body image with alt text but no address, and a
// correction with no note (the page would print an empty correction). A
// picture with no credit is a warning: desks differ on handouts and file
// photos, but a credit is usually owed.
func ruleHalfFilled(d *doc, out *[]Finding) {
	im := d.a.Image
	if strings.TrimSpace(im.Src) == "" {
		var words []string
		for _, f := range []struct{ name, v string }{{"alt text", im.Alt}, {"caption", im.Caption}, {"credit", im.Credit}} {
			if strings.TrimSpace(f.v) != "" {
				words = append(words, f.name)
			}
		}
		if len(words) > 0 {
			*out = append(*out, Finding{Rule: "half-filled", Severity: SeverityError, Field: "image.src",
				Message: fmt.Sprintf("The image has %s but no picture: choose the picture, or clear the %s.", andList(words), andList(words))})
		}
	} else if strings.TrimSpace(im.Credit) == "" {
		*out = append(*out, Finding{Rule: "half-filled", Severity: SeverityWarning, Field: "image.credit",
			Message: "The image has no credit; say who took it (the photographer, agency or \"Handout\")."})
	}
	for _, l := range d.prose.images {
		if !l.empty && strings.TrimSpace(l.dest) == "" {
			*out = append(*out, d.body.finding("half-filled", SeverityError, "body", l.start, l.end,
				"This image has alt text but no picture address between the parentheses."))
		}
	}
	for i, c := range d.a.Corrections {
		if strings.TrimSpace(c.Text) == "" {
			*out = append(*out, Finding{Rule: "half-filled", Severity: SeverityError, Field: "corrections",
				Message: fmt.Sprintf("Correction %d has no note; say what was wrong and what is right.", i+1)})
		}
	}
}

// andList joins words as a sentence does: "a", "a and b", "a, b and c".
func andList(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
