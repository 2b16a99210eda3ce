package spell

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	ngLongerWorse = 1 << iota
	ngAnyMismatch
	_
	ngWeighted
)

// ngsuggest is Hunspell's last resort for badly misspelt words: score every
// dictionary root by shared n-grams, expand the best 100 with their
// affixes, rescore those by n-grams, common subsequence and common
// positions, and keep the few clear winners. Roots are visited in
// Hunspell's hash-table order so ties break the same way.
func (s *suggester) ngsuggest(slst *[]string, word string, ct caseType) {
	d := s.d
	d.hashOnce.Do(d.buildHashOrder)
	w := []rune(word)
	n := len(w)
	if n == 0 {
		return
	}

	type scored struct {
		score int
		entry int32
	}
	roots := make([]scored, maxRoots)
	for i := range roots {
		roots[i] = scored{score: -100 * i, entry: -1}
	}
	lp := maxRoots - 1
	var wf []rune
	asciiWord := isASCII(word)
	var eb []byte
	for _, ei := range d.hashOrder {
		e := &d.entries[ei]
		if abs(n-int(e.runes)) > 4 || (ct == caseNone && e.initCap) {
			continue
		}
		var sc int
		if asciiWord && e.runes == uint8(len(e.word)) {
			lw := e.word
			if !e.plain {
				eb = append(eb[:0], lw...)
				lowerASCII(eb)
				lw = string(eb)
			}
			sc = ngramString(3, word, lw, ngLongerWorse) + leftCommonString(word, e.word)
		} else {
			wf = appendRunes(wf[:0], e.word)
			left := leftCommon(w, wf)
			lowerRunes(wf)
			sc = ngram(3, w, wf, ngLongerWorse) + left
		}
		if sc > roots[lp].score {
			roots[lp] = scored{sc, ei}
			lval := sc
			for j := range roots {
				if roots[j].score < lval {
					lp, lval = j, roots[j].score
				}
			}
		}
	}

	thresh := 0
	mw := make([]rune, n)
	for sp := 1; sp < 4; sp++ {
		copy(mw, w)
		for k := sp; k < n; k += 4 {
			mw[k] = '*'
		}
		lowerRunes(mw)
		thresh += ngram(n, w, mw, ngAnyMismatch)
	}
	thresh = thresh/3 - 1

	type guess struct {
		word  string
		score int
	}
	guesses := make([]guess, maxGuess)
	for i := range guesses {
		guesses[i] = guess{score: -100 * i}
	}
	lp = maxGuess - 1
	for _, r := range roots {
		if r.entry < 0 {
			continue
		}
		for _, g := range d.expandRoot(r.entry, word) {
			wf = appendRunes(wf[:0], g)
			left := leftCommon(w, wf)
			lowerRunes(wf)
			sc := ngram(n, w, wf, ngAnyMismatch) + left
			if sc > thresh && sc > guesses[lp].score {
				guesses[lp] = guess{g, sc}
				lval := sc
				for j := range guesses {
					if guesses[j].score < lval {
						lp, lval = j, guesses[j].score
					}
				}
			}
		}
	}
	byScore := func(a, b guess) int { return cmp.Compare(b.score, a.score) }
	slices.SortStableFunc(guesses, byScore)

	fact := 1.0
	if d.maxDiff >= 0 {
		fact = (10.0 - float64(d.maxDiff)) / 5.0
	}
	lowWord := []rune(toLower(word))
	for i := range guesses {
		g := &guesses[i]
		if g.word == "" {
			continue
		}
		gl := []rune(toLower(g.word))
		glen := utf8.RuneCountInString(g.word)
		lcs := lcsLen(w, gl)
		if n == glen && n == lcs {
			g.score += 2000
			break
		}
		re := ngram(2, w, gl, ngAnyMismatch|ngWeighted) + ngram(2, gl, lowWord, ngAnyMismatch|ngWeighted)
		common, swap := commonPositions(w, gl)
		sc := 2*lcs - abs(n-glen) + leftCommon(w, gl) + ngram(4, w, gl, ngAnyMismatch) + re
		if common > 0 {
			sc++
		}
		if swap {
			sc += 10
		}
		if float64(re) < float64(n+glen)*fact {
			sc -= 1000
		}
		g.score = sc
	}
	slices.SortStableFunc(guesses, byScore)

	oldns := len(*slst)
	same := false
	for _, g := range guesses {
		if g.word == "" {
			continue
		}
		if !(len(*slst) < oldns+d.maxNgramSugs && len(*slst) < MaxSuggestions && (!same || g.score > 1000)) {
			continue
		}
		if g.score > 1000 {
			same = true
		} else if g.score < -100 {
			same = true
			if len(*slst) > oldns || d.onlyMaxDiff {
				continue
			}
		}
		unique := true
		for _, prev := range *slst {
			if strings.Contains(g.word, prev) || !s.checkSug(g.word, 0) {
				unique = false
				break
			}
		}
		if unique {
			*slst = append(*slst, g.word)
		}
	}
}

// expandRoot lists the forms of a root that could be what was meant by bad:
// the root itself, suffixed forms whose ending matches bad's, their cross
// products with prefixes, and prefixed forms whose beginning matches.
func (d *Dictionary) expandRoot(ei int32, bad string) []string {
	e := &d.entries[ei]
	fs := d.flagsOf(e)
	type form struct {
		word  string
		cross bool
	}
	var out []form
	if !(fs.has(d.needAffix) || fs.has(d.onlyInCompound)) {
		out = append(out, form{word: e.word})
	}
	for _, f := range fs {
		for _, a := range d.affixByFlag[f] {
			if a.prefix || len(out) >= maxExpanded {
				continue
			}
			if a.append != "" && !(len(bad) > len(a.append) && strings.HasSuffix(bad, a.append)) {
				continue
			}
			if a.cont.has(d.needAffix) || a.cont.has(d.onlyInCompound) {
				continue
			}
			if nw := a.add(e.word, d.fullStrip); nw != "" {
				out = append(out, form{nw, a.cross})
			}
		}
	}
	n := len(out)
	for j := 1; j < n; j++ {
		if !out[j].cross {
			continue
		}
		for _, f := range fs {
			for _, a := range d.affixByFlag[f] {
				if !a.prefix || !a.cross || len(out) >= maxExpanded {
					continue
				}
				if a.append != "" && !(len(bad) > len(a.append) && strings.HasPrefix(bad, a.append)) {
					continue
				}
				if nw := a.add(out[j].word, d.fullStrip); nw != "" {
					out = append(out, form{nw, a.cross})
				}
			}
		}
	}
	for _, f := range fs {
		for _, a := range d.affixByFlag[f] {
			if !a.prefix || len(out) >= maxExpanded {
				continue
			}
			if a.append != "" && !(len(bad) > len(a.append) && strings.HasPrefix(bad, a.append)) {
				continue
			}
			if nw := a.add(e.word, d.fullStrip); nw != "" {
				out = append(out, form{nw, a.cross})
			}
		}
	}
	words := make([]string, len(out))
	for i, f := range out {
		words[i] = f.word
	}
	return words
}

// buildHashOrder sorts entries into the order Hunspell's walk_hashtable
// visits them: by bucket of its string hash, then by insertion.
func (d *Dictionary) buildHashOrder() {
	size := d.hashSize
	if size <= 0 {
		size = len(d.entries) + 1005
		if size%2 == 0 {
			size++
		}
	}
	bucket := make([]uint32, len(d.entries))
	order := make([]int32, 0, len(d.entries))
	for i := range d.entries {
		e := &d.entries[i]
		fs := d.flagsOf(e)
		// Entries n-gram suggestions never offer are left out once here.
		if fs.has(d.forbidden) || fs.has(flagOnlyUpcase) || fs.has(d.noSuggest) ||
			fs.has(d.noNgramSuggest) || fs.has(d.onlyInCompound) {
			continue
		}
		bucket[i] = uint32(hunspellHash(e.word) % uint64(size))
		order = append(order, int32(i))
	}
	slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(bucket[a], bucket[b]) })
	d.hashOrder = order
}

// hunspellHash reproduces HashMgr::hash on a 64-bit build, where the
// rotation leaves the high half in place and bytes are signed chars.
func hunspellHash(w string) uint64 {
	var hv uint64
	i := 0
	for ; i < 4 && i < len(w); i++ {
		hv = hv<<8 | uint64(int64(int8(w[i])))
	}
	for ; i < len(w); i++ {
		hv = hv<<5 | (hv>>27)&0x1f
		hv ^= uint64(int64(int8(w[i])))
	}
	return hv
}

func appendRunes(dst []rune, s string) []rune {
	for _, r := range s {
		dst = append(dst, r)
	}
	return dst
}

func lowerRunes(rs []rune) {
	for i, r := range rs {
		rs[i] = unicode.ToLower(r)
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// ngram counts the n-grams (1 … n long) of s1 found in s2, penalising
// length differences as Hunspell's SuggestMgr::ngram does.
func ngram(n int, s1, s2 []rune, opt int) int {
	return ngramScore(n, len(s1), len(s2), opt, func(i, j int) bool { return containsRunes(s2, s1[i:i+j]) })
}

// ngramString is ngram for ASCII words, which are most of a dictionary and
// can be searched as bytes without conversion.
func ngramString(n int, s1, s2 string, opt int) int {
	return ngramScore(n, len(s1), len(s2), opt, func(i, j int) bool {
		if j == 1 {
			return strings.IndexByte(s2, s1[i]) >= 0
		}
		return strings.Contains(s2, s1[i:i+j])
	})
}

// ngramScore scores with found(i, j) telling whether s1[i:i+j] is in s2.
func ngramScore(n, l1, l2, opt int, found func(i, j int) bool) int {
	if l2 == 0 {
		return 0
	}
	score := 0
	for j := 1; j <= n; j++ {
		ns := 0
		for i := 0; i <= l1-j; i++ {
			if found(i, j) {
				ns++
			} else if opt&ngWeighted != 0 {
				ns--
				if i == 0 || i == l1-j {
					ns--
				}
			}
		}
		score += ns
		if ns < 2 && opt&ngWeighted == 0 {
			break
		}
	}
	pen := 0
	if opt&ngLongerWorse != 0 {
		pen = l2 - l1 - 2
	}
	if opt&ngAnyMismatch != 0 {
		pen = abs(l2-l1) - 2
	}
	if pen > 0 {
		score -= pen
	}
	return score
}

func containsRunes(hay, needle []rune) bool {
	if len(needle) == 0 {
		return true
	}
	for i := 0; i+len(needle) <= len(hay); i++ {
		if hay[i] == needle[0] && slices.Equal(hay[i:i+len(needle)], needle) {
			return true
		}
	}
	return false
}

func leftCommon(s1, s2 []rune) int {
	if len(s1) == 0 || len(s2) == 0 {
		return 0
	}
	if s1[0] != s2[0] && s1[0] != unicode.ToLower(s2[0]) {
		return 0
	}
	i := 1
	for i < len(s1) && i < len(s2) && s1[i] == s2[i] {
		i++
	}
	return i
}

func commonPositions(s1, s2 []rune) (num int, swap bool) {
	if len(s1) == 0 || len(s2) == 0 {
		return 0, false
	}
	first := unicode.ToLower(s2[0])
	diff := 0
	var pos [2]int
	for i := 0; i < len(s1) && i < len(s2); i++ {
		c2 := s2[i]
		if i == 0 {
			c2 = first
		}
		if s1[i] == c2 {
			num++
			continue
		}
		if diff < 2 {
			pos[diff] = i
		}
		diff++
	}
	if diff == 2 && len(s1) == len(s2) {
		a0, a1 := s2[pos[0]], s2[pos[1]]
		if pos[0] == 0 {
			a0 = first
		}
		swap = s1[pos[0]] == a1 && s1[pos[1]] == a0
	}
	return num, swap
}

func lcsLen(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			switch {
			case a[i-1] == b[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] >= cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func lowerASCII(b []byte) {
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
}

func hasUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

func leftCommonString(s1, s2 string) int {
	if len(s1) == 0 || len(s2) == 0 {
		return 0
	}
	c := s2[0]
	if c >= 'A' && c <= 'Z' {
		c += 'a' - 'A'
	}
	if s1[0] != s2[0] && s1[0] != c {
		return 0
	}
	i := 1
	for i < len(s1) && i < len(s2) && s1[i] == s2[i] {
		i++
	}
	return i
}
