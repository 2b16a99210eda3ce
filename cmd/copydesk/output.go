package main

import (
	"encoding/json"
	"fmt"
	"io"

	"copydesk/editor"
)

// writeJSON is every --json output: indented, and with & and < left
// readable in headlines.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// shorten keeps a passage on one line and at most n characters.
func shorten(s string, n int) string {
	s = editor.OneLine(s)
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// nameOr is a person's name, or what a row shows for someone unnamed.
func nameOr(s string) string {
	if s == "" {
		return "(no name)"
	}
	return s
}

// plural counts: plural(3, "word", "words") is "3 words".
func plural(n int, one, many string) string {
	return fmt.Sprintf("%d %s", n, editor.Plural(n, one, many))
}
