package spell

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzLoad feeds hostile dictionaries to the reader: it must return an
// error or a dictionary, never panic, and checking and suggesting with
// what it returns must finish.
func FuzzLoad(f *testing.F) {
	f.Add("SET UTF-8\nTRY abc\nSFX S Y 1\nSFX S 0 s .\nPFX U Y 1\nPFX U 0 un [^u]\n", "2\nword/SU\nabc\n", "unwords")
	f.Add("FLAG long\nCOMPOUNDMIN 1\nCOMPOUNDRULE 1\nCOMPOUNDRULE (aa)*(bb)?\n", "2\na/aa\nb/bb\n", "aaab")
	f.Add("FLAG num\nAF 1\nAF 1,2\nSFX 1 Y 1\nSFX 1 y ies [^aeiou]y\nREP 1\nREP ^a$ b_c\n", "1\nfly/1\n", "flies")
	f.Add("ICONV 2\nICONV a b\nICONV ab c\nBREAK 1\nBREAK -\nKEY ab|c\n", "1\nc\n", "a-b")
	f.Add("COMPOUNDMIN 1\nCOMPOUNDRULE 1\nCOMPOUNDRULE a*a*a*a*a*a*a*a*a*a*a*a*b\n", "1\na/a\n", strings.Repeat("a", 60)+"c")
	f.Fuzz(func(t *testing.T, aff, dic, word string) {
		d, err := LoadBytes([]byte(aff), []byte(dic))
		if err != nil {
			return
		}
		if len(word) > 64 {
			word = word[:64]
		}
		d.Check(word)
		if utf8.ValidString(word) && len(d.entries) < 2000 {
			for _, s := range d.Suggest(word) {
				if s == "" {
					t.Fatalf("empty suggestion for %q", word)
				}
			}
		}
		NewDocument(d, d.WordChars(), word).Misspelt()
	})
}

// FuzzDocumentEdit checks that an edit leaves a document exactly as a
// fresh read of the edited text would.
func FuzzDocumentEdit(f *testing.F) {
	f.Add("The reporter wrote teh story.\n\nNext.", 5, 8, "x\n")
	f.Add("```\ncode\n```\nprose teh", 0, 3, "")
	f.Add("see https://a.b/c and mail a@b.co", 10, 12, " ")
	sp := NewWords(nil, "The", "reporter", "wrote", "story", "code", "prose", "see", "and", "mail")
	f.Fuzz(func(t *testing.T, text string, start, end int, repl string) {
		if !utf8.ValidString(text) || !utf8.ValidString(repl) {
			return
		}
		doc := NewDocument(sp, "0123456789", text)
		start = max(0, min(start, len(text)))
		end = max(start, min(end, len(text)))
		if start < len(text) && !utf8.RuneStart(text[start]) || end < len(text) && !utf8.RuneStart(text[end]) {
			return
		}
		doc.Edit(start, end, repl)
		checkDocument(t, sp, doc)
	})
}
