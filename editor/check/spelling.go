package check

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"copydesk/editor/spell"
)

// Spelling is what the spelling rule needs: a checker (a dictionary with
// the newsroom's words) and how to suggest corrections. A nil
// Context.Spelling turns the rule off, so callers that have no dictionary
// loaded (tests of other rules, a CLI without one) pay nothing.
type Spelling struct {
	Speller   spell.Speller
	WordChars string                // the dictionary's extra word characters
	Suggest   func(string) []string // nil: findings carry no suggestions
	// ForeignQuotes leaves alone quotations that read as another
	// language (most of their words unknown), such as a French quote in
	// an English story.
	ForeignQuotes bool
}

// Suggestions are a spelling finding's corrections, best first. An array
// rather than a slice keeps Finding comparable; unused places are empty
// and JSON lists only the used ones.
type Suggestions [5]string

// List returns the suggestions that are set.
func (s Suggestions) List() []string {
	var out []string
	for _, w := range s {
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// MarshalJSON writes the suggestions as a JSON list.
func (s Suggestions) MarshalJSON() ([]byte, error) {
	l := s.List()
	if l == nil {
		l = []string{}
	}
	return json.Marshal(l)
}

// UnmarshalJSON reads a JSON list, keeping the first five.
func (s *Suggestions) UnmarshalJSON(b []byte) error {
	var l []string
	if err := json.Unmarshal(b, &l); err != nil {
		return err
	}
	*s = Suggestions{}
	copy(s[:], l)
	return nil
}

// spellingFields are the fields a reader reads as prose; bylines, tags and
// datelines are names and codes the newsroom dictionary handles elsewhere.
var spellingFields = []string{"headline", "summary", "image.alt", "image.caption", "body"}

// foreignShare is the share of unknown words from which a quotation is
// taken to be in another language; below it a quote is checked like any
// prose, so a typo inside an English quote is still found.
const foreignShare = 0.5

func ruleSpelling(d *doc, out *[]Finding) {
	sp := d.c.Spelling
	if sp == nil || sp.Speller == nil {
		return
	}
	memo := map[string]Suggestions{}
	for _, field := range spellingFields {
		s := FieldText(d.a, field)
		if s == "" {
			continue
		}
		t := d.body
		if field == "headline" {
			t = d.headline
		} else if field != "body" {
			t = d.text(s)
		}
		for _, tok := range MisspeltWords(sp, s) {
			f := t.finding("spelling", SeverityWarning, field, tok.Start, tok.End, fmt.Sprintf("%q is not in the dictionary", tok.Word))
			f.Word = tok.Word
			if sp.Suggest != nil {
				sugs, ok := memo[tok.Word]
				if !ok {
					copy(sugs[:], sp.Suggest(tok.Word))
					memo[tok.Word] = sugs
				}
				f.Suggestions = sugs
				if sugs[0] != "" {
					f.Message += fmt.Sprintf("; did you mean %q?", sugs[0])
				}
			}
			*out = append(*out, f)
		}
	}
}

// MisspeltWords returns the misspelt words of one field's text (byte
// offsets), leaving out what Tokenize leaves out and, with
// sp.ForeignQuotes, quotations in another language.
func MisspeltWords(sp *Spelling, s string) []spell.Token {
	toks := spell.Tokenize(s, sp.WordChars)
	var skip [][2]int
	if sp.ForeignQuotes {
		skip = foreignQuotes(sp.Speller, s, toks)
	}
	var out []spell.Token
	for _, tok := range toks {
		if inSpans(skip, tok.Start) {
			continue
		}
		w := tok.Word
		if tok.End < len(s) && s[tok.End] == '.' && !sp.Speller.Check(w) {
			w += "." // abbreviations: "etc.", "Mr."
		}
		if !sp.Speller.Check(w) {
			out = append(out, tok)
		}
	}
	return out
}

func inSpans(spans [][2]int, at int) bool {
	for _, sp := range spans {
		if at >= sp[0] && at < sp[1] {
			return true
		}
	}
	return false
}

// foreignQuotes returns the quotations (byte spans) of s in which at least
// foreignShare of at least two words are unknown.
func foreignQuotes(sp spell.Speller, s string, toks []spell.Token) [][2]int {
	var spans [][2]int
	open, closeWith := -1, rune(0)
	for i, r := range s {
		if open < 0 {
			switch r {
			case '“', '„':
				open, closeWith = i, '”'
			case '«':
				open, closeWith = i, '»'
			case '"':
				open, closeWith = i, '"'
			}
			continue
		}
		if r == closeWith || (r == '“' && strings.HasPrefix(s[open:], "„")) || (r == '\n' && strings.HasPrefix(s[i:], "\n\n")) {
			_, w := utf8.DecodeRuneInString(s[open:])
			spans = append(spans, [2]int{open + w, i})
			open = -1
		}
	}
	var out [][2]int
	for _, span := range spans {
		words, unknown := 0, 0
		for _, tok := range toks {
			if tok.Start >= span[0] && tok.End <= span[1] {
				words++
				if !sp.Check(tok.Word) {
					unknown++
				}
			}
		}
		if words >= 2 && float64(unknown) >= foreignShare*float64(words) {
			out = append(out, span)
		}
	}
	return out
}
