package check

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// text is one field's value with what every rule needs to report rune
// offsets. Findings are located in bytes while scanning and converted once
// at the end, because Go strings index bytes but the window and the JSON
// contract count characters.
type text struct {
	s string
	// marks are (byte, rune) pairs every checkpointEvery bytes on rune
	// boundaries, so a conversion counts at most that many bytes instead of
	// the whole 20 MB a body may hold.
	marks []mark
	// strict makes runeAt panic on a byte offset inside a character of
	// valid UTF-8 text: such an offset would still convert to an in-range
	// rune offset, just the wrong one, so only this catches it. The fuzz
	// test turns it on through Context.strictOffsets.
	strict bool
}

type mark struct{ b, r int }

const checkpointEvery = 512

func newText(s string) *text {
	t := &text{s: s}
	if len(s) > checkpointEvery {
		t.marks = make([]mark, 0, len(s)/checkpointEvery+1)
		next, r := 0, 0
		for b := range s {
			if b >= next {
				t.marks = append(t.marks, mark{b, r})
				next = b + checkpointEvery
			}
			r++
		}
	}
	return t
}

// runeAt converts a byte offset on a rune boundary to a rune offset.
// Counting with utf8.RuneCountInString agrees with ranging over the string
// even for invalid UTF-8 (each bad byte is one rune), so offsets stay
// consistent with []rune(field) on any input.
func (t *text) runeAt(b int) int {
	if t.strict && b > 0 && b < len(t.s) && !utf8.RuneStart(t.s[b]) && utf8.ValidString(t.s) {
		panic(fmt.Sprintf("check: byte offset %d is inside a character of %q", b, t.s))
	}
	b = min(max(b, 0), len(t.s))
	i := sort.Search(len(t.marks), func(i int) bool { return t.marks[i].b > b }) - 1
	if i < 0 {
		return utf8.RuneCountInString(t.s[:b])
	}
	m := t.marks[i]
	return m.r + utf8.RuneCountInString(t.s[m.b:b])
}

// finding builds a Finding from byte offsets in t.
func (t *text) finding(rule string, sev Severity, field string, start, end int, msg string) Finding {
	return Finding{Rule: rule, Severity: sev, Field: field, Start: t.runeAt(start), End: t.runeAt(end), Message: msg}
}

// token is one word: a run of letters and digits, with apostrophes, hyphens,
// periods and commas kept inside it when a letter or digit follows, so
// "U.S", "1,000", "don't" and "well-known" are single words.
type token struct {
	start, end int // byte offsets in the field
	block      int // paragraph (or other block) index; words never pair across blocks
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isJoiner(r rune) bool {
	return r == '\'' || r == '’' || r == '-' || r == '.' || r == ','
}

// tokenize appends the words of s[start:end] to out.
func tokenize(s string, start, end, block int, out []token) []token {
	i := start
	for i < end {
		r, w := utf8.DecodeRuneInString(s[i:end])
		if !isWordRune(r) {
			i += w
			continue
		}
		ws := i
		i += w
		for i < end {
			r, w := utf8.DecodeRuneInString(s[i:end])
			if isWordRune(r) {
				i += w
				continue
			}
			if isJoiner(r) && i+w < end {
				r2, _ := utf8.DecodeRuneInString(s[i+w : end])
				if isWordRune(r2) && (r != ',' || unicode.IsDigit(r2) && isDigitsBefore(s[ws:i])) {
					i += w
					continue
				}
			}
			break
		}
		// An abbreviation keeps its final period ("U.S.", "D.C."), so
		// "a U.S. official" stays one phrase; the cost is that such a word
		// also swallows a sentence's full stop, which no rule needs.
		if i < end && s[i] == '.' && strings.IndexByte(s[ws:i], '.') >= 0 {
			i++
		}
		out = append(out, token{start: ws, end: i, block: block})
	}
	return out
}

// isDigitsBefore keeps "1,000" whole but splits "Paris,France" at the comma.
func isDigitsBefore(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsDigit(r)
}

// gapIsSpace reports whether the source between two words is only blanks,
// a line break inside the paragraph, or emphasis markup, so "the **the**"
// and "the\nthe" still count as adjacent words.
func gapIsSpace(g string) bool {
	if g == "" {
		return false
	}
	for _, r := range g {
		if !unicode.IsSpace(r) && r != '*' && r != '_' && r != '~' {
			return false
		}
	}
	return true
}

// normalize folds case, curly quotes and punctuation so "Ukraine’s allies…"
// and "ukraine's allies" compare equal.
func normalize(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case isWordRune(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		case r == '\'' || r == '’':
			// "Ukraine's" and "Ukraines" are the same words to a reader.
		default:
			space = true
		}
	}
	return b.String()
}
