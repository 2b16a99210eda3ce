package bodyedit

import (
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// fuzzAlphabet mixes ASCII, newlines, Markdown markup and multi-rune
// graphemes so edits land inside and around them.
var fuzzAlphabet = []string{"a", "b", " ", "\n", "*", "_", "#", "[", "](", ")", "`", "é", "e\u0301", "新", "\U0001F1EB\U0001F1F7", "\U0001F469\u200D\U0001F467", "\r\n"}

// fuzzEditor is one editor per process: a new test app per input would
// reload the fonts every time and make fuzzing a hundred times slower.
var fuzzEditor = sync.OnceValue(func() *Editor {
	test.NewApp()
	e := New()
	w := test.NewWindow(e)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(400, 300))
	w.Canvas().Focus(e)
	return e
})

// FuzzEdits applies a random sequence of edits to the editor and to a plain
// rune slice and requires the same text after every step, and every cached
// (incrementally updated) layout to equal a fresh one; undoing everything
// must give back the original.
func FuzzEdits(f *testing.F) {
	f.Add("hello world", []byte{0, 1, 2, 3, 4, 5, 6, 7})
	f.Add("# Title\n\nSome **bold** text.", []byte{3, 200, 17, 9, 4, 4, 1, 250, 6, 6, 7, 7, 7})
	f.Add("", []byte{0, 0, 0, 5, 5, 5, 2, 2})
	f.Add("e\u0301\U0001F1EB\U0001F1F7新闻", []byte{1, 3, 1, 4, 5, 8, 9, 10, 11, 12, 7})
	f.Fuzz(func(t *testing.T, initial string, ops []byte) {
		if !utf8.ValidString(initial) || len(initial) > 2000 || len(ops) > 300 {
			return
		}
		initial = normalizeNewlines(initial)
		e := fuzzEditor()
		e.SetText(initial)
		clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		e.now = func() time.Time { return clock }
		model := []rune(initial)
		byteAt := func(i int) int {
			if i < len(ops) {
				return int(ops[i])
			}
			return 0
		}
		pos := func(b int) int { return b * (len(model) + 1) / 256 }
		var undone [][]rune // model states to compare after redo
		for i := 0; i < len(ops); i += 3 {
			op, a, b := byteAt(i)%10, byteAt(i+1), byteAt(i+2)
			if byteAt(i+2)%2 == 0 {
				clock = clock.Add(2 * time.Second) // sometimes group, sometimes not
			}
			switch op {
			case 0, 1: // ReplaceRange
				s, end := pos(a), pos(b)
				if s > end {
					s, end = end, s
				}
				ins := fuzzAlphabet[(a+b)%len(fuzzAlphabet)]
				e.ReplaceRange(s, end, ins)
				insR := []rune(normalizeNewlines(ins))
				model = append(model[:s:s], append(insR, model[end:]...)...)
				undone = nil
			case 2, 3: // type at a caret
				e.Select(pos(a), pos(a))
				c := e.Caret()
				r := []rune(fuzzAlphabet[b%len(fuzzAlphabet)])[0]
				if r == '\r' {
					r = '\n'
				}
				e.TypedRune(r)
				model = append(model[:c:c], append([]rune{r}, model[c:]...)...)
				undone = nil
			case 4: // backspace or delete: the removed range must touch the caret
				e.Select(pos(a), pos(a))
				c := e.Caret()
				before := len(model)
				if b%2 == 0 {
					key(e, fyne.KeyBackspace)
				} else {
					key(e, fyne.KeyDelete)
				}
				k := before - e.Len()
				switch {
				case k < 0:
					t.Fatalf("deleting grew the text")
				case k == 0:
				case b%2 == 0:
					model = append(model[:c-k:c-k], model[c:]...)
				default:
					model = append(model[:c:c], model[c+k:]...)
				}
				if k > 0 {
					undone = nil
				}
			case 5, 6:
				if e.CanUndo() {
					undone = append(undone, append([]rune(nil), model...))
				}
				e.Undo()
				model = []rune(e.Text()) // grouping decides how far; redo checks it
			case 7:
				if len(undone) > 0 {
					e.Redo()
					model = undone[len(undone)-1]
					undone = undone[:len(undone)-1]
				}
			case 8: // cut and paste back
				s, end := pos(a), pos(b)
				if s > end {
					s, end = end, s
				}
				e.Select(s, end)
				s, end = e.Selection()
				e.TypedShortcut(&fyne.ShortcutCut{})
				model = append(model[:s:s], model[end:]...)
				if s != end {
					undone = nil
				}
			case 9: // select and paste
				e.Select(pos(a), pos(a))
				c := e.Caret()
				fyne.CurrentApp().Clipboard().SetContent("pasted\ntext")
				e.TypedShortcut(&fyne.ShortcutPaste{})
				model = append(model[:c:c], append([]rune("pasted\ntext"), model[c:]...)...)
				undone = nil
			}
			if got := e.Text(); got != string(model) {
				t.Fatalf("op %d (%d): text %q, model %q", i/3, op, got, string(model))
			}
			if e.Len() != len(model) {
				t.Fatalf("op %d: Len %d, model %d", i/3, e.Len(), len(model))
			}
			frame(e)
			checkLayouts(t, e)
		}
		for e.CanUndo() {
			e.Undo()
		}
		if got := e.Text(); got != initial {
			t.Fatalf("undo all: %q, want %q", got, initial)
		}
	})
}
