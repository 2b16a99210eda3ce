package bodyedit

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// tenMB is 10 MB of Markdown paragraphs: the size the brief says a paste
// into the body must survive without freezing the window.
func tenMB() string {
	const n = 10 << 20
	chunk := prose(20000) + "\n\n"
	var b strings.Builder
	b.Grow(n + len(chunk))
	for b.Len() < n {
		b.WriteString(chunk)
	}
	return b.String()[:n]
}

func TestPasteTenMegabytes(t *testing.T) {
	e, _ := newTestEditor(t, "start end", 700, 400)
	// A screenful of ordinary text is the yardstick for how many canvas
	// objects the renderer may hold: only visible lines become objects.
	e.SetText(prose(2000))
	frame(e)
	screenful := len(test.WidgetRenderer(e).Objects())
	e.SetText("start end")

	big := tenMB()
	clip := fyne.CurrentApp().Clipboard()
	clip.SetContent(big)
	e.Select(6, 6)
	changes := 0
	e.SetOnChanged(func() { changes++ })
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	frame(e)

	want := "start " + big + "end"
	if got := e.Text(); got != want {
		t.Fatalf("after paste: %d bytes, want %d", len(got), len(want))
	}
	if changes != 1 {
		t.Errorf("paste notified %d times, want 1", changes)
	}
	caret := 6 + len([]rune(big))
	if s, end := e.Selection(); s != caret || end != caret {
		t.Errorf("caret after paste [%d,%d), want %d", s, end, caret)
	}
	assertCaretVisible(t, e)
	n := len(test.WidgetRenderer(e).Objects())
	t.Logf("canvas objects: %d after the paste, %d for a screenful", n, screenful)
	if n > 2*screenful+10 {
		t.Errorf("renderer holds %d objects after a 10 MB paste, a screenful is %d: lines off screen became objects", n, screenful)
	}

	test.Type(e, "!")
	if got := e.Text(); got != "start "+big+"!end" {
		t.Errorf("keystroke after paste: '!' at byte %d of %d, want at %d", strings.IndexByte(got, '!'), len(got), len("start ")+len(big))
	}

	e.Undo() // the "!"
	e.Undo() // the paste, in one step
	if got := e.Text(); got != "start end" {
		t.Errorf("two undos left %d bytes, want %q", len(got), "start end")
	}
	if s, end := e.Selection(); s != 6 || end != 6 {
		t.Errorf("caret after undoing the paste [%d,%d), want 6", s, end)
	}
	if e.CanUndo() {
		t.Error("undo history still has steps: the paste took more than one")
	}
}

// BenchmarkPaste10MB is BenchmarkPaste1MB at ten times the size: the
// paste itself plus one frame, on the UI goroutine.
func BenchmarkPaste10MB(b *testing.B) {
	benchPaste(b, prose(1000), tenMB(), 10<<20)
}
