package editor

import "strings"

// OneLine folds every run of white space, line breaks included, to one
// space and trims the ends, so a field or a message pasted with newlines
// cannot break a line-oriented format or a one-line label.
func OneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Plural is one when n is 1 and many otherwise: Plural(n, "word", "words").
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
