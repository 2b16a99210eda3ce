package check

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// quote is a quotation in one paragraph of the body.
type quote struct {
	para       int // index in prose.paras
	start, end int // bytes, including the quotation marks
	inner0     int // bytes: the quoted words
	inner1     int
	closed     bool // false when the quotation runs on into the next paragraph
	words      int
	attributed bool
	speaker    string // who said it, when the heuristic finds them
}

var saidVerbs = loadSet("saidverbs.txt")

// findQuotes lists the quotations of every body paragraph. Curly quotes
// pair by direction; straight ones alternate. A paragraph that opens a
// quotation and does not close it is the newspaper convention for a quote
// that continues in the next paragraph, which then reopens it without a
// new attribution, so the earlier attribution carries over.
func findQuotes(p *prose) []quote {
	var out []quote
	carry := false // the previous paragraph's open quotation was attributed
	for pi, pa := range p.paras {
		s := p.s
		first := len(out)
		open := -1
		for i := pa.start; i < pa.end; {
			r, w := utf8.DecodeRuneInString(s[i:pa.end])
			switch {
			case r == '“' || r == '«' || (r == '"' && open < 0):
				if open < 0 {
					open = i
				}
			case r == '”' || r == '»' || r == '"':
				if open >= 0 {
					ow := runeLenAt(s, open)
					out = append(out, quote{para: pi, start: open, end: i + w, inner0: open + ow, inner1: i, closed: true})
					open = -1
				}
			}
			i += w
		}
		if open >= 0 {
			out = append(out, quote{para: pi, start: open, end: pa.end, inner0: open + runeLenAt(s, open), inner1: pa.end})
		}
		qs := out[first:]
		toks := p.tokens[pa.tok0:pa.tok1]
		verb := paragraphVerb(p, toks, qs)
		for k := range qs {
			q := &qs[k]
			// Words never straddle a quotation mark, so the words inside
			// are those starting between the marks.
			q.words = tokenAt(toks, q.inner1) - tokenAt(toks, q.inner0)
			switch {
			case verb:
				q.attributed = true
				q.speaker = findSpeaker(p, toks, *q, qs)
			case carry && k == 0:
				q.attributed = true
			}
		}
		carry = len(qs) > 0 && !qs[len(qs)-1].closed && qs[len(qs)-1].attributed
	}
	return out
}

func runeLenAt(s string, i int) int {
	_, w := utf8.DecodeRuneInString(s[i:])
	return w
}

// tokenAt is the index of the first token starting at or after byte b.
func tokenAt(toks []token, b int) int {
	return sort.Search(len(toks), func(i int) bool { return toks[i].start >= b })
}

// paragraphVerb reports whether the paragraph has an attributing verb
// outside its quotations. Tokens and quotations are both in text order,
// so one pass covers both.
func paragraphVerb(p *prose, toks []token, qs []quote) bool {
	var buf []byte
	q := 0
	for _, t := range toks {
		for q < len(qs) && qs[q].end <= t.start {
			q++
		}
		if q < len(qs) && t.start >= qs[q].start {
			continue // inside a quotation
		}
		buf = lowerWord(buf, p.s[t.start:t.end])
		if saidVerbs[string(buf)] {
			return true
		}
	}
	return false
}

// inQuotes reports whether byte b is inside one of qs (in text order).
func inQuotes(qs []quote, b int) bool {
	i := sort.Search(len(qs), func(i int) bool { return qs[i].end > b })
	return i < len(qs) && b >= qs[i].start
}

// speakerWindow bounds how far from a quotation the speaker is looked
// for, in words: attribution sits next to the quote, and the bound keeps
// a pasted wall of quotations from making the checks quadratic.
const speakerWindow = 40

// findSpeaker looks for who is quoted, in the order reporters write it:
// `"…," said Fiona Hill` (a capitalised name right after the verb), then
// `"…," a European diplomat said` (the words between the quotation and the
// verb), then the first capitalised name of the paragraph before the
// quotation ("Dmytro Kuleba … stating, “…”"). It is a heuristic for the
// fact sheet, which shows the speaker for a person to check, not a parser.
func findSpeaker(p *prose, toks []token, q quote, qs []quote) string {
	var buf []byte
	verb := -1
	after := tokenAt(toks, q.end)
	for i := after; i < len(toks) && i < after+speakerWindow; i++ {
		t := toks[i]
		if inQuotes(qs, t.start) {
			break // another quotation: its attribution is its own
		}
		buf = lowerWord(buf, p.s[t.start:t.end])
		if saidVerbs[string(buf)] {
			verb = i
			break
		}
		if i > after && strings.ContainsAny(p.s[toks[i-1].end:t.start], ".;") {
			break // the next sentence: its verb belongs to another quotation
		}
	}
	if verb >= 0 {
		// `said Fiona Hill, a fellow`: a name right after the verb.
		if verb+1 < len(toks) && joined(p.s, toks, verb, verb+1) {
			if name := personIn(p.s, toks[verb+1:min(len(toks), verb+1+speakerWindow/4)]); name != "" {
				return name
			}
		}
		// `," coach Matt LaFleur said`, `," a European diplomat said`: the
		// person named between quotation and verb, else those words.
		between := toks[after:verb]
		if name := personIn(p.s, between); name != "" {
			return name
		}
		if n := len(between); n > 0 && n <= 6 {
			return p.s[between[0].start:between[n-1].end]
		}
	}
	// The person named closest before the quotation.
	k := tokenAt(toks, q.start)
	return lastPersonIn(p.s, toks[max(0, k-speakerWindow):k])
}

// personIn returns the first person named in toks, or "".
func personIn(s string, toks []token) string {
	name := ""
	names(tokenField{t: &text{s: s}, tokens: toks}, 0, func(kind FactKind, a, b int) {
		if kind == FactPerson && name == "" {
			name = s[a:b]
		}
	})
	return name
}

// lastPersonIn returns the last person named in toks, or "".
func lastPersonIn(s string, toks []token) string {
	name := ""
	names(tokenField{t: &text{s: s}, tokens: toks}, 0, func(kind FactKind, a, b int) {
		if kind == FactPerson {
			name = s[a:b]
		}
	})
	return name
}
