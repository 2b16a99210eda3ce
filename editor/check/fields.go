package check

import (
	"strings"
)

func init() {
	rules = []rule{
		{"required-field", ruleRequired},
	}
}

var rules []rule

// ruleRequired: the five fields a story cannot run without are errors; the
// dateline is only a warning because features, columns and opinion
// pieces legitimately have none.
func ruleRequired(d *doc, out *[]Finding) {
	a := d.a
	req := func(field, label, v string, sev Severity) {
		if strings.TrimSpace(v) == "" {
			*out = append(*out, Finding{Rule: "required-field", Severity: sev, Field: field, Message: label + " is empty."})
		}
	}
	req("headline", "Headline", a.Headline, SeverityError)
	req("byline", "Byline", strings.Join(a.Byline, ""), SeverityError)
	req("section", "Section", a.Section, SeverityError)
	req("summary", "Summary", a.Summary, SeverityError)
	req("body", "Body", a.Body, SeverityError)
	if strings.TrimSpace(a.Dateline) == "" && d.bodyDateline == "" {
		*out = append(*out, Finding{Rule: "required-field", Severity: SeverityWarning, Field: "dateline", Message: "Dateline is empty; news stories say where they were reported."})
	}
}
