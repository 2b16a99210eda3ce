package bodyedit

import "unicode"

// style is the highlighting of one rune. The text itself stays plain
// Markdown; style only changes how it is drawn.
type style uint8

const (
	stBold style = 1 << iota
	stItalic
	stMono
	stDim // markup characters and link targets
)

// maxInlineSpan bounds how far an opening delimiter looks for its closer.
// Emphasis longer than this is rare in prose, and the bound keeps a
// pathological paragraph (a pasted line of ten thousand asterisks) linear.
const maxInlineSpan = 2000

// highlight returns the heading level (0 for none) of a paragraph and the
// style of each of its runes. It is a deliberately light reading of
// Markdown, the way writing apps colour it; the renderer decides the truth.
func highlight(text []rune, styles []style) (level int, out []style) {
	if cap(styles) >= len(text) {
		out = styles[:len(text)]
		clear(out)
	} else {
		out = make([]style, len(text))
	}
	i := 0
	for i < len(text) && i < 3 && text[i] == ' ' {
		i++
	}
	// ATX heading: up to six '#' then a space or the end.
	h := i
	for h < len(text) && text[h] == '#' && h-i < 7 {
		h++
	}
	if n := h - i; n >= 1 && n <= 6 && (h == len(text) || text[h] == ' ' || text[h] == '\t') {
		for k := range out {
			out[k] = stBold
		}
		for k := i; k < h; k++ {
			out[k] |= stDim
		}
		level = n
		i = h
	} else {
		i = blockMarkers(text, out, i)
	}
	inline(text, out, i, len(text))
	return level, out
}

// blockMarkers dims quote and list markers at the start of a paragraph and
// returns where the inline content starts.
func blockMarkers(text []rune, out []style, i int) int {
	for i < len(text) && text[i] == '>' {
		out[i] |= stDim
		i++
		for i < len(text) && text[i] == ' ' {
			i++
		}
	}
	if i+1 < len(text) && (text[i] == '-' || text[i] == '*' || text[i] == '+') && text[i+1] == ' ' {
		out[i] |= stDim
		return i + 2
	}
	j := i
	for j < len(text) && j-i < 9 && text[j] >= '0' && text[j] <= '9' {
		j++
	}
	if j > i && j+1 < len(text) && (text[j] == '.' || text[j] == ')') && text[j+1] == ' ' {
		for k := i; k <= j; k++ {
			out[k] |= stDim
		}
		return j + 2
	}
	return i
}

func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// inline styles code spans, links, strong and emphasis in text[from:to].
func inline(text []rune, out []style, from, to int) {
	for i := from; i < to; i++ {
		switch c := text[i]; c {
		case '\\':
			if i+1 < to && unicode.IsPunct(text[i+1]) || i+1 < to && unicode.IsSymbol(text[i+1]) {
				out[i] |= stDim
				i++
			}
		case '`':
			n := run(text, i, to, '`')
			if end := findRun(text, i+n, to, '`', n); end >= 0 {
				for k := i; k < end+n; k++ {
					out[k] |= stMono
				}
				for k := 0; k < n; k++ {
					out[i+k] |= stDim
					out[end+k] |= stDim
				}
				i = end + n - 1
			} else {
				i += n - 1
			}
		case '<':
			if end := autolink(text, i, to); end > 0 {
				for k := i; k <= end; k++ {
					out[k] |= stDim
				}
				i = end
			}
		case '!', '[':
			open := i
			if c == '!' {
				if i+1 >= to || text[i+1] != '[' {
					continue
				}
				open = i + 1
			}
			if close, urlEnd := link(text, open, to); close > 0 {
				for k := i; k <= open; k++ {
					out[k] |= stDim
				}
				inline(text, out, open+1, close)
				for k := close; k <= urlEnd; k++ {
					out[k] |= stDim
				}
				i = urlEnd
			}
		case '*', '_':
			n := run(text, i, to, c)
			if n > 3 || !leftFlanking(text, i, n, to, c) {
				i += n - 1
				continue
			}
			end := closer(text, i+n, to, c, n)
			if end < 0 {
				i += n - 1
				continue
			}
			st := stItalic
			switch n {
			case 2:
				st = stBold
			case 3:
				st = stBold | stItalic
			}
			for k := i + n; k < end; k++ {
				out[k] |= st
			}
			for k := 0; k < n; k++ {
				out[i+k] |= stDim
				out[end+k] |= stDim
			}
			inline(text, out, i+n, end)
			i = end + n - 1
		}
	}
}

// run counts repeats of c starting at i.
func run(text []rune, i, to int, c rune) int {
	n := 0
	for i+n < to && text[i+n] == c {
		n++
	}
	return n
}

// findRun finds a run of exactly n c's at or after i.
func findRun(text []rune, i, to int, c rune, n int) int {
	limit := min(to, i+maxInlineSpan)
	for i < limit {
		if text[i] == c {
			m := run(text, i, to, c)
			if m == n {
				return i
			}
			i += m
			continue
		}
		i++
	}
	return -1
}

func leftFlanking(text []rune, i, n, to int, c rune) bool {
	if i+n >= to || unicode.IsSpace(text[i+n]) {
		return false
	}
	// Intraword underscores (snake_case, URLs) are not emphasis.
	return c != '_' || i == 0 || !isWordRune(text[i-1])
}

// closer finds the closing run of n c's for an opener ending at i.
func closer(text []rune, i, to int, c rune, n int) int {
	limit := min(to, i+maxInlineSpan)
	for j := i; j < limit; j++ {
		if text[j] != c {
			continue
		}
		m := run(text, j, to, c)
		if m == n && j > i && !unicode.IsSpace(text[j-1]) &&
			(c != '_' || j+m >= len(text) || !isWordRune(text[j+m])) {
			return j
		}
		j += m - 1
	}
	return -1
}

// link matches [text](url) with '[' at open; it returns the index of ']'
// and of the closing ')'.
func link(text []rune, open, to int) (close, urlEnd int) {
	depth := 0
	limit := min(to, open+maxInlineSpan)
	for j := open; j < limit; j++ {
		switch text[j] {
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				if j+1 >= to || text[j+1] != '(' {
					return -1, -1
				}
				for k := j + 2; k < limit; k++ {
					if text[k] == ')' {
						return j, k
					}
				}
				return -1, -1
			}
		}
	}
	return -1, -1
}

// autolink matches <scheme:...> starting at i and returns the index of '>'.
func autolink(text []rune, i, to int) int {
	limit := min(to, i+maxInlineSpan)
	colon := false
	for j := i + 1; j < limit; j++ {
		switch r := text[j]; {
		case r == '>':
			if colon {
				return j
			}
			return -1
		case r == ':':
			colon = true
		case r == ' ' || r == '<':
			return -1
		}
	}
	return -1
}
