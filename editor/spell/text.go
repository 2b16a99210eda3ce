package spell

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Speller is what text checking needs: a dictionary, or a dictionary with
// the newsroom's own words (Words).
type Speller interface {
	Check(word string) bool
}

// Token is one word of a text, by byte offsets.
type Token struct {
	Start, End int // bytes; Text[Start:End] is the word
	Word       string
}

// Tokenize returns the words of text that a spell checker should look at:
// runs of letters (and the dictionary's word characters) with inner
// apostrophes and hyphens. It leaves out URLs, e-mail addresses, Markdown
// code spans and fenced code blocks, link targets, and numbers with or
// without a unit ("5km", "1,200", "3.5GHz"); ordinals ("21st") are kept.
func Tokenize(text, wordChars string) []Token {
	return appendTokens(nil, text, 0, len(text), wordChars, fenceStateAt(text, 0))
}

func isWordRune(r rune, wordChars string) bool {
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || (r < utf8.RuneSelf && r != '\'' && strings.ContainsRune(wordChars, r)) ||
		(r >= utf8.RuneSelf && r != '’' && strings.ContainsRune(wordChars, r))
}

// fenceStateAt reports whether offset pos (a line start) lies inside a
// fenced code block.
func fenceStateAt(text string, pos int) bool {
	in := false
	for i := 0; i < pos; {
		j := strings.Index(text[i:pos], "```")
		if j < 0 {
			break
		}
		at := i + j
		if at == 0 || text[at-1] == '\n' || strings.TrimLeft(text[lineStart(text, at):at], " ") == "" {
			in = !in
		}
		i = at + 3
		if k := strings.IndexByte(text[i:pos], '\n'); k >= 0 {
			i += k
		} else {
			break
		}
	}
	return in
}

func lineStart(text string, pos int) int {
	return strings.LastIndexByte(text[:pos], '\n') + 1
}

func lineEnd(text string, pos int) int {
	if i := strings.IndexByte(text[pos:], '\n'); i >= 0 {
		return pos + i
	}
	return len(text)
}

// appendTokens tokenizes text[from:to], which starts and ends at line
// boundaries; inFence is the fence state at from.
func appendTokens(out []Token, text string, from, to int, wordChars string, inFence bool) []Token {
	for ls := from; ls < to; {
		le := lineEnd(text, ls)
		line := text[ls:le]
		if strings.HasPrefix(strings.TrimLeft(line, " "), "```") {
			inFence = !inFence
		} else if !inFence && !strings.HasPrefix(line, "    ") && !strings.HasPrefix(line, "\t") {
			out = appendLineTokens(out, text, ls, le, wordChars)
		}
		ls = le + 1
	}
	return out
}

func appendLineTokens(out []Token, text string, from, to int, wordChars string) []Token {
	i := from
	for i < to {
		c := text[i]
		// Skip whole runs that are not prose.
		if c == '`' {
			n := 0
			for i+n < to && text[i+n] == '`' {
				n++
			}
			fence := text[i : i+n]
			if j := strings.Index(text[i+n:to], fence); j >= 0 {
				i += n + j + n
				continue
			}
			i += n
			continue
		}
		if c == ']' && i+1 < to && text[i+1] == '(' {
			if j := strings.IndexByte(text[i:to], ')'); j >= 0 {
				i += j + 1
				continue
			}
		}
		if c == '<' {
			if j := strings.IndexByte(text[i:to], '>'); j > 0 && !strings.ContainsAny(text[i+1:i+j], " \t") {
				i += j + 1 // <https://…>, <br>, an autolink or a tag
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r, wordChars) && !(r >= '0' && r <= '9') {
			i += size
			continue
		}
		// A run of non-space characters that is a URL or an address is
		// skipped whole.
		runEnd := i
		for runEnd < to {
			rr, n := utf8.DecodeRuneInString(text[runEnd:])
			if unicode.IsSpace(rr) || rr == '<' || rr == '>' || rr == '(' || rr == ')' || rr == '"' || rr == '“' || rr == '”' {
				break
			}
			runEnd += n
		}
		if isURLOrEmail(text[i:runEnd]) {
			i = runEnd
			continue
		}
		// The word itself.
		j := i
		for j < to {
			rr, n := utf8.DecodeRuneInString(text[j:])
			if isWordRune(rr, wordChars) || (rr >= '0' && rr <= '9') {
				j += n
				continue
			}
			if rr == '\'' || rr == '’' || rr == '-' {
				next, _ := utf8.DecodeRuneInString(text[j+n:])
				if j+n < to && isWordRune(next, wordChars) {
					j += n
					continue
				}
			}
			break
		}
		word := text[i:j]
		if !isNumberish(word) {
			out = append(out, Token{Start: i, End: j, Word: word})
		}
		i = j
	}
	return out
}

func isURLOrEmail(run string) bool {
	run = strings.TrimRight(run, ".,;:!?")
	if strings.Contains(run, "://") || strings.HasPrefix(strings.ToLower(run), "www.") ||
		strings.HasPrefix(run, "mailto:") {
		return true
	}
	if at := strings.IndexByte(run, '@'); at > 0 && strings.Contains(run[at:], ".") {
		return true
	}
	// A bare domain ("example.com/path", "appletontimes.com").
	if dot := strings.LastIndexByte(run, '.'); dot > 0 && dot < len(run)-1 {
		host, _, _ := strings.Cut(run, "/")
		if tld := host[strings.LastIndexByte(host, '.')+1:]; strings.Contains(host, ".") && len(tld) >= 2 && len(tld) <= 6 && isLowerASCII(tld) && isLowerASCII(strings.ReplaceAll(strings.ReplaceAll(host, ".", ""), "-", "")) && tld != host {
			return slices.Contains(commonTLDs, tld) || strings.Contains(run, "/")
		}
	}
	return false
}

var commonTLDs = []string{"com", "org", "net", "edu", "gov", "io", "co", "uk", "us", "de", "fr", "info", "news", "int", "eu"}

func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if (s[i] < 'a' || s[i] > 'z') && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	return s != ""
}

// isNumberish reports a number, or a number with a unit ("5km", "3.5GHz",
// "1990s"): words a dictionary cannot know. Ordinals are words.
func isNumberish(w string) bool {
	if w == "" || w[0] < '0' || w[0] > '9' {
		return false
	}
	i := 0
	for i < len(w) && (w[i] >= '0' && w[i] <= '9' || w[i] == '.' || w[i] == ',') {
		i++
	}
	switch strings.ToLower(w[i:]) {
	case "st", "nd", "rd", "th":
		return false
	}
	return true
}
