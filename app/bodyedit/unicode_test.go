package bodyedit

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
)

func TestGraphemeEditing(t *testing.T) {
	const (
		eAcute = "e\u0301"                                    // e + combining acute: 2 runes, 1 grapheme
		family = "\U0001F469\u200D\U0001F469\u200D\U0001F467" // ZWJ sequence: 5 runes
		flags  = "\U0001F1EB\U0001F1F7\U0001F1E9\U0001F1EA"   // FR DE: 2 runes each
		thumbs = "\U0001F44D\U0001F3FD"                       // skin tone modifier: 2 runes
	)
	tests := []struct {
		name  string
		text  string
		start int
		do    func(e *Editor)
		want  string // text afterwards
		caret int
	}{
		{"right over combining", "a" + eAcute + "b", 1, func(e *Editor) { key(e, fyne.KeyRight) }, "a" + eAcute + "b", 3},
		{"left over combining", "a" + eAcute + "b", 3, func(e *Editor) { key(e, fyne.KeyLeft) }, "a" + eAcute + "b", 1},
		{"backspace removes e+accent", "a" + eAcute + "b", 3, func(e *Editor) { key(e, fyne.KeyBackspace) }, "ab", 1},
		{"delete removes e+accent", "a" + eAcute + "b", 1, func(e *Editor) { key(e, fyne.KeyDelete) }, "ab", 1},
		{"right over ZWJ family", "x" + family + "y", 1, func(e *Editor) { key(e, fyne.KeyRight) }, "x" + family + "y", 6},
		{"backspace ZWJ family", "x" + family + "y", 6, func(e *Editor) { key(e, fyne.KeyBackspace) }, "xy", 1},
		{"right over one flag", flags, 0, func(e *Editor) { key(e, fyne.KeyRight) }, flags, 2},
		{"backspace one flag", flags, 4, func(e *Editor) { key(e, fyne.KeyBackspace) }, flags[:8], 2},
		{"skin tone stays whole", thumbs + "!", 2, func(e *Editor) { key(e, fyne.KeyLeft) }, thumbs + "!", 0},
		{"select inside grapheme snaps back", "a" + eAcute, 2, func(e *Editor) {}, "a" + eAcute, 1},
		{"CJK moves by character", "新闻编辑", 1, func(e *Editor) { key(e, fyne.KeyRight) }, "新闻编辑", 2},
		{"typing combining mark joins", "e", 1, func(e *Editor) { e.TypedRune('\u0301'); key(e, fyne.KeyLeft) }, eAcute, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := newTestEditor(t, tt.text, 700, 400)
			e.Select(tt.start, tt.start)
			tt.do(e)
			if got := e.Text(); got != tt.want {
				t.Errorf("text %q, want %q", got, tt.want)
			}
			if e.Caret() != tt.caret {
				t.Errorf("caret %d, want %d", e.Caret(), tt.caret)
			}
		})
	}
}

// Wrapping never splits a grapheme, and CJK (no spaces) wraps between
// characters rather than overflowing.
func TestUnicodeWrapping(t *testing.T) {
	tests := []struct {
		name string
		unit string
	}{
		{"CJK", "新闻编辑部今天发布了报道"},
		{"combining accents", "e\u0301te\u0301 "},
		{"emoji ZWJ", "\U0001F469\u200D\U0001F469\u200D\U0001F467\U0001F1EB\U0001F1F7"},
		{"one long word", "Donaudampfschifffahrtsgesellschaft"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.Repeat(tt.unit, 40)
			e, _ := newTestEditor(t, text, 300, 400)
			l, _ := e.ensureLayout(0)
			if len(l.starts) < 2 {
				t.Fatalf("%d runes at 300 px made %d line(s)", utf8.RuneCountInString(text), len(l.starts))
			}
			for li, s := range l.starts {
				if !l.gb[s] {
					t.Errorf("line %d starts inside a grapheme at rune %d", li, s)
				}
				end := l.lineEnd(li, len(e.paras[0].text))
				last := l.prevBoundary(end)
				w := l.xs[last] + e.m.width(e.paras[0].text[last:end], fontKey{l.size, fyne.TextStyle{}})
				if w > e.wrapW+0.5 && !strings.HasSuffix(string(e.paras[0].text[s:end]), " ") {
					t.Errorf("line %d is %.1f px, wrap width %.1f", li, w, e.wrapW)
				}
			}
		})
	}
}
