package review

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"

	"copydesk/editor"
)

// Op says whether a diff segment is unchanged, inserted or deleted.
type Op int8

// The segment operations.
const (
	Equal Op = iota
	Insert
	Delete
)

// Segment is a run of text that is the same in both versions, or only in
// the new one (Insert), or only in the old one (Delete).
type Segment struct {
	Op   Op
	Text string
}

// diffTimeout bounds a diff of two very different long bodies; the result
// is then coarser (larger replaced runs) but still correct. Word-level
// tokens keep ordinary articles far below it.
const diffTimeout = 2 * time.Second

// Words diffs old and new word by word: a changed word is shown as the
// whole word deleted and the whole new word inserted, which is how an
// editor reads changes, rather than as scattered letters. Whitespace and
// punctuation are tokens of their own.
func Words(old, new string) []Segment {
	tokens := map[string]rune{}
	var table []string
	encode := func(s string) ([]rune, bool) {
		var out []rune
		for _, tok := range tokenize(s) {
			r, ok := tokens[tok]
			if !ok {
				r = tokenRune(len(table))
				if r > utf8.MaxRune {
					return nil, false
				}
				tokens[tok] = r
				table = append(table, tok)
			}
			out = append(out, r)
		}
		return out, true
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = diffTimeout
	a, okA := encode(old)
	b, okB := encode(new)
	if !okA || !okB {
		// More distinct words than runes: fall back to a character diff.
		return fromDMP(dmp.DiffCleanupSemantic(dmp.DiffMain(old, new, false)), nil)
	}
	diffs := dmp.DiffMainRunes(a, b, false)
	diffs = dmp.DiffCleanupSemantic(diffs)
	return fromDMP(diffs, table)
}

// tokenRune maps a token number to a valid rune, skipping the surrogate
// range, which would not survive the library's conversion to string.
func tokenRune(i int) rune {
	r := rune(i + 1)
	if r >= 0xD800 {
		r += 0x800
	}
	return r
}

func tokenIndex(r rune) int {
	if r >= 0xE000 {
		r -= 0x800
	}
	return int(r) - 1
}

func fromDMP(diffs []diffmatchpatch.Diff, table []string) []Segment {
	var segs []Segment
	for _, d := range diffs {
		text := d.Text
		if table != nil {
			var b strings.Builder
			for _, r := range d.Text {
				b.WriteString(table[tokenIndex(r)])
			}
			text = b.String()
		}
		if text == "" {
			continue
		}
		op := Equal
		switch d.Type {
		case diffmatchpatch.DiffInsert:
			op = Insert
		case diffmatchpatch.DiffDelete:
			op = Delete
		}
		if n := len(segs); n > 0 && segs[n-1].Op == op {
			segs[n-1].Text += text
			continue
		}
		segs = append(segs, Segment{Op: op, Text: text})
	}
	return segs
}

// tokenize splits s into runs of letters and digits (with inner
// apostrophes, so "don't" is one word), runs of spaces, and single other
// characters. Joining the tokens gives s back.
func tokenize(s string) []string {
	var toks []string
	start := 0
	kind := -1 // 0 word, 1 space, 2 other
	for i, r := range s {
		k := 2
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			k = 0
		case (r == '\'' || r == '’') && kind == 0:
			k = 0
		case unicode.IsSpace(r):
			k = 1
		}
		if i > start && (k != kind || k == 2) {
			toks = append(toks, s[start:i])
			start = i
		}
		kind = k
	}
	if start < len(s) {
		toks = append(toks, s[start:])
	}
	return toks
}

// Inline writes segments as one text with [-deleted-] and {+inserted+}
// markers, the convention of git's word diff, for a terminal.
func Inline(segs []Segment) string {
	var b strings.Builder
	for _, s := range segs {
		switch s.Op {
		case Equal:
			b.WriteString(s.Text)
		case Delete:
			b.WriteString("[-" + s.Text + "-]")
		case Insert:
			b.WriteString("{+" + s.Text + "+}")
		}
	}
	return b.String()
}

// Changed reports whether any segment is an insertion or a deletion.
func Changed(segs []Segment) bool {
	for _, s := range segs {
		if s.Op != Equal {
			return true
		}
	}
	return false
}

// FieldDiff is the word diff of one article field.
type FieldDiff struct {
	Field    string // front matter name: "headline", "image.alt", "body"
	Segments []Segment
}

// articleFields are compared in reading order: what a reader sees first.
func articleFields(a *editor.Article) [][2]string {
	corr := make([]string, len(a.Corrections))
	for i, c := range a.Corrections {
		corr[i] = c.Text
	}
	return [][2]string{
		{"headline", a.Headline},
		{"slug", a.Slug},
		{"section", a.Section},
		{"byline", strings.Join(a.Byline, ", ")},
		{"summary", a.Summary},
		{"dateline", a.Dateline},
		{"tags", strings.Join(a.Tags, ", ")},
		{"status", string(a.Status)},
		{"image.src", a.Image.Src},
		{"image.alt", a.Image.Alt},
		{"image.caption", a.Image.Caption},
		{"image.credit", a.Image.Credit},
		{"corrections", strings.Join(corr, "\n")},
		{"body", a.Body},
	}
}

// Articles returns the word diffs of every field that differs between two
// states of an article, in reading order; nil if none does.
func Articles(old, new *editor.Article) []FieldDiff {
	of, nf := articleFields(old), articleFields(new)
	var out []FieldDiff
	for i := range of {
		if of[i][1] == nf[i][1] {
			continue
		}
		out = append(out, FieldDiff{Field: of[i][0], Segments: Words(of[i][1], nf[i][1])})
	}
	return out
}

// ChangeSummary says in one line what changed between two states, for the
// revision list: "body +12 −3 words; headline; status filed → editing".
func ChangeSummary(old, new *editor.Article) string {
	if old == nil {
		return "created"
	}
	var parts []string
	for _, fd := range Articles(old, new) {
		switch fd.Field {
		case "status":
			parts = append(parts, fmt.Sprintf("status %s → %s", old.Status, new.Status))
		case "body":
			ins, del := 0, 0
			for _, s := range fd.Segments {
				switch s.Op {
				case Insert:
					ins += editor.CountWords(s.Text)
				case Delete:
					del += editor.CountWords(s.Text)
				}
			}
			if ins == 0 && del == 0 {
				parts = append(parts, "body punctuation")
			} else {
				parts = append(parts, fmt.Sprintf("body +%d −%d words", ins, del))
			}
		default:
			parts = append(parts, fd.Field)
		}
	}
	if len(parts) == 0 {
		return "no changes"
	}
	// Body first: it is what most saves are about.
	slices.SortStableFunc(parts, func(a, b string) int {
		ab, bb := strings.HasPrefix(a, "body"), strings.HasPrefix(b, "body")
		switch {
		case ab && !bb:
			return -1
		case bb && !ab:
			return 1
		}
		return 0
	})
	return strings.Join(parts, "; ")
}
