package check

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"copydesk/editor"
)

// FactKind is what a fact-sheet item asks the fact checker to verify.
type FactKind string

// The kinds of fact-sheet items.
const (
	FactFigure       FactKind = "figure"       // numbers, money, percentages, dates
	FactQuote        FactKind = "quote"        // a quotation, with its speaker when found
	FactPerson       FactKind = "person"       // a full name
	FactOrganisation FactKind = "organisation" // a named body or an acronym like NATO
)

// Fact is one checklist item, located like a Finding so clicking it
// selects its first passage.
type Fact struct {
	ID      string   `json:"id"` // FactID(kind, text): a tick resets when the text changes
	Kind    FactKind `json:"kind"`
	Text    string   `json:"text"`
	Speaker string   `json:"speaker,omitempty"` // quotes only
	Field   string   `json:"field"`
	Start   int      `json:"start"` // rune offsets of the first occurrence
	End     int      `json:"end"`
	Count   int      `json:"count"` // occurrences in the article
}

// FactID is the stable id of an item: a hash of its kind and text, so a
// saved tick stays with the passage it checked and is dropped (the item
// shows unticked) as soon as the passage is edited.
func FactID(kind FactKind, text string) string {
	h := sha256.Sum256([]byte(string(kind) + "\x00" + text))
	return hex.EncodeToString(h[:8])
}

// FactSheet extracts the figures, quotations, people and organisations of
// the headline, summary, caption and body, each listed once (repeats are
// counted), in reading order.
//
// The extraction is heuristic and errs towards listing: figures are runs
// with digits (with a currency sign, "%", "percent", "million" or a month
// attached) and days of the week, so numbers written in words ("two
// years") are not listed.
// People are runs of two to four capitalised words after dropping titles
// ("President", "Prime Minister"), so a surname alone is not listed (AP
// style names people in full at first mention) and a two-word place or
// product ("Storm Shadow") can be listed as a person. Organisations are
// capitalised runs containing a word like Ministry, Institute, Inc or
// University, or acronyms such as NATO and EU.
func FactSheet(a *editor.Article) []Fact { return factSheet(a, Context{}) }

// factSheet is FactSheet with c's offset strictness; it needs nothing
// else from the context.
func factSheet(a *editor.Article, c Context) []Fact {
	if a == nil {
		return nil
	}
	d := newDoc(a, editor.Settings{}, c)
	var facts []Fact
	index := map[string]int{}
	add := func(f tokenField, kind FactKind, start, end int, txt, speaker string) {
		id := FactID(kind, txt)
		if i, ok := index[id]; ok {
			facts[i].Count++
			return
		}
		index[id] = len(facts)
		facts = append(facts, Fact{ID: id, Kind: kind, Text: txt, Speaker: speaker, Field: f.name,
			Start: f.t.runeAt(start), End: f.t.runeAt(end), Count: 1})
	}
	for _, f := range d.wordFields() {
		if f.name == "body" {
			for _, q := range d.quotes() {
				add(f, FactQuote, q.start, q.end, strings.TrimSpace(d.prose.s[q.start:q.end]), q.speaker)
			}
		}
		skipTo := 0
		if f.name == "body" {
			skipTo = d.bodyDatelineEnd
		}
		figures(f, func(s, e int) { add(f, FactFigure, s, e, f.t.s[s:e], "") })
		names(f, skipTo, func(k FactKind, s, e int) { add(f, k, s, e, f.t.s[s:e], "") })
	}
	slices.SortStableFunc(facts, func(x, y Fact) int {
		return cmp.Or(cmp.Compare(fieldRank(x.Field), fieldRank(y.Field)), cmp.Compare(x.Start, y.Start), cmp.Compare(x.End, y.End))
	})
	return facts
}

var months = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": true, "feb": true, "aug": true, "sept": true, "sep": true, "oct": true, "nov": true, "dec": true,
}

var weekdays = toSet("monday tuesday wednesday thursday friday saturday sunday")

var scaleWords = map[string]bool{"million": true, "billion": true, "trillion": true, "thousand": true, "hundred": true, "percent": true, "a.m.": true, "p.m.": true}

// near returns the token after toks[i] if only blanks (or, when comma is
// set, a comma, or after an abbreviated month, a period) separate them.
func near(s string, toks []token, i int, comma bool) int {
	j := i + 1
	if j >= len(toks) || toks[j].block != toks[i].block {
		return -1
	}
	g := strings.TrimSpace(s[toks[i].end:toks[j].start])
	if g == "" || (comma && g == ",") || (g == "." && months[strings.ToLower(s[toks[i].start:toks[i].end])]) {
		if s[toks[i].end:toks[j].start] == "" {
			return -1
		}
		return j
	}
	return -1
}

func hasDigit(s string) bool { return strings.IndexFunc(s, unicode.IsDigit) >= 0 }

func isYear(w string) bool {
	return len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) && !strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsDigit(r) })
}

func isMonth(w string) bool { return months[strings.ToLower(w)] }

// figures reports each figure of f as a byte span.
func figures(f tokenField, emit func(start, end int)) {
	s, toks := f.t.s, f.tokens
	word := func(i int) string { return s[toks[i].start:toks[i].end] }
	for i := 0; i < len(toks); i++ {
		w := word(i)
		startTok := i
		switch {
		case weekdays[strings.ToLower(w)] && isCapitalised(w):
			// "on Wednesday": the day of the week is a date to check
			// against the calendar, one of the commonest errors.
			emit(toks[i].start, toks[i].end)
			continue
		case isMonth(w) && isCapitalised(w):
			j := near(s, toks, i, false)
			if j < 0 || !hasDigit(word(j)) {
				continue
			}
			i = j // "February 24" / "June 2024"
		case hasDigit(w):
			// "Challenger 2": a figure after a capitalised word inside a
			// sentence is part of a name, not a fact to check.
			if len(w) == 1 && i > 0 && near(s, toks, i-1, false) == i && isCapitalised(word(i-1)) && !isMonth(word(i-1)) && !sentenceStart(s, toks, i-1) {
				continue
			}
		default:
			continue
		}
		end := i
		for {
			j := near(s, toks, end, false)
			if j >= 0 && (scaleWords[strings.ToLower(word(j))] || (isMonth(word(j)) && isCapitalised(word(j)) && !isMonth(word(startTok)))) {
				end = j
				continue
			}
			if j = near(s, toks, end, true); j >= 0 && isYear(word(j)) && (isMonth(word(end)) || isMonth(word(startTok)) && end != startTok && !isYear(word(end))) {
				end = j
				continue
			}
			break
		}
		start, stop := toks[startTok].start, toks[end].end
		for start > 0 {
			r, w := utf8.DecodeLastRuneInString(s[:start])
			if !strings.ContainsRune("$€£¥", r) {
				break
			}
			start -= w
		}
		if stop < len(s) && s[stop] == '%' {
			stop++
		}
		emit(start, stop)
		i = end
	}
}

var (
	orgWords = toSet("ministry department institute institution inc corp corporation company co ltd llc council university college school academy commission committee agency bureau office board authority bank fund foundation association society union nations party court parliament congress senate assembly army navy police group organization organisation center centre hospital times post press church club federation alliance pentagon kremlin")
	// properOrgs are organisation words that are names on their own, even
	// opening a sentence ("Kremlin officials said").
	properOrgs = toSet("pentagon kremlin congress parliament senate")
	// titles come before a name and are not part of it.
	titles = toSet("leader majority minority speaker whip quarterback pitcher striker goalkeeper manager editor reporter anchor alderperson alderman alderwoman councilman councilwoman superintendent officer president prime minister secretary senator sen rep gov governor mayor judge justice dr mr mrs ms chancellor king queen pope prince princess chief gen general col lt sgt capt captain coach professor prof director chairman chairwoman commissioner sheriff detective ambassador foreign deputy vice")
	// notNames are capitalised words that start sentences or name places,
	// days and things; a run containing one is not a person.
	notNames = toSet("united states kingdom european eastern western northern southern north south east west new old saint st middle central republic nations street avenue road square park lake river mountain county city memorandum summit article act agreement treaty war day prize cup games olympics democrats republicans monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december")
	// placeWords mark an address or a place; a run with one is neither a
	// person nor an organisation.
	placeWords = toSet("street avenue road boulevard lane drive square park field valley bay island beach falls heights hills creek stadium arena")
	connectors = toSet("of for the on de")
	notAcronym = toSet("tk tktk xx xxx i ii iii iv vi vii viii ix am pm ok tv us uk ap ceo gdp")
)

func toSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

func isAcronym(w string) bool {
	if len(w) < 2 || len(w) > 6 || notAcronym[strings.ToLower(w)] {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// names reports people and organisations of f as byte spans, skipping
// everything before skipTo (a body dateline in capitals is a place).
func names(f tokenField, skipTo int, emit func(FactKind, int, int)) {
	s, toks := f.t.s, f.tokens
	word := func(i int) string {
		w := s[toks[i].start:toks[i].end]
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		return w
	}
	lower := func(i int) string { return strings.ToLower(strings.TrimSuffix(word(i), ".")) }
	stop := stopwords()
	for i := 0; i < len(toks); i++ {
		if toks[i].start < skipTo || !isCapitalised(word(i)) {
			continue
		}
		if isAcronym(word(i)) {
			prevCaps := i > 0 && near(s, toks, i-1, false) == i && isAcronym(word(i-1))
			nextCaps := near(s, toks, i, false) >= 0 && isAcronym(word(i+1))
			if !prevCaps && !nextCaps && !(i == 0 && allCaps(s)) {
				emit(FactOrganisation, toks[i].start, toks[i].start+len(word(i)))
			}
			continue
		}
		// Collect the run: capitalised words, and connectors between them.
		i0 := i
		j := i + 1
		last := i
		for j < len(toks) && !isPossessive(s, toks[last]) {
			k := j
			for k < len(toks) && near(s, toks, k-1, false) == k && connectors[lower(k)] {
				k++
			}
			if k >= len(toks) || near(s, toks, k-1, false) != k || !isCapitalised(word(k)) || isAcronym(word(k)) {
				break
			}
			last = k
			j = k + 1
		}
		run := toks[i : last+1]
		first := 0
		// Drop a sentence's opening word ("The", "According") and titles.
		if sentenceStart(s, toks, i) && stop[lower(i)] {
			first++
		}
		for first < len(run) && (titles[lower(i+first)] || connectors[lower(i+first)]) {
			first++
		}
		isOrg, isPlace := false, false
		lastTitle := -1
		for k := i; k <= last; k++ {
			l := lower(k)
			isOrg = isOrg || orgWords[l]
			isPlace = isPlace || placeWords[l]
			if titles[l] && k-i0 >= first {
				lastTitle = k - i0
			}
		}
		i = last
		if first >= len(run) || isPlace {
			continue // "College Avenue", "Jones Park": an address, not a name
		}
		// "Senate Majority Leader Devin LeMahieu": the name follows the
		// last title even when an organisation precedes it.
		if lastTitle >= 0 && len(run)-lastTitle-1 >= 2 && len(run)-lastTitle-1 <= 3 && personRun(s, run[lastTitle+1:], lower, i0+lastTitle+1) {
			emit(FactPerson, run[lastTitle+1].start, toks[last].start+len(word(last)))
			continue
		}
		start := run[first].start
		end := toks[last].start + len(word(last))
		switch {
		case isOrg && len(run)-first == 1 && sentenceStart(s, toks, i0+first) && !properOrgs[lower(i0+first)]:
			// "Council approves budget": a lone keyword opening a sentence
			// is as likely a common noun as a name.
		case isOrg:
			emit(FactOrganisation, start, end)
		case len(run)-first >= 2 && len(run)-first <= 4 && personRun(s, run[first:], lower, i0+first):
			emit(FactPerson, start, end)
		}
	}
}

func isPossessive(s string, t token) bool {
	w := s[t.start:t.end]
	return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")
}

func allCaps(s string) bool { return strings.ToUpper(s) == s }

// personRun: every word is a capitalised name word, none is a connector or
// a known non-name.
func personRun(s string, run []token, lower func(int) string, base int) bool {
	for k := range run {
		l := lower(base + k)
		if connectors[l] || notNames[l] || orgWords[l] || hasDigit(l) {
			return false
		}
		r, _ := utf8.DecodeRuneInString(s[run[k].start:])
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}
