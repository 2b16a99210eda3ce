package merge

import (
	"slices"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// body is a Markdown body cut into paragraphs so it can be merged as a
// sequence and put back together byte for byte: lead + paras[0] + seps[0]
// + paras[1] + … + seps[n-1] == the original.
type body struct {
	lead  string   // blank lines before the first paragraph
	paras []string // each without the line break and blank lines after it
	seps  []string // seps[i] follows paras[i]; the last one ends the body
}

// splitBody cuts s at blank lines (lines of nothing but spaces and tabs).
func splitBody(s string) body {
	var b body
	i := 0
	for i < len(s) { // the lead: whole blank lines before any text
		end := lineEnd(s, i)
		if !isBlank(s[i:end]) {
			break
		}
		i = end
	}
	b.lead = s[:i]
	for i < len(s) {
		start := i
		for i < len(s) { // the paragraph's lines
			end := lineEnd(s, i)
			if isBlank(s[i:end]) {
				break
			}
			i = end
		}
		// The line break (CR LF or stray CRs too) belongs to the separator,
		// so a paragraph reads the same whatever follows it.
		text := strings.TrimRight(s[start:i], "\r\n")
		sepStart := start + len(text)
		for i < len(s) { // the blank lines after it
			end := lineEnd(s, i)
			if !isBlank(s[i:end]) {
				break
			}
			i = end
		}
		b.paras = append(b.paras, text)
		b.seps = append(b.seps, s[sepStart:i])
	}
	return b
}

// lineEnd returns the index just past the line starting at i, its "\n" included.
func lineEnd(s string, i int) int {
	if j := strings.IndexByte(s[i:], '\n'); j >= 0 {
		return i + j + 1
	}
	return len(s)
}

func isBlank(line string) bool {
	return strings.TrimLeft(line, " \t\r\n") == "" && line != ""
}

// isParagraphBreak reports whether sep, put between two paragraphs, keeps
// them two: it must hold a blank line.
func isParagraphBreak(sep string) bool {
	return strings.Count(sep, "\n") >= 2
}

// joinParas is how a run of paragraphs reads as a Conflict's text.
func joinParas(paras []string) string { return strings.Join(paras, "\n\n") }

// SplitParagraphs cuts a Conflict's body text back into paragraphs, the
// way the merge cuts a body.
func SplitParagraphs(text string) []string { return splitBody(text).paras }

// piece is one paragraph of the merged body and the separator it had
// where it came from.
type piece struct {
	text, sep string
	last      bool // sep ended its body, so it is no paragraph break
}

func pieces(b body, from, to int) []piece {
	out := make([]piece, 0, to-from)
	for i := from; i < to; i++ {
		out = append(out, piece{text: b.paras[i], sep: b.seps[i], last: i == len(b.paras)-1})
	}
	return out
}

func texts(ps []piece) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.text
	}
	return out
}

// mergeBody merges bodies paragraph by paragraph (a diff3 on paragraph
// sequences). A paragraph only one side changed, added or removed takes
// that side's change; paragraphs both sides added at one place are all
// kept. A paragraph both changed differently, or changed by
// one and removed by the other, is a Conflict holding Mine's version in
// the result. Without a base every run where the two differ conflicts.
func mergeBody(baseText, mineText, theirsText string, hasBase bool) (string, []Conflict) {
	switch {
	case mineText == theirsText:
		return mineText, nil
	case hasBase && mineText == baseText:
		return theirsText, nil
	case hasBase && theirsText == baseText:
		return mineText, nil
	}
	base, mine, theirs := splitBody(baseText), splitBody(mineText), splitBody(theirsText)
	if !hasBase {
		base = body{}
	}
	var out []piece
	var conflicts []Conflict
	emit := func(b, m, t []piece, iM int) {
		bt, mt, tt := texts(b), texts(m), texts(t)
		switch {
		case slices.Equal(mt, tt), hasBase && slices.Equal(tt, bt):
			out = append(out, m...) // stable runs keep Mine's layout
		case hasBase && slices.Equal(mt, bt):
			out = append(out, t...)
		case hasBase && len(bt) == 0:
			out = append(out, union(m, t)...) // both added paragraphs here
		default:
			conflicts = append(conflicts, Conflict{Field: FieldBody, Paragraph: iM, At: len(out),
				Base: joinParas(bt), Mine: joinParas(mt), Theirs: joinParas(tt)})
			out = append(out, m...)
		}
	}
	if hasBase {
		merge3(base, mine, theirs, emit)
	} else {
		diff2(mine, theirs, emit)
	}

	var sb strings.Builder
	sb.Grow(max(len(mineText), len(theirsText)) + 64)
	sb.WriteString(leadBefore(pick(base.lead, mine.lead, theirs.lead), len(out) > 0))
	brk := "\n\n"
	if strings.Contains(mineText, "\r\n") {
		brk = "\r\n\r\n"
	}
	for i, p := range out {
		sb.WriteString(p.text)
		switch {
		case i == len(out)-1:
			sb.WriteString(pick(trail(base), trail(mine), trail(theirs)))
		case p.last || !isParagraphBreak(p.sep):
			sb.WriteString(brk)
		default:
			sb.WriteString(p.sep)
		}
	}
	return sb.String(), conflicts
}

// leadBefore ends lead with a line break when paragraphs follow it: blanks
// that were all of a body with no paragraphs may lack one, and would
// otherwise indent the first paragraph.
func leadBefore(lead string, paras bool) string {
	if paras && lead != "" && !strings.HasSuffix(lead, "\n") {
		return lead + "\n"
	}
	return lead
}

// trail is what ends a body after its last paragraph.
func trail(b body) string {
	if len(b.seps) == 0 {
		return ""
	}
	return b.seps[len(b.seps)-1]
}

// pick merges the blank space around a body: it is no one's words, so
// when both changed it Mine's is kept without a conflict.
func pick(base, mine, theirs string) string {
	if mine == base {
		return theirs
	}
	return mine
}

// union keeps every paragraph of m and of t, once where both hold it. The
// result depends only on the two runs' text, not on which side is mine,
// so two machines merging the same additions write the same body.
func union(m, t []piece) []piece {
	mt, tt := texts(m), texts(t)
	if joinParas(tt) < joinParas(mt) {
		m, t, mt, tt = t, m, tt, mt
	}
	match := matches(mt, tt)
	var out []piece
	j := 0
	for i, p := range m {
		if k := match[i]; k >= 0 {
			out = append(out, t[j:k]...)
			j = k + 1
		}
		out = append(out, p)
	}
	return append(out, t[j:]...)
}

// hunk is one change a side made to base: base paragraphs [b0, b1)
// became the side's paragraphs [s0, s1). b0 == b1 is an insertion.
type hunk struct {
	b0, b1, s0, s1 int
	theirs         bool
}

// hunks lists, in base order, the runs between the paragraphs a side kept.
func hunks(nBase, nSide int, match []int, theirs bool) []hunk {
	var out []hunk
	b, s := 0, 0
	for i := 0; i <= nBase; i++ {
		j := nSide
		if i < nBase {
			if match[i] < 0 {
				continue
			}
			j = match[i]
		}
		if i > b || j > s {
			out = append(out, hunk{b, i, s, j, theirs})
		}
		b, s = i+1, j+1
	}
	return out
}

// overlaps reports whether two changes touch the same base paragraphs: a
// shared paragraph, an insertion inside the other's run, or two
// insertions at one place. Changes that only meet at an edge are apart.
func (g hunk) overlaps(h hunk) bool {
	switch {
	case g.b0 == g.b1 && h.b0 == h.b1:
		return g.b0 == h.b0
	case g.b0 == g.b1:
		return h.b0 < g.b0 && g.b0 < h.b1
	case h.b0 == h.b1:
		return g.b0 < h.b0 && h.b0 < g.b1
	}
	return g.b0 < h.b1 && h.b0 < g.b1
}

// merge3 is a diff3 at the level of single changes: each side's changes
// to base are found apart (a shortest edit script each), and only changes
// that overlap are taken together. So an edit to one paragraph and the
// deletion of the next are two changes, not one conflict. It hands emit,
// in order, base runs no one changed and each group of overlapping
// changes with what base, mine and theirs hold there.
func merge3(base, mine, theirs body, emit func(b, m, t []piece, iM int)) {
	nb := len(base.paras)
	hm := hunks(nb, len(mine.paras), matches(base.paras, mine.paras), false)
	ht := hunks(nb, len(theirs.paras), matches(base.paras, theirs.paras), true)
	all := append(append([]hunk(nil), hm...), ht...)
	slices.SortStableFunc(all, func(g, h hunk) int {
		if g.b0 != h.b0 {
			return g.b0 - h.b0
		}
		return g.b1 - h.b1
	})
	ib, dm, dt := 0, 0, 0 // next base paragraph; mine's and theirs' index minus base's there
	for i := 0; i < len(all); {
		g := []hunk{all[i]}
		lo, hi := all[i].b0, all[i].b1
		for i++; i < len(all); i++ {
			h := all[i]
			joined := false
			for _, x := range g {
				joined = joined || x.overlaps(h)
			}
			if !joined && !(hi > lo && h.b0 < hi) {
				break
			}
			g, hi = append(g, h), max(hi, h.b1)
		}
		if lo > ib { // untouched paragraphs before the group
			emit(pieces(base, ib, lo), pieces(mine, ib+dm, lo+dm), pieces(theirs, ib+dt, lo+dt), ib+dm)
		}
		m0, m1, t0, t1 := lo+dm, hi+dm, lo+dt, hi+dt
		var seenM, seenT bool
		for _, h := range g {
			if h.theirs {
				if !seenT {
					t0, seenT = h.s0-(h.b0-lo), true
				}
				t1 = h.s1 + (hi - h.b1)
			} else {
				if !seenM {
					m0, seenM = h.s0-(h.b0-lo), true
				}
				m1 = h.s1 + (hi - h.b1)
			}
		}
		emit(pieces(base, lo, hi), pieces(mine, m0, m1), pieces(theirs, t0, t1), m0)
		ib, dm, dt = hi, m1-hi, t1-hi
	}
	if ib < nb {
		emit(pieces(base, ib, nb), pieces(mine, ib+dm, nb+dm), pieces(theirs, ib+dt, nb+dt), ib+dm)
	}
}

// diff2 hands emit the runs mine and theirs share and, between them, the
// runs where they differ, with no base to say which side changed.
func diff2(mine, theirs body, emit func(b, m, t []piece, iM int)) {
	match := matches(mine.paras, theirs.paras)
	im, it := 0, 0
	for im < len(mine.paras) || it < len(theirs.paras) {
		jm, jt := len(mine.paras), len(theirs.paras)
		for i := im; i < len(mine.paras); i++ {
			if match[i] >= 0 {
				jm, jt = i, match[i]
				break
			}
		}
		if jm > im || jt > it {
			emit(nil, pieces(mine, im, jm), pieces(theirs, it, jt), im)
		}
		if jm < len(mine.paras) {
			emit(nil, pieces(mine, jm, jm+1), pieces(theirs, jt, jt+1), jm)
			jm, jt = jm+1, jt+1
		}
		im, it = jm, jt
	}
}

// matches pairs equal items of a and b along a shortest edit script:
// out[i] is the index in b of the item matched with a[i], or -1. Each
// distinct paragraph becomes one rune so go-diff's Myers diff (linear
// space, no time limit, so the result never depends on machine load)
// compares whole paragraphs.
func matches(a, b []string) []int {
	ids := map[string]rune{}
	encode := func(list []string) []rune {
		out := make([]rune, len(list))
		for i, s := range list {
			r, ok := ids[s]
			if !ok {
				r = paragraphRune(len(ids))
				ids[s] = r
			}
			out[i] = r
		}
		return out
	}
	ra, rb := encode(a), encode(b)
	out := make([]int, len(a))
	for i := range out {
		out[i] = -1
	}
	if len(ids) > maxParagraphRunes {
		// Beyond what runes can name: match only the common ends.
		i := 0
		for i < len(a) && i < len(b) && a[i] == b[i] {
			out[i] = i
			i++
		}
		for j := 1; j <= len(a)-i && j <= len(b)-i && a[len(a)-j] == b[len(b)-j]; j++ {
			out[len(a)-j] = len(b) - j
		}
		return out
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	i, j := 0, 0
	for _, d := range dmp.DiffMainRunes(ra, rb, false) {
		n := len([]rune(d.Text))
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			for k := 0; k < n; k++ {
				out[i+k] = j + k
			}
			i, j = i+n, j+n
		case diffmatchpatch.DiffDelete:
			i += n
		case diffmatchpatch.DiffInsert:
			j += n
		}
	}
	return out
}

// go-diff turns runs of runes into strings and back, so every rune must be
// valid: the surrogate range is skipped.
const maxParagraphRunes = 0x10FFFF - 0x800

func paragraphRune(n int) rune {
	if n >= 0xD800 {
		n += 0x800
	}
	return rune(n)
}
