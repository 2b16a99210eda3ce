package merge

import (
	"bytes"
	"encoding/json"
	"time"
)

// Lines merges append-only JSON-lines files (notes.jsonl, audit.jsonl) as
// a union, de-duplicated, in a stable order: base's lines as they stand,
// then the lines each side added, interleaved by their "time" field (then
// by their bytes) while each side's own order is kept. The order depends
// only on the lines, not on which side is mine, so two machines merging
// the same additions write the same file. Blank lines are dropped; a line
// that is not JSON is kept as it is, for a person to look at.
func Lines(base, mine, theirs []byte) []byte {
	if bytes.Equal(mine, theirs) {
		return bytes.Clone(mine)
	}
	seen := map[string]bool{}
	var out bytes.Buffer
	for _, l := range splitLines(base) {
		if !seen[string(l)] {
			seen[string(l)] = true
			out.Write(l)
			out.WriteByte('\n')
		}
	}
	added := func(data []byte) []line {
		var ls []line
		for _, l := range splitLines(data) {
			if !seen[string(l)] {
				ls = append(ls, line{text: l, time: lineTime(l)})
			}
		}
		return ls
	}
	m, t := added(mine), added(theirs)
	// dropSeen takes off a queue's head the lines already written, so a
	// line both sides added is compared once, in the same place whichever
	// side is called mine.
	dropSeen := func(q []line) []line {
		for len(q) > 0 && seen[string(q[0].text)] {
			q = q[1:]
		}
		return q
	}
	for m, t = dropSeen(m), dropSeen(t); len(m) > 0 || len(t) > 0; m, t = dropSeen(m), dropSeen(t) {
		var next line
		if len(t) == 0 || len(m) > 0 && !t[0].before(m[0]) {
			next, m = m[0], m[1:]
		} else {
			next, t = t[0], t[1:]
		}
		if !seen[string(next.text)] {
			seen[string(next.text)] = true
			out.Write(next.text)
			out.WriteByte('\n')
		}
	}
	return out.Bytes()
}

type line struct {
	text []byte
	time time.Time
}

func (l line) before(o line) bool {
	if c := l.time.Compare(o.time); c != 0 {
		return c < 0
	}
	return bytes.Compare(l.text, o.text) < 0
}

// splitLines returns the non-blank lines of data without their line
// breaks or trailing blanks, so a CRLF copy of a line is the same line.
func splitLines(data []byte) [][]byte {
	var out [][]byte
	for len(data) > 0 {
		l, rest, _ := bytes.Cut(data, []byte("\n"))
		data = rest
		if l = bytes.TrimRight(l, " \t\r"); len(l) > 0 {
			out = append(out, l)
		}
	}
	return out
}

// lineTime reads the "time" of a JSON line; lines without one sort first.
func lineTime(l []byte) time.Time {
	var v struct {
		Time time.Time `json:"time"`
	}
	if json.Unmarshal(l, &v) != nil {
		return time.Time{}
	}
	return v.Time
}
