package editor

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// MaxSlugLen keeps URLs and file names comfortably short on every OS.
const MaxSlugLen = 80

// Slugify derives a URL path segment from a headline: lower-case ASCII
// letters, digits and single hyphens. Accents are dropped ("Café" →
// "cafe"); anything else becomes a separator. It may return "" for a
// headline with no letters or digits at all; callers fall back then.
func Slugify(s string) string {
	var b strings.Builder
	pendingDash := false
	for _, r := range norm.NFKD.String(transliterate.Replace(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // combining accent left over from decomposition
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		case r == '\'' || r == '’':
			continue // "Ukraine's" → "ukraines", as newsroom URLs do
		default:
			pendingDash = b.Len() > 0
			continue
		}
		if pendingDash {
			if b.Len()+1 >= MaxSlugLen {
				break
			}
			b.WriteByte('-')
			pendingDash = false
		}
		if b.Len() >= MaxSlugLen {
			break
		}
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), "-")
}

// transliterate spells letters that Unicode decomposition leaves alone
// the way English-language newsroom URLs do ("Straße" → "strasse").
var transliterate = strings.NewReplacer(
	"ß", "ss", "ẞ", "SS", "Æ", "AE", "æ", "ae", "Œ", "OE", "œ", "oe",
	"Ø", "O", "ø", "o", "Ł", "L", "ł", "l", "Đ", "D", "đ", "d",
	"Þ", "TH", "þ", "th", "Ð", "D", "ð", "d", "ı", "i",
)

// ValidSlug reports whether s is a slug Slugify could have produced: safe
// as a file name on every OS and as a URL segment without escaping.
func ValidSlug(s string) bool {
	if s == "" || len(s) > MaxSlugLen || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
		if c == '-' && s[i-1] == '-' {
			return false
		}
	}
	return true
}
