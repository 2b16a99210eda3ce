package bodyedit

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// long is one paragraph that wraps to several lines at 700 px.
var long = strings.Repeat("alpha beta gamma delta epsilon ", 20)

func TestCaretMovement(t *testing.T) {
	text := "one two three\nfour five\n\nsix"
	tests := []struct {
		name  string
		start int
		do    func(e *Editor)
		want  int
	}{
		{"right", 0, func(e *Editor) { key(e, fyne.KeyRight) }, 1},
		{"left at start stays", 0, func(e *Editor) { key(e, fyne.KeyLeft) }, 0},
		{"right over newline", 13, func(e *Editor) { key(e, fyne.KeyRight) }, 14},
		{"left over newline", 14, func(e *Editor) { key(e, fyne.KeyLeft) }, 13},
		{"right at end stays", 28, func(e *Editor) { key(e, fyne.KeyRight) }, 28},
		{"ctrl right to word end", 0, func(e *Editor) { ctrl(e, fyne.KeyRight) }, 3},
		{"ctrl right skips space", 3, func(e *Editor) { ctrl(e, fyne.KeyRight) }, 7},
		{"ctrl right at paragraph end", 13, func(e *Editor) { ctrl(e, fyne.KeyRight) }, 14},
		{"ctrl left to word start", 6, func(e *Editor) { ctrl(e, fyne.KeyLeft) }, 4},
		{"ctrl left from word start", 4, func(e *Editor) { ctrl(e, fyne.KeyLeft) }, 0},
		{"ctrl left at paragraph start", 14, func(e *Editor) { ctrl(e, fyne.KeyLeft) }, 13},
		{"down keeps column", 2, func(e *Editor) { key(e, fyne.KeyDown) }, 16},
		{"down to shorter line clamps", 12, func(e *Editor) { key(e, fyne.KeyDown) }, 23},
		{"down twice remembers x", 12, func(e *Editor) { key(e, fyne.KeyDown); key(e, fyne.KeyDown); key(e, fyne.KeyDown) }, 28},
		{"up on first line goes to start", 5, func(e *Editor) { key(e, fyne.KeyUp) }, 0},
		{"down on last line goes to end", 26, func(e *Editor) { key(e, fyne.KeyDown) }, 28},
		{"home", 7, func(e *Editor) { key(e, fyne.KeyHome) }, 0},
		{"end", 7, func(e *Editor) { key(e, fyne.KeyEnd) }, 13},
		{"ctrl down next paragraph", 5, func(e *Editor) { ctrl(e, fyne.KeyDown) }, 14},
		{"ctrl down from last paragraph", 27, func(e *Editor) { ctrl(e, fyne.KeyDown) }, 28},
		{"ctrl up paragraph start", 17, func(e *Editor) { ctrl(e, fyne.KeyUp) }, 14},
		{"ctrl up from paragraph start", 14, func(e *Editor) { ctrl(e, fyne.KeyUp) }, 0},
		{"ctrl end", 3, func(e *Editor) { ctrl(e, fyne.KeyEnd) }, 28},
		{"ctrl home", 20, func(e *Editor) { ctrl(e, fyne.KeyHome) }, 0},
		{"left collapses selection", 0, func(e *Editor) { e.Select(2, 6); key(e, fyne.KeyLeft) }, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := newTestEditor(t, text, 700, 400)
			e.Select(tt.start, tt.start)
			tt.do(e)
			if s, end := e.Selection(); s != tt.want || end != tt.want {
				t.Errorf("selection = [%d,%d), want caret at %d", s, end, tt.want)
			}
		})
	}
}

// Movement within one wrapped paragraph: Home/End go to the visual line's
// ends, Up/Down keep the x position.
func TestWrappedLineMovement(t *testing.T) {
	e, _ := newTestEditor(t, long, 700, 400)
	l, _ := e.ensureLayout(0)
	if len(l.starts) < 3 {
		t.Fatalf("paragraph wrapped to %d lines at 700 px, want >= 3", len(l.starts))
	}
	second := l.starts[1]
	e.Select(second+4, second+4)
	x := l.xs[second+4]

	key(e, fyne.KeyHome)
	if e.Caret() != second {
		t.Errorf("Home: caret %d, want line start %d", e.Caret(), second)
	}
	key(e, fyne.KeyEnd)
	if want := l.starts[2] - 1; e.Caret() != want {
		t.Errorf("End: caret %d, want %d (before the space the line broke at)", e.Caret(), want)
	}

	e.Select(second+4, second+4)
	key(e, fyne.KeyDown)
	_, _, li, x2 := e.caretGeom(e.Caret())
	if li != 2 {
		t.Errorf("Down: line %d, want 2", li)
	}
	if d := x2 - x; d > 12 || d < -12 {
		t.Errorf("Down: x moved from %.1f to %.1f", x, x2)
	}
	key(e, fyne.KeyUp)
	key(e, fyne.KeyUp)
	if _, _, li, _ := e.caretGeom(e.Caret()); li != 0 {
		t.Errorf("Up twice: line %d, want 0", li)
	}
}

func TestPageMovement(t *testing.T) {
	e, _ := newTestEditor(t, prose(5000), 700, 400)
	key(e, fyne.KeyPageDown)
	_, _, y1 := caretY(e)
	if y1 < 300 {
		t.Fatalf("PageDown moved caret only to y=%.0f", y1)
	}
	if e.ScrollOffset() <= 0 {
		t.Errorf("PageDown did not scroll")
	}
	assertCaretVisible(t, e)
	key(e, fyne.KeyPageDown)
	_, _, y2 := caretY(e)
	if y2 <= y1 {
		t.Errorf("second PageDown: y %.0f then %.0f", y1, y2)
	}
	key(e, fyne.KeyPageUp)
	key(e, fyne.KeyPageUp)
	if e.Caret() > 80 {
		t.Errorf("two PageUps after two PageDowns left caret at %d, want the first line", e.Caret())
	}
	assertCaretVisible(t, e)
}

// caretY is the caret's paragraph, line and document y.
func caretY(e *Editor) (int, int, float32) {
	p, l, li, _ := e.caretGeom(e.Caret())
	return p, li, float32(e.hts.prefix(p)) + float32(li)*l.lineH
}

func assertCaretVisible(t *testing.T, e *Editor) {
	t.Helper()
	_, _, y := caretY(e)
	if y < e.ScrollOffset() || y > e.ScrollOffset()+e.viewHeight() {
		t.Errorf("caret at y=%.0f outside view [%.0f, %.0f]", y, e.ScrollOffset(), e.ScrollOffset()+e.viewHeight())
	}
}

func TestShiftSelection(t *testing.T) {
	text := "one two three\nfour"
	tests := []struct {
		name      string
		start     int
		do        func(e *Editor)
		wantStart int
		wantEnd   int
	}{
		{"shift right x3", 0, func(e *Editor) {
			shiftKey(e, fyne.KeyRight)
			shiftKey(e, fyne.KeyRight)
			shiftKey(e, fyne.KeyRight)
		}, 0, 3},
		{"shift left", 5, func(e *Editor) { shiftKey(e, fyne.KeyLeft) }, 4, 5},
		{"shift end", 4, func(e *Editor) { shiftKey(e, fyne.KeyEnd) }, 4, 13},
		{"shift down crosses paragraph", 4, func(e *Editor) { shiftKey(e, fyne.KeyDown) }, 4, 18},
		{"ctrl shift right", 0, func(e *Editor) { ctrlShift(e, fyne.KeyRight); ctrlShift(e, fyne.KeyRight) }, 0, 7},
		{"ctrl shift end", 8, func(e *Editor) { ctrlShift(e, fyne.KeyEnd) }, 8, 18},
		{"shift released stops extending", 0, func(e *Editor) {
			shiftKey(e, fyne.KeyRight)
			key(e, fyne.KeyRight)
		}, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := newTestEditor(t, text, 700, 400)
			e.Select(tt.start, tt.start)
			tt.do(e)
			if s, end := e.Selection(); s != tt.wantStart || end != tt.wantEnd {
				t.Errorf("selection [%d,%d), want [%d,%d)", s, end, tt.wantStart, tt.wantEnd)
			}
		})
	}
}

func TestSelectAllAndClipboard(t *testing.T) {
	e, _ := newTestEditor(t, "alpha beta\ngamma", 700, 400)
	clip := fyne.CurrentApp().Clipboard()

	e.TypedShortcut(&fyne.ShortcutSelectAll{})
	if s, end := e.Selection(); s != 0 || end != 16 {
		t.Fatalf("select all = [%d,%d)", s, end)
	}
	e.TypedShortcut(&fyne.ShortcutCopy{Clipboard: clip})
	if got := clip.Content(); got != "alpha beta\ngamma" {
		t.Errorf("copied %q", got)
	}

	e.Select(6, 13)
	e.TypedShortcut(&fyne.ShortcutCut{}) // nil Clipboard: falls back to the app's
	if got := clip.Content(); got != "beta\nga" {
		t.Errorf("cut put %q on the clipboard", got)
	}
	if got := e.Text(); got != "alpha mma" {
		t.Errorf("after cut text = %q", got)
	}
	if e.Caret() != 6 {
		t.Errorf("caret after cut %d, want 6", e.Caret())
	}

	clip.SetContent("X\r\nY")
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	if got := e.Text(); got != "alpha X\nYmma" {
		t.Errorf("after paste text = %q", got)
	}
	if e.Caret() != 9 {
		t.Errorf("caret after paste %d, want 9", e.Caret())
	}

	e.Select(0, 5)
	clip.SetContent("omega")
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	if got := e.Text(); got != "omega X\nYmma" {
		t.Errorf("paste over selection: %q", got)
	}
	e.Undo()
	if got := e.Text(); got != "alpha X\nYmma" {
		t.Errorf("undo paste: %q", got)
	}
	if s, end := e.Selection(); s != 0 || end != 5 {
		t.Errorf("undo paste restored selection [%d,%d), want [0,5)", s, end)
	}
}

func TestUndoGrouping(t *testing.T) {
	clock := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	tick := func(d time.Duration) { clock = clock.Add(d) }
	setup := func(t *testing.T) *Editor {
		e, _ := newTestEditor(t, "start", 700, 400)
		e.now = func() time.Time { return clock }
		e.Select(5, 5)
		return e
	}
	typeSlowly := func(e *Editor, s string) {
		for _, r := range s {
			tick(100 * time.Millisecond)
			e.TypedRune(r)
		}
	}
	tests := []struct {
		name  string
		do    func(e *Editor)
		after []string // text after each successive Undo
	}{
		{"typed run is one step", func(e *Editor) { typeSlowly(e, " more words") }, []string{"start"}},
		{"pause splits runs", func(e *Editor) {
			typeSlowly(e, " one")
			tick(2 * time.Second)
			typeSlowly(e, " two")
		}, []string{"start one", "start"}},
		{"caret jump splits runs", func(e *Editor) {
			typeSlowly(e, "X")
			key(e, fyne.KeyHome)
			typeSlowly(e, "Y")
		}, []string{"startX", "start"}},
		{"enter ends a run", func(e *Editor) {
			typeSlowly(e, " a\nb")
		}, []string{"start a\n", "start"}},
		{"backspace run is one step", func(e *Editor) {
			typeSlowly(e, "XYZ")
			for range 4 {
				tick(100 * time.Millisecond)
				key(e, fyne.KeyBackspace)
			}
		}, []string{"startXYZ", "start"}},
		{"paste is its own step", func(e *Editor) {
			typeSlowly(e, "A")
			fyne.CurrentApp().Clipboard().SetContent("PASTE")
			e.TypedShortcut(&fyne.ShortcutPaste{})
			typeSlowly(e, "B")
		}, []string{"startAPASTE", "startA", "start"}},
		{"replace range is its own step", func(e *Editor) {
			typeSlowly(e, "A")
			e.ReplaceRange(0, 5, "**start**")
		}, []string{"startA", "start"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := setup(t)
			tt.do(e)
			final := e.Text()
			for i, want := range tt.after {
				e.Undo()
				if got := e.Text(); got != want {
					t.Fatalf("after undo %d: %q, want %q", i+1, got, want)
				}
			}
			if e.CanUndo() {
				t.Errorf("more undo steps than expected")
			}
			for range tt.after {
				e.Redo()
			}
			if got := e.Text(); got != final {
				t.Errorf("redo all: %q, want %q", got, final)
			}
		})
	}
}

func TestAPIContract(t *testing.T) {
	e, _ := newTestEditor(t, "", 700, 400)
	calls := 0
	e.SetOnChanged(func() { calls++ })
	e.SetText("Hello world")
	if calls != 0 {
		t.Errorf("SetText called OnChanged %d times", calls)
	}
	if e.Object() != fyne.CanvasObject(e) {
		t.Errorf("Object is not the editor")
	}
	e.ReplaceRange(6, 11, "there\nfriend")
	if got := e.Text(); got != "Hello there\nfriend" {
		t.Errorf("ReplaceRange: %q", got)
	}
	if s, end := e.Selection(); s != 18 || end != 18 {
		t.Errorf("caret after ReplaceRange [%d,%d), want 18", s, end)
	}
	if calls != 1 {
		t.Errorf("ReplaceRange: OnChanged called %d times, want 1", calls)
	}
	test.Type(e, "!")
	if calls != 2 {
		t.Errorf("typing: OnChanged called %d times, want 2", calls)
	}
	e.SetText("fresh")
	if e.CanUndo() {
		t.Errorf("SetText kept undo history")
	}
	if s, end := e.Selection(); s != 0 || end != 0 {
		t.Errorf("SetText left selection [%d,%d)", s, end)
	}
	e.Select(4, 1)
	if s, end := e.Selection(); s != 1 || end != 4 || e.Caret() != 1 {
		t.Errorf("Select(4,1) = [%d,%d) caret %d", s, end, e.Caret())
	}
	e.Select(-5, 99)
	if s, end := e.Selection(); s != 0 || end != 5 {
		t.Errorf("Select clamps: [%d,%d)", s, end)
	}
}

func TestMouseSelection(t *testing.T) {
	e, win := newTestEditor(t, "alpha beta gamma\nsecond paragraph here", 700, 400)
	clock := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	e.now = func() time.Time { return clock }
	pad := e.padding()
	l, _ := e.ensureLayout(0)
	lineH := l.lineH
	at := func(col int, line int) fyne.Position {
		return fyne.NewPos(pad+l.xs[col]+1, pad+float32(line)*lineH+lineH/2)
	}

	test.TapAt(e, at(6, 0))
	if e.Caret() != 6 {
		t.Errorf("tap: caret %d, want 6", e.Caret())
	}
	if win.Canvas().Focused() != e {
		t.Errorf("tap did not focus the editor")
	}

	// test.Drag ends at the given point, having started dragX/Y before it.
	from, to := at(0, 0), at(11, 0)
	test.Drag(win.Canvas(), to, to.X-from.X, 0)
	if s, end := e.Selection(); s != 0 || end != 11 {
		t.Errorf("drag selection [%d,%d), want [0,11)", s, end)
	}

	e.DoubleTapped(&fyne.PointEvent{Position: at(8, 0)})
	if s, end := e.Selection(); s != 6 || end != 10 {
		t.Errorf("double tap selected [%d,%d) %q, want beta [6,10)", s, end, e.SelectedText())
	}
	clock = clock.Add(100 * time.Millisecond)
	e.MouseDown(desktopMouse{Position: at(8, 0)}.event())
	if got := e.SelectedText(); got != "alpha beta gamma" {
		t.Errorf("triple click selected %q, want the paragraph", got)
	}
	clock = clock.Add(5 * time.Second)
	e.MouseDown(desktopMouse{Position: at(3, 0)}.event())
	if s, end := e.Selection(); s != 3 || end != 3 {
		t.Errorf("a later click selected [%d,%d), want caret at 3", s, end)
	}
}

func TestScrollWheel(t *testing.T) {
	e, win := newTestEditor(t, prose(3000), 700, 400)
	test.Scroll(win.Canvas(), fyne.NewPos(100, 100), 0, -250)
	if e.ScrollOffset() != 250 {
		t.Errorf("scroll offset %.0f, want 250", e.ScrollOffset())
	}
	if e.Caret() != 0 {
		t.Errorf("wheel moved the caret to %d", e.Caret())
	}
	test.Scroll(win.Canvas(), fyne.NewPos(100, 100), 0, 1000)
	if e.ScrollOffset() != 0 {
		t.Errorf("scroll past top: offset %.0f", e.ScrollOffset())
	}
}

func TestTabMovesFocusOut(t *testing.T) {
	test.NewTempApp(t)
	e := New()
	other := widget.NewEntry()
	win := test.NewTempWindow(t, container.NewVBox(e, other))
	win.Canvas().Focus(e)
	if e.AcceptsTab() {
		t.Fatal("editor accepts Tab")
	}
	test.FocusNext(win.Canvas())
	if win.Canvas().Focused() != other {
		t.Errorf("focus after Tab = %T, want the next entry", win.Canvas().Focused())
	}
	if e.focused {
		t.Errorf("editor still thinks it has focus")
	}
}

func TestWrapOnResize(t *testing.T) {
	e, win := newTestEditor(t, long+"\nshort", 700, 400)
	wide, _ := e.ensureLayout(0)
	wideLines := len(wide.starts)
	win.Resize(fyne.NewSize(300, 400))
	narrow, _ := e.ensureLayout(0)
	if len(narrow.starts) <= wideLines {
		t.Errorf("lines at 300 px = %d, at 700 px = %d: want more when narrower", len(narrow.starts), wideLines)
	}
	for li := range narrow.starts {
		end := narrow.lineEnd(li, len(e.paras[0].text))
		if w := narrow.xs[max(end-1, narrow.starts[li])]; w > e.wrapW {
			t.Errorf("line %d is %.0f px wide, wrap width %.0f", li, w, e.wrapW)
		}
	}
	// Every visible text object fits the new width.
	for _, o := range test.WidgetRenderer(e).Objects() {
		if txt, ok := o.(*canvas.Text); ok && o.Position().X+o.MinSize().Width > 300+1 {
			t.Errorf("text %q ends at %.0f, beyond 300", txt.Text, o.Position().X+o.MinSize().Width)
		}
	}
}

func TestContextMenu(t *testing.T) {
	e, win := newTestEditor(t, "alpha beta", 700, 400)
	e.Select(0, 5)
	test.TapSecondary(e)
	if win.Canvas().Overlays().Top() == nil {
		t.Fatal("right click showed no menu")
	}
	items := e.contextMenu().Items
	items[0].Action() // Cut
	if got := e.Text(); got != " beta" {
		t.Errorf("menu Cut left %q", got)
	}
	e.Select(5, 5)
	items[2].Action() // Paste
	if got := e.Text(); got != " betaalpha" {
		t.Errorf("menu Paste gave %q", got)
	}
	items[3].Action() // Select all
	if s, end := e.Selection(); s != 0 || end != 10 {
		t.Errorf("menu Select all: [%d,%d)", s, end)
	}
}

// Dragging the scroll bar scrolls the view and leaves the caret alone.
func TestScrollBarDrag(t *testing.T) {
	e, win := newTestEditor(t, prose(5000), 700, 400)
	x := float32(700 - 4)
	e.MouseDown(desktopMouse{Position: fyne.NewPos(x, 20)}.event())
	test.Drag(win.Canvas(), fyne.NewPos(x, 120), 0, 100)
	if e.Caret() != 0 || e.SelectedText() != "" {
		t.Errorf("scroll bar drag moved the caret to %d / selected %q", e.Caret(), e.SelectedText())
	}
	track := e.viewHeight() - e.thumbHeight()
	want := 100 * (e.TotalHeight() - e.viewHeight()) / track
	if d := e.ScrollOffset() - want; d > want/10 || d < -want/10 {
		t.Errorf("dragging the thumb 100 px scrolled %.0f px, want about %.0f", e.ScrollOffset(), want)
	}
}

func TestWordDeletionAndShiftClick(t *testing.T) {
	e, _ := newTestEditor(t, "alpha beta gamma", 700, 400)
	e.Select(10, 10)
	ctrl(e, fyne.KeyBackspace)
	if got := e.Text(); got != "alpha  gamma" {
		t.Errorf("Ctrl+Backspace: %q", got)
	}
	ctrl(e, fyne.KeyDelete)
	if got := e.Text(); got != "alpha " {
		t.Errorf("Ctrl+Delete: %q", got)
	}
	e.Undo()
	e.Undo()
	if got := e.Text(); got != "alpha beta gamma" {
		t.Errorf("undo word deletions: %q", got)
	}

	pad := e.padding()
	l, _ := e.ensureLayout(0)
	y := pad + l.lineH/2
	e.Select(2, 2)
	ev := desktopMouse{Position: fyne.NewPos(pad+l.xs[8]+1, y)}.event()
	ev.Modifier = fyne.KeyModifierShift
	e.MouseDown(ev)
	if s, end := e.Selection(); s != 2 || end != 8 {
		t.Errorf("shift+click selected [%d,%d), want [2,8)", s, end)
	}
}

// The window may drive the editor before it is shown or when squeezed to
// almost nothing; editing must still work.
func TestUnsizedAndTinyEditor(t *testing.T) {
	test.NewTempApp(t)
	e := New()
	e.SetText("alpha beta\ngamma")
	e.Select(6, 10)
	e.ReplaceRange(6, 10, "BETA")
	key(e, fyne.KeyDown)
	key(e, fyne.KeyPageDown)
	e.Undo()
	if got := e.Text(); got != "alpha beta\ngamma" {
		t.Errorf("unsized editor: %q", got)
	}

	win := test.NewTempWindow(t, e)
	win.Resize(fyne.NewSize(30, 60))
	e.Select(0, 0)
	test.Type(e, "新e\u0301x")
	for range 30 {
		key(e, fyne.KeyDown)
	}
	if e.Caret() != e.Len() {
		t.Errorf("Down x30 at 30 px wide stopped at %d of %d", e.Caret(), e.Len())
	}
	l, _ := e.ensureLayout(0)
	if len(l.starts) < 4 {
		t.Errorf("at 30 px the first paragraph has %d lines", len(l.starts))
	}
}
