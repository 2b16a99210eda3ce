package spell

import (
	goflag "flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var (
	updateHunspell = goflag.Bool("update-hunspell", false, "re-record testdata/hunspell-suggestions.txt by running the hunspell binary (slow: about 40 ms per misspelling)")
	allSuggestions = goflag.Bool("spell.all", false, "compare suggestions for every misspelling, not every fortieth")
)

// expandAll lists every form the dictionary's words take with their
// affixes: roots, suffixed, prefixed and cross-product forms.
func expandAll(d *Dictionary) []string {
	seen := map[string]bool{}
	var out []string
	add := func(w string) {
		if w != "" && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	for i := range d.entries {
		e := &d.entries[i]
		fs := d.flagsOf(e)
		if fs.has(flagOnlyUpcase) || fs.has(d.forbidden) {
			continue
		}
		if !fs.has(d.needAffix) && !fs.has(d.onlyInCompound) {
			add(e.word)
		}
		for _, f := range fs {
			for _, a := range d.affixByFlag[f] {
				if a.cont.has(d.onlyInCompound) {
					continue
				}
				form := a.add(e.word, d.fullStrip)
				if form == "" {
					continue
				}
				add(form)
				if a.prefix || !a.cross {
					continue
				}
				for _, g := range fs {
					for _, p := range d.affixByFlag[g] {
						if p.prefix && p.cross {
							add(p.add(form, d.fullStrip))
						}
					}
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// agreement compares our verdicts with the hunspell binary's over words
// and returns the share that agree, logging the disagreements by kind.
func agreement(t *testing.T, d *Dictionary, base string, words []string) float64 {
	t.Helper()
	wrong := hunspellWrong(t, base, words)
	agree := 0
	var weAccept, weReject []string
	for _, w := range words {
		ours := d.Check(w)
		theirs := !wrong[w]
		switch {
		case ours == theirs:
			agree++
		case ours:
			weAccept = append(weAccept, w)
		default:
			weReject = append(weReject, w)
		}
	}
	show := func(s []string) string {
		if len(s) > 15 {
			return strings.Join(s[:15], " ") + fmt.Sprintf(" … (%d)", len(s))
		}
		return strings.Join(s, " ")
	}
	t.Logf("%d words: %d agree (%.3f %%); we accept, hunspell rejects: %s; we reject, hunspell accepts: %s",
		len(words), agree, 100*float64(agree)/float64(len(words)), show(weAccept), show(weReject))
	return float64(agree) / float64(len(words))
}

// TestAgreesWithHunspell runs the hunspell binary side by side with the
// embedded dictionary over every expanded word of the .dic and over
// 10,000 real words and 10,000 misspellings.
func TestAgreesWithHunspell(t *testing.T) {
	hunspellBinary(t)
	d := enUS(t)
	base, err := filepath.Abs(filepath.Join("dict", "en_US"))
	if err != nil {
		t.Fatal(err)
	}
	const goal = 0.995
	t.Run("expanded dictionary", func(t *testing.T) {
		words := expandAll(d)
		if len(words) < 100000 {
			t.Fatalf("expanded only %d forms", len(words))
		}
		// Every fourth form also in lower case, in capitals and
		// Capitalised, so the case rules are compared too ("paris" is
		// wrong); all of them would triple the run time.
		seen := map[string]bool{}
		for _, w := range words {
			seen[w] = true
		}
		for i, w := range words[:len(words):len(words)] {
			if i%4 != 0 {
				continue
			}
			for _, v := range []string{toLower(w), toUpper(w), initCap(w)} {
				if !seen[v] {
					seen[v] = true
					words = append(words, v)
				}
			}
		}
		if got := agreement(t, d, base, words); got < goal {
			t.Errorf("agreement %.4f < %.3f", got, goal)
		}
	})
	t.Run("real words and misspellings", func(t *testing.T) {
		words, _ := readWordList(t)
		if got := agreement(t, d, base, words); got < goal {
			t.Errorf("agreement %.4f < %.3f", got, goal)
		}
	})
}

const suggestionsGolden = "testdata/hunspell-suggestions.txt"

// recordHunspellSuggestions runs hunspell -a over the misspellings and
// writes "word<TAB>sugg1|sugg2|…" for each word it rejects.
func recordHunspellSuggestions(t *testing.T, words []string) {
	bin := hunspellBinary(t)
	base, _ := filepath.Abs(filepath.Join("dict", "en_US"))
	cmd := exec.Command(bin, "-a", "-d", base)
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8", "LC_ALL=C.UTF-8")
	var in strings.Builder
	for _, w := range words {
		in.WriteString("^" + w + "\n")
	}
	cmd.Stdin = strings.NewReader(in.String())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("hunspell -a: %v", err)
	}
	var b strings.Builder
	b.WriteString("# hunspell 1.7.1 -a -d editor/spell/dict/en_US over the misspellings of words.txt;\n# re-record with: go test ./editor/spell -run TestSuggestionsAgree -update-hunspell\n")
	for line := range strings.SplitSeq(string(out), "\n") {
		switch {
		case strings.HasPrefix(line, "& "):
			head, list, _ := strings.Cut(line, ": ")
			f := strings.Fields(head)
			b.WriteString(f[1] + "\t" + strings.ReplaceAll(list, ", ", "|") + "\n")
		case strings.HasPrefix(line, "# "):
			b.WriteString(strings.Fields(line)[1] + "\t\n")
		}
	}
	if err := os.WriteFile(suggestionsGolden, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSuggestionsAgreeWithHunspell compares our suggestions with the ones
// the hunspell binary gave for the same misspellings (recorded in
// testdata, as hunspell needs minutes for them): its first suggestion
// must be among our first three for at least 90 % of the words.
func TestSuggestionsAgreeWithHunspell(t *testing.T) {
	words, label := readWordList(t)
	var misspelt []string
	for _, w := range words {
		if label[w] == "misspelt" {
			misspelt = append(misspelt, w)
		}
	}
	if *updateHunspell {
		recordHunspellSuggestions(t, misspelt)
	}
	data, err := os.ReadFile(suggestionsGolden)
	if err != nil {
		t.Fatal(err)
	}
	d := enUS(t)
	// Every fortieth by default: our suggestions take some 25 ms of CPU a
	// word, as Hunspell's do, and the whole list is for -spell.all.
	step := 40
	if *allSuggestions {
		step = 1
	}
	n, top3, first, same := 0, 0, 0, 0
	var misses []string
	i := 0
	for line := range strings.SplitSeq(string(data), "\n") {
		w, list, ok := strings.Cut(line, "\t")
		if !ok || strings.HasPrefix(line, "#") || list == "" {
			continue
		}
		i++
		if (i-1)%step != 0 {
			continue
		}
		theirs := strings.Split(list, "|")
		ours := d.Suggest(w)
		n++
		if len(ours) > 0 && ours[0] == theirs[0] {
			first++
		}
		if strings.Join(ours, "|") == list {
			same++
		}
		if containsTop(ours, theirs[0], 3) {
			top3++
		} else if len(misses) < 20 {
			misses = append(misses, fmt.Sprintf("%s: hunspell %q, ours %q", w, theirs[0], ours))
		}
	}
	if n < 200 {
		t.Fatalf("only %d recorded suggestions compared", n)
	}
	t.Logf("%d misspellings: hunspell's first in our top 3 for %d (%.2f %%), first for %d (%.2f %%), whole list identical for %d (%.2f %%)",
		n, top3, pct(top3, n), first, pct(first, n), same, pct(same, n))
	for _, m := range misses {
		t.Log(m)
	}
	if pct(top3, n) < 90 {
		t.Errorf("hunspell's first suggestion in our top 3 for %.2f %% < 90 %%", pct(top3, n))
	}
}

func containsTop(list []string, w string, k int) bool {
	for i := 0; i < len(list) && i < k; i++ {
		if list[i] == w {
			return true
		}
	}
	return false
}

func pct(a, b int) float64 { return 100 * float64(a) / float64(b) }
