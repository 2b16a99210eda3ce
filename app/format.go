package app

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// An edit is what a formatting action does to the body: replace
// [Start, End) with Text, then select [SelStart, SelEnd). Actions are pure
// functions of the text and selection so they are tested without a window
// and applied through BodyEditor.ReplaceRange as one undo step.
type edit struct {
	Start, End       int
	Text             string
	SelStart, SelEnd int
}

// wrapInline surrounds the selection with marker ("**" for bold); if it is
// already surrounded, the markers are removed, so the action toggles.
func wrapInline(text string, start, end int, marker string) edit {
	r := []rune(text)
	start, end = max(0, min(start, len(r))), max(0, min(end, len(r)))
	m := []rune(marker)
	n := len(m)
	sel := string(r[start:end])
	if start >= n && end+n <= len(r) && string(r[start-n:start]) == marker && string(r[end:end+n]) == marker {
		return edit{Start: start - n, End: end + n, Text: sel, SelStart: start - n, SelEnd: end - n}
	}
	return edit{Start: start, End: end, Text: marker + sel + marker, SelStart: start + n, SelEnd: end + n}
}

// makeLink turns the selection into a link and selects the URL so it can
// be typed over at once.
func makeLink(text string, start, end int) edit {
	r := []rune(text)
	start, end = max(0, min(start, len(r))), max(0, min(end, len(r)))
	label := string(r[start:end])
	if label == "" {
		label = "link text"
	}
	const url = "https://"
	s := "[" + label + "](" + url + ")"
	urlStart := start + 1 + utf8.RuneCountInString(label) + 2
	return edit{Start: start, End: end, Text: s, SelStart: urlStart, SelEnd: urlStart + len(url)}
}

// lineRange widens [start, end) to whole lines.
func lineRange(r []rune, start, end int) (int, int) {
	for start > 0 && r[start-1] != '\n' {
		start--
	}
	if end > start && end <= len(r) && r[end-1] == '\n' {
		end-- // a selection ending at the start of a line does not include it
	}
	for end < len(r) && r[end] != '\n' {
		end++
	}
	return start, end
}

// prefixLines toggles a block marker on every selected line: "## " for a
// heading, "> " for a quote, "- " for a bulleted list, "1. " numbered.
func prefixLines(text string, start, end int, kind string) edit {
	r := []rune(text)
	start, end = max(0, min(start, len(r))), max(0, min(end, len(r)))
	ls, le := lineRange(r, start, end)
	lines := strings.Split(string(r[ls:le]), "\n")
	has := func(l string) (string, bool) {
		switch kind {
		case "numbered":
			i := 0
			for i < len(l) && l[i] >= '0' && l[i] <= '9' {
				i++
			}
			if i > 0 && strings.HasPrefix(l[i:], ". ") {
				return l[i+2:], true
			}
			return l, false
		case "heading":
			t := strings.TrimLeft(l, "#")
			if len(t) < len(l) && strings.HasPrefix(t, " ") {
				return t[1:], true
			}
			return l, false
		}
		p := map[string]string{"quote": "> ", "bulleted": "- "}[kind]
		if strings.HasPrefix(l, p) {
			return l[len(p):], true
		}
		return l, false
	}
	// all: every non-blank line already has the marker, so the action
	// removes it. With no text at all (a blank line) it adds one.
	all, blank := true, true
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		blank = false
		if _, ok := has(l); !ok {
			all = false
		}
	}
	if blank {
		all = false
	}
	n := 0
	for i, l := range lines {
		if all {
			lines[i], _ = has(l)
			continue
		}
		if strings.TrimSpace(l) == "" && len(lines) > 1 {
			continue
		}
		bare, _ := has(l)
		switch kind {
		case "heading":
			lines[i] = "## " + bare
		case "quote":
			lines[i] = "> " + bare
		case "bulleted":
			lines[i] = "- " + bare
		case "numbered":
			n++
			lines[i] = strconv.Itoa(n) + ". " + bare
		}
	}
	out := strings.Join(lines, "\n")
	if blank {
		// Nothing to select: the caret goes after the marker, ready to type.
		end := ls + utf8.RuneCountInString(out)
		return edit{Start: ls, End: le, Text: out, SelStart: end, SelEnd: end}
	}
	return edit{Start: ls, End: le, Text: out, SelStart: ls, SelEnd: ls + utf8.RuneCountInString(out)}
}

// findNext returns the next case-insensitive match of needle at or after
// rune offset from, wrapping around to the start; ok is false if none.
func findNext(text, needle string, from int) (start, end int, ok bool) {
	if needle == "" {
		return 0, 0, false
	}
	// Folding rune by rune keeps offsets aligned with the text, which
	// strings.ToLower does not promise for every script.
	hay, nd := foldRunes(text), foldRunes(needle)
	search := func(lo, hi int) int {
		for i := lo; i+len(nd) <= hi; i++ {
			if runesEqual(hay[i:i+len(nd)], nd) {
				return i
			}
		}
		return -1
	}
	from = max(0, min(from, len(hay)))
	if i := search(from, len(hay)); i >= 0 {
		return i, i + len(nd), true
	}
	if i := search(0, min(from+len(nd)-1, len(hay))); i >= 0 {
		return i, i + len(nd), true
	}
	return 0, 0, false
}

// countMatches counts non-overlapping case-insensitive matches.
func countMatches(text, needle string) int {
	if needle == "" {
		return 0
	}
	_, n := replaceAllFold(text, needle, needle)
	return n
}

// replaceAllFold replaces every case-insensitive match of needle and
// says how many there were.
func replaceAllFold(text, needle, repl string) (string, int) {
	if needle == "" {
		return text, 0
	}
	r := []rune(text)
	hay, nd := foldRunes(text), foldRunes(needle)
	var b strings.Builder
	n, last := 0, 0
	for i := 0; i+len(nd) <= len(hay); {
		if runesEqual(hay[i:i+len(nd)], nd) {
			b.WriteString(string(r[last:i]))
			b.WriteString(repl)
			n++
			i += len(nd)
			last = i
			continue
		}
		i++
	}
	b.WriteString(string(r[last:]))
	return b.String(), n
}

func foldRunes(s string) []rune {
	r := []rune(s)
	for i, c := range r {
		r[i] = unicode.ToLower(c)
	}
	return r
}

func runesEqual(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
