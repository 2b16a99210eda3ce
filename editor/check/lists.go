package check

import (
	"bufio"
	"embed"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The curated word lists are data, not code, so an editor can read and
// extend them without touching a rule: one entry a line, "#" starts a
// comment, and "phrase => advice" gives the reporter a replacement.
//
//go:embed data
var dataFS embed.FS

// entry is one phrase of a list, split into lower-case words. A "*" word
// matches up to three words that are not function words, so "a * official"
// finds "a senior official" and "a U.S. official" but not "a meeting with
// the official".
type entry struct {
	phrase string
	words  []string
	advice string
}

// phraseList finds its phrases in a run of words; it is built once at init
// and only read afterwards, so concurrent checks share it safely.
type phraseList struct {
	byFirst map[string][]*entry
}

func loadList(name string) *phraseList {
	f, err := dataFS.Open("data/" + name)
	if err != nil {
		panic("check: missing data file " + name) // embedded: cannot happen in a built binary
	}
	defer f.Close()
	l := &phraseList{byFirst: map[string][]*entry{}}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		phrase, advice, _ := strings.Cut(line, "=>")
		phrase = strings.ToLower(strings.TrimSpace(phrase))
		if phrase == "" {
			continue
		}
		e := &entry{phrase: phrase, advice: strings.TrimSpace(advice)}
		for _, w := range strings.Fields(phrase) {
			e.words = append(e.words, w)
		}
		l.byFirst[e.words[0]] = append(l.byFirst[e.words[0]], e)
	}
	return l
}

func loadSet(name string) map[string]bool {
	set := map[string]bool{}
	for _, es := range loadList(name).byFirst {
		for _, e := range es {
			set[e.phrase] = true
		}
	}
	return set
}

// functionWords may not stand in for a "*": they join clauses, so a
// wildcard over them would match across unrelated phrases.
var functionWords = map[string]bool{
	"the": true, "a": true, "an": true, "with": true, "by": true, "of": true, "to": true, "for": true,
	"from": true, "and": true, "or": true, "but": true, "at": true, "in": true, "on": true, "that": true,
	"who": true, "which": true, "is": true, "was": true, "were": true, "are": true, "said": true, "not": true,
}

// match is a phrase found in words[i:j].
type match struct {
	i, j int
	e    *entry
}

// lowerWord writes the lower-case form of w into buf; phrase lists are
// lower-case ASCII or plain Unicode, and a map lookup with string(buf)
// does not allocate.
func lowerWord(buf []byte, w string) []byte {
	buf = buf[:0]
	for _, r := range w {
		if r == '’' {
			r = '\''
		}
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
	}
	return buf
}

// find returns the non-overlapping phrases of l in toks, longest first at
// each position. Words pair only within one block and across blank or
// emphasis-only gaps.
func (l *phraseList) find(s string, toks []token) []match {
	var out []match
	var buf []byte
	for i := 0; i < len(toks); i++ {
		buf = lowerWord(buf, s[toks[i].start:toks[i].end])
		cands := l.byFirst[string(buf)]
		best := match{i: -1}
		for _, e := range cands {
			if j, ok := matchAt(s, toks, i, i, e.words); ok && (best.i < 0 || j > best.j) {
				best = match{i, j, e}
			}
		}
		if best.i >= 0 {
			out = append(out, best)
			i = best.j - 1
		}
	}
	return out
}

// matchAt reports whether words matches toks from k on (the phrase began
// at toks[first]), and where the match ends.
func matchAt(s string, toks []token, first, k int, words []string) (int, bool) {
	if len(words) == 0 {
		return k, true
	}
	linked := func(k int) bool { return k < len(toks) && (k == first || joined(s, toks, k-1, k)) }
	if words[0] == "*" {
		// The shortest stand-in wins, so "a * official" stops at the first
		// "official".
		for n := 0; n <= 3; n++ {
			if j, ok := matchAt(s, toks, first, k+n, words[1:]); ok {
				return j, true
			}
			if !linked(k+n) || functionWords[strings.ToLower(s[toks[k+n].start:toks[k+n].end])] {
				return 0, false
			}
		}
		return 0, false
	}
	if !linked(k) || !equalWord(s[toks[k].start:toks[k].end], words[0]) {
		return 0, false
	}
	return matchAt(s, toks, first, k+1, words[1:])
}

// joined reports whether toks[a] and toks[b] are neighbours in one sentence.
func joined(s string, toks []token, a, b int) bool {
	if a < 0 || b >= len(toks) || toks[a].block != toks[b].block {
		return false
	}
	return gapIsSpace(s[toks[a].end:toks[b].start])
}

// equalWord compares a word of the text with a lower-case list word,
// treating curly and straight apostrophes alike.
func equalWord(w, lower string) bool {
	for _, r := range w {
		if lower == "" {
			return false
		}
		lr, n := utf8.DecodeRuneInString(lower)
		lower = lower[n:]
		if r == '’' {
			r = '\''
		}
		if unicode.ToLower(r) != lr {
			return false
		}
	}
	return lower == ""
}
