package spell

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/ianaindex"
)

type flagMode int

const (
	flagChar flagMode = iota
	flagLong
	flagNum
	flagUTF8
)

// Load reads a dictionary from its .aff and .dic files. Both are read in
// full; a dictionary in a legacy 8-bit encoding (SET ISO8859-1, KOI8-R …)
// is converted to UTF-8 first.
func Load(aff, dic io.Reader) (*Dictionary, error) {
	affData, err := io.ReadAll(aff)
	if err != nil {
		return nil, fmt.Errorf("read .aff: %w", err)
	}
	dicData, err := io.ReadAll(dic)
	if err != nil {
		return nil, fmt.Errorf("read .dic: %w", err)
	}
	return LoadBytes(affData, dicData)
}

// LoadBytes is Load for dictionaries already in memory (embedded ones).
func LoadBytes(affData, dicData []byte) (*Dictionary, error) {
	affData = bytes.TrimPrefix(affData, []byte("\xef\xbb\xbf"))
	dicData = bytes.TrimPrefix(dicData, []byte("\xef\xbb\xbf"))
	enc := findSet(affData)
	if enc != "" && !isUTF8Name(enc) {
		var err error
		if affData, err = decode(enc, affData); err != nil {
			return nil, err
		}
		if dicData, err = decode(enc, dicData); err != nil {
			return nil, err
		}
	}
	p := &affParser{d: &Dictionary{
		words:        map[string]int32{},
		pfxByFirst:   map[byte][]*affix{},
		sfxByLast:    map[byte][]*affix{},
		affixByFlag:  map[flag][]*affix{},
		ruleFlags:    map[flag]bool{},
		forbidden:    flagForbiddenDefault,
		maxNgramSugs: 4,
		maxDiff:      -1,
		breaks:       []string{"-", "^-", "-$"},
		flagSets:     []flagSet{nil},
	}, setIndex: map[string]uint32{"": 0}}
	if err := p.parseAff(affData); err != nil {
		return nil, err
	}
	if err := p.parseDic(dicData); err != nil {
		return nil, err
	}
	return p.d, nil
}

func findSet(aff []byte) string {
	for line := range bytes.Lines(aff) {
		f := strings.Fields(string(line))
		if len(f) >= 2 && f[0] == "SET" {
			return f[1]
		}
	}
	return ""
}

func isUTF8Name(enc string) bool {
	return strings.EqualFold(enc, "UTF-8") || strings.EqualFold(enc, "UTF8")
}

func decode(name string, data []byte) ([]byte, error) {
	iana := name
	upper := strings.ToUpper(name)
	switch {
	case strings.HasPrefix(upper, "ISO8859-"):
		iana = "ISO-8859-" + name[len("ISO8859-"):]
	case strings.HasPrefix(upper, "MICROSOFT-CP"):
		iana = "windows-" + name[len("MICROSOFT-CP"):]
	}
	e, err := ianaindex.IANA.Encoding(iana)
	if err != nil || e == nil {
		return nil, fmt.Errorf("dictionary encoding %q: %w", name, ErrFormat)
	}
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("decode %s dictionary: %w", name, err)
	}
	return out, nil
}

type affParser struct {
	d        *Dictionary
	mode     flagMode
	aliases  []flagSet
	setIndex map[string]uint32
	// the PFX/SFX header being filled
	cur struct {
		kind  string
		flag  flag
		cross bool
		left  int
	}
	tableLeft map[string]int
}

func (p *affParser) errf(line int, format string, args ...any) error {
	return fmt.Errorf("line %d: %s: %w", line, fmt.Sprintf(format, args...), ErrFormat)
}

// parseFlags decodes a flag string in the dictionary's FLAG mode. Flags
// that do not fit 16 bits are dropped, as a dictionary cannot use them.
func (p *affParser) parseFlags(s string) flagSet {
	if len(p.aliases) > 0 {
		if n, err := strconv.Atoi(s); err == nil {
			if n >= 1 && n <= len(p.aliases) {
				return p.aliases[n-1]
			}
			return nil
		}
	}
	return p.rawFlags(s)
}

func (p *affParser) rawFlags(s string) flagSet {
	var out flagSet
	switch p.mode {
	case flagLong:
		for i := 0; i < len(s); i += 2 {
			f := flag(s[i]) << 8
			if i+1 < len(s) {
				f |= flag(s[i+1])
			}
			out = append(out, f)
		}
	case flagNum:
		for part := range strings.SplitSeq(s, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(part))
			if err == nil && n > 0 && n < 65510 {
				out = append(out, flag(n))
			}
		}
	case flagUTF8:
		for _, r := range s {
			if r > 0 && r < 65510 {
				out = append(out, flag(r))
			}
		}
	default:
		for i := 0; i < len(s); i++ {
			out = append(out, flag(s[i]))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func (p *affParser) oneFlag(s string) flag {
	fs := p.rawFlags(s)
	if p.mode == flagChar || p.mode == flagUTF8 {
		// A single flag is the first character, not the sorted minimum.
		r, n := utf8.DecodeRuneInString(s)
		if p.mode == flagChar && n > 0 {
			return flag(s[0])
		}
		if r > 0 && r < 65510 {
			return flag(r)
		}
		return 0
	}
	if len(fs) == 0 {
		return 0
	}
	if p.mode == flagLong && len(s) >= 2 {
		return flag(s[0])<<8 | flag(s[1])
	}
	return fs[0]
}

func (p *affParser) internSet(fs flagSet) uint32 {
	key := string(utf16Key(fs))
	if i, ok := p.setIndex[key]; ok {
		return i
	}
	i := uint32(len(p.d.flagSets))
	p.d.flagSets = append(p.d.flagSets, fs)
	p.setIndex[key] = i
	return i
}

func utf16Key(fs flagSet) []byte {
	b := make([]byte, 0, 2*len(fs))
	for _, f := range fs {
		b = append(b, byte(f>>8), byte(f))
	}
	return b
}

func (p *affParser) parseAff(data []byte) error {
	d := p.d
	p.tableLeft = map[string]int{}
	// FLAG must be known before any flag is decoded; Hunspell requires it
	// early too, but some dictionaries put it after AF.
	for line := range bytes.Lines(data) {
		f := strings.Fields(string(line))
		if len(f) >= 2 && f[0] == "FLAG" {
			switch strings.ToLower(f[1]) {
			case "long":
				p.mode = flagLong
			case "num":
				p.mode = flagNum
			case "utf-8", "utf8":
				p.mode = flagUTF8
			}
		}
	}
	lineNo := 0
	for raw := range bytes.Lines(data) {
		lineNo++
		line := strings.TrimRight(string(raw), "\r\n")
		if !utf8.ValidString(line) {
			line = strings.ToValidUTF8(line, "\uFFFD")
		}
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		arg := func(i int) string {
			if i < len(f) {
				return f[i]
			}
			return ""
		}
		switch f[0] {
		case "TRY":
			d.try = []rune(arg(1))
		case "KEY":
			d.key = []rune(arg(1))
		case "WORDCHARS":
			d.wordChars = arg(1)
		case "IGNORE":
			d.ignore = arg(1)
		case "NOSUGGEST":
			d.noSuggest = p.oneFlag(arg(1))
		case "KEEPCASE":
			d.keepCase = p.oneFlag(arg(1))
		case "FORBIDDENWORD":
			d.forbidden = p.oneFlag(arg(1))
		case "NEEDAFFIX", "PSEUDOROOT":
			d.needAffix = p.oneFlag(arg(1))
		case "ONLYINCOMPOUND":
			d.onlyInCompound = p.oneFlag(arg(1))
		case "NONGRAMSUGGEST":
			d.noNgramSuggest = p.oneFlag(arg(1))
		case "COMPOUNDMIN":
			if n, err := strconv.Atoi(arg(1)); err == nil && n >= 1 {
				d.compoundMin = n
			}
		case "MAXNGRAMSUGS":
			if n, err := strconv.Atoi(arg(1)); err == nil && n >= 0 {
				d.maxNgramSugs = min(n, 15)
			}
		case "MAXDIFF":
			if n, err := strconv.Atoi(arg(1)); err == nil && n >= 0 && n <= 10 {
				d.maxDiff = n
			}
		case "ONLYMAXDIFF":
			d.onlyMaxDiff = true
		case "NOSPLITSUGS":
			d.noSplitSugs = true
		case "FULLSTRIP":
			d.fullStrip = true
		case "COMPLEXPREFIXES":
			d.complexPrefix = true
		case "AF":
			if p.headerOrEntry("AF", f) {
				p.aliases = append(p.aliases, p.rawFlags(arg(1)))
			}
		case "REP":
			if p.headerOrEntry("REP", f) && len(f) >= 3 {
				p.addRep(f[1], f[2])
			}
		case "ICONV", "OCONV":
			if p.headerOrEntry(f[0], f) && len(f) >= 3 {
				e := convEntry{from: f[1], to: f[2]}
				if e.from != "" {
					if f[0] == "ICONV" {
						d.iconv = append(d.iconv, e)
					} else {
						d.oconv = append(d.oconv, e)
					}
				}
			}
		case "BREAK":
			if len(f) == 2 {
				if _, err := strconv.Atoi(f[1]); err == nil {
					d.breaks = nil
					p.tableLeft["BREAK"], _ = strconv.Atoi(f[1])
					continue
				}
			}
			if len(f) >= 2 && p.tableLeft["BREAK"] > 0 {
				p.tableLeft["BREAK"]--
				d.breaks = append(d.breaks, f[1])
			}
		case "COMPOUNDRULE":
			if p.headerOrEntry("COMPOUNDRULE", f) && len(f) >= 2 {
				p.addRule(f[1])
			}
		case "PFX", "SFX":
			if err := p.affixLine(lineNo, f); err != nil {
				return err
			}
		}
	}
	if len(d.prefixes)+len(d.suffixes) > maxAffixes {
		return p.errf(lineNo, "too many affix rules")
	}
	return nil
}

// headerOrEntry tells a table's count line ("REP 90") from its entries and
// bounds the table's length. It reports whether f is an entry.
func (p *affParser) headerOrEntry(kind string, f []string) bool {
	if len(f) == 2 && kind != "AF" && kind != "COMPOUNDRULE" {
		if n, err := strconv.Atoi(f[1]); err == nil {
			p.tableLeft[kind] = min(n, maxTableLines)
			return false
		}
	}
	if (kind == "AF" || kind == "COMPOUNDRULE") && len(f) == 2 {
		if n, err := strconv.Atoi(f[1]); err == nil && p.tableLeft[kind+"#seen"] == 0 {
			p.tableLeft[kind+"#seen"] = 1
			p.tableLeft[kind] = min(n, maxTableLines)
			return false
		}
	}
	if p.tableLeft[kind] <= 0 {
		return false
	}
	p.tableLeft[kind]--
	return true
}

func (p *affParser) addRep(pattern, out string) {
	kind := 0
	if strings.HasPrefix(pattern, "^") {
		pattern = pattern[1:]
		kind = 1
	}
	if strings.HasSuffix(pattern, "$") {
		pattern = pattern[:len(pattern)-1]
		kind += 2
	}
	pattern = strings.ReplaceAll(pattern, "_", " ")
	out = strings.ReplaceAll(out, "_", " ")
	if pattern == "" || out == "" {
		return
	}
	// One entry per line, in file order, as Hunspell keeps them: "i igh"
	// and "i ee" are both tried.
	e := repEntry{pattern: pattern}
	e.out[kind] = out
	p.d.rep = append(p.d.rep, e)
}

func (p *affParser) addRule(s string) {
	var rule []ruleElem
	for i := 0; i < len(s); {
		switch {
		case s[i] == '*' || s[i] == '?':
			if len(rule) > 0 {
				rule[len(rule)-1].quant = s[i]
			}
			i++
		case s[i] == '(':
			j := strings.IndexByte(s[i:], ')')
			if j < 0 {
				return
			}
			if fl := p.oneFlag(s[i+1 : i+j]); fl != 0 {
				rule = append(rule, ruleElem{f: fl})
			}
			i += j + 1
		default:
			_, n := utf8.DecodeRuneInString(s[i:])
			if p.mode == flagChar {
				n = 1
			}
			if fl := p.oneFlag(s[i : i+n]); fl != 0 {
				rule = append(rule, ruleElem{f: fl})
			}
			i += n
		}
	}
	if len(rule) == 0 || len(rule) > maxCompoundLen {
		return
	}
	for _, e := range rule {
		p.d.ruleFlags[e.f] = true
	}
	p.d.rules = append(p.d.rules, rule)
}

func (p *affParser) affixLine(lineNo int, f []string) error {
	d := p.d
	if len(f) < 4 {
		return nil
	}
	fl := p.oneFlag(f[1])
	if fl == 0 {
		return nil
	}
	c := &p.cur
	isEntry := c.kind == f[0] && c.flag == fl && c.left > 0
	if !isEntry {
		n, err := strconv.Atoi(f[3])
		if err != nil || (f[2] != "Y" && f[2] != "N") {
			return p.errf(lineNo, "%s header %q", f[0], strings.Join(f, " "))
		}
		c.kind, c.flag, c.cross, c.left = f[0], fl, f[2] == "Y", min(max(n, 0), maxAffixes)
		return nil
	}
	c.left--
	if len(d.prefixes)+len(d.suffixes) >= maxAffixes {
		return p.errf(lineNo, "too many affix rules")
	}
	a := &affix{flag: fl, cross: c.cross, prefix: f[0] == "PFX"}
	if f[2] != "0" {
		a.strip = f[2]
	}
	add := f[3]
	if i := strings.IndexByte(add, '/'); i >= 0 {
		a.cont = p.parseFlags(add[i+1:])
		add = add[:i]
	}
	if add != "0" {
		a.append = add
	}
	if p.d.ignore != "" {
		a.append = removeChars(a.append, p.d.ignore)
		a.strip = removeChars(a.strip, p.d.ignore)
	}
	cond := "."
	if len(f) >= 5 {
		cond = f[4]
	}
	a.cond = parseCondition(cond)
	if a.prefix {
		d.prefixes = append(d.prefixes, a)
		if a.append == "" {
			d.pfxEmpty = append(d.pfxEmpty, a)
		} else {
			d.pfxByFirst[a.append[0]] = append(d.pfxByFirst[a.append[0]], a)
		}
		if a.cross {
			d.hasCrossPfx = true
		}
	} else {
		d.suffixes = append(d.suffixes, a)
		if a.append == "" {
			d.sfxEmpty = append(d.sfxEmpty, a)
		} else {
			last := a.append[len(a.append)-1]
			d.sfxByLast[last] = append(d.sfxByLast[last], a)
		}
	}
	d.affixByFlag[fl] = append([]*affix{a}, d.affixByFlag[fl]...)
	return nil
}

// parseCondition reads a condition such as "[^aeiou]y". "." alone means no
// condition, so it does not count towards the root's minimum length.
func parseCondition(s string) []condPart {
	if s == "." {
		return nil
	}
	var out []condPart
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		switch rs[i] {
		case '.':
			out = append(out, condPart{any: true})
		case '[':
			part := condPart{}
			i++
			if i < len(rs) && rs[i] == '^' {
				part.neg = true
				i++
			}
			for i < len(rs) && rs[i] != ']' {
				part.runes = append(part.runes, rs[i])
				i++
			}
			out = append(out, part)
		default:
			out = append(out, condPart{runes: []rune{rs[i]}})
		}
	}
	return out
}

func removeChars(s, chars string) string {
	if !strings.ContainsAny(s, chars) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(chars, r) {
			return -1
		}
		return r
	}, s)
}

func (p *affParser) parseDic(data []byte) error {
	d := p.d
	// One string for the whole file: words are substrings of it, so
	// loading makes no allocation per word.
	text := string(data)
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	setOf := map[string]uint32{}
	first := true
	lineNo := 0
	for len(text) > 0 {
		var line string
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			line, text = text, ""
		}
		lineNo++
		line = strings.TrimRight(line, "\r")
		if first {
			first = false
			n, err := strconv.Atoi(strings.TrimSpace(line))
			if err != nil || n < 0 {
				return p.errf(lineNo, ".dic must start with its word count, found %q", truncate(line))
			}
			n = min(n, maxDicWords)
			d.hashSize = n + 1005
			if d.hashSize%2 == 0 {
				d.hashSize++
			}
			d.entries = make([]entry, 0, n+n/16)
			d.words = make(map[string]int32, n+n/16)
			continue
		}
		if line == "" || line[0] == '\t' {
			continue
		}
		if len(d.entries) >= maxDicWords {
			return p.errf(lineNo, "too many words")
		}
		word, flags := splitDicLine(line)
		if d.ignore != "" {
			word = removeChars(word, d.ignore)
		}
		if word == "" {
			continue
		}
		set, ok := setOf[flags]
		if !ok {
			set = p.internSet(p.parseFlags(flags))
			setOf[flags] = set
		}
		fs := d.flagSets[set]
		p.addWord(word, set)
		if len(d.rules) > 0 && d.hasRuleFlag(fs) {
			d.ruleStart[word[0]] = true
		}
		ct := caseOf(word)
		if (ct == caseHuh || ct == caseHuhInit || (ct == caseAll && len(fs) > 0)) && !fs.has(d.forbidden) {
			hidden := slices.Clone(fs)
			hidden = append(hidden, flagOnlyUpcase)
			slices.Sort(hidden)
			p.addHidden(initCap(toLower(word)), p.internSet(hidden))
		}
	}
	if first {
		return p.errf(0, "empty .dic")
	}
	return nil
}

func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// splitDicLine separates "word/FLAGS morph…" into word and flags; "\/" is a
// slash inside the word.
func splitDicLine(line string) (word, flags string) {
	// Morphological fields start after a tab, or after a space that begins
	// a "xx:" field.
	if i := strings.IndexByte(line, '\t'); i >= 0 {
		line = line[:i]
	}
	for i := 0; i+3 < len(line); i++ {
		if line[i] == ' ' && line[i+3] == ':' {
			line = strings.TrimRight(line[:i], " ")
			break
		}
	}
	if !strings.Contains(line, "\\/") {
		if i := strings.IndexByte(line[min(1, len(line)):], '/'); i >= 0 {
			return line[:i+1], line[i+2:]
		}
		return line, ""
	}
	var b strings.Builder
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c == '\\' && i+1 < len(line) && line[i+1] == '/' {
			b.WriteByte('/')
			i++
			continue
		}
		if c == '/' && i > 0 {
			return b.String(), line[i+1:]
		}
		b.WriteByte(c)
	}
	return b.String(), ""
}

// addWord mirrors Hunspell's HashMgr::add_word: homonyms chain from the
// first entry, and a real word takes over a hidden capitalised twin's slot.
func (p *affParser) addWord(word string, set uint32) {
	d := p.d
	initCap := caseOf(word) == caseInit
	head, ok := d.words[word]
	if !ok {
		d.entries = append(d.entries, entry{word: word, flags: set, next: -1, initCap: initCap, runes: runeLen(word), plain: isPlain(word)})
		d.words[word] = int32(len(d.entries) - 1)
		return
	}
	i := head
	for {
		e := &d.entries[i]
		if d.flagsOf(e).has(flagOnlyUpcase) {
			e.flags = set
			return
		}
		if e.next < 0 {
			break
		}
		i = e.next
	}
	d.entries = append(d.entries, entry{word: d.entries[head].word, flags: set, next: -1, initCap: initCap, runes: d.entries[head].runes, plain: d.entries[head].plain})
	d.entries[i].next = int32(len(d.entries) - 1)
}

// addHidden adds the capitalised twin of a mixed-case word, unless a real
// word is spelt that way.
func (p *affParser) addHidden(word string, set uint32) {
	d := p.d
	if _, ok := d.words[word]; ok {
		return
	}
	d.entries = append(d.entries, entry{word: word, flags: set, next: -1, initCap: true, runes: runeLen(word), plain: isPlain(word)})
	d.words[word] = int32(len(d.entries) - 1)
}

func runeLen(s string) uint8 {
	return uint8(min(utf8.RuneCountInString(s), 255))
}

func isPlain(s string) bool { return isASCII(s) && !hasUpperASCII(s) }
