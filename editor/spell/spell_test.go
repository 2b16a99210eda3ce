package spell

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func enUS(t testing.TB) *Dictionary {
	t.Helper()
	d, err := EnUS()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func load(t testing.TB, aff, dic string) *Dictionary {
	t.Helper()
	d, err := LoadBytes([]byte(aff), []byte(dic))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// hunspellBinary returns the hunspell program, skipping the test when it
// is missing, except on CI where the Makefile installs it and its absence
// is a failure.
func hunspellBinary(t testing.TB) string {
	t.Helper()
	path, err := exec.LookPath("hunspell")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("hunspell binary missing on CI: the Makefile's TEST_PKGS installs it")
		}
		t.Skip("hunspell binary not installed (apt-get install hunspell); comparison skipped")
	}
	return path
}

// hunspellWrong returns which of words the hunspell binary rejects, using
// dictionary base (a path without .aff/.dic).
func hunspellWrong(t testing.TB, base string, words []string) map[string]bool {
	t.Helper()
	bin := hunspellBinary(t)
	cmd := exec.Command(bin, "-l", "-d", base)
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8", "LC_ALL=C.UTF-8")
	cmd.Stdin = strings.NewReader(strings.Join(words, "\n") + "\n")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("hunspell -l: %v: %s", err, stderr.String())
	}
	wrong := map[string]bool{}
	for _, w := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if w != "" {
			wrong[w] = true
		}
	}
	return wrong
}

// writeDict writes a dictionary into a temporary directory for the
// hunspell binary and returns its base path.
func writeDict(t testing.TB, aff, dic string) string {
	t.Helper()
	// Not t.TempDir: its name holds the subtest's, and hunspell -d reads a
	// comma as a list of dictionaries.
	dir, err := os.MkdirTemp("", "spell")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	base := filepath.Join(dir, "test")
	if err := os.WriteFile(base+".aff", []byte(aff), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(base+".dic", []byte(dic), 0o644); err != nil {
		t.Fatal(err)
	}
	return base
}

// The directive tests: each small dictionary, the words it must accept
// and reject. When the hunspell binary is installed each verdict is also
// checked against it, so the expectations are Hunspell's, not ours.
func TestDirectives(t *testing.T) {
	tests := []struct {
		name     string
		aff, dic string
		good     []string
		bad      []string
	}{
		{
			name: "suffix conditions and stripping",
			aff: `SET UTF-8
SFX S Y 4
SFX S   y     ies        [^aeiou]y
SFX S   0     s          [aeiou]y
SFX S   0     es         [sxzh]
SFX S   0     s          [^sxzhy]
SFX D Y 2
SFX D   0     d          e
SFX D   0     ed         [^e]
`,
			dic:  "4\nfly/S\nday/S\nbox/S\nbake/SD\n",
			good: []string{"fly", "flies", "days", "boxes", "bakes", "baked", "Flies", "FLIES"},
			bad:  []string{"flys", "daies", "boxs", "bakeed", "bak"},
		},
		{
			name: "prefixes and cross products",
			aff: `SET UTF-8
PFX U Y 1
PFX U   0     un         .
PFX R N 1
PFX R   0     re         .
SFX G Y 2
SFX G   e     ing        e
SFX G   0     ing        [^e]
`,
			dic:  "2\ndo/UG\nmake/RG\n",
			good: []string{"undo", "doing", "undoing", "remake", "making"},
			bad:  []string{"remaking", "unmake", "redo"},
		},
		{
			name: "long flags",
			aff: `SET UTF-8
FLAG long
SFX Aa Y 1
SFX Aa 0 er .
SFX Bb Y 1
SFX Bb 0 est .
`,
			dic:  "2\nfast/AaBb\nslow/Aa\n",
			good: []string{"faster", "fastest", "slower"},
			bad:  []string{"slowest", "fastAa"},
		},
		{
			name: "numeric flags and aliases",
			aff: `SET UTF-8
FLAG num
AF 2
AF 101,102
AF 101
SFX 101 Y 1
SFX 101 0 s .
SFX 102 Y 1
SFX 102 0 ed .
`,
			dic:  "2\nwalk/1\ntalk/2\n",
			good: []string{"walks", "walked", "talks"},
			bad:  []string{"talked"},
		},
		{
			name: "UTF-8 flags",
			aff: `SET UTF-8
FLAG UTF-8
SFX Ä Y 1
SFX Ä 0 en .
`,
			dic:  "1\nhaus/Ä\n",
			good: []string{"hausen", "haus"},
			bad:  []string{"hause"},
		},
		{
			name: "forbidden, keepcase, needaffix",
			aff: `SET UTF-8
FORBIDDENWORD !
KEEPCASE K
NEEDAFFIX N
SFX S Y 1
SFX S 0 s .
`,
			dic:  "4\nwrong/S\nwrongs/!\niPod/K\nfoo/NS\n",
			good: []string{"wrong", "iPod", "foos"},
			bad:  []string{"wrongs", "Wrongs", "IPOD", "Ipod", "foo"},
		},
		{
			name: "case of names",
			aff:  "SET UTF-8\nSFX M Y 1\nSFX M 0 's .\n",
			dic:  "3\nParis/M\nmcdonald\nOpenOffice\n",
			good: []string{"Paris", "PARIS", "Paris's", "PARIS'S", "Mcdonald", "MCDONALD", "OpenOffice", "OPENOFFICE"},
			bad:  []string{"paris", "openoffice", "Openoffice"},
		},
		{
			name: "compound rules for ordinals",
			aff: `SET UTF-8
COMPOUNDMIN 1
ONLYINCOMPOUND c
COMPOUNDRULE 2
COMPOUNDRULE n*1t
COMPOUNDRULE n*mp
WORDCHARS 0123456789
`,
			dic:  "7\n0/nm\n1/n1\n2/nm\n1th/tc\n2th/tc\n1st/p\n2nd/p\n",
			good: []string{"11th", "21st", "12th", "1st", "101st", "2nd"},
			bad:  []string{"1th", "11st", "21th"},
		},
		{
			name: "ICONV and IGNORE",
			aff:  "SET UTF-8\nICONV 1\nICONV ’ '\nIGNORE ­\n",
			dic:  "1\ndon't\n",
			good: []string{"don't", "don’t", "do\u00adn't"},
			bad:  []string{"dont"},
		},
		{
			name: "break at hyphens",
			aff:  "SET UTF-8\n",
			dic:  "2\nwell\nknown\n",
			good: []string{"well-known", "well", "well-known-well"},
			bad:  []string{"well-knwn", "-"},
		},
		{
			name: "ISO-8859-1 dictionary",
			aff:  "SET ISO8859-1\nSFX S Y 1\nSFX S 0 s .\n",
			dic:  "1\ncaf\xe9/S\n",
			good: []string{"café", "cafés", "CAFÉ"},
			bad:  []string{"cafe"},
		},
	}
	_, haveHunspell := exec.LookPath("hunspell")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := load(t, tt.aff, tt.dic)
			for _, w := range tt.good {
				if !d.Check(w) {
					t.Errorf("Check(%q) = false, want true", w)
				}
			}
			for _, w := range tt.bad {
				if d.Check(w) {
					t.Errorf("Check(%q) = true, want false", w)
				}
			}
			if haveHunspell != nil || strings.Contains(tt.name, "ISO") || strings.Contains(tt.name, "IGNORE") {
				return
			}
			base := writeDict(t, tt.aff, tt.dic)
			var words []string
			for _, w := range append(slices.Clone(tt.good), tt.bad...) {
				if !strings.ContainsAny(w, "-") {
					words = append(words, w)
				}
			}
			wrong := hunspellWrong(t, base, words)
			for _, w := range words {
				if want := !wrong[w]; want != d.Check(w) {
					t.Errorf("hunspell says %q correct=%v, we say %v", w, want, !want)
				}
			}
		})
	}
}

func TestEnUSCases(t *testing.T) {
	d := enUS(t)
	tests := []struct {
		word string
		ok   bool
	}{
		{"receive", true}, {"recieve", false},
		{"Paris", true}, {"paris", false}, {"PARIS", true},
		{"What", true}, {"WHAT", true}, {"wHAT", false},
		{"don't", true}, {"don’t", true},
		{"unhappiness", true}, {"rerun", true},
		{"11th", true}, {"1th", false}, {"22nd", true}, {"1,000.5", true},
		{"well-known", true}, {"etc.", true},
		{"Appleton", true}, {"Kowalczyk", false}, {"Öztürk", false},
	}
	for _, tt := range tests {
		if got := d.Check(tt.word); got != tt.ok {
			t.Errorf("Check(%q) = %v, want %v", tt.word, got, tt.ok)
		}
	}
}

func TestSuggestEnUS(t *testing.T) {
	d := enUS(t)
	tests := []struct {
		word  string
		first string
	}{
		{"teh", "the"},
		{"recieve", "receive"},
		{"accomodation", "accommodation"},
		{"alot", "a lot"},
		{"Teh", "Te"},
		{"TEH", "THE"},
		{"seperate", "separate"},
		{"definately", "definitely"},
		{"Newyork", "New york"},
	}
	for _, tt := range tests {
		got := d.Suggest(tt.word)
		if len(got) == 0 || got[0] != tt.first {
			t.Errorf("Suggest(%q) = %q, want %q first", tt.word, got, tt.first)
		}
		if len(got) > MaxSuggestions {
			t.Errorf("Suggest(%q) returned %d suggestions", tt.word, len(got))
		}
	}
	if got := d.Suggest("the"); len(got) == 0 {
		t.Log("a correct word may still get suggestions; only misspellings are asked in the window")
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct{ name, aff, dic string }{
		{"no count", "SET UTF-8\n", "word\n"},
		{"empty dic", "SET UTF-8\n", ""},
		{"bad header", "PFX A X 1\nPFX A 0 re .\n", "1\nword/A\n"},
		{"unknown encoding", "SET NO-SUCH-ENCODING\n", "1\nword\n"},
	}
	for _, tt := range tests {
		_, err := LoadBytes([]byte(tt.aff), []byte(tt.dic))
		if !errors.Is(err, ErrFormat) {
			t.Errorf("%s: err = %v, want ErrFormat", tt.name, err)
		}
	}
}

func TestLanguages(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"de_DE.aff", "de_DE.dic", "fr.aff", "en_US.aff", "en_US.dic"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("1\nx\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := Languages(dir), []string{"de_DE", "en_US"}; !slices.Equal(got, want) {
		t.Errorf("Languages = %v, want %v (fr has no .dic)", got, want)
	}
	if _, err := Open(dir, "../etc/passwd"); err == nil {
		t.Error("Open accepted a path as a language")
	}
	if d, err := Open(dir, ""); err != nil || !d.Check("newsroom") {
		t.Errorf("Open default: %v", err)
	}
	if !strings.Contains(Notice(), "Kevin Atkinson") {
		t.Error("the SCOWL notice is not embedded")
	}
}

// readWordList reads testdata/words.txt: "real" or "misspelt", a tab, a
// word.
func readWordList(t testing.TB) (words []string, label map[string]string) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "words.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	label = map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		kind, w, ok := strings.Cut(sc.Text(), "\t")
		if !ok || strings.HasPrefix(kind, "#") {
			continue
		}
		words = append(words, w)
		label[w] = kind
	}
	return words, label
}

// A word of many hyphenated parts recurses through break points; the work
// is bounded, and the verdict for real words is unchanged.
func TestBreaksBounded(t *testing.T) {
	d := load(t, "SET UTF-8\n", "1\na\n")
	if !d.Check("a-a-a") {
		t.Error("a-a-a rejected")
	}
	hostile := strings.Repeat("a-", 9) + "b"
	start := testing.AllocsPerRun(1, func() { d.Check(hostile) })
	if d.Check(hostile) {
		t.Errorf("%q accepted", hostile)
	}
	if start > 20000 {
		t.Errorf("checking %q allocated %v times", hostile, start)
	}
}
