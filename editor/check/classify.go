package check

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"

	"copydesk/editor"
)

// Classifier guesses an article's section from its words with multinomial
// naive Bayes: each section is a bag of word counts, and an article is
// scored by how likely its words are under each bag. It is chosen because
// it is explainable: the words that move the score most are the ones the
// message names. A Classifier is immutable once built, so the background
// checker and a retraining goroutine can share one without locks; Train
// returns a new one.
type Classifier struct {
	sections []string             // display names, in a stable order
	counts   map[string][]float64 // word → count per section
	totals   []float64            // all counts per section
}

// builtinWeight is how many articles' worth of evidence one starter word
// is: enough for a fresh library, small enough that a few dozen of the
// newsroom's own articles outweigh it.
const builtinWeight = 5

// Decision thresholds for section-fit. Naive Bayes probabilities are
// famously overconfident on long texts (every extra word multiplies the
// odds), so the rule does not use the posterior. It uses the average
// evidence per known word: the log-likelihood gap between the likely
// section and the chosen one, divided by the number of words the
// classifier knows. 0.4 nats a word means the text is on average about
// 1.5 times likelier under the other section word for word, which in
// practice takes a clearly off-topic story; minEvidence keeps short briefs
// (a few known words) from being judged at all.
const (
	minMarginPerWord = 0.4
	minEvidence      = 12
)

var stopwords = sync.OnceValue(func() map[string]bool {
	set := map[string]bool{}
	f, _ := dataFS.Open("data/stopwords.txt")
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		for _, w := range strings.Fields(line) {
			set[w] = true
		}
	}
	return set
})

// DefaultClassifier knows only the built-in starter vocabulary of the
// default sections (data/sections.json).
var DefaultClassifier = sync.OnceValue(func() *Classifier {
	raw, err := dataFS.ReadFile("data/sections.json")
	if err != nil {
		panic("check: " + err.Error())
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		panic("check: data/sections.json: " + err.Error())
	}
	c := &Classifier{counts: map[string][]float64{}}
	for _, sec := range slices.Sorted(maps.Keys(m)) {
		if strings.HasPrefix(sec, "_") {
			continue
		}
		var words []string
		if err := json.Unmarshal(m[sec], &words); err != nil {
			panic("check: data/sections.json: " + err.Error())
		}
		i := c.section(sec)
		for _, w := range words {
			c.add(w, i, builtinWeight)
		}
	}
	return c
})

// Train returns a classifier that knows the built-in vocabulary plus the
// words of articles, each counted under its own section. Pass the
// newsroom's approved and published articles: those are the ones an
// editor has vouched for being in the right section.
func Train(articles []*editor.Article) *Classifier {
	base := DefaultClassifier()
	c := &Classifier{
		sections: slices.Clone(base.sections),
		counts:   make(map[string][]float64, len(base.counts)),
		totals:   slices.Clone(base.totals),
	}
	for w, v := range base.counts {
		c.counts[w] = slices.Clone(v)
	}
	for _, a := range articles {
		if a == nil || strings.TrimSpace(a.Section) == "" {
			continue
		}
		i := c.section(a.Section)
		for _, w := range articleWords(a) {
			c.add(w, i, 1)
		}
	}
	return c
}

// Sections lists the sections the classifier knows.
func (c *Classifier) Sections() []string { return slices.Clone(c.sections) }

// section returns the index of name (case-insensitive), adding it if new.
func (c *Classifier) section(name string) int {
	if i := c.find(name); i >= 0 {
		return i
	}
	c.sections = append(c.sections, strings.TrimSpace(name))
	c.totals = append(c.totals, 0)
	for w, v := range c.counts {
		c.counts[w] = append(v, 0)
	}
	return len(c.sections) - 1
}

func (c *Classifier) find(name string) int {
	name = strings.TrimSpace(name)
	return slices.IndexFunc(c.sections, func(s string) bool { return strings.EqualFold(s, name) })
}

func (c *Classifier) add(w string, sec int, n float64) {
	v := c.counts[w]
	if v == nil {
		v = make([]float64, len(c.sections))
		c.counts[w] = v
	}
	v[sec] += n
	c.totals[sec] += n
}

// logP is log P(word | section) with add-one smoothing.
func (c *Classifier) logP(counts []float64, sec int) float64 {
	return math.Log((counts[sec] + 1) / (c.totals[sec] + float64(len(c.counts))))
}

// Guess is the classifier's view of one article.
type Guess struct {
	Likely   string   // the most likely section
	Chosen   string   // the article's section as the classifier knows it; "" if unknown
	Margin   float64  // average log-likelihood gap per known word (nats)
	Evidence int      // how many words of the article the classifier knows
	Words    []string // the words that favour Likely over Chosen most, strongest first
}

// Classify scores words (lower-case) against every section.
func (c *Classifier) Classify(words []string, chosen string) Guess {
	var g Guess
	if c == nil || len(c.sections) == 0 {
		return g
	}
	ci := c.find(chosen)
	freq := map[string]int{}
	for _, w := range words {
		if c.counts[w] != nil {
			freq[w]++
			g.Evidence++
		}
	}
	ll := make([]float64, len(c.sections))
	for w, n := range freq {
		v := c.counts[w]
		for s := range c.sections {
			ll[s] += float64(n) * c.logP(v, s)
		}
	}
	best := 0
	for s := range ll {
		if ll[s] > ll[best] {
			best = s
		}
	}
	g.Likely = c.sections[best]
	if ci < 0 {
		return g
	}
	g.Chosen = c.sections[ci]
	if g.Evidence > 0 {
		g.Margin = (ll[best] - ll[ci]) / float64(g.Evidence)
	}
	type ws struct {
		w string
		s float64
	}
	var top []ws
	for w, n := range freq {
		v := c.counts[w]
		if d := float64(n) * (c.logP(v, best) - c.logP(v, ci)); d > 0 {
			top = append(top, ws{w, d})
		}
	}
	slices.SortFunc(top, func(a, b ws) int { return cmp.Or(cmp.Compare(b.s, a.s), cmp.Compare(a.w, b.w)) })
	for _, t := range top[:min(5, len(top))] {
		g.Words = append(g.Words, t.w)
	}
	return g
}

// articleWords lists an article's headline, summary and body words in
// lower case, without stopwords, numbers or possessive "'s".
func articleWords(a *editor.Article) []string {
	var out []string
	for _, s := range []string{a.Headline, a.Summary, a.Body} {
		out = appendWords(out, s, tokenize(s, 0, len(s), 0, nil))
	}
	return out
}

func appendWords(out []string, s string, toks []token) []string {
	stop := stopwords()
	for _, t := range toks {
		w := strings.ToLower(strings.ReplaceAll(s[t.start:t.end], "’", "'"))
		w = strings.TrimSuffix(w, "'s")
		if len(w) < 2 || stop[w] || strings.IndexFunc(w, unicode.IsDigit) >= 0 {
			continue
		}
		out = append(out, w)
	}
	return out
}

// broadSections are never questioned when chosen: News takes hard news on
// any topic, and Opinion is a form, not a topic — a column about parks
// reads like Local to a classifier of topic words, and is still rightly
// Opinion. They stay in the vocabulary so a story can be said to read
// like them.
var broadSections = map[string]bool{"news": true, "opinion": true}

// ruleSectionFit flags a section the text does not read like. It is a
// warning: the section is an editorial choice the classifier can only
// question, never overrule.
func ruleSectionFit(d *doc, out *[]Finding) {
	sec := strings.TrimSpace(d.a.Section)
	if sec == "" {
		return
	}
	// A section the newsroom does not have is most often a typo
	// ("Sprots"), and the site would file the story nowhere.
	if len(d.s.Sections) > 0 && !slices.ContainsFunc(d.s.Sections, func(s string) bool { return strings.EqualFold(strings.TrimSpace(s), sec) }) {
		*out = append(*out, Finding{
			Rule: "section-fit", Severity: SeverityWarning, Field: "section", End: len([]rune(d.a.Section)),
			Message: fmt.Sprintf("%q is not one of the newsroom's sections (%s).", sec, strings.Join(d.s.Sections, ", ")),
		})
		return
	}
	if broadSections[strings.ToLower(sec)] {
		return
	}
	c := d.c.Classifier
	if c == nil {
		c = DefaultClassifier()
	}
	words := appendWords(nil, d.a.Headline, tokenize(d.a.Headline, 0, len(d.a.Headline), 0, nil))
	words = appendWords(words, d.a.Summary, tokenize(d.a.Summary, 0, len(d.a.Summary), 0, nil))
	words = appendWords(words, d.prose.s, d.prose.tokens)
	g := c.Classify(words, sec)
	if g.Chosen == "" || strings.EqualFold(g.Likely, g.Chosen) || g.Evidence < minEvidence || g.Margin < minMarginPerWord {
		return
	}
	quoted := make([]string, len(g.Words))
	for i, w := range g.Words {
		quoted[i] = "“" + w + "”"
	}
	*out = append(*out, Finding{
		Rule: "section-fit", Severity: SeverityWarning, Field: "section",
		Start: 0, End: len([]rune(d.a.Section)),
		Message: fmt.Sprintf("Reads like %s rather than %s: words such as %s suggest %s.", g.Likely, g.Chosen, strings.Join(quoted, ", "), g.Likely),
	})
}
