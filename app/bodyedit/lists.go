package bodyedit

import (
	"strconv"
	"strings"
)

// newline breaks the line at the caret. In a list item or a quote it
// starts the next item ("- ", "2. ", "> "), and on an item with nothing
// after its marker it removes the marker instead, ending the list, as
// every Markdown editor does.
func (e *Editor) newline() {
	s, end := e.Selection()
	p, col := e.locate(s)
	line := string(e.paras[p].text)
	before := string(e.paras[p].text[:col])
	marker, next := listMarker(before)
	if marker == "" {
		e.TypedRune('\n')
		return
	}
	if s == end && strings.TrimSpace(line) == strings.TrimSpace(marker) {
		start := e.offset(p, 0)
		e.edit(start, start+len(e.paras[p].text), nil, kindOther)
		return
	}
	e.edit(s, end, []rune("\n"+next), kindType)
}

// listMarker returns the list or quote marker that starts line (with its
// indentation) and the marker the next item gets: the same bullet, the
// next number, the same quote. Both are "" if line is not an item.
func listMarker(line string) (marker, next string) {
	rest := strings.TrimLeft(line, " \t")
	indent := line[:len(line)-len(rest)]
	switch {
	case strings.HasPrefix(rest, "- "), strings.HasPrefix(rest, "* "), strings.HasPrefix(rest, "+ "), strings.HasPrefix(rest, "> "):
		m := indent + rest[:2]
		return m, m
	}
	i := 0
	for i < len(rest) && i < 9 && rest[i] >= '0' && rest[i] <= '9' {
		i++
	}
	if i == 0 || i+1 >= len(rest) || (rest[i] != '.' && rest[i] != ')') || rest[i+1] != ' ' {
		return "", ""
	}
	n, err := strconv.Atoi(rest[:i])
	if err != nil {
		return "", ""
	}
	return indent + rest[:i+2], indent + strconv.Itoa(n+1) + rest[i:i+2]
}
