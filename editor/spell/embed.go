package spell

import (
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// The en_US dictionary from Debian's hunspell-en-us (SCOWL), embedded so
// spell checking works with nothing installed.
var (
	//go:embed dict/en_US.aff
	enUSAff []byte
	//go:embed dict/en_US.dic
	enUSDic []byte
	//go:embed dict/en_US.COPYRIGHT
	enUSCopyright string
)

// DefaultLanguage is the language of the embedded dictionary.
const DefaultLanguage = "en_US"

// Notice is the SCOWL copyright and permission notice of the embedded
// dictionary, which its licence requires to accompany every copy (the
// window shows it in Help ▸ About).
func Notice() string { return enUSCopyright }

var loadEnUS = sync.OnceValues(func() (*Dictionary, error) {
	return LoadBytes(enUSAff, enUSDic)
})

// EnUS returns the embedded en_US dictionary, loading it on first use.
func EnUS() (*Dictionary, error) { return loadEnUS() }

// SystemDir is where Debian and most Linux distributions install Hunspell
// dictionaries.
const SystemDir = "/usr/share/hunspell"

// Languages lists the dictionaries a newsroom can choose: the embedded
// en_US and every .aff/.dic pair in dir (SystemDir normally), sorted.
func Languages(dir string) []string {
	langs := []string{DefaultLanguage}
	matches, _ := filepath.Glob(filepath.Join(dir, "*.aff"))
	for _, aff := range matches {
		name := strings.TrimSuffix(filepath.Base(aff), ".aff")
		if _, err := os.Stat(filepath.Join(dir, name+".dic")); err == nil && !slices.Contains(langs, name) {
			langs = append(langs, name)
		}
	}
	slices.Sort(langs)
	return langs
}

// Open returns the dictionary for lang: the embedded one for en_US (or an
// empty lang), otherwise lang.aff and lang.dic from dir.
func Open(dir, lang string) (*Dictionary, error) {
	if lang == "" || lang == DefaultLanguage {
		return EnUS()
	}
	if strings.ContainsAny(lang, `/\`) || strings.HasPrefix(lang, ".") {
		return nil, fmt.Errorf("dictionary %q: not a language name", lang)
	}
	aff, err := os.ReadFile(filepath.Join(dir, lang+".aff"))
	if err != nil {
		return nil, fmt.Errorf("open dictionary %s: %w", lang, err)
	}
	dic, err := os.ReadFile(filepath.Join(dir, lang+".dic"))
	if err != nil {
		return nil, fmt.Errorf("open dictionary %s: %w", lang, err)
	}
	d, err := LoadBytes(aff, dic)
	if err != nil {
		return nil, fmt.Errorf("load dictionary %s: %w", lang, err)
	}
	return d, nil
}
