package export

import (
	"fmt"
	"path/filepath"
	"strings"

	"copydesk/editor"
)

// windowsReserved are device names Windows refuses as file names, with or
// without an extension; a site copied to a Windows share must still work.
var windowsReserved = map[string]bool{
	"con": true, "prn": true, "aux": true, "nul": true,
	"com0": true, "com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt0": true, "lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true,
}

// siteReserved are top-level names the site itself uses.
var siteReserved = map[string]bool{"assets": true}

// SafeSegment turns any text (a slug, a section name, a headline) into one
// path segment that is safe on every OS and in a URL without escaping:
// lower-case a–z, 0–9 and single hyphens, at most editor.MaxSlugLen
// bytes, never a Windows device name. It returns "" when s has no letters
// or digits; callers then fall back to another name.
func SafeSegment(s string) string {
	// A stored slug is almost always one already, and Slugify gives it
	// back unchanged; skipping the Unicode work matters on a large site.
	seg := s
	if !editor.ValidSlug(s) {
		seg = editor.Slugify(s)
	}
	if windowsReserved[seg] || siteReserved[seg] {
		seg += "-1"
	}
	return seg
}

// validSegment is the property SafeSegment guarantees, checked again by
// SafePath so that no caller can bypass it by passing raw text.
func validSegment(s string) bool {
	if s == "" || s == "." || s == ".." || len(s) > 255 {
		return false
	}
	base := strings.ToLower(s)
	if i := strings.IndexByte(base, '.'); i >= 0 {
		base = base[:i]
	}
	if windowsReserved[base] || strings.HasSuffix(s, ".") || strings.HasSuffix(s, " ") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
		if !ok {
			return false
		}
	}
	return !strings.Contains(s, "..")
}

// SafePath joins segments under root and refuses anything that could
// leave it: each segment must be a plain name (see SafeSegment, plus
// fixed file names like "index.html"), and the joined path is checked to
// stay inside root.
func SafePath(root string, segments ...string) (string, error) {
	for _, s := range segments {
		if !validSegment(s) {
			return "", fmt.Errorf("unsafe path segment %q", s)
		}
	}
	p := filepath.Join(append([]string{root}, segments...)...)
	rel, err := filepath.Rel(root, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", fmt.Errorf("path %q leaves %s", p, root)
	}
	return p, nil
}
