package spell

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxSuggestions is the most Suggest returns, as in Hunspell.
const MaxSuggestions = 15

const (
	maxCompoundSugs = 3
	maxRoots        = 100
	maxGuess        = 200
	maxExpanded     = 100
	maxCharDistance = 4
	// suggestBudget bounds the candidate checks one Suggest may make, the
	// counterpart of Hunspell's clock-based limits, so a long or hostile
	// word cannot stall the caller.
	suggestBudget = 40000
)

var defaultKey = []rune("qwertyuiop|asdfghjkl|zxcvbnm")

// suggester holds the state of one Suggest call.
type suggester struct {
	d      *Dictionary
	budget int
}

// Suggest returns corrections for word, best first, at most MaxSuggestions.
// It follows Hunspell's order: REP replacements and case fixes, then
// single edits (swapped, missing, extra, mistyped neighbouring keys and TRY
// characters, moved letters), then split words, and only when none of
// those is a word, the n-gram similarity search over the dictionary.
func (d *Dictionary) Suggest(word string) []string {
	if len(word) >= maxWordBytes {
		return nil
	}
	s := &suggester{d: d, budget: suggestBudget}
	w := convert(d.iconv, word)
	w = strings.TrimLeft(w, " ")
	trimmed := strings.TrimRight(w, ".")
	abbrev := len(w) > len(trimmed)
	w = trimmed
	if w == "" || !utf8.ValidString(w) {
		return nil
	}
	ct := caseOf(w)
	var slst []string
	good, onlyCpd := false, false
	capWords := false
	switch ct {
	case caseNone:
		good = s.suggest(&slst, w, &onlyCpd)
		if abbrev {
			good = s.suggest(&slst, w+".", &onlyCpd) || good
		}
	case caseInit:
		capWords = true
		good = s.suggest(&slst, w, &onlyCpd)
		good = s.suggest(&slst, toLower(w), &onlyCpd) || good
	case caseHuh, caseHuhInit:
		if ct == caseHuhInit {
			capWords = true
		}
		good = s.suggest(&slst, w, &onlyCpd)
		if dot := strings.IndexByte(w, '.'); dot >= 0 && caseOf(w[dot+1:]) == caseInit {
			slst = insertSug(slst, w[:dot+1]+" "+w[dot+1:])
		}
		if ct == caseHuhInit {
			good = s.suggest(&slst, initSmall(w), &onlyCpd) || good
		}
		low := toLower(w)
		if d.Check(low) {
			slst = insertSug(slst, low)
		}
		prev := len(slst)
		good = s.suggest(&slst, low, &onlyCpd) || good
		if ct == caseHuhInit {
			ic := initCap(low)
			if d.Check(ic) {
				slst = insertSug(slst, ic)
			}
			good = s.suggest(&slst, ic, &onlyCpd) || good
		}
		for j := prev; j < len(slst); j++ {
			sp := strings.IndexByte(slst[j], ' ')
			if sp < 0 {
				continue
			}
			second := slst[j][sp+1:]
			if len(second) < len(w) && w[len(w)-len(second):] != second {
				fixed := slst[j][:sp+1] + initCap(second)
				slst = slices.Delete(slst, j, j+1)
				slst = slices.Insert(slst, 0, fixed)
			}
		}
	case caseAll:
		low := toLower(w)
		good = s.suggest(&slst, low, &onlyCpd)
		if d.keepCase != 0 && d.Check(low) {
			slst = insertSug(slst, low)
		}
		good = s.suggest(&slst, initCap(low), &onlyCpd) || good
		for j := range slst {
			slst[j] = toUpper(slst[j])
		}
	}
	if !good && (len(slst) == 0 || onlyCpd) && d.maxNgramSugs != 0 {
		switch ct {
		case caseNone:
			s.ngsuggest(&slst, w, caseNone)
		case caseHuh, caseHuhInit:
			if ct == caseHuhInit {
				capWords = true
			}
			s.ngsuggest(&slst, toLower(w), caseHuh)
		case caseInit:
			capWords = true
			s.ngsuggest(&slst, toLower(w), caseInit)
		case caseAll:
			old := len(slst)
			s.ngsuggest(&slst, toLower(w), caseAll)
			for j := old; j < len(slst); j++ {
				slst[j] = toUpper(slst[j])
			}
		}
	}
	slst = s.dashSuggestions(slst, w, good)
	if capWords {
		for j := range slst {
			slst[j] = initCap(slst[j])
		}
	}
	// A capitalised suggestion the checker would reject goes back to the
	// case the dictionary has it in, or goes.
	if ct == caseInit || ct == caseAll {
		out := slst[:0]
		for _, sug := range slst {
			if strings.Contains(sug, " ") || d.Check(sug) {
				out = append(out, sug)
				continue
			}
			if low := toLower(sug); d.Check(low) {
				out = append(out, low)
			} else if ic := initCap(low); d.Check(ic) {
				out = append(out, ic)
			}
		}
		slst = out
	}
	var uniq []string
	for _, sug := range slst {
		if !slices.Contains(uniq, sug) {
			uniq = append(uniq, convert(d.oconv, sug))
		}
	}
	if len(uniq) > MaxSuggestions {
		uniq = uniq[:MaxSuggestions]
	}
	return uniq
}

func insertSug(slst []string, w string) []string {
	slst = slices.Insert(slst, 0, w)
	if len(slst) > MaxSuggestions {
		slst = slst[:MaxSuggestions]
	}
	return slst
}

// dashSuggestions corrects one misspelt part of a hyphenated word
// ("Afo-American" → "Afro-American") when nothing better was found.
func (s *suggester) dashSuggestions(slst []string, w string, good bool) []string {
	d := s.d
	dash := strings.IndexByte(w, '-')
	if dash < 0 || good {
		return slst
	}
	for _, sug := range slst {
		if strings.Contains(sug, "-") {
			return slst
		}
	}
	prev := 0
	for {
		last := dash == len(w)
		chunk := w[prev:dash]
		if !d.Check(chunk) {
			nlst := d.Suggest(chunk)
			for j := len(nlst) - 1; j >= 0; j-- {
				cand := w[:prev] + nlst[j]
				if !last {
					cand += "-" + w[dash+1:]
				}
				var info checkInfo
				d.checkWord(cand, &info)
				if !info.forbidden {
					slst = insertSug(slst, cand)
				}
			}
			return slst
		}
		if last {
			return slst
		}
		prev = dash + 1
		if n := strings.IndexByte(w[prev:], '-'); n >= 0 {
			dash = prev + n
		} else {
			dash = len(w)
		}
	}
}

// suggest is Hunspell's SuggestMgr::suggest: the edit-based generators in
// their fixed order, first for plain words and then for compounds.
func (s *suggester) suggest(slst *[]string, word string, onlyCpd *bool) bool {
	d := s.d
	rs := []rune(word)
	nsugOrig := len(*slst)
	good := false
	noCompoundTwoWords := false
	oldSug := 0
	for cpd := 0; cpd < 2 && !noCompoundTwoWords && !good; cpd++ {
		if cpd == 1 && len(d.rules) == 0 {
			break
		}
		if cpd > 0 {
			oldSug = len(*slst)
		}
		room := func() bool {
			return len(*slst) < MaxSuggestions && (cpd == 0 || len(*slst) < oldSug+maxCompoundSugs)
		}
		if len(*slst) < MaxSuggestions {
			n := len(*slst)
			s.testSug(slst, toUpper(word), cpd)
			if len(*slst) > n {
				good = true
			}
		}
		if room() {
			n := len(*slst)
			s.replChars(slst, word, cpd)
			if len(*slst) > n {
				good = true
			}
		}
		if cpd == 0 && len(*slst) > nsugOrig {
			noCompoundTwoWords = true
		}
		for _, edit := range []func(*[]string, []rune, int){
			s.swapChar, s.longSwapChar, s.badCharKey, s.extraChar,
			s.forgotChar, s.moveChar, s.badChar, s.doubleTwoChars,
		} {
			if room() {
				edit(slst, rs, cpd)
			}
		}
		if cpd == 0 || (!d.noSplitSugs && len(*slst) < oldSug+maxCompoundSugs) {
			good = s.twoWords(slst, word, cpd, good)
		}
		if s.budget <= 0 {
			break
		}
	}
	if !noCompoundTwoWords && len(*slst) > 0 {
		*onlyCpd = true
	}
	return good
}

func (s *suggester) testSug(slst *[]string, cand string, cpd int) {
	if len(*slst) >= MaxSuggestions || slices.Contains(*slst, cand) {
		return
	}
	if s.checkSug(cand, cpd) {
		*slst = append(*slst, cand)
	}
}

func (s *suggester) testRunes(slst *[]string, rs []rune, cpd int) {
	s.testSug(slst, string(rs), cpd)
}

// checkSug is Hunspell's SuggestMgr::checkword: a candidate counts if it is
// a dictionary word or an affixed form that may be suggested (not
// forbidden, NOSUGGEST, only-in-compound or a hidden capitalised twin). Case
// is exact.
func (s *suggester) checkSug(w string, cpd int) bool {
	d := s.d
	s.budget--
	if s.budget < 0 || w == "" {
		return false
	}
	if cpd == 1 {
		if len(d.rules) == 0 || !d.ruleStart[w[0]] {
			return false
		}
		he := d.compoundCheck(w)
		if he < 0 {
			return false
		}
		if h := d.lookup(w); h >= 0 {
			fs := d.flagsOf(&d.entries[h])
			if fs.has(d.forbidden) || fs.has(d.noSuggest) {
				return false
			}
		}
		return true
	}
	he := d.lookup(w)
	if he >= 0 {
		fs := d.flagsOf(&d.entries[he])
		if fs.has(d.forbidden) || fs.has(d.noSuggest) {
			return false
		}
		for he >= 0 {
			fs := d.flagsOf(&d.entries[he])
			if fs.has(d.needAffix) || fs.has(flagOnlyUpcase) || fs.has(d.onlyInCompound) {
				he = d.entries[he].next
				continue
			}
			break
		}
	} else {
		he = d.prefixCheck(w, 0)
	}
	if he < 0 {
		he = d.suffixCheck(w, nil, 0)
	}
	if he < 0 {
		return false
	}
	fs := d.flagsOf(&d.entries[he])
	return !(fs.has(d.forbidden) || fs.has(flagOnlyUpcase) || fs.has(d.noSuggest) || fs.has(d.onlyInCompound))
}

func (s *suggester) replChars(slst *[]string, word string, cpd int) {
	if len(word) < 2 {
		return
	}
	for _, e := range s.d.rep {
		for r := 0; r <= len(word); {
			i := strings.Index(word[r:], e.pattern)
			if i < 0 {
				break
			}
			r += i
			kind := 0
			if r == 0 {
				kind = 1
			}
			if r+len(e.pattern) == len(word) {
				kind += 2
			}
			for kind != 0 && e.out[kind] == "" {
				if kind == 2 && r != 0 {
					kind = 0
				} else {
					kind--
				}
			}
			out := e.out[kind]
			if out == "" {
				r++
				continue
			}
			cand := word[:r] + out + word[r+len(e.pattern):]
			s.testSug(slst, cand, cpd)
			// A replacement with spaces ("alot" → "a lot") counts when its
			// words are all correct.
			prev := 0
			for sp := strings.IndexByte(cand, ' '); sp >= 0; {
				if s.checkSug(cand[prev:sp], 0) {
					n := len(*slst)
					s.testSug(slst, cand[sp+1:], cpd)
					if len(*slst) > n {
						(*slst)[len(*slst)-1] = cand
					}
				}
				prev = sp + 1
				next := strings.IndexByte(cand[prev:], ' ')
				if next < 0 {
					break
				}
				sp = prev + next
			}
			r++
		}
	}
}

func (s *suggester) swapChar(slst *[]string, word []rune, cpd int) {
	if len(word) < 2 {
		return
	}
	c := slices.Clone(word)
	for i := 0; i < len(c)-1; i++ {
		c[i], c[i+1] = c[i+1], c[i]
		s.testRunes(slst, c, cpd)
		c[i], c[i+1] = c[i+1], c[i]
	}
	if n := len(c); n == 4 || n == 5 {
		c[0], c[1], c[2] = word[1], word[0], word[2]
		c[n-2], c[n-1] = word[n-1], word[n-2]
		s.testRunes(slst, c, cpd)
		if n == 5 {
			c[0], c[1], c[2] = word[0], word[2], word[1]
			s.testRunes(slst, c, cpd)
		}
	}
}

func (s *suggester) longSwapChar(slst *[]string, word []rune, cpd int) {
	c := slices.Clone(word)
	for p := range c {
		for q := range c {
			dist := p - q
			if dist < 0 {
				dist = -dist
			}
			if dist > 1 && dist <= maxCharDistance {
				c[p], c[q] = c[q], c[p]
				s.testRunes(slst, c, cpd)
				c[p], c[q] = c[q], c[p]
			}
		}
	}
}

func (s *suggester) badCharKey(slst *[]string, word []rune, cpd int) {
	key := s.d.key
	if key == nil {
		key = defaultKey
	}
	c := slices.Clone(word)
	for i, tmp := range word {
		if u := unicode.ToUpper(tmp); u != tmp {
			c[i] = u
			s.testRunes(slst, c, cpd)
			c[i] = tmp
		}
		for loc := 0; loc < len(key); loc++ {
			if key[loc] != tmp {
				continue
			}
			if loc > 0 && key[loc-1] != '|' {
				c[i] = key[loc-1]
				s.testRunes(slst, c, cpd)
			}
			if loc+1 < len(key) && key[loc+1] != '|' {
				c[i] = key[loc+1]
				s.testRunes(slst, c, cpd)
			}
		}
		c[i] = tmp
	}
}

func (s *suggester) extraChar(slst *[]string, word []rune, cpd int) {
	if len(word) < 2 {
		return
	}
	c := make([]rune, 0, len(word))
	for i := len(word) - 1; i >= 0; i-- {
		c = append(append(c[:0], word[:i]...), word[i+1:]...)
		s.testRunes(slst, c, cpd)
	}
}

func (s *suggester) forgotChar(slst *[]string, word []rune, cpd int) {
	c := make([]rune, 0, len(word)+1)
	for _, t := range s.d.try {
		for i := len(word); i >= 0; i-- {
			c = append(append(append(c[:0], word[:i]...), t), word[i:]...)
			s.testRunes(slst, c, cpd)
			if s.budget <= 0 {
				return
			}
		}
	}
}

func (s *suggester) moveChar(slst *[]string, word []rune, cpd int) {
	if len(word) < 2 {
		return
	}
	c := slices.Clone(word)
	for p := 0; p < len(c); p++ {
		for q := p + 1; q < len(c) && q-p <= maxCharDistance; q++ {
			c[q], c[q-1] = c[q-1], c[q]
			if q-p < 2 {
				continue
			}
			s.testRunes(slst, c, cpd)
		}
		copy(c, word)
	}
	for p := len(c) - 1; p >= 0; p-- {
		for q := p - 1; q >= 0 && p-q <= maxCharDistance; q-- {
			c[q], c[q+1] = c[q+1], c[q]
			if p-q < 2 {
				continue
			}
			s.testRunes(slst, c, cpd)
		}
		copy(c, word)
	}
}

func (s *suggester) badChar(slst *[]string, word []rune, cpd int) {
	c := slices.Clone(word)
	for _, t := range s.d.try {
		for i := len(c) - 1; i >= 0; i-- {
			tmp := c[i]
			if tmp == t {
				continue
			}
			c[i] = t
			s.testRunes(slst, c, cpd)
			c[i] = tmp
			if s.budget <= 0 {
				return
			}
		}
	}
}

func (s *suggester) doubleTwoChars(slst *[]string, word []rune, cpd int) {
	if len(word) < 5 {
		return
	}
	state := 0
	for i := 2; i < len(word); i++ {
		if word[i] != word[i-2] {
			state = 0
			continue
		}
		state++
		if state == 3 || (state == 2 && i >= 4) {
			c := append(slices.Clone(word[:i-1]), word[i+1:]...)
			s.testRunes(slst, c, cpd)
			state = 0
		}
	}
}

// twoWords suggests "alot" → "a lot": a dictionary word pair takes
// priority over everything; otherwise two correct words are added (with a
// hyphenated variant in languages that use them).
func (s *suggester) twoWords(slst *[]string, word string, cpd int, good bool) bool {
	d := s.d
	if len(word) < 3 {
		return false
	}
	dashLang := slices.Contains(d.try, '-') || slices.Contains(d.try, 'a')
	for i := 0; i < len(word); {
		_, n := utf8.DecodeRuneInString(word[i:])
		i += n
		if i >= len(word) {
			break
		}
		first, rest := word[:i], word[i:]
		if cpd == 0 && s.checkSug(first+" "+rest, 0) {
			if !good {
				good = true
				*slst = (*slst)[:0]
			}
			*slst = slices.Insert(*slst, 0, first+" "+rest)
		}
		if dashLang && cpd == 0 && s.checkSug(first+"-"+rest, 0) {
			if !good {
				good = true
				*slst = (*slst)[:0]
			}
			*slst = slices.Insert(*slst, 0, first+"-"+rest)
		}
		if len(*slst) < MaxSuggestions && !d.noSplitSugs && !good {
			if s.checkSug(first, cpd) && s.checkSug(rest, cpd) {
				cand := first + " " + rest
				fresh := !slices.Contains(*slst, cand)
				if fresh && len(*slst) < MaxSuggestions {
					*slst = append(*slst, cand)
				}
				if dashLang && utf8.RuneCountInString(rest) > 1 && utf8.RuneCountInString(first) > 1 {
					cand = first + "-" + rest
					if slices.Contains(*slst, cand) {
						fresh = false
					}
					if len(*slst) < MaxSuggestions && fresh {
						*slst = append(*slst, cand)
					}
				}
			}
		}
	}
	if len(*slst) > MaxSuggestions {
		*slst = (*slst)[:MaxSuggestions]
	}
	return good
}
