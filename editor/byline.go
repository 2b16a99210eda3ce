package editor

import "strings"

// JoinByline writes authors the way a byline reads: "A", "A and B",
// "A, B and C"; "" with no authors. White space inside a name is folded
// to single spaces and empty names are dropped, so a name pasted with a
// line break cannot break the byline of a page or a wire header.
func JoinByline(names []string) string {
	var clean []string
	for _, n := range names {
		if n = OneLine(n); n != "" {
			clean = append(clean, n)
		}
	}
	switch len(clean) {
	case 0:
		return ""
	case 1:
		return clean[0]
	}
	return strings.Join(clean[:len(clean)-1], ", ") + " and " + clean[len(clean)-1]
}
