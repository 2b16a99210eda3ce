package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// writeJSON is every --json output: indented, and with & and < left
// readable in headlines.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// oneLine folds an error or a passage onto one line, so each failure is
// exactly one line of stderr.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// shorten keeps a passage on one line and at most n characters.
func shorten(s string, n int) string {
	s = oneLine(s)
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// nameOr is a person's name, or what a row shows for someone unnamed.
func nameOr(s string) string {
	if s == "" {
		return "(no name)"
	}
	return s
}
