package check

import (
	"copydesk/editor"

	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// rules run in this order; the order only matters for ties in Run's sort.
var rules = []rule{
	{"required-field", ruleRequired},
	{"headline-length", ruleHeadlineLength},
	{"summary-length", ruleSummaryLength},
	{"placeholder", rulePlaceholder},
	{"image-alt", ruleImageAlt},
	{"half-filled", ruleHalfFilled},
	{"dateline", ruleDateline},
	{"repeated-word", ruleRepeatedWord},
	{"double-space", ruleDoubleSpace},
	{"link", ruleLink},
	{"style", ruleStyle},
	{"unattributed-quote", ruleUnattributedQuote},
	{"anonymous-source", ruleAnonymousSource},
	{"section-fit", ruleSectionFit},
	{"unresolved-notes", ruleUnresolvedNotes},
	{"spelling", ruleSpelling},
}

// BylineSeparator joins the byline names (and the tags) into the one
// string that a "byline" or "tags" finding's offsets refer to, the way the
// window shows them in a single entry.
const BylineSeparator = ", "

// field is one plain-text field of the article, for rules that look at
// every field.
type field struct {
	name, value string
}

func (d *doc) fields() []field {
	a := d.a
	return append([]field{},
		field{"headline", a.Headline}, field{"byline", strings.Join(a.Byline, BylineSeparator)},
		field{"section", a.Section}, field{"summary", a.Summary}, field{"dateline", a.Dateline},
		field{"tags", strings.Join(a.Tags, BylineSeparator)},
		field{"image.src", a.Image.Src}, field{"image.alt", a.Image.Alt},
		field{"image.caption", a.Image.Caption}, field{"image.credit", a.Image.Credit},
		field{"body", a.Body})
}

// ruleRequired: the five fields a story cannot run without are errors; the
// dateline is only a warning because features, columns and opinion pieces
// legitimately have none, and it is not asked for when the body already
// starts with one (the dateline rule says to move it).
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

// Length guides are warnings: a long headline may be right for the story,
// but the desk set the guide for how headlines fit the site and social cards.
func ruleHeadlineLength(d *doc, out *[]Finding) {
	lengthGuide(out, "headline-length", "headline", "Headline", d.a.Headline, d.s.HeadlineGuide)
}

func ruleSummaryLength(d *doc, out *[]Finding) {
	lengthGuide(out, "summary-length", "summary", "Summary", d.a.Summary, d.s.SummaryGuide)
}

// lengthGuide marks the characters past the guide, so selecting the
// finding shows exactly what to cut.
func lengthGuide(out *[]Finding, rule, field, label, v string, guide int) {
	n := utf8.RuneCountInString(v)
	if guide <= 0 || n <= guide {
		return
	}
	*out = append(*out, Finding{Rule: rule, Severity: SeverityWarning, Field: field, Start: guide, End: n,
		Message: fmt.Sprintf("%s is %d characters; the guide is %d (%d over).", label, n, guide, n-guide)})
}

// placeholders are marks reporters leave for "to come"; any left in a
// filed story would be published verbatim, so they are errors. The
// all-capital ones match only in capitals and as whole words, so "TKO",
// "XXL" and "tk" in a word do not count.
var placeholderWords = map[string]bool{"TK": true, "TKTK": true, "TKTKTK": true, "XX": true, "XXX": true}

var placeholderPhrases = []string{"[link]", "[citation needed]", "[tk]", "[url]", "[photo]"}

func rulePlaceholder(d *doc, out *[]Finding) {
	for _, f := range d.fields() {
		var t *text
		switch f.name {
		case "body":
			t = d.body
		case "headline":
			t = d.headline
		default:
			t = d.text(f.value)
		}
		found := func(start, end int) {
			*out = append(*out, t.finding("placeholder", SeverityError, f.name, start, end,
				fmt.Sprintf("Placeholder %q left in the %s.", f.value[start:end], fieldLabel(f.name))))
		}
		s := f.value
		for i := 0; i < len(s); {
			r, w := utf8.DecodeRuneInString(s[i:])
			if !isWordRune(r) {
				if r == '[' {
					for _, p := range placeholderPhrases {
						if p[0] == '[' && hasPrefixFold(s[i:], p) {
							found(i, i+len(p))
							w = len(p)
							break
						}
					}
				}
				i += w
				continue
			}
			j := i
			for j < len(s) {
				r, w := utf8.DecodeRuneInString(s[j:])
				if !isWordRune(r) {
					break
				}
				j += w
			}
			if placeholderWords[s[i:j]] && !(s[i] == 'X' && afterName(s, i)) {
				found(i, j)
			} else if hasPrefixFold(s[i:], "lorem ipsum") && !wordRuneAt(s, i+len("lorem ipsum")) {
				j = i + len("lorem ipsum")
				found(i, j)
			}
			i = j
		}
	}
}

// afterName reports whether the word before s[i:] is capitalised, as in
// "Super Bowl XX", where XX is a Roman numeral and not a placeholder.
func afterName(s string, i int) bool {
	j := i
	for j > 0 && s[j-1] == ' ' {
		j--
	}
	if j == i || j == 0 {
		return false
	}
	k := j
	for k > 0 && wordRuneBefore(s, k) {
		_, w := utf8.DecodeLastRuneInString(s[:k])
		k -= w
	}
	return k < j && isCapitalised(s[k:j])
}

func wordRuneAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isWordRune(r)
}

func wordRuneBefore(s string, i int) bool {
	if i <= 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isWordRune(r)
}

// hasPrefixFold is strings.HasPrefix ignoring ASCII case; p is lower-case
// ASCII, so byte offsets in s stay exact.
func hasPrefixFold(s, p string) bool {
	if len(s) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != p[i] {
			return false
		}
	}
	return true
}

func fieldLabel(f string) string {
	switch f {
	case "image.src":
		return "image source"
	case "image.alt":
		return "image alt text"
	case "image.caption":
		return "image caption"
	case "image.credit":
		return "image credit"
	}
	return f
}

// ruleImageAlt: a missing alt text is an error because a screen reader
// then reads the file name or nothing; alt text that repeats the headline
// or caption is a warning because it tells a blind reader nothing the page
// does not already say, but it is not wrong.
func ruleImageAlt(d *doc, out *[]Finding) {
	im := d.a.Image
	alt := normalize(im.Alt)
	altLen := utf8.RuneCountInString(im.Alt)
	switch {
	case alt == "" && strings.TrimSpace(im.Src) != "":
		*out = append(*out, Finding{Rule: "image-alt", Severity: SeverityError, Field: "image.alt",
			Message: "The image has no alt text; describe what it shows for readers who cannot see it."})
	case alt == "":
	case repeats(alt, normalize(d.a.Headline)):
		*out = append(*out, Finding{Rule: "image-alt", Severity: SeverityWarning, Field: "image.alt", End: altLen,
			Message: "Alt text repeats the headline; describe what the image shows instead."})
	case repeats(alt, normalize(im.Caption)):
		*out = append(*out, Finding{Rule: "image-alt", Severity: SeverityWarning, Field: "image.alt", End: altLen,
			Message: "Alt text repeats the caption; describe what the image shows instead."})
	}
	for _, im := range d.prose.images {
		if im.empty {
			*out = append(*out, d.body.finding("image-alt", SeverityError, "body", im.start, im.end,
				"This image has no alt text; describe what it shows between the brackets."))
		}
	}
}

// repeats reports whether normalised alt text is the other text, or all
// but a few words of it ("Photo: " + headline, or the headline missing its
// last word), which tells a blind reader just as little.
func repeats(alt, other string) bool {
	if other == "" {
		return false
	}
	if alt == other {
		return true
	}
	short, long := alt, other
	if len(short) > len(long) {
		short, long = long, short
	}
	return strings.Count(short, " ") >= 3 && strings.Contains(long, short) && len(short)*5 >= len(long)*4
}

// ruleDateline compares a dateline written in the body with the field. A
// different place is an error (one of them is wrong and both would be
// published); the same place in both is a warning because the site
// prints the field before the first paragraph, so it would appear twice.
func ruleDateline(d *doc, out *[]Finding) {
	if d.bodyDateline == "" {
		return
	}
	field := strings.TrimSpace(d.a.Dateline)
	start := d.prose.paras[0].start
	f := func(sev Severity, msg string) {
		*out = append(*out, d.body.finding("dateline", sev, "body", start, d.bodyDatelineEnd, msg))
	}
	switch {
	case field == "":
		f(SeverityWarning, fmt.Sprintf("The body starts with the dateline %s; move it to the Dateline field, which the site prints in capitals.", d.bodyDateline))
	case samePlace(field, d.bodyDateline):
		f(SeverityWarning, fmt.Sprintf("The dateline %s is in both the field and the body; it would be printed twice. Delete it from the body.", d.bodyDateline))
	default:
		f(SeverityError, fmt.Sprintf("The body starts with the dateline %s but the Dateline field says %s.", d.bodyDateline, field))
	}
}

// samePlace treats "WASHINGTON" and "Washington, D.C." as one place: the
// field often carries the short form and the body the long one.
func samePlace(a, b string) bool {
	a, b = normalize(a), normalize(b)
	if len(a) > len(b) {
		a, b = b, a
	}
	return a == b || strings.HasPrefix(b, a+" ")
}

// findBodyDateline recognises a wire-style dateline opening the first
// paragraph: capitals (with spaces, commas, periods, hyphens and an
// optional "(AP)"-style credit) followed by a dash. It returns the place
// and the byte offset after the dash and the blank that follows it.
func findBodyDateline(p *prose) (string, int) {
	if len(p.paras) == 0 {
		return "", 0
	}
	s := p.s[p.paras[0].start:p.paras[0].end]
	upper := 0
	var place strings.Builder
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '—' || r == '–' || (r == '-' && i > 0 && s[i-1] == ' '):
			if upper < 2 {
				return "", 0
			}
			end := i + w
			for end < len(s) && (s[end] == '-' || s[end] == ' ') {
				end++
			}
			return strings.Trim(place.String(), " ,"), p.paras[0].start + end
		case r == '(':
			j := strings.IndexByte(s[i:], ')')
			if j < 0 || j > 30 {
				return "", 0
			}
			i += j + 1
			continue
		case unicode.IsUpper(r):
			upper++
			place.WriteRune(r)
		case unicode.IsLower(r) && strings.Contains(place.String(), ","):
			// "APPLETON, Wis.": the state after the city is not in capitals.
			place.WriteRune(r)
		case r == ' ' || r == ',' || r == '.' || r == '\'' || r == '’' || r == '-':
			place.WriteRune(r)
		case r == '*' || r == '_':
			// "**PARIS** —": emphasis around the dateline is not part of it.
		default:
			return "", 0
		}
		i += w
		if i > 60 {
			return "", 0
		}
	}
	return "", 0
}

// ruleUnresolvedNotes is a warning: open notes are questions between
// reporter and editor that should be answered before the story runs, but
// some are reminders for later and must not block approval on their own.
func ruleUnresolvedNotes(d *doc, out *[]Finding) {
	switch n := d.c.UnresolvedNotes; {
	case n == 1:
		*out = append(*out, Finding{Rule: "unresolved-notes", Severity: SeverityWarning, Field: "notes", Message: "1 note is unresolved."})
	case n > 1:
		*out = append(*out, Finding{Rule: "unresolved-notes", Severity: SeverityWarning, Field: "notes", Message: fmt.Sprintf("%d notes are unresolved.", n)})
	}
}

// FieldText returns the text a finding's or fact's offsets refer to: the
// field's value, with byline names and tags joined by BylineSeparator.
// It returns "" for "notes" and unknown fields.
func FieldText(a *editor.Article, field string) string {
	switch field {
	case "headline":
		return a.Headline
	case "byline":
		return strings.Join(a.Byline, BylineSeparator)
	case "section":
		return a.Section
	case "summary":
		return a.Summary
	case "dateline":
		return a.Dateline
	case "tags":
		return strings.Join(a.Tags, BylineSeparator)
	case "image.src":
		return a.Image.Src
	case "image.alt":
		return a.Image.Alt
	case "image.caption":
		return a.Image.Caption
	case "image.credit":
		return a.Image.Credit
	case "body":
		return a.Body
	}
	return ""
}
