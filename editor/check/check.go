// Package check runs the desk's ready-to-file checks over an article and
// extracts its fact sheet. It is pure domain code (no Fyne, no SQL) and
// fast enough to run on every edit from a background goroutine: the window
// shows the findings live, the CLI prints them, and approving refuses an
// article with error-level findings.
//
// Rules, by stable id, with the severity each reports and why:
//
//	required-field      error: headline, byline, section, summary or body empty
//	                    warning: dateline empty (features and columns have none)
//	headline-length     warning: over Settings.HeadlineGuide; marks the overflow
//	summary-length      warning: over Settings.SummaryGuide; marks the overflow
//	placeholder         error: TK, TKTK, XX, [link], [citation needed], lorem
//	                    ipsum in any field; would be published verbatim
//	image-alt           error: image without alt text (screen readers get nothing)
//	                    warning: alt text repeats the headline or caption
//	half-filled         error: image caption, credit or alt text but no picture;
//	                    body image with alt text but no address; empty correction
//	                    warning: picture without a credit
//	dateline            error: body dateline differs from the field
//	                    warning: dateline in both, or only in the body
//	repeated-word       warning: "the the" (a few doublings are grammatical)
//	double-space        warning: invisible on the page, visible in wires
//	link                error: no address, no text, no scheme, unsafe scheme
//	                    warning: insecure http:, unusual scheme
//	style               info: filler words; warning: clichés, redundancies,
//	                    AP numbers (data/*.txt)
//	unattributed-quote  warning: a quoted sentence with no speaker nearby
//	anonymous-source    info, or warning from the third one: each anonymous
//	                    attribution, numbered "n of N"
//	section-fit         warning: the text reads like another section, or the
//	                    section is not one of Settings.Sections (a typo)
//	unresolved-notes    warning: open notes between reporter and editor
//	spelling            warning: a word the dictionary and the newsroom's
//	                    word list do not know, with suggestions (only when
//	                    Context.Spelling is set)
//
// Only errors block approval, so a rule is an error only when the story
// would be published wrong (a placeholder, a broken link, a contradiction),
// never for a matter of judgement. Offsets are runes (characters) in the
// field's text as FieldText returns it.
package check

import (
	"cmp"
	"slices"

	"copydesk/editor"
)

// Severity says how much a finding matters. Errors block approval (unless an
// editor overrides), warnings are advice a reporter should read, info is
// a count or an observation the editor weighs.
type Severity string

// The severities, most serious first.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
	SeverityInfo    Severity = "info"
)

// Finding is one problem, located by rune offsets in one field so the
// window can select exactly the flagged passage.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Field    string   `json:"field"` // "headline", "body", "image.alt" …
	Start    int      `json:"start"` // rune offsets in that field
	End      int      `json:"end"`
	Message  string   `json:"message"`
	// Word and Suggestions are set by the spelling rule: the word as
	// written and its corrections, best first.
	Word        string      `json:"word,omitempty"`
	Suggestions Suggestions `json:"suggestions,omitzero"`
}

// Context carries optional inputs that are not part of the article. The
// zero value is valid: no notes are counted and the built-in section
// vocabulary is used.
type Context struct {
	UnresolvedNotes int
	Classifier      *Classifier // nil means DefaultClassifier()
	Spelling        *Spelling   // nil turns the spelling rule off
	// strictOffsets makes every offset conversion verify that it lands on
	// a character boundary (see text.strict); the fuzz test sets it.
	strictOffsets bool
}

// rule is one check. Rules append to out rather than return slices so a
// clean article costs no allocations per rule.
type rule struct {
	id  string
	run func(d *doc, out *[]Finding)
}

// doc is the article prepared once for every rule: fields with their rune
// offset tables, so no rule recomputes them.
type doc struct {
	a        *editor.Article
	s        editor.Settings
	c        Context
	body     *text
	headline *text
	prose    *prose
	// bodyDateline is the dateline written at the start of the body
	// ("PARIS"), or "".
	bodyDateline    string
	bodyDatelineEnd int // bytes: just after the dash and its space
	quoteList       []quote
	quotesDone      bool
}

func newDoc(a *editor.Article, s editor.Settings, c Context) *doc {
	d := &doc{a: a, s: s, c: c, prose: parseProse(a.Body)}
	d.body, d.headline = d.text(a.Body), d.text(a.Headline)
	d.bodyDateline, d.bodyDatelineEnd = findBodyDateline(d.prose)
	return d
}

// text is newText with the document's strictness.
func (d *doc) text(s string) *text {
	t := newText(s)
	t.strict = d.c.strictOffsets
	return t
}

// quotes are found once and shared by the quotation rule and the fact sheet.
func (d *doc) quotes() []quote {
	if !d.quotesDone {
		d.quoteList, d.quotesDone = findQuotes(d.prose), true
	}
	return d.quoteList
}

// Rules lists every rule id, in the order the rules run.
func Rules() []string {
	ids := make([]string, len(rules))
	for i, r := range rules {
		ids[i] = r.id
	}
	return ids
}

// Run checks a and returns its findings ordered by severity, then field,
// then position, then rule, so the same article always gives the same list.
func Run(a *editor.Article, s editor.Settings, c Context) []Finding {
	if a == nil {
		return nil
	}
	d := newDoc(a, s, c)
	var out []Finding
	for _, r := range rules {
		r.run(d, &out)
	}
	slices.SortStableFunc(out, func(x, y Finding) int {
		return cmp.Or(
			cmp.Compare(severityRank(x.Severity), severityRank(y.Severity)),
			cmp.Compare(fieldRank(x.Field), fieldRank(y.Field)),
			cmp.Compare(x.Start, y.Start),
			cmp.Compare(x.End, y.End),
			cmp.Compare(x.Rule, y.Rule),
			cmp.Compare(x.Message, y.Message),
		)
	})
	return out
}

// HasErrors reports whether any finding is an error.
func HasErrors(fs []Finding) bool {
	return slices.ContainsFunc(fs, func(f Finding) bool { return f.Severity == SeverityError })
}

func severityRank(s Severity) int {
	switch s {
	case SeverityError:
		return 0
	case SeverityWarning:
		return 1
	}
	return 2
}

// fieldOrder is the order fields appear in the editing window, so the
// panel reads top to bottom like the form.
var fieldOrder = []string{"headline", "byline", "section", "summary", "dateline", "tags", "image.src", "image.alt", "image.caption", "image.credit", "body", "notes"}

func fieldRank(f string) int {
	if i := slices.Index(fieldOrder, f); i >= 0 {
		return i
	}
	return len(fieldOrder)
}
