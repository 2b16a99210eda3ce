package app

import "fyne.io/fyne/v2"

// settleLayout lays the window's content out and registers every object
// with its canvas, as the driver does before it draws a frame. Until that
// has happened a widget cannot find its canvas, so a click that arrives
// before the first frame (on a busy machine the first frame can take
// seconds after the window is mapped) reaches the body editor but cannot
// focus it, and the typing that follows goes nowhere. Doing it as soon as
// the content is set means the first click is never lost.
func settleLayout(w fyne.Window) {
	if c, ok := w.Canvas().(interface{ EnsureMinSize() bool }); ok {
		c.EnsureMinSize()
	}
}

// firstShown runs once the first article's preview and the library's first
// page are in the window: the layout is settled again with them and
// Options.Ready is told, on the UI goroutine, after the work already
// queued there.
func (a *App) firstShown() {
	settleLayout(a.win)
	if a.opts.Ready != nil {
		a.ui(a.opts.Ready)
	}
}
