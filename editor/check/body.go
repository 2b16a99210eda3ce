package check

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokenField is a field read as words: the body's prose words, or the
// words of a one-line field.
type tokenField struct {
	name   string
	t      *text
	tokens []token
}

func (d *doc) wordFields() []tokenField {
	a := d.a
	out := []tokenField{{"headline", d.headline, tokenize(a.Headline, 0, len(a.Headline), 0, nil)}}
	for _, f := range []field{{"summary", a.Summary}, {"image.caption", a.Image.Caption}} {
		out = append(out, tokenField{f.name, d.text(f.value), tokenize(f.value, 0, len(f.value), 0, nil)})
	}
	return append(out, tokenField{"body", d.body, d.prose.tokens})
}

// repeatedWordOK are doublings that are grammatical ("he had had enough",
// "he said that that was wrong").
var repeatedWordOK = map[string]bool{"had": true, "that": true}

// ruleRepeatedWord: "the the" is a typo, but a warning rather than an
// error because a few doublings are deliberate.
func ruleRepeatedWord(d *doc, out *[]Finding) {
	for _, f := range d.wordFields() {
		s := f.t.s
		for i := 1; i < len(f.tokens); i++ {
			a, b := f.tokens[i-1], f.tokens[i]
			w := s[a.start:a.end]
			if !joined(s, f.tokens, i-1, i) || !strings.EqualFold(w, s[b.start:b.end]) || !hasLetter(w) || repeatedWordOK[strings.ToLower(w)] {
				continue
			}
			// "Bora Bora", "Walla Walla": a doubled name, capitalised
			// both times; "The the" is still a typo.
			if isCapitalised(w) && isCapitalised(s[b.start:b.end]) && !stopwords()[strings.ToLower(w)] {
				continue
			}
			*out = append(*out, f.t.finding("repeated-word", SeverityWarning, f.name, a.start, b.end,
				fmt.Sprintf("%q is repeated.", w)))
		}
	}
}

func hasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

// ruleDoubleSpace: a warning, since it is invisible in the rendered page
// but shows in plain-text exports, wires and the NITF copy.
func ruleDoubleSpace(d *doc, out *[]Finding) {
	for _, f := range []field{{"headline", d.a.Headline}, {"summary", d.a.Summary}, {"image.alt", d.a.Image.Alt}, {"image.caption", d.a.Image.Caption}} {
		var t *text
		for _, r := range doubleSpaces(f.value, 0, len(f.value)) {
			if t == nil {
				t = d.text(f.value)
				if f.name == "headline" {
					t = d.headline
				}
			}
			*out = append(*out, t.finding("double-space", SeverityWarning, f.name, r[0], r[1], "Two or more spaces between words."))
		}
	}
	for _, sg := range d.prose.segments {
		for _, r := range doubleSpaces(d.prose.s, sg.start, sg.end) {
			*out = append(*out, d.body.finding("double-space", SeverityWarning, "body", r[0], r[1], "Two or more spaces between words."))
		}
	}
}

// doubleSpaces finds runs of two or more spaces between two non-blank
// characters of s[start:end]; leading indentation and the two trailing
// spaces of a Markdown hard line break are not between words.
func doubleSpaces(s string, start, end int) [][2]int {
	var out [][2]int
	for i := start; i+1 < end; i++ {
		if s[i] != ' ' || s[i+1] != ' ' {
			continue
		}
		j := i
		for j < end && s[j] == ' ' {
			j++
		}
		if i > start && j < end && !isBlankByte(s[i-1]) && !isBlankByte(s[j]) {
			out = append(out, [2]int{i, j})
		}
		i = j
	}
	return out
}

func isBlankByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// ruleLink: a link that cannot work (no address, no scheme, a scheme a
// browser will not follow safely, no text to click) is an error; plain
// http: works but leaks the reader's visit and may be blocked, so it is a
// warning.
func ruleLink(d *doc, out *[]Finding) {
	for _, l := range d.prose.links {
		f := func(sev Severity, msg string) {
			*out = append(*out, d.body.finding("link", sev, "body", l.start, l.end, msg))
		}
		if l.empty {
			f(SeverityError, "Link has no text to click.")
		}
		dest := strings.TrimSpace(l.dest)
		if dest == "" {
			f(SeverityError, "Link has no address.")
			continue
		}
		u, err := url.Parse(dest)
		if err != nil {
			f(SeverityError, fmt.Sprintf("Link address %q is malformed.", dest))
			continue
		}
		switch strings.ToLower(u.Scheme) {
		case "https":
			if u.Host == "" {
				f(SeverityError, fmt.Sprintf("Link address %q has no host.", dest))
			}
		case "http":
			if u.Host == "" {
				f(SeverityError, fmt.Sprintf("Link address %q has no host.", dest))
			} else {
				f(SeverityWarning, fmt.Sprintf("Link uses insecure http:; use https://%s if the site supports it.", strings.TrimPrefix(dest[len(u.Scheme)+1:], "//")))
			}
		case "mailto", "tel":
		case "":
			// "/news/x" and "#notes" are links within the site; anything
			// else is almost always a web address missing its https://.
			if !strings.HasPrefix(dest, "/") && !strings.HasPrefix(dest, "#") {
				f(SeverityError, fmt.Sprintf("Link address %q has no scheme; did you mean https://%s?", dest, dest))
			}
		case "javascript", "data", "vbscript", "file":
			f(SeverityError, fmt.Sprintf("Link address scheme %q is not allowed in an article.", u.Scheme))
		default:
			f(SeverityWarning, fmt.Sprintf("Link address uses the unusual scheme %q.", u.Scheme))
		}
	}
}

var (
	fillerList     = loadList("filler.txt")
	clicheList     = loadList("cliches.txt")
	redundancyList = loadList("redundancies.txt")
)

// ruleStyle reports the curated lists and AP numbers in the body. Filler
// words are info (a good writer uses "very" on purpose now and then);
// clichés, redundancies and numbers are warnings, the desk's house style.
func ruleStyle(d *doc, out *[]Finding) {
	p := d.prose
	report := func(l *phraseList, sev Severity, msg func(phrase string, e *entry) string) {
		for _, m := range l.find(p.s, p.tokens) {
			start, end := p.tokens[m.i].start, p.tokens[m.j-1].end
			*out = append(*out, d.body.finding("style", sev, "body", start, end, msg(p.s[start:end], m.e)))
		}
	}
	withAdvice := func(msg string, e *entry) string {
		if e.advice != "" {
			return msg + " Try: " + e.advice + "."
		}
		return msg
	}
	report(fillerList, SeverityInfo, func(ph string, e *entry) string {
		return withAdvice(fmt.Sprintf("“%s” is filler; it adds length, not meaning.", ph), e)
	})
	report(clicheList, SeverityWarning, func(ph string, e *entry) string {
		return withAdvice(fmt.Sprintf("“%s” is a cliché.", ph), e)
	})
	report(redundancyList, SeverityWarning, func(ph string, e *entry) string {
		return withAdvice(fmt.Sprintf("“%s” is redundant.", ph), e)
	})
	numberStyle(d, out)
}

var (
	numberWords                 = [...]string{"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
	numbersBefore, numbersAfter = loadNumberContext()
)

func loadNumberContext() (before, after map[string]bool) {
	raw, err := dataFS.ReadFile("data/numbers.txt")
	if err != nil {
		panic("check: " + err.Error())
	}
	before, after = map[string]bool{}, map[string]bool{}
	cur := before
	for _, line := range strings.Split(string(raw), "\n") {
		line, _, _ = strings.Cut(line, "#")
		switch strings.TrimSpace(line) {
		case "[before]":
			cur = before
			continue
		case "[after]":
			cur = after
			continue
		}
		for _, w := range strings.Fields(line) {
			cur[w] = true
		}
	}
	return before, after
}

// numberStyle flags a lone figure 1–9 in prose (AP: spell out one through
// nine). Figures are kept where AP keeps them: next to a symbol ("$5",
// "5%", "3:30", "2-1"), after words like "Article", "age" or a month, and
// before units, "percent", "million" or a month (data/numbers.txt). Not
// handled: a figure in a series with larger ones ("5 and 12"), which AP
// also allows; the reporter can ignore that warning.
func numberStyle(d *doc, out *[]Finding) {
	p := d.prose
	var buf []byte
	for i, t := range p.tokens {
		w := p.s[t.start:t.end]
		if len(w) != 1 || w[0] < '1' || w[0] > '9' {
			continue
		}
		if t.start > 0 && !numberSpaceBefore(p.s[t.start-1]) {
			continue
		}
		if t.end < len(p.s) && !numberSpaceAfter(p.s[t.end]) {
			continue
		}
		// "Ana Ruiz, 7, said", "her brother, 4,": an age set off by
		// commas after a person, which AP always gives in figures.
		if i > 0 && t.end < len(p.s) && p.s[t.end] == ',' && strings.TrimSpace(p.s[p.tokens[i-1].end:t.start]) == "," &&
			hasLetter(p.s[p.tokens[i-1].start:p.tokens[i-1].end]) {
			continue
		}
		if joined(p.s, p.tokens, i-1, i) || (i > 0 && p.tokens[i-1].block == t.block && strings.TrimSpace(p.s[p.tokens[i-1].end:t.start]) == ".") {
			buf = lowerWord(buf, strings.TrimSuffix(p.s[p.tokens[i-1].start:p.tokens[i-1].end], "."))
			if numbersBefore[string(buf)] {
				continue
			}
			// "Challenger 2", "Apollo 11", "Game 7": a figure after a
			// capitalised word inside a sentence is part of a name.
			prev := p.tokens[i-1]
			if isCapitalised(p.s[prev.start:prev.end]) && !sentenceStart(p.s, p.tokens, i-1) {
				continue
			}
		}
		if i+1 < len(p.tokens) && p.tokens[i+1].block == t.block && !strings.ContainsAny(p.s[t.end:p.tokens[i+1].start], ".;:!?\n") {
			buf = lowerWord(buf, strings.TrimSuffix(p.s[p.tokens[i+1].start:p.tokens[i+1].end], "."))
			if numbersAfter[string(buf)] || ageOrAddress(p, i) {
				continue
			}
		}
		*out = append(*out, d.body.finding("style", SeverityWarning, "body", t.start, t.end,
			fmt.Sprintf("AP style spells out numbers under 10 in prose: write “%s”.", numberWords[w[0]-'0'])))
	}
}

// ageOrAddress looks a few words past the figure at toks[i]: "7 years
// old" is an age and "5 Main St." an address, both figures in AP style.
func ageOrAddress(p *prose, i int) bool {
	var buf []byte
	for k := i + 1; k <= i+3 && k < len(p.tokens); k++ {
		if p.tokens[k].block != p.tokens[i].block || strings.ContainsAny(p.s[p.tokens[k-1].end:p.tokens[k].start], ",;:!?\n") {
			return false
		}
		w := p.s[p.tokens[k].start:p.tokens[k].end]
		buf = lowerWord(buf, strings.TrimSuffix(w, "."))
		l := string(buf)
		switch {
		case k == i+1:
			if !isCapitalised(w) && l != "years" && l != "year" && l != "months" && l != "weeks" {
				return false
			}
		case l == "old" || streetWords[l]:
			return true
		case !isCapitalised(w):
			return false
		}
	}
	return false
}

var streetWords = toSet("street st avenue ave road rd boulevard blvd lane ln drive dr place pl court ct way parkway highway")

// A figure is "in prose" when blanks, brackets, quotes or sentence
// punctuation surround it; any other neighbour ("$", "%", ":", "-", "/")
// makes it a money sum, a time, a score or a ratio.
func numberSpaceBefore(c byte) bool { return isBlankByte(c) || strings.IndexByte("(\"'*_", c) >= 0 }
func numberSpaceAfter(c byte) bool  { return isBlankByte(c) || strings.IndexByte(".,;!?)\"'*_", c) >= 0 }

// ruleUnattributedQuote: a quoted sentence (four words or more; a quoted
// word or phrase is not a quotation anyone needs to be named for) with no
// attributing verb in its paragraph is a warning — the speaker may be
// clear from context, but the editor should look.
func ruleUnattributedQuote(d *doc, out *[]Finding) {
	for _, q := range d.quotes() {
		if q.words >= 4 && !q.attributed && !titleCase(d.prose, q) {
			*out = append(*out, d.body.finding("unattributed-quote", SeverityWarning, "body", q.start, q.end,
				"This quotation has no speaker nearby; say who said it."))
		}
	}
}

// titleCase reports whether a quotation is the title of a work ("The
// Grapes of Wrath"): most of its words capitalised, which a spoken
// sentence never is.
func titleCase(p *prose, q quote) bool {
	caps, words := 0, 0
	for _, t := range p.tokens[tokenAt(p.tokens, q.inner0):tokenAt(p.tokens, q.inner1)] {
		w := p.s[t.start:t.end]
		if connectors[strings.ToLower(w)] || strings.EqualFold(w, "a") || strings.EqualFold(w, "an") {
			continue // "of", "the" stay lower case in titles
		}
		words++
		if isCapitalised(w) {
			caps++
		}
	}
	return words > 0 && caps*4 >= words*3
}

var anonymousList = loadList("anonymous.txt")

// anonymousWarnAt is how many anonymous attributions make them a warning:
// one or two can be justified, and are reported as info so the editor
// knows; three or more is a story resting on people the reader cannot
// judge.
const anonymousWarnAt = 3

func ruleAnonymousSource(d *doc, out *[]Finding) {
	p := d.prose
	ms := anonymousList.find(p.s, p.tokens)
	sev := SeverityInfo
	if len(ms) >= anonymousWarnAt {
		sev = SeverityWarning
	}
	for k, m := range ms {
		start, end := p.tokens[m.i].start, p.tokens[m.j-1].end
		*out = append(*out, d.body.finding("anonymous-source", sev, "body", start, end,
			fmt.Sprintf("Anonymous source %d of %d: “%s”. Can the source be named?", k+1, len(ms), p.s[start:end])))
	}
}

func isCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// sentenceStart reports whether toks[i] begins a sentence: the first word
// of its block, or after a full stop, question or exclamation mark.
func sentenceStart(s string, toks []token, i int) bool {
	if i == 0 || toks[i-1].block != toks[i].block {
		return true
	}
	g := strings.TrimRight(s[toks[i-1].end:toks[i].start], " \t\n\r\"'“”*_")
	return strings.HasSuffix(g, ".") || strings.HasSuffix(g, "?") || strings.HasSuffix(g, "!")
}
