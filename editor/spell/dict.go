// Package spell reads Hunspell dictionaries (.aff + .dic) and checks and
// corrects words the way Hunspell does, in pure Go, so Copydesk can spell
// check with nothing installed and agree with the checker reporters know
// from LibreOffice and browsers.
//
// A Dictionary is immutable once loaded and safe for concurrent use. Check
// answers whether one word is spelt right; Suggest proposes corrections,
// best first; Words and Document find the words of running text (skipping
// URLs, e-mail addresses and numbers) and re-check only what an edit
// touched.
//
// The reader implements the directives the common dictionaries use: SET,
// FLAG (char, long, num, UTF-8), AF, TRY, KEY, REP, PFX/SFX with conditions,
// stripping and cross products, COMPOUNDRULE, COMPOUNDMIN, ONLYINCOMPOUND,
// NOSUGGEST, ICONV/OCONV, IGNORE, WORDCHARS, BREAK, KEEPCASE, FORBIDDENWORD,
// NEEDAFFIX, MAXNGRAMSUGS and NOSPLITSUGS. Other directives (morphology,
// COMPOUNDFLAG compounding, two-level suffixes) are read and ignored, so a
// dictionary that relies on them accepts fewer words than Hunspell would,
// never more.
package spell

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Flags Hunspell reserves for its own bookkeeping; dictionaries cannot name
// them because they sit at the top of the 16-bit range.
const (
	flagForbiddenDefault flag = 65510
	flagOnlyUpcase       flag = 65511
)

// Limits that keep a hostile dictionary or word from costing unbounded
// time or memory. Hunspell has the same word-length limit.
const (
	maxWordBytes   = 100
	maxAffixes     = 1 << 16
	maxDicWords    = 1 << 22
	maxTableLines  = 1 << 14
	maxCompoundLen = 20
)

// ErrFormat is returned (wrapped, with a line number) for a dictionary that
// cannot be read.
var ErrFormat = errors.New("malformed hunspell dictionary")

type flag uint16

// flagSet is sorted so membership is a binary search, as in Hunspell.
type flagSet []flag

func (s flagSet) has(f flag) bool {
	if f == 0 {
		return false
	}
	if len(s) < 8 {
		for _, g := range s {
			if g == f {
				return true
			}
		}
		return false
	}
	_, ok := slices.BinarySearch(s, f)
	return ok
}

// entry is one line of the .dic (or a hidden capitalised twin Hunspell adds
// for mixed-case words so that their ALL-CAPS form is accepted).
type entry struct {
	word    string
	flags   uint32 // index into Dictionary.flagSets
	next    int32  // next homonym, -1 at the end
	runes   uint8  // length in characters, capped at 255
	plain   bool   // ASCII without capitals: n-gram scoring needs no lowering
	initCap bool   // the word is Capitalised (a name), skipped by n-gram suggestions for lower-case input
}

type condPart struct {
	any   bool
	neg   bool
	runes []rune
}

func (c condPart) match(r rune) bool {
	if c.any {
		return true
	}
	in := slices.Contains(c.runes, r)
	return in != c.neg
}

// affix is one PFX or SFX rule line.
type affix struct {
	flag   flag
	cross  bool
	strip  string
	append string
	cond   []condPart // for a suffix, in reading order (last part tests the root's last rune)
	cont   flagSet    // continuation flags on the affix itself
	prefix bool
}

// testCondition checks the rule's condition against the start (prefix) or
// the end (suffix) of root.
func (a *affix) testCondition(root string) bool {
	if len(a.cond) == 0 {
		return true
	}
	if a.prefix {
		s := root
		for _, c := range a.cond {
			r, n := utf8.DecodeRuneInString(s)
			if n == 0 || !c.match(r) {
				return false
			}
			s = s[n:]
		}
		return true
	}
	s := root
	for i := len(a.cond) - 1; i >= 0; i-- {
		r, n := utf8.DecodeLastRuneInString(s)
		if n == 0 || !a.cond[i].match(r) {
			return false
		}
		s = s[:len(s)-n]
	}
	return true
}

// add builds the affixed form of root, or "" when the rule does not apply.
func (a *affix) add(root string, fullStrip bool) string {
	if !(len(root) > len(a.strip) || (len(root) == 0 && fullStrip)) {
		return ""
	}
	if utf8.RuneCountInString(root) < len(a.cond) || !a.testCondition(root) {
		return ""
	}
	if a.prefix {
		if !strings.HasPrefix(root, a.strip) {
			return ""
		}
		return a.append + root[len(a.strip):]
	}
	if !strings.HasSuffix(root, a.strip) {
		return ""
	}
	return root[:len(root)-len(a.strip)] + a.append
}

type repEntry struct {
	pattern string
	out     [4]string // middle, at start, at end, whole word
}

type convEntry struct{ from, to string }

// Dictionary is a loaded Hunspell dictionary. It is immutable and safe for
// concurrent use.
type Dictionary struct {
	words    map[string]int32
	entries  []entry
	flagSets []flagSet

	prefixes      []*affix
	suffixes      []*affix
	pfxEmpty      []*affix
	sfxEmpty      []*affix
	pfxByFirst    map[byte][]*affix
	sfxByLast     map[byte][]*affix
	affixByFlag   map[flag][]*affix // in reverse definition order, as Hunspell links them
	hasCrossPfx   bool
	fullStrip     bool
	complexPrefix bool

	try         []rune
	key         []rune
	rep         []repEntry
	iconv       []convEntry
	oconv       []convEntry
	ignore      string
	wordChars   string
	breaks      []string
	compoundMin int
	rules       [][]ruleElem
	ruleFlags   map[flag]bool
	ruleStart   [256]bool // first bytes of words that can begin a compound

	forbidden      flag
	noSuggest      flag
	keepCase       flag
	needAffix      flag
	onlyInCompound flag
	noNgramSuggest flag

	maxNgramSugs int
	noSplitSugs  bool
	maxDiff      int
	onlyMaxDiff  bool

	hashOrder []int32 // Hunspell's hash-table walk order, built on first n-gram suggestion
	hashSize  int
	hashOnce  sync.Once
}

type ruleElem struct {
	f     flag
	quant byte // 0, '*' or '?'
}

func (d *Dictionary) flagsOf(e *entry) flagSet { return d.flagSets[e.flags] }

func (d *Dictionary) lookup(word string) int32 {
	if i, ok := d.words[word]; ok {
		return i
	}
	return -1
}

// WordChars returns the characters besides letters that the dictionary
// counts as part of a word (its WORDCHARS directive).
func (d *Dictionary) WordChars() string { return d.wordChars }
