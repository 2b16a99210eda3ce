package bodyedit

import (
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/driver/mobile"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Interfaces the window and the drivers look for.
var (
	_ fyne.Focusable         = (*Editor)(nil)
	_ fyne.Shortcutable      = (*Editor)(nil)
	_ fyne.Tabbable          = (*Editor)(nil)
	_ fyne.Tappable          = (*Editor)(nil)
	_ fyne.DoubleTappable    = (*Editor)(nil)
	_ fyne.SecondaryTappable = (*Editor)(nil)
	_ fyne.Draggable         = (*Editor)(nil)
	_ fyne.Scrollable        = (*Editor)(nil)
	_ desktop.Keyable        = (*Editor)(nil)
	_ desktop.Mouseable      = (*Editor)(nil)
	_ desktop.Cursorable     = (*Editor)(nil)
	_ mobile.Keyboardable    = (*Editor)(nil)
	_ fyne.Widget            = (*Editor)(nil)
	_ fyne.CanvasObject      = (*Editor)(nil)
	_ interface{ Undo() }    = (*Editor)(nil)
	_ interface{ Redo() }    = (*Editor)(nil)
	_ interface{ Focus() }   = (*Editor)(nil)
)

// AcceptsTab is false so Tab moves focus out, like a form field; Markdown
// prose has no use for literal tabs.
func (e *Editor) AcceptsTab() bool { return false }

// Cursor shows the text I-beam over the editor.
func (e *Editor) Cursor() desktop.Cursor { return desktop.TextCursor }

// Keyboard asks mobile platforms for the ordinary text keyboard.
func (e *Editor) Keyboard() mobile.KeyboardType { return mobile.DefaultKeyboard }

// FocusGained shows the caret.
func (e *Editor) FocusGained() {
	e.focused = true
	e.Refresh()
}

// FocusLost hides the caret and forgets Shift, whose release the editor
// will not see.
func (e *Editor) FocusLost() {
	e.focused = false
	e.shift = false
	e.Refresh()
}

// KeyDown tracks Shift, which extends the selection on movement keys.
func (e *Editor) KeyDown(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		e.shift = true
	}
}

// KeyUp tracks Shift.
func (e *Editor) KeyUp(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		e.shift = false
	}
}

// TypedRune inserts r in place of the selection.
func (e *Editor) TypedRune(r rune) {
	if r == '\r' {
		r = '\n'
	}
	if unicode.IsControl(r) && r != '\n' && r != '\t' {
		return
	}
	s, end := e.Selection()
	e.edit(s, end, []rune{r}, kindType)
}

// TypedKey handles editing and movement keys.
func (e *Editor) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		e.newline()
	case fyne.KeyBackspace:
		e.deleteBack(false)
	case fyne.KeyDelete:
		e.deleteForward(false)
	case fyne.KeyLeft:
		e.horizontal(-1)
	case fyne.KeyRight:
		e.horizontal(1)
	case fyne.KeyUp:
		e.moveTo(e.lineMove(-1), e.shift, true)
	case fyne.KeyDown:
		e.moveTo(e.lineMove(1), e.shift, true)
	case fyne.KeyPageUp:
		e.page(-1)
	case fyne.KeyPageDown:
		e.page(1)
	case fyne.KeyHome:
		e.moveTo(e.lineHome(), e.shift, false)
	case fyne.KeyEnd:
		e.moveTo(e.lineEnd(), e.shift, false)
	case fyne.KeyF7:
		// The desktop driver makes shortcuts only of modified keys, so a
		// bare F7 (next misspelling, as in word processors) arrives here.
		e.SelectNextMark()
	}
}

// TypedShortcut handles clipboard, undo and the Ctrl-modified movement keys
// (the desktop driver delivers those as desktop.CustomShortcut, not TypedKey).
func (e *Editor) TypedShortcut(s fyne.Shortcut) {
	switch s := s.(type) {
	case *fyne.ShortcutCopy:
		e.copySelection(clipboard(s.Clipboard))
	case *fyne.ShortcutCut:
		e.cut(clipboard(s.Clipboard))
	case *fyne.ShortcutPaste:
		e.paste(clipboard(s.Clipboard))
	case *fyne.ShortcutSelectAll:
		e.anchor, e.caret = 0, e.Len()
		e.moved()
	case *fyne.ShortcutUndo:
		e.Undo()
	case *fyne.ShortcutRedo:
		e.Redo()
	case *desktop.CustomShortcut:
		e.customShortcut(s)
	}
}

func (e *Editor) customShortcut(s *desktop.CustomShortcut) {
	ctrl := s.Modifier&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0
	shift := s.Modifier&fyne.KeyModifierShift != 0 || e.shift
	if !ctrl {
		return
	}
	switch s.KeyName {
	case fyne.KeyLeft:
		e.moveTo(e.wordLeft(e.caret), shift, false)
	case fyne.KeyRight:
		e.moveTo(e.wordRight(e.caret), shift, false)
	case fyne.KeyUp:
		e.moveTo(e.paraUp(), shift, false)
	case fyne.KeyDown:
		e.moveTo(e.paraDown(), shift, false)
	case fyne.KeyHome:
		e.moveTo(0, shift, false)
	case fyne.KeyEnd:
		e.moveTo(e.Len(), shift, false)
	case fyne.KeyBackspace:
		e.deleteBack(true)
	case fyne.KeyDelete:
		e.deleteForward(true)
	case fyne.KeyZ:
		if s.Modifier&fyne.KeyModifierShift != 0 {
			e.Redo()
		}
	}
}

func clipboard(c fyne.Clipboard) fyne.Clipboard {
	if c != nil {
		return c
	}
	return fyne.CurrentApp().Clipboard()
}

func (e *Editor) selectedText() string {
	s, end := e.Selection()
	if s == end {
		return ""
	}
	p0, c0 := e.locate(s)
	p1, c1 := e.locate(end)
	if p0 == p1 {
		return string(e.paras[p0].text[c0:c1])
	}
	var out []rune
	out = append(out, e.paras[p0].text[c0:]...)
	for p := p0 + 1; p <= p1; p++ {
		out = append(out, '\n')
		if p == p1 {
			out = append(out, e.paras[p].text[:c1]...)
		} else {
			out = append(out, e.paras[p].text...)
		}
	}
	return string(out)
}

// SelectedText returns the selected source text.
func (e *Editor) SelectedText() string { return e.selectedText() }

func (e *Editor) copySelection(c fyne.Clipboard) {
	if t := e.selectedText(); t != "" {
		c.SetContent(t)
	}
}

func (e *Editor) cut(c fyne.Clipboard) {
	s, end := e.Selection()
	if s == end {
		return
	}
	c.SetContent(e.selectedText())
	e.edit(s, end, nil, kindOther)
}

func (e *Editor) paste(c fyne.Clipboard) {
	t := c.Content()
	if t == "" {
		return
	}
	s, end := e.Selection()
	e.edit(s, end, []rune(normalizeNewlines(t)), kindOther)
}

func (e *Editor) deleteBack(word bool) {
	s, end := e.Selection()
	if s != end {
		e.edit(s, end, nil, kindOther)
		return
	}
	if s == 0 {
		return
	}
	var from int
	if word {
		from = e.wordLeft(s)
	} else {
		p, col := e.locate(s)
		if col == 0 {
			from = s - 1
		} else {
			l, _ := e.ensureLayout(p)
			from = e.offset(p, l.prevBoundary(col))
		}
	}
	e.edit(from, s, nil, kindBackspace)
}

func (e *Editor) deleteForward(word bool) {
	s, end := e.Selection()
	if s != end {
		e.edit(s, end, nil, kindOther)
		return
	}
	if s >= e.Len() {
		return
	}
	var to int
	if word {
		to = e.wordRight(s)
	} else {
		p, col := e.locate(s)
		if col == len(e.paras[p].text) {
			to = s + 1
		} else {
			l, _ := e.ensureLayout(p)
			to = e.offset(p, l.nextBoundary(col, len(e.paras[p].text)))
		}
	}
	e.edit(s, to, nil, kindDelete)
}

// moveTo puts the caret at off, extending the selection if extend. vertical
// keeps the remembered x for the next Up/Down.
func (e *Editor) moveTo(off int, extend, vertical bool) {
	e.caret = off
	if !extend {
		e.anchor = off
	}
	if !vertical {
		e.goalValid = false
	}
	e.moved()
}

func (e *Editor) horizontal(dir int) {
	s, end := e.Selection()
	if s != end && !e.shift {
		if dir < 0 {
			e.moveTo(s, false, false)
		} else {
			e.moveTo(end, false, false)
		}
		return
	}
	p, col := e.locate(e.caret)
	off := e.caret
	switch {
	case dir < 0 && col == 0:
		off = max(off-1, 0)
	case dir < 0:
		l, _ := e.ensureLayout(p)
		off = e.offset(p, l.prevBoundary(col))
	case col == len(e.paras[p].text):
		off = min(off+1, e.Len())
	default:
		l, _ := e.ensureLayout(p)
		off = e.offset(p, l.nextBoundary(col, len(e.paras[p].text)))
	}
	e.moveTo(off, e.shift, false)
}

// caretGeom returns the caret's paragraph layout, line and x.
func (e *Editor) caretGeom(off int) (p int, l *layout, li int, x float32) {
	p, col := e.locate(off)
	l, _ = e.ensureLayout(p)
	li = l.lineOf(col)
	return p, l, li, l.xs[col]
}

func (e *Editor) lineMove(dir int) int {
	p, l, li, x := e.caretGeom(e.caret)
	if e.goalValid {
		x = e.goalX
	}
	e.goalX, e.goalValid = x, true
	if dir < 0 {
		switch {
		case li > 0:
			li--
		case p > 0:
			p--
			l, _ = e.ensureLayout(p)
			li = len(l.starts) - 1
		default:
			return 0
		}
	} else {
		switch {
		case li < len(l.starts)-1:
			li++
		case p < len(e.paras)-1:
			p++
			l, _ = e.ensureLayout(p)
			li = 0
		default:
			return e.Len()
		}
	}
	return e.offset(p, l.colAt(li, len(e.paras[p].text), x))
}

func (e *Editor) page(dir int) {
	p, l, li, x := e.caretGeom(e.caret)
	if e.goalValid {
		x = e.goalX
	}
	e.goalX, e.goalValid = x, true
	h := e.pageHeight()
	y := float32(e.hts.prefix(p)) + float32(li)*l.lineH + l.lineH/2 + float32(dir)*h
	e.scrollY += float32(dir) * h
	var off int
	switch {
	case y < 0:
		off = 0
	case y >= float32(e.hts.prefix(len(e.paras))):
		off = e.Len()
	default:
		off = e.hitDoc(x, y)
	}
	e.moveTo(off, e.shift, true)
}

// pageHeight is the viewport height less one line of overlap, so a page
// move keeps a line of context.
func (e *Editor) pageHeight() float32 {
	h := e.viewHeight()
	if e.m != nil {
		h -= e.m.lineHeight(e.m.text)
	}
	return max(h, 1)
}

// hitDoc maps a point in document coordinates to a rune offset.
func (e *Editor) hitDoc(x, y float32) int {
	e.syncFenwick()
	if y < 0 {
		return 0
	}
	p := e.hts.find(float64(y))
	l, _ := e.ensureLayout(p)
	top := float32(e.hts.prefix(p))
	li := clamp(int((y-top)/l.lineH), 0, len(l.starts)-1)
	return e.offset(p, l.colAt(li, len(e.paras[p].text), x))
}

// hitView maps a point in widget coordinates to a rune offset.
func (e *Editor) hitView(pos fyne.Position) int {
	pad := e.padding()
	return e.hitDoc(pos.X-pad, pos.Y-pad+e.scrollY)
}

func (e *Editor) lineHome() int {
	p, l, li, _ := e.caretGeom(e.caret)
	return e.offset(p, l.starts[li])
}

func (e *Editor) lineEnd() int {
	p, l, li, _ := e.caretGeom(e.caret)
	n := len(e.paras[p].text)
	end := l.lineEnd(li, n)
	if li+1 < len(l.starts) {
		end = max(l.prevBoundary(end), l.starts[li])
	}
	return e.offset(p, end)
}

func (e *Editor) paraUp() int {
	p, col := e.locate(e.caret)
	if col == 0 && p > 0 {
		p--
	}
	return e.offset(p, 0)
}

func (e *Editor) paraDown() int {
	p, _ := e.locate(e.caret)
	if p+1 < len(e.paras) {
		return e.offset(p+1, 0)
	}
	return e.Len()
}

// isWordAt treats letters, digits and marks as word characters, and an
// apostrophe between two of them too, so "don't" is one word.
func isWordAt(t []rune, i int) bool {
	r := t[i]
	if isWordRune(r) {
		return true
	}
	return (r == '\'' || r == '’') && i > 0 && i+1 < len(t) && isWordRune(t[i-1]) && isWordRune(t[i+1])
}

// wordRight moves to the end of the next word (GTK and macOS behaviour).
func (e *Editor) wordRight(off int) int {
	p, col := e.locate(off)
	t := e.paras[p].text
	if col == len(t) {
		return min(off+1, e.Len())
	}
	i := col
	for i < len(t) && !isWordAt(t, i) {
		i++
	}
	for i < len(t) && isWordAt(t, i) {
		i++
	}
	return e.snap(e.offset(p, i))
}

// wordLeft moves to the start of the previous word.
func (e *Editor) wordLeft(off int) int {
	p, col := e.locate(off)
	t := e.paras[p].text
	if col == 0 {
		return max(off-1, 0)
	}
	i := col
	for i > 0 && !isWordAt(t, i-1) {
		i--
	}
	for i > 0 && isWordAt(t, i-1) {
		i--
	}
	return e.snap(e.offset(p, i))
}

// wordAt returns the word (or run of spaces, or single grapheme) at off.
func (e *Editor) wordAt(off int) (int, int) {
	p, col := e.locate(off)
	t := e.paras[p].text
	if len(t) == 0 {
		return off, off
	}
	if col == len(t) || (!isWordAt(t, col) && col > 0 && isWordAt(t, col-1)) {
		col--
	}
	s, end := col, col
	switch {
	case isWordAt(t, col):
		for s > 0 && isWordAt(t, s-1) {
			s--
		}
		for end < len(t) && isWordAt(t, end) {
			end++
		}
	case unicode.IsSpace(t[col]):
		for s > 0 && unicode.IsSpace(t[s-1]) {
			s--
		}
		for end < len(t) && unicode.IsSpace(t[end]) {
			end++
		}
	default:
		l, _ := e.ensureLayout(p)
		s = col
		for s > 0 && !l.gb[s] {
			s--
		}
		end = l.nextBoundary(s, len(t))
	}
	base := e.offset(p, 0)
	return base + s, base + end
}

// Tapped places the caret (touch, and tests); on desktop MouseDown has
// already done it.
func (e *Editor) Tapped(ev *fyne.PointEvent) {
	if e.mouseDowned {
		e.mouseDowned = false
		return
	}
	e.Focus()
	off := e.hitView(ev.Position)
	e.moveTo(off, e.shift, false)
}

// TappedSecondary shows the usual Cut/Copy/Paste/Select all menu.
func (e *Editor) TappedSecondary(ev *fyne.PointEvent) {
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	menu := e.contextMenu()
	if items := e.markMenuItems(e.hitView(ev.Position)); len(items) > 0 {
		menu.Items = append(items, menu.Items...)
	}
	widget.ShowPopUpMenuAtPosition(menu, c, ev.AbsolutePosition)
}

func (e *Editor) contextMenu() *fyne.Menu {
	clip := func() fyne.Clipboard { return fyne.CurrentApp().Clipboard() }
	return fyne.NewMenu("",
		fyne.NewMenuItem(lang.L("Cut"), func() { e.cut(clip()) }),
		fyne.NewMenuItem(lang.L("Copy"), func() { e.copySelection(clip()) }),
		fyne.NewMenuItem(lang.L("Paste"), func() { e.paste(clip()) }),
		fyne.NewMenuItem(lang.L("Select all"), func() { e.TypedShortcut(&fyne.ShortcutSelectAll{}) }),
	)
}

// DoubleTapped selects the word under the pointer.
func (e *Editor) DoubleTapped(ev *fyne.PointEvent) {
	e.mouseDowned = false
	e.Focus()
	s, end := e.wordAt(e.hitView(ev.Position))
	e.anchor, e.caret = s, end
	e.lastDouble = e.now()
	e.goalValid = false
	e.moved()
}

// MouseDown places the caret, extends the selection with Shift, and turns
// the third click of a triple click into a paragraph selection.
func (e *Editor) MouseDown(ev *desktop.MouseEvent) {
	e.Focus()
	if ev.Button != desktop.MouseButtonPrimary {
		return
	}
	e.mouseDowned = true
	if e.onScrollBar(ev.Position) {
		return // a press on the scroll bar starts a scroll drag, not a selection
	}
	off := e.hitView(ev.Position)
	if !e.lastDouble.IsZero() && e.now().Sub(e.lastDouble) <= doubleTapDelay() {
		e.lastDouble = e.now().Add(-2 * doubleTapDelay())
		p, _ := e.locate(off)
		e.anchor = e.offset(p, 0)
		e.caret = e.anchor + len(e.paras[p].text)
		e.moved()
		return
	}
	e.moveTo(off, e.shift || ev.Modifier&fyne.KeyModifierShift != 0, false)
}

func doubleTapDelay() time.Duration {
	if a := fyne.CurrentApp(); a != nil && a.Driver() != nil {
		return a.Driver().DoubleTapDelay()
	}
	return 300 * time.Millisecond
}

// onScrollBar reports whether pos (widget coordinates) is in the strip at
// the right edge where the scroll bar is drawn; no text is laid out there.
func (e *Editor) onScrollBar(pos fyne.Position) bool {
	if e.TotalHeight() <= e.viewHeight() {
		return false
	}
	th := e.Theme()
	strip := th.Size(theme.SizeNameInnerPadding) + th.Size(theme.SizeNameScrollBarSmall)*2
	return pos.X >= e.viewSize.Width-strip
}

// MouseUp ends a click; dragging is handled by Dragged.
func (e *Editor) MouseUp(*desktop.MouseEvent) {}

// Dragged extends the selection from where the drag started to the pointer.
func (e *Editor) Dragged(ev *fyne.DragEvent) {
	if !e.dragging {
		e.dragging = true
		start := ev.Position.Subtract(ev.Dragged)
		e.barDrag = e.onScrollBar(start)
		if !e.barDrag {
			e.anchor = e.hitView(start)
		}
	}
	if e.barDrag {
		// The thumb moves (view - thumb) pixels over (total - view) of text.
		total, vh := e.TotalHeight(), e.viewHeight()
		if track := vh - e.thumbHeight(); total > vh && track > 0 {
			e.scrollY += ev.Dragged.DY * (total - vh) / track
		}
		e.Refresh()
		return
	}
	e.caret = e.hitView(ev.Position)
	e.goalValid = false
	e.moved()
}

// DragEnd finishes a drag selection.
func (e *Editor) DragEnd() {
	e.dragging = false
	e.barDrag = false
	e.mouseDowned = false
}

// Scrolled scrolls the view by the wheel delta without moving the caret.
func (e *Editor) Scrolled(ev *fyne.ScrollEvent) {
	e.scrollY -= ev.Scrolled.DY
	e.Refresh()
}
