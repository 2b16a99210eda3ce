// Package synth generates deterministic synthetic articles for benchmarks
// and load tests: the same seed always gives the same article, so a
// benchmark library can be cached on disk and numbers compared across runs.
// The text follows a newsroom's word frequencies (a few very common words
// such as "the" and "said" in nearly every story, a long tail of rare
// ones), because search cost depends on exactly that distribution.
package synth

import (
	"fmt"
	"iter"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"copydesk/editor"
)

// Version changes whenever the generator's output for a seed changes, so
// caches keyed by it are rebuilt.
const Version = 2

// Article returns the article for seed with a body of exactly words words
// as editor.CountWords counts them. ID, Slug, Version, Created and Updated
// are left for the store to fill; UID is derived from the seed.
func Article(seed int64, words int) *editor.Article {
	g := newGen(seed)
	section := g.pick(sections)
	vocab := sectionVocab[section]
	a := &editor.Article{
		UID:      g.uid(),
		Headline: g.headline(vocab),
		Byline:   g.byline(),
		Section:  section,
		Summary:  g.sentence(vocab, 14+g.r.IntN(16)),
		Status:   g.status(),
		Tags:     g.tags(vocab),
	}
	if g.r.IntN(10) < 6 {
		a.Dateline = strings.ToUpper(g.pick(cities))
	}
	if g.r.IntN(2) == 0 {
		a.Image = editor.Image{
			Src:     fmt.Sprintf("https://images.example/%d.jpg", seed),
			Alt:     g.sentence(vocab, 8+g.r.IntN(8)),
			Caption: g.sentence(vocab, 10+g.r.IntN(10)),
			Credit:  g.pick(credits),
		}
	}
	if a.Status == editor.StatusPublished {
		a.Published = baseTime.Add(time.Duration(seed%5_000_000) * time.Minute)
	}
	a.Body = g.body(vocab, words)
	return a
}

// LibraryArticle is article i of the standard benchmark library: lengths
// vary from short briefs to long features, around 550 words on average.
func LibraryArticle(i int) *editor.Article {
	r := rand.New(rand.NewPCG(uint64(i), 0x6c656e677468)) // "length"
	words := 120 + r.IntN(450) + r.IntN(450)              // triangular, mean 570
	if r.IntN(20) == 0 {
		words += 1000 + r.IntN(2000) // the occasional long feature
	}
	return Article(int64(i), words)
}

// Library yields articles 0..n-1 of the standard benchmark library.
func Library(n int) iter.Seq2[int, *editor.Article] {
	return func(yield func(int, *editor.Article) bool) {
		for i := range n {
			if !yield(i, LibraryArticle(i)) {
				return
			}
		}
	}
}

var baseTime = time.Date(2015, 1, 1, 6, 0, 0, 0, time.UTC)

type gen struct{ r *rand.Rand }

func newGen(seed int64) *gen {
	return &gen{r: rand.New(rand.NewPCG(uint64(seed), 0x636f70796465736b))} // "copydesk"
}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

// zipf picks from a list ordered most frequent first with probability
// roughly proportional to 1/rank, the shape of word frequencies in text.
func (g *gen) zipf(list []string) string {
	n := float64(len(list))
	i := int(math.Exp(g.r.Float64()*math.Log(n+1))) - 1
	return list[min(max(i, 0), len(list)-1)]
}

// word draws one body word: mostly the general newsroom vocabulary, then
// the section's own words, then names and places.
func (g *gen) word(vocab []string) string {
	switch x := g.r.IntN(100); {
	case x < 58:
		return g.zipf(common)
	case x < 88:
		return g.zipf(vocab)
	case x < 97:
		return g.zipf(general)
	default:
		return g.zipf(proper)
	}
}

func (g *gen) uid() string {
	var b [16]byte
	for i := range b {
		b[i] = byte(g.r.Uint32())
	}
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

func (g *gen) headline(vocab []string) string {
	n := 6 + g.r.IntN(7)
	w := make([]string, n)
	for i := range w {
		if i%2 == 0 {
			w[i] = g.zipf(vocab)
		} else {
			w[i] = g.word(vocab)
		}
	}
	return capitalize(strings.Join(w, " "))
}

func (g *gen) sentence(vocab []string, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = g.word(vocab)
	}
	return capitalize(strings.Join(w, " ")) + "."
}

func (g *gen) byline() []string {
	names := []string{g.pick(authors)}
	if g.r.IntN(100) < 15 {
		if second := g.pick(authors); second != names[0] {
			names = append(names, second)
		}
	}
	return names
}

func (g *gen) status() editor.Status {
	switch x := g.r.IntN(100); {
	case x < 60:
		return editor.StatusPublished
	case x < 75:
		return editor.StatusDraft
	case x < 83:
		return editor.StatusFiled
	case x < 91:
		return editor.StatusEditing
	case x < 96:
		return editor.StatusApproved
	default:
		return editor.StatusSpiked
	}
}

func (g *gen) tags(vocab []string) []string {
	var tags []string
	for range g.r.IntN(4) {
		t := strings.ToLower(g.zipf(vocab))
		if !contains(tags, t) {
			tags = append(tags, t)
		}
	}
	return tags
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// body writes exactly n words as Markdown paragraphs. Decoration is
// chosen so CountWords sees each generated word once: punctuation is
// attached to words, quotes and ** wrap them, link URLs are not counted,
// and subheadings take their words from the same budget.
func (g *gen) body(vocab []string, n int) string {
	var b strings.Builder
	left := n
	para := 0
	for left > 0 {
		if para > 0 {
			b.WriteString("\n\n")
			if para%5 == 0 && left > 3 && g.r.IntN(2) == 0 {
				k := min(2+g.r.IntN(3), left)
				b.WriteString("## " + g.words(vocab, k) + "\n\n")
				left -= k
				if left == 0 {
					break
				}
			}
		}
		for s := 2 + g.r.IntN(4); s > 0 && left > 0; s-- {
			k := min(6+g.r.IntN(22), left)
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n\n") {
				b.WriteByte(' ')
			}
			b.WriteString(g.decorated(vocab, k))
			left -= k
		}
		para++
	}
	return b.String()
}

// decorated is one sentence of k words: plain, a quotation attributed
// with "said", or with a bold word or a link.
func (g *gen) decorated(vocab []string, k int) string {
	w := make([]string, k)
	for i := range w {
		w[i] = g.word(vocab)
	}
	switch x := g.r.IntN(100); {
	case x < 18:
		// “…,” said Name Surname.
		name := strings.Fields(g.pick(authors))
		if q := k - 1 - len(name); q >= 1 {
			return "“" + capitalize(strings.Join(w[:q], " ")) + ",” said " + strings.Join(name, " ") + "."
		}
	case x < 24 && k >= 3:
		i := g.r.IntN(k)
		w[i] = "**" + w[i] + "**"
	case x < 28 && k >= 3:
		i := g.r.IntN(k - 1)
		w[i] = "[" + w[i] + " " + w[i+1] + "](https://www.example.com/" + fmt.Sprint(g.r.IntN(100000)) + ")"
		w = append(w[:i+1], w[i+2:]...)
	case x < 40 && k >= 6:
		w[k/2] += ","
	}
	return capitalize(strings.Join(w, " ")) + "."
}

func (g *gen) words(vocab []string, k int) string {
	w := make([]string, k)
	for i := range w {
		w[i] = g.zipf(vocab)
	}
	return capitalize(strings.Join(w, " "))
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
