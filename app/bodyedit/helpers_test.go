package bodyedit

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// prose returns about words words of deterministic newsroom-like Markdown:
// paragraphs of 40–160 words, an occasional heading, emphasis and a link.
func prose(words int) string {
	vocab := strings.Fields(`the council said on Tuesday that its budget for
	housing would rise by four per cent next year after residents complained
	about delays to repairs and a shortage of affordable homes in the city
	centre where rents have climbed faster than wages since the pandemic
	according to figures published by the statistics office which also showed
	that transport spending fell while the mayor promised new cycle lanes a
	spokesperson declined to comment further but officials expect a vote before
	the summer recess opposition members called the plan inadequate and warned
	of cuts elsewhere`)
	var b strings.Builder
	seed := uint32(2463534242)
	next := func() uint32 { // xorshift: deterministic without math/rand state
		seed ^= seed << 13
		seed ^= seed >> 17
		seed ^= seed << 5
		return seed
	}
	n, para := 0, 0
	for n < words {
		if para%7 == 3 {
			b.WriteString("## Section heading number ")
			b.WriteString(vocab[next()%uint32(len(vocab))])
			b.WriteString("\n\n")
			n += 4
		}
		plen := 40 + int(next()%120)
		for i := 0; i < plen && n < words; i++ {
			w := vocab[next()%uint32(len(vocab))]
			switch next() % 60 {
			case 0:
				w = "**" + w + "**"
			case 1:
				w = "*" + w + "*"
			case 2:
				w = "[" + w + "](https://example.com/" + w + ")"
			}
			if i == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			b.WriteString(w)
			n++
			if i == plen-1 || n == words {
				b.WriteString(".")
			} else if next()%12 == 0 {
				b.WriteString(", ")
			} else {
				b.WriteString(" ")
			}
		}
		b.WriteString("\n\n")
		para++
	}
	return strings.TrimRight(b.String(), "\n")
}

// newTestEditor puts an editor with text in a test window of the given size
// and focuses it.
func newTestEditor(t testing.TB, text string, w, h float32) (*Editor, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	e := New()
	e.SetText(text)
	win := test.NewTempWindow(t, e)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(w, h))
	win.Canvas().Focus(e)
	return e, win
}

func key(e *Editor, name fyne.KeyName) { e.TypedKey(&fyne.KeyEvent{Name: name}) }

func shiftKey(e *Editor, name fyne.KeyName) {
	e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	key(e, name)
	e.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
}

func ctrl(e *Editor, name fyne.KeyName) {
	e.TypedShortcut(&desktop.CustomShortcut{KeyName: name, Modifier: fyne.KeyModifierControl})
}

func ctrlShift(e *Editor, name fyne.KeyName) {
	e.TypedShortcut(&desktop.CustomShortcut{KeyName: name, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift})
}

// visibleTexts returns the text objects the renderer currently draws.
func visibleTexts(e *Editor) []string {
	var out []string
	for _, o := range test.WidgetRenderer(e).Objects() {
		if t, ok := o.(*canvas.Text); ok {
			out = append(out, t.Text)
		}
	}
	return out
}

type desktopMouse struct{ Position fyne.Position }

func (m desktopMouse) event() *desktop.MouseEvent {
	return &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: m.Position}, Button: desktop.MouseButtonPrimary}
}
