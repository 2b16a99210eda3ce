package spell

import (
	"slices"
	"sort"
	"strings"
)

// Words is a dictionary together with the newsroom's own words (names,
// places) and a reporter's ignored words. A newsroom word is accepted as
// written, in capitals, Capitalised when written in lower case, and with a
// possessive 's. It is not safe for concurrent Add.
type Words struct {
	Dict  *Dictionary
	extra map[string]bool
}

// NewWords returns dict extended by words.
func NewWords(dict *Dictionary, words ...string) *Words {
	w := &Words{Dict: dict, extra: map[string]bool{}}
	for _, s := range words {
		w.Add(s)
	}
	return w
}

// Add accepts word from now on.
func (w *Words) Add(word string) {
	if word = strings.TrimSpace(word); word != "" {
		w.extra[word] = true
	}
}

// Remove stops accepting a word added before (dictionary words stay).
func (w *Words) Remove(word string) { delete(w.extra, strings.TrimSpace(word)) }

// Has reports whether word was added (exactly as written).
func (w *Words) Has(word string) bool { return w.extra[word] }

// Check reports whether word is correct in the dictionary or is one of
// the added words.
func (w *Words) Check(word string) bool {
	if w.Dict != nil && w.Dict.Check(word) {
		return true
	}
	return w.known(word) || w.known(trimPossessive(word))
}

func trimPossessive(word string) string {
	for _, s := range []string{"'s", "’s", "'S", "’S", "'", "’"} {
		if strings.HasSuffix(word, s) && len(word) > len(s) {
			return word[:len(word)-len(s)]
		}
	}
	return word
}

func (w *Words) known(word string) bool {
	if word == "" || len(w.extra) == 0 {
		return false
	}
	if w.extra[word] {
		return true
	}
	switch caseOf(word) {
	case caseAll:
		for e := range w.extra {
			if strings.EqualFold(e, word) && toUpper(e) == word {
				return true
			}
		}
	case caseInit:
		return w.extra[toLower(word)]
	}
	return false
}

// Document keeps the spelling of one text up to date as it is edited:
// Edit re-reads only the lines an edit touched and checks only words it
// has not seen, so a keystroke in a long article costs microseconds.
type Document struct {
	speller   Speller
	wordChars string
	text      string
	tokens    []Token
	bad       []bool
	verdict   map[string]bool
}

// NewDocument checks text with sp. wordChars is the dictionary's
// (Dictionary.WordChars).
func NewDocument(sp Speller, wordChars, text string) *Document {
	d := &Document{speller: sp, wordChars: wordChars, verdict: map[string]bool{}}
	d.Reset(text)
	return d
}

// Reset replaces the whole text.
func (d *Document) Reset(text string) {
	d.text = text
	d.tokens = Tokenize(text, d.wordChars)
	if len(d.verdict) == 0 {
		d.verdict = make(map[string]bool, len(d.tokens)/2)
	}
	d.bad = d.bad[:0]
	for _, t := range d.tokens {
		d.bad = append(d.bad, !d.ok(t))
	}
}

// Recheck forgets remembered verdicts and checks every word again, for
// when the speller changed (a word was added to the newsroom dictionary).
func (d *Document) Recheck() {
	clear(d.verdict)
	for i, t := range d.tokens {
		d.bad[i] = !d.ok(t)
	}
}

// Text returns the current text.
func (d *Document) Text() string { return d.text }

func (d *Document) ok(t Token) bool {
	key := t.Word
	dot := t.End < len(d.text) && d.text[t.End] == '.'
	if dot {
		key += "." // the verdict may differ: "etc." is a word, "etc" is not
	}
	v, seen := d.verdict[key]
	if !seen {
		v = d.speller.Check(t.Word) || (dot && d.speller.Check(key))
		d.verdict[key] = v
	}
	return v
}

// Edit replaces the bytes text[start:end] with repl and re-checks the lines
// that changed. It returns the misspelt words of those lines, so a caller
// can repaint just them.
func (d *Document) Edit(start, end int, repl string) []Token {
	start = max(0, min(start, len(d.text)))
	end = max(start, min(end, len(d.text)))
	oldText := d.text
	d.text = oldText[:start] + repl + oldText[end:]
	delta := len(repl) - (end - start)
	// Lines touched, in old and new coordinates.
	from := lineStart(d.text, start)
	toNew := lineEnd(d.text, start+len(repl))
	toOld := toNew - delta
	if strings.Contains(oldText[from:toOld], "`") || strings.Contains(d.text[from:toNew], "`") {
		// A fence or code span may open or close anywhere below.
		d.Reset(d.text)
		return d.Misspelt()
	}
	lo := sort.Search(len(d.tokens), func(i int) bool { return d.tokens[i].End >= from })
	hi := sort.Search(len(d.tokens), func(i int) bool { return d.tokens[i].Start > toOld })
	fresh := appendTokens(nil, d.text, from, toNew, d.wordChars, fenceStateAt(d.text, from))
	freshBad := make([]bool, len(fresh))
	var out []Token
	for i, t := range fresh {
		// A word must not keep the whole text it was cut from alive: the
		// text is replaced on every keystroke.
		fresh[i].Word = strings.Clone(t.Word)
		freshBad[i] = !d.ok(t)
		if freshBad[i] {
			out = append(out, t)
		}
	}
	if len(fresh) == hi-lo {
		// The usual keystroke: same words on the line, nothing to move.
		copy(d.tokens[lo:], fresh)
		copy(d.bad[lo:], freshBad)
	} else {
		d.tokens = slices.Replace(d.tokens, lo, hi, fresh...)
		d.bad = slices.Replace(d.bad, lo, hi, freshBad...)
	}
	n := len(d.tokens)
	for i := lo + len(fresh); i < n; i++ {
		d.tokens[i].Start += delta
		d.tokens[i].End += delta
	}
	return out
}

// Misspelt returns the misspelt words in text order.
func (d *Document) Misspelt() []Token {
	var out []Token
	for i, t := range d.tokens {
		if d.bad[i] {
			out = append(out, t)
		}
	}
	return out
}

// Tokens returns every word checked, in text order.
func (d *Document) Tokens() []Token { return d.tokens }
