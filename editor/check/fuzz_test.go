package check

import (
	"strings"
	"testing"
	"unicode/utf8"

	"copydesk/editor"
)

func FuzzRun(f *testing.F) {
	// Seeds are short: the fuzzer minimises every new interesting input,
	// and minimising a whole 7 KB story eats the CI fuzz budget.
	for _, name := range []string{"reference.json", "clean.json"} {
		a := loadArticle(f, name)
		for _, p := range strings.SplitAfter(a.Body, "\n\n")[:3] {
			f.Add(a.Headline[:30], p)
		}
	}
	for _, body := range []string{
		"PARIS (AP — x", "[a](<b c>) [](", "“unclosed \"q\" «x» ”", "![](", "<http://a", "\xff\xfe TK \xc3", "a  \n  b", "U.S. 3. 4,5 $ %",
		"| a | b |\n|---|---|\n| 3 | TK |\n", "```\nthe the\n```\n", "[x][y]\n\n[y]: http://a\n", "İstanbul İİ ǅ the THE",
	} {
		f.Add("TK", body)
	}
	rules := Rules()
	strict := Context{UnresolvedNotes: 1, strictOffsets: true}
	f.Fuzz(func(t *testing.T, headline, body string) {
		// One short field stands in for every one-line field; the body is
		// where the parsing happens.
		a := &editor.Article{Headline: headline, Summary: headline, Body: body, Section: "Sports",
			Byline: []string{headline, headline}, Image: editor.Image{Src: "x.jpg", Alt: headline, Caption: headline}}
		check := func(what, field string, start, end int) {
			v := FieldText(a, field)
			n := utf8.RuneCountInString(v)
			if start < 0 || end < start || end > n {
				t.Fatalf("%s: offsets %d-%d outside %s (%d runes)", what, start, end, field, n)
			}
		}
		for _, fd := range Run(a, editor.DefaultSettings(), strict) {
			if fd.Field != "notes" {
				check(fd.Rule, fd.Field, fd.Start, fd.End)
			}
			if fd.Message == "" || !strings.Contains(strings.Join(rules, " "), fd.Rule) {
				t.Fatalf("bad finding %+v", fd)
			}
		}
		for _, fact := range factSheet(a, strict) {
			check(string(fact.Kind), fact.Field, fact.Start, fact.End)
			if v := FieldText(a, fact.Field); utf8.ValidString(v) && string([]rune(v)[fact.Start:fact.End]) != fact.Text {
				t.Fatalf("fact %+v does not point at its text", fact)
			}
			if fact.ID != FactID(fact.Kind, fact.Text) {
				t.Fatalf("fact %+v id mismatch", fact)
			}
		}
	})
}

func TestBoundaryCheckCatchesMidCharacterOffsets(t *testing.T) {
	t.Parallel()
	tx := newText("aé日b")
	tx.strict = true
	for b, want := range map[int]int{0: 0, 1: 1, 3: 2, 6: 3, 7: 4} {
		if got := tx.runeAt(b); got != want {
			t.Errorf("runeAt(%d) = %d, want %d", b, got, want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("runeAt(2), inside é, did not panic")
		}
	}()
	tx.runeAt(2)
}

// tenThousandWords repeats the reference story (about 1,100 words) until
// the body has 10,000 words, a long feature's worth.
func tenThousandWords(b *testing.B) *editor.Article {
	a := loadArticle(b, "reference.json")
	para := a.Body
	var sb strings.Builder
	for editor.CountWords(sb.String()) < 10000 {
		sb.WriteString(para)
		sb.WriteString("\n\n")
	}
	a.Body = sb.String()
	return a
}

func BenchmarkRun10kWords(b *testing.B) {
	a := tenThousandWords(b)
	s := editor.DefaultSettings()
	b.ReportAllocs()
	for b.Loop() {
		Run(a, s, Context{})
	}
}

func BenchmarkFactSheet10kWords(b *testing.B) {
	a := tenThousandWords(b)
	b.ReportAllocs()
	for b.Loop() {
		FactSheet(a)
	}
}
