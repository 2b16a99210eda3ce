package check

import (
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
	verbAt     int    // byte offset of the attributing verb, or -1
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
		verb, vpos := paragraphVerb(p, pa, qs)
		for k := range qs {
			q := &qs[k]
			q.verbAt = -1
			for _, t := range p.tokens[pa.tok0:pa.tok1] {
				if t.start >= q.inner0 && t.end <= q.inner1 {
					q.words++
				}
			}
			switch {
			case verb:
				q.attributed = true
				q.verbAt = vpos
				q.speaker = findSpeaker(p, pa, *q, qs)
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

// paragraphVerb reports whether the paragraph has an attributing verb
// outside its quotations, and where the first one is.
func paragraphVerb(p *prose, pa para, qs []quote) (bool, int) {
	var buf []byte
	for _, t := range p.tokens[pa.tok0:pa.tok1] {
		if inQuotes(qs, t.start) {
			continue
		}
		buf = lowerWord(buf, p.s[t.start:t.end])
		if saidVerbs[string(buf)] {
			return true, t.start
		}
	}
	return false, -1
}

func inQuotes(qs []quote, b int) bool {
	for _, q := range qs {
		if b >= q.start && b < q.end {
			return true
		}
	}
	return false
}

// findSpeaker looks for who is quoted, in the order reporters write it:
// `"…," said Fiona Hill` (a capitalised name right after the verb), then
// `"…," a European diplomat said` (the words between the quotation and the
// verb), then the first capitalised name of the paragraph before the
// quotation ("Dmytro Kuleba … stating, “…”"). It is a heuristic for the
// fact sheet, which shows the speaker for a person to check, not a parser.
func findSpeaker(p *prose, pa para, q quote, qs []quote) string {
	toks := p.tokens[pa.tok0:pa.tok1]
	var buf []byte
	verb := -1
	for i, t := range toks {
		if t.start < q.end || inQuotes(qs, t.start) {
			continue
		}
		buf = lowerWord(buf, p.s[t.start:t.end])
		if saidVerbs[string(buf)] {
			verb = i
			break
		}
		if i > 0 && toks[i-1].start >= q.end && strings.ContainsAny(p.s[toks[i-1].end:t.start], ".;") {
			break // the next sentence: its verb belongs to another quotation
		}
	}
	if verb >= 0 {
		if name := nameAt(p.s, toks, verb+1); name != "" {
			return name
		}
		var words []string
		for i := verb - 1; i >= 0 && toks[i].start >= q.end && len(words) < 6; i-- {
			words = append([]string{p.s[toks[i].start:toks[i].end]}, words...)
		}
		if len(words) > 0 {
			return strings.Join(words, " ")
		}
	}
	// The person named closest before the quotation.
	k := 0
	for k < len(toks) && toks[k].start < q.start {
		k++
	}
	speaker := ""
	names(tokenField{t: &text{s: p.s}, tokens: toks[:k]}, 0, func(kind FactKind, s, e int) {
		if kind == FactPerson {
			speaker = p.s[s:e]
		}
	})
	return speaker
}

// nameAt returns the run of capitalised words starting at toks[i] (at most
// four), or "".
func nameAt(s string, toks []token, i int) string {
	j := i
	for j < len(toks) && j-i < 4 && isCapitalised(s[toks[j].start:toks[j].end]) && (j == i || joined(s, toks, j-1, j)) {
		j++
	}
	if j == i {
		return ""
	}
	return s[toks[i].start:toks[j-1].end]
}
