package spell

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

type caseType int

const (
	caseNone    caseType = iota // all lower case
	caseInit                    // Capitalised
	caseAll                     // ALL CAPS
	caseHuh                     // mIxed, first lower
	caseHuhInit                 // MiXed, first upper
)

// caseOf classifies a word as Hunspell's get_captype does: characters
// without case (digits, apostrophes) count with either.
func caseOf(w string) caseType {
	if isASCII(w) {
		return caseOfASCII(w)
	}
	ncap, nneutral, n := 0, 0, 0
	firstCap := false
	for i, r := range w {
		n++
		lower, upper := unicode.ToLower(r), unicode.ToUpper(r)
		if r != lower {
			ncap++
			if i == 0 {
				firstCap = true
			}
		}
		if lower == upper {
			nneutral++
		}
	}
	switch {
	case ncap == 0:
		return caseNone
	case ncap == 1 && firstCap:
		return caseInit
	case ncap == n || ncap+nneutral == n:
		return caseAll
	case ncap > 1 && firstCap:
		return caseHuhInit
	}
	return caseHuh
}

func toLower(s string) string { return strings.ToLowerSpecial(unicode.SpecialCase(nil), s) }
func toUpper(s string) string { return strings.ToUpperSpecial(unicode.SpecialCase(nil), s) }

func initCap(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	u := unicode.ToUpper(r)
	if u == r {
		return s
	}
	return string(u) + s[n:]
}

func initSmall(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	l := unicode.ToLower(r)
	if l == r {
		return s
	}
	return string(l) + s[n:]
}

// convert applies an ICONV/OCONV table: at each position the longest
// matching pattern wins.
func convert(table []convEntry, s string) string {
	if !slices.ContainsFunc(table, func(e convEntry) bool { return strings.Contains(s, e.from) }) {
		return s
	}
	var b strings.Builder
	changed := false
	for i := 0; i < len(s); {
		best := -1
		for j, e := range table {
			if strings.HasPrefix(s[i:], e.from) && (best < 0 || len(e.from) > len(table[best].from)) {
				best = j
			}
		}
		if best < 0 {
			_, n := utf8.DecodeRuneInString(s[i:])
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		changed = true
		b.WriteString(table[best].to)
		i += len(table[best].from)
	}
	if !changed {
		return s
	}
	return b.String()
}

// checkInfo carries what Hunspell's spell() passes in its info bits.
type checkInfo struct {
	initCap   bool // checking the Capitalised form of a word typed Capitalised
	forbidden bool
}

// Check reports whether word is spelt correctly. Capitalised and ALL-CAPS
// forms of a lower-case word are correct; a name typed in lower case is
// not; numbers ("1,000.5") are correct.
func (d *Dictionary) Check(word string) bool {
	var buf [8]string
	calls := 0
	return d.spell(word, spellStack{buf[:0], &calls})
}

// spellStack is what one Check's recursion through break points shares:
// the words being checked (a word never recurses into itself) and a count
// of calls, so a word of many hyphens costs a bounded amount of work.
type spellStack struct {
	words []string
	calls *int
}

// maxSpellCalls bounds the recursive checks of one word; a real
// hyphenated word needs a handful.
const maxSpellCalls = 256

func (d *Dictionary) spell(word string, st spellStack) bool {
	*st.calls++
	stack := st.words
	if len(stack) >= cap(stack) || *st.calls > maxSpellCalls {
		return false
	}
	for _, w := range stack {
		if w == word {
			return false
		}
	}
	stack = append(stack, word)
	st.words = stack
	if len(word) >= maxWordBytes {
		return false
	}
	w := convert(d.iconv, word)
	w = strings.TrimLeft(w, " ")
	abbrev := len(w)
	w = strings.TrimRight(w, ".")
	abbrev -= len(w)
	if w == "" {
		return true
	}
	if isNumber(w) {
		return true
	}
	var info checkInfo
	ok := d.spellCased(w, abbrev > 0, &info)
	if ok {
		return true
	}
	if len(d.breaks) == 0 || info.forbidden {
		return false
	}
	return d.spellBreaks(w, st)
}

func isNumber(w string) bool {
	sep := true // a number cannot start with a separator
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= '0' && c <= '9':
			sep = false
		case c == ',' || c == '.' || c == '-':
			if sep {
				return false
			}
			sep = true
		default:
			return false
		}
	}
	return !sep
}

func (d *Dictionary) spellCased(w string, abbrev bool, info *checkInfo) bool {
	ct := caseOf(w)
	switch ct {
	case caseNone, caseHuh, caseHuhInit:
		if d.checkWord(w, info) >= 0 {
			return true
		}
		if abbrev && d.checkWord(w+".", info) >= 0 {
			return true
		}
		return false
	}
	if ct == caseAll {
		if d.checkWord(w, info) >= 0 {
			return true
		}
		if abbrev && d.checkWord(w+".", info) >= 0 {
			return true
		}
		if apos := strings.IndexByte(w, '\''); apos >= 0 && apos < len(w)-1 {
			low := toLower(w)
			if apos = strings.IndexByte(low, '\''); apos >= 0 && apos < len(low)-1 {
				cand := low[:apos+1] + initCap(low[apos+1:])
				if d.checkWord(cand, info) >= 0 {
					return true
				}
				if d.checkWord(initCap(cand), info) >= 0 {
					return true
				}
			}
		}
	}
	scw := w
	if ct == caseAll {
		scw = initCap(toLower(w))
	}
	info.initCap = ct == caseInit
	rv := d.checkWord(scw, info)
	info.initCap = false
	if info.forbidden {
		return false
	}
	if rv >= 0 && d.keepsCase(rv) && ct == caseAll {
		rv = -1
	}
	if rv >= 0 {
		return true
	}
	low := toLower(scw)
	scw = initCap(low)
	rv = d.checkWord(low, info)
	if abbrev && rv < 0 {
		rv = d.checkWord(low+".", info)
		if rv < 0 {
			info.initCap = ct == caseInit
			rv = d.checkWord(scw+".", info)
			info.initCap = false
			if rv >= 0 && d.keepsCase(rv) && ct == caseAll {
				rv = -1
			}
			return rv >= 0
		}
	}
	if rv >= 0 && d.keepsCase(rv) {
		rv = -1
	}
	return rv >= 0
}

func (d *Dictionary) keepsCase(i int32) bool {
	return d.keepCase != 0 && d.flagSets[d.entries[i].flags].has(d.keepCase)
}

// spellBreaks splits at BREAK points ("-" by default) and accepts the word
// when both sides are correct, as Hunspell does for "well-known".
func (d *Dictionary) spellBreaks(w string, stack spellStack) bool {
	nbr := 0
	for _, b := range d.breaks {
		nbr += strings.Count(w, b)
	}
	if nbr >= 10 {
		return false
	}
	wl := len(w)
	for _, b := range d.breaks {
		plen := len(b)
		if plen == 1 || plen > wl {
			continue
		}
		if b[0] == '^' && strings.HasPrefix(w, b[1:]) && d.spell(w[plen-1:], stack) {
			return true
		}
		if b[plen-1] == '$' && strings.HasSuffix(w, b[:plen-1]) && d.spell(w[:wl-plen+1], stack) {
			return true
		}
	}
	for pass := 0; pass < 2; pass++ {
		for _, b := range d.breaks {
			plen := len(b)
			found := strings.Index(w, b)
			if found <= 0 || found >= wl-plen {
				continue
			}
			if pass == 0 {
				if f2 := strings.Index(w[found+1:], b); f2 >= 0 && found+1+f2 < wl-plen {
					found = found + 1 + f2
				}
			}
			if !d.spell(w[found+plen:], stack) {
				continue
			}
			if d.spell(w[:found], stack) {
				return true
			}
		}
	}
	return false
}

// checkWord is Hunspell's checkword: the exact form, then affixes, then
// compounds. It returns the entry of the root that accepted the word.
func (d *Dictionary) checkWord(w string, info *checkInfo) int32 {
	if d.ignore != "" {
		w = removeChars(w, d.ignore)
	}
	if w == "" {
		return -1
	}
	he := d.lookup(w)
	if he >= 0 {
		fs := d.flagsOf(&d.entries[he])
		if fs.has(d.forbidden) {
			info.forbidden = true
			return -1
		}
		for he >= 0 {
			fs := d.flagsOf(&d.entries[he])
			if fs.has(d.needAffix) || fs.has(d.onlyInCompound) || (info.initCap && fs.has(flagOnlyUpcase)) {
				he = d.entries[he].next
				continue
			}
			break
		}
	}
	if he >= 0 {
		return he
	}
	he = d.affixCheck(w, 0)
	if he >= 0 {
		fs := d.flagsOf(&d.entries[he])
		if fs.has(d.onlyInCompound) || (info.initCap && fs.has(flagOnlyUpcase)) {
			return -1
		}
		if fs.has(d.forbidden) {
			info.forbidden = true
			return -1
		}
		return he
	}
	if len(d.rules) > 0 && d.ruleStart[w[0]] {
		return d.compoundCheck(w)
	}
	return -1
}

// affixCheck tries every prefix (crossed with suffixes where allowed), then
// every suffix, for a root in the dictionary.
func (d *Dictionary) affixCheck(w string, needFlag flag) int32 {
	if he := d.prefixCheck(w, needFlag); he >= 0 {
		return he
	}
	return d.suffixCheck(w, nil, needFlag)
}

func (d *Dictionary) prefixCheck(w string, needFlag flag) int32 {
	for _, a := range d.pfxEmpty {
		if a.cont.has(d.onlyInCompound) {
			continue
		}
		if he := d.prefixEntryCheck(a, w, needFlag); he >= 0 {
			return he
		}
	}
	if w == "" {
		return -1
	}
	for _, a := range d.pfxByFirst[w[0]] {
		if !strings.HasPrefix(w, a.append) || a.cont.has(d.onlyInCompound) {
			continue
		}
		if he := d.prefixEntryCheck(a, w, needFlag); he >= 0 {
			return he
		}
	}
	return -1
}

func (d *Dictionary) prefixEntryCheck(a *affix, w string, needFlag flag) int32 {
	tmpl := len(w) - len(a.append)
	if !(tmpl > 0 || (tmpl == 0 && d.fullStrip)) {
		return -1
	}
	root := a.strip + w[len(a.append):]
	if utf8.RuneCountInString(root) < len(a.cond) || !a.testCondition(root) {
		return -1
	}
	for he := d.lookup(root); he >= 0; he = d.entries[he].next {
		fs := d.flagsOf(&d.entries[he])
		if fs.has(a.flag) && !a.cont.has(d.needAffix) &&
			(needFlag == 0 || fs.has(needFlag) || a.cont.has(needFlag)) {
			return he
		}
	}
	if a.cross {
		return d.suffixCheck(root, a, needFlag)
	}
	return -1
}

// suffixCheck strips a suffix; with pfx set it is the cross-product check
// of a word whose prefix pfx was already removed.
func (d *Dictionary) suffixCheck(w string, pfx *affix, needFlag flag) int32 {
	try := func(a *affix) int32 {
		if a.cont.has(d.onlyInCompound) {
			return -1
		}
		if a.cont.has(d.needAffix) && (pfx == nil || pfx.cont.has(d.needAffix)) {
			return -1
		}
		return d.suffixEntryCheck(a, w, pfx, needFlag)
	}
	for _, a := range d.sfxEmpty {
		if he := try(a); he >= 0 {
			return he
		}
	}
	if w == "" {
		return -1
	}
	for _, a := range d.sfxByLast[w[len(w)-1]] {
		if !strings.HasSuffix(w, a.append) {
			continue
		}
		if he := try(a); he >= 0 {
			return he
		}
	}
	return -1
}

func (d *Dictionary) suffixEntryCheck(a *affix, w string, pfx *affix, needFlag flag) int32 {
	if pfx != nil && !a.cross {
		return -1
	}
	tmpl := len(w) - len(a.append)
	if !(tmpl > 0 || (tmpl == 0 && d.fullStrip)) {
		return -1
	}
	root := w[:tmpl] + a.strip
	if utf8.RuneCountInString(root) < len(a.cond) || !a.testCondition(root) {
		return -1
	}
	for he := d.lookup(root); he >= 0; he = d.entries[he].next {
		fs := d.flagsOf(&d.entries[he])
		if !(fs.has(a.flag) || (pfx != nil && pfx.cont.has(a.flag))) {
			continue
		}
		if pfx != nil && !(fs.has(pfx.flag) || a.cont.has(pfx.flag)) {
			continue
		}
		if pfx == nil && fs.has(d.onlyInCompound) {
			continue
		}
		if needFlag != 0 && !(fs.has(needFlag) || a.cont.has(needFlag)) {
			continue
		}
		return he
	}
	return -1
}

// compoundBudget bounds the splits one compound check may try, so a word
// of many short dictionary pieces cannot cost exponential time.
const compoundBudget = 2000

// compoundCheck accepts a word made of dictionary words whose flags spell
// out one of the COMPOUNDRULEs ("11th" = "1" + "1th" under "n*1t").
func (d *Dictionary) compoundCheck(w string) int32 {
	minLen := d.compoundMin
	if minLen == 0 {
		minLen = 3
	}
	var parts [maxCompoundLen]flagSet
	var last int32 = -1
	budget := compoundBudget
	var rec func(s string, n int) bool
	rec = func(s string, n int) bool {
		if n >= maxCompoundLen {
			return false
		}
		budget--
		if budget < 0 {
			return false
		}
		runes := 0
		for i := 0; i < len(s); {
			_, sz := utf8.DecodeRuneInString(s[i:])
			i += sz
			runes++
			if runes < minLen {
				continue
			}
			head := s[:i]
			rest := s[i:]
			if rest != "" && utf8.RuneCountInString(rest) < minLen {
				continue
			}
			for he := d.lookup(head); he >= 0; he = d.entries[he].next {
				fs := d.flagsOf(&d.entries[he])
				if !d.hasRuleFlag(fs) || fs.has(d.forbidden) || fs.has(d.needAffix) {
					continue
				}
				parts[n] = fs
				if !d.rulePrefixMatches(parts[:n+1]) {
					continue
				}
				if rest == "" {
					if n >= 1 && d.ruleMatches(parts[:n+1]) {
						last = he
						return true
					}
					continue
				}
				if rec(rest, n+1) {
					return true
				}
			}
		}
		return false
	}
	if rec(w, 0) {
		return last
	}
	return -1
}

func (d *Dictionary) hasRuleFlag(fs flagSet) bool {
	for _, f := range fs {
		if d.ruleFlags[f] {
			return true
		}
	}
	return false
}

func (d *Dictionary) ruleMatches(parts []flagSet) bool {
	for _, r := range d.rules {
		if matchRule(r, parts, true) {
			return true
		}
	}
	return false
}

func (d *Dictionary) rulePrefixMatches(parts []flagSet) bool {
	for _, r := range d.rules {
		if matchRule(r, parts, false) {
			return true
		}
	}
	return false
}

// matchRule matches word parts against a rule with * and ? quantifiers by
// tracking the set of rule positions reachable so far, so a hostile rule
// cannot make it backtrack exponentially. With full unset, a match of all
// parts by a prefix of the rule suffices.
func matchRule(r []ruleElem, parts []flagSet, full bool) bool {
	var buf [2][maxCompoundLen + 1]bool
	cur, next := &buf[0], &buf[1]
	closure := func(s *[maxCompoundLen + 1]bool) {
		for i := 0; i < len(r); i++ {
			if s[i] && r[i].quant != 0 {
				s[i+1] = true
			}
		}
	}
	cur[0] = true
	closure(cur)
	for _, p := range parts {
		*next = [maxCompoundLen + 1]bool{}
		alive := false
		for i := 0; i < len(r); i++ {
			if !cur[i] || !p.has(r[i].f) {
				continue
			}
			alive = true
			if r[i].quant == '*' {
				next[i] = true
			} else {
				next[i+1] = true
			}
		}
		if !alive {
			return false
		}
		closure(next)
		cur, next = next, cur
	}
	return !full || cur[len(r)]
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func caseOfASCII(w string) caseType {
	ncap, nneutral := 0, 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'A' && c <= 'Z':
			ncap++
		case c >= 'a' && c <= 'z':
		default:
			nneutral++
		}
	}
	firstCap := len(w) > 0 && w[0] >= 'A' && w[0] <= 'Z'
	switch {
	case ncap == 0:
		return caseNone
	case ncap == 1 && firstCap:
		return caseInit
	case ncap == len(w) || ncap+nneutral == len(w):
		return caseAll
	case ncap > 1 && firstCap:
		return caseHuhInit
	}
	return caseHuh
}
