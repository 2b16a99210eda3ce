package editor

import (
	"unicode"
	"unicode/utf8"
)

// WordsPerMinute is the adult silent reading speed used for reading time
// (Brysbaert 2019, non-fiction).
const WordsPerMinute = 238

// Stats are the counts shown in the status bar, lists and exports.
type Stats struct {
	Words          int
	Chars          int // characters (runes) of the Markdown source
	ReadingMinutes int // rounded up; 0 only for an empty text
}

// CountWords counts runs of letters or digits in Markdown source; markup
// characters (#, *, >, -) on their own are not words, and a link's URL is
// not counted, only its text.
func CountWords(md string) int {
	words := 0
	inWord := false
	skipURL := false  // inside the "(url)" of "](url)"
	lineStart := true // only spaces seen since the last newline
	markerDigits := 0 // digits of a possible "12." list marker at line start
	markerStart := false
	prev := rune(0)
	for _, r := range md {
		if skipURL {
			if r == ')' || unicode.IsSpace(r) {
				skipURL = false
			}
			prev = r
			continue
		}
		if r == '\n' {
			lineStart, inWord, markerDigits, markerStart = true, false, 0, false
			prev = r
			continue
		}
		// An ordered-list marker ("1." or "2)") is numbering, not a word.
		if lineStart && r >= '0' && r <= '9' {
			markerStart, lineStart = true, false
		}
		if markerStart {
			switch {
			case r >= '0' && r <= '9':
				markerDigits++
				prev = r
				continue
			case (r == '.' || r == ')') && markerDigits > 0 && markerDigits < 10:
				markerStart, markerDigits = false, -1 // pending: confirmed by a following space
				prev = r
				continue
			default:
				// Not a marker after all ("1990s"): count the digits as a word.
				markerStart = false
				if markerDigits > 0 {
					words++
					inWord = true
				}
				markerDigits = 0
			}
		} else if markerDigits == -1 {
			markerDigits = 0
			if !unicode.IsSpace(r) {
				// "3.5" or "1)x": the digits were a number after all.
				words++
				inWord = true
			}
		}
		if !unicode.IsSpace(r) {
			lineStart = false
		}
		if r == '(' && prev == ']' {
			skipURL = true
			inWord = false
			prev = r
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if !inWord {
				words++
				inWord = true
			}
		} else if unicode.IsSpace(r) || r == '—' || r == '–' || r == '/' {
			inWord = false
		} else if r != '\'' && r != '’' && r != '-' && r != '.' && r != ',' {
			// Punctuation inside a word ("U.S.", "1,000", "don't", "well-known")
			// keeps it whole; markup like "**" or "#" ends it.
			inWord = false
		}
		prev = r
	}
	if markerStart && markerDigits > 0 {
		words++ // the text ended inside a bare number
	}
	return words
}

// ComputeStats counts words, characters and reading time of a Markdown body.
func ComputeStats(md string) Stats {
	w := CountWords(md)
	return Stats{Words: w, Chars: utf8.RuneCountInString(md), ReadingMinutes: (w + WordsPerMinute - 1) / WordsPerMinute}
}

// Stats counts the article's body.
func (a *Article) Stats() Stats { return ComputeStats(a.Body) }
