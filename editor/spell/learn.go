package spell

import (
	"slices"
	"strings"
	"unicode"

	"copydesk/editor"
)

// LearnNames finds the names a newsroom dictionary should learn from
// published articles: every word of a byline, and every capitalised word
// that sp does not know and that appears in at least minArticles of the
// articles (a name the desk keeps using, not a one-off typo). Words are
// sorted; Articles counts the articles using each.
func LearnNames(sp Speller, wordChars string, articles []*editor.Article, minArticles int) []editor.NewsroomWord {
	minArticles = max(minArticles, 1)
	bylines := map[string]int{}
	seen := map[string]int{}
	for _, a := range articles {
		inThis := map[string]bool{}
		for _, name := range a.Byline {
			for _, tok := range Tokenize(name, wordChars) {
				if isCapitalised(tok.Word) && !inThis["b:"+tok.Word] {
					inThis["b:"+tok.Word] = true
					bylines[tok.Word]++
				}
			}
		}
		for _, text := range []string{a.Headline, a.Summary, a.Body, a.Image.Caption, a.Image.Alt} {
			for _, tok := range Tokenize(text, wordChars) {
				w := trimPossessive(tok.Word)
				if isCapitalised(w) && !inThis[w] {
					inThis[w] = true
					seen[w]++
				}
			}
		}
	}
	var out []editor.NewsroomWord
	for w, n := range bylines {
		if !sp.Check(w) {
			out = append(out, editor.NewsroomWord{Word: w, Source: editor.WordByline, Articles: n})
		}
	}
	for w, n := range seen {
		if _, isByline := bylines[w]; isByline || n < minArticles || sp.Check(w) {
			continue
		}
		out = append(out, editor.NewsroomWord{Word: w, Source: editor.WordArchive, Articles: n})
	}
	slices.SortFunc(out, func(a, b editor.NewsroomWord) int { return strings.Compare(a.Word, b.Word) })
	return out
}

// isCapitalised: a capital first letter and at least one lower-case
// letter, so acronyms in capitals are not taken for names.
func isCapitalised(w string) bool {
	first := true
	lower := false
	for _, r := range w {
		if first {
			if !unicode.IsUpper(r) {
				return false
			}
			first = false
			continue
		}
		if unicode.IsLower(r) {
			lower = true
		}
	}
	return lower
}
