package bodyedit

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// The keystroke benchmarks give both editors the same setup: a 700×800
// window, word wrap, the caret in the middle of the text, one key per
// iteration, then the work of a frame: lay out every widget renderer in the
// tree and measure every text object, as the painter walks them. Typing
// cycles through a sentence and presses Enter every 300 characters, so the
// paragraph being typed into stays a realistic length.

const typed = "The mayor said the plan would be reviewed again next spring. "

func nextKey(i int) (rune, bool) {
	if i%300 == 299 {
		return '\n', true
	}
	return rune(typed[i%len(typed)]), false
}

// frame lays out and walks the visible object tree like a driver frame.
func frame(o fyne.CanvasObject) int {
	if !o.Visible() {
		return 0
	}
	n := 1
	switch c := o.(type) {
	case fyne.Widget:
		r := test.WidgetRenderer(c)
		r.Layout(c.Size())
		for _, child := range r.Objects() {
			n += frame(child)
		}
	case *fyne.Container:
		if c.Layout != nil {
			c.Layout.Layout(c.Objects, c.Size())
		}
		for _, child := range c.Objects {
			n += frame(child)
		}
	case *canvas.Text:
		c.MinSize()
	}
	return n
}

func BenchmarkBodyKeystroke(b *testing.B) {
	for _, words := range []int{1000, 10000, 50000} {
		b.Run(fmt.Sprintf("words=%d", words), func(b *testing.B) {
			e, _ := newTestEditor(b, prose(words), 700, 800)
			mid := e.Len() / 2
			e.Select(mid, mid)
			frame(e)
			i := 0
			for b.Loop() {
				if r, enter := nextKey(i); enter {
					key(e, fyne.KeyReturn)
				} else {
					e.TypedRune(r)
				}
				frame(e)
				i++
			}
		})
	}
}

func BenchmarkEntryKeystroke(b *testing.B) {
	for _, words := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("words=%d", words), func(b *testing.B) {
			test.NewTempApp(b)
			text := prose(words)
			en := widget.NewMultiLineEntry()
			en.Wrapping = fyne.TextWrapWord
			en.SetText(text)
			win := test.NewTempWindow(b, en)
			win.SetPadded(false)
			win.Resize(fyne.NewSize(700, 800))
			win.Canvas().Focus(en)
			placeEntryCaret(en, len([]rune(text))/2)
			frame(en)
			i := 0
			for b.Loop() {
				if r, enter := nextKey(i); enter {
					en.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
				} else {
					en.TypedRune(r)
				}
				frame(en)
				i++
			}
		})
	}
}

// placeEntryCaret moves the Entry caret to the wrapped row that holds mid:
// Entry has no offset setter, so search rows by their start offset (a row
// past the end reports offset 0).
func placeEntryCaret(en *widget.Entry, mid int) {
	offsetAt := func(row int) (int, bool) {
		en.CursorRow, en.CursorColumn = row, 0
		off := en.CursorTextOffset()
		return off, row == 0 || off > 0
	}
	lo, hi := 0, 1<<22
	for hi-lo > 1 {
		m := (lo + hi) / 2
		if off, ok := offsetAt(m); ok && off <= mid {
			lo = m
		} else {
			hi = m
		}
	}
	en.CursorRow, en.CursorColumn = lo, 0
	en.Refresh()
}

func BenchmarkOpen50kWords(b *testing.B) {
	text := prose(50000)
	e, _ := newTestEditor(b, "", 700, 800)
	for b.Loop() {
		e.SetText(text)
		frame(e)
	}
}

func BenchmarkPaste1MB(b *testing.B) {
	small := prose(1000)
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		sb.WriteString(prose(20000))
		sb.WriteString("\n\n")
	}
	benchPaste(b, small, sb.String()[:1<<20], 1<<19)
}

// benchPaste times pasting big from the clipboard into the middle of
// small, plus the frame after it, on the UI goroutine; the editor must
// hold at least minRunes afterwards.
func benchPaste(b *testing.B, small, big string, minRunes int) {
	e, _ := newTestEditor(b, small, 700, 800)
	clip := fyne.CurrentApp().Clipboard()
	clip.SetContent(big)
	for b.Loop() {
		b.StopTimer()
		e.SetText(small)
		e.Select(e.Len()/2, e.Len()/2)
		frame(e)
		b.StartTimer()
		e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
		frame(e)
	}
	if e.Len() < minRunes {
		b.Fatalf("paste left %d runes", e.Len())
	}
}

func BenchmarkPageDown(b *testing.B) {
	e, _ := newTestEditor(b, prose(50000), 700, 800)
	n := e.Len()
	for b.Loop() {
		if e.Caret() == n {
			e.Select(0, 0)
		}
		key(e, fyne.KeyPageDown)
		frame(e)
	}
}

// BenchmarkTextAfterKeystroke is the window's pattern: type one key, then
// read the whole text in the change callback.
func BenchmarkTextAfterKeystroke(b *testing.B) {
	e, _ := newTestEditor(b, prose(50000), 700, 800)
	e.Select(e.Len()/2, e.Len()/2)
	i := 0
	for b.Loop() {
		r, _ := nextKey(i)
		if r == '\n' {
			r = ' '
		}
		e.TypedRune(r)
		if len(e.Text()) < 300000 {
			b.Fatal("short text")
		}
		i++
	}
}

// BenchmarkLongParagraphKeystroke types into the middle of one paragraph
// of 10,000 words (a pasted transcript with no line breaks): the edited
// paragraph's layout is updated around the edit rather than redone.
func BenchmarkLongParagraphKeystroke(b *testing.B) {
	text := strings.ReplaceAll(prose(10000), "\n", " ")
	e, _ := newTestEditor(b, text, 700, 800)
	e.Select(e.Len()/2, e.Len()/2)
	frame(e)
	i := 0
	for b.Loop() {
		r, _ := nextKey(i)
		if r == '\n' {
			r = ' '
		}
		e.TypedRune(r)
		frame(e)
		i++
	}
}
