package bodyedit

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// CreateRenderer is part of fyne.Widget.
func (e *Editor) CreateRenderer() fyne.WidgetRenderer {
	r := &renderer{
		e:     e,
		bg:    canvas.NewRectangle(color.Transparent),
		caret: canvas.NewRectangle(color.Transparent),
		bar:   canvas.NewRectangle(color.Transparent),
	}
	return r
}

// MinSize is a few lines high: the window decides the real size.
func (e *Editor) MinSize() fyne.Size {
	e.ExtendBaseWidget(e)
	return e.BaseWidget.MinSize()
}

func (e *Editor) padding() float32 {
	return e.Theme().Size(theme.SizeNameInnerPadding)
}

func (e *Editor) viewHeight() float32 {
	return max(e.viewSize.Height-2*e.padding(), 1)
}

// renderer draws only the wrapped lines inside the viewport. Its canvas
// objects are pooled and reused frame to frame, so a 50,000-word story
// costs the same few dozen objects as a short one.
type renderer struct {
	e     *Editor
	bg    *canvas.Rectangle
	caret *canvas.Rectangle
	bar   *canvas.Rectangle
	texts []*canvas.Text
	sels  []*canvas.Rectangle
	// squiggles are the pooled underlines of marks (marks.go).
	squiggles []*canvas.Rectangle
	objs      []fyne.CanvasObject
}

func (r *renderer) Destroy() {}

func (r *renderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *renderer) MinSize() fyne.Size {
	e := r.e
	e.refreshMetrics()
	pad := e.padding()
	return fyne.NewSize(10*e.m.avgWidth+2*pad, 3*e.m.lineHeight(e.m.text)+2*pad)
}

func (r *renderer) Layout(size fyne.Size) {
	r.e.viewSize = size
	r.update()
}

func (r *renderer) Refresh() {
	r.update()
}

// refreshMetrics picks up a new theme or text size: every layout depends on
// them, so all are dropped and re-estimated.
func (e *Editor) refreshMetrics() {
	th := e.Theme()
	if e.m != nil && e.m.same(th) {
		return
	}
	e.m = newMetrics(th)
	e.invalidateAll()
}

func (e *Editor) invalidateAll() {
	for _, p := range e.paras {
		p.lay, p.old = nil, nil
	}
	e.fenDirty = true
}

// setWrapWidth re-wraps for a new width, keeping the paragraph at the top
// of the view where it was.
func (e *Editor) setWrapWidth(w float32) {
	if w == e.wrapW {
		return
	}
	e.syncFenwick()
	top := e.hts.find(float64(e.scrollY))
	frac := float32(0)
	if h := e.paras[top].h; h > 0 {
		frac = (e.scrollY - float32(e.hts.prefix(top))) / h
	}
	e.wrapW = w
	e.invalidateAll()
	e.syncFenwick()
	e.ensureLayout(top)
	e.scrollY = float32(e.hts.prefix(top)) + frac*e.paras[top].h
}

// scrollToCaret moves the view the least needed to show the caret line.
func (e *Editor) scrollToCaret() {
	p, l, li, _ := e.caretGeom(e.caret)
	y := float32(e.hts.prefix(p)) + float32(li)*l.lineH
	vh := e.viewHeight()
	if y < e.scrollY {
		e.scrollY = y
	} else if y+l.lineH > e.scrollY+vh {
		e.scrollY = y + l.lineH - vh
	}
}

// layoutVisible lays out the paragraphs in and around the viewport. A
// paragraph wholly above the view that changes height from its estimate
// shifts the scroll offset by the same amount, so the visible text does not
// jump. It reports whether any height changed.
func (e *Editor) layoutVisible() bool {
	vh := e.viewHeight()
	e.syncFenwick()
	changed := false
	p := e.hts.find(float64(max(e.scrollY-vh/2, 0)))
	for ; p < len(e.paras); p++ {
		y0 := float32(e.hts.prefix(p))
		if y0 > e.scrollY+vh*1.5 {
			break
		}
		old := e.paras[p].h
		if _, d := e.ensureLayout(p); d != 0 {
			changed = true
			if y0+old <= e.scrollY {
				e.scrollY += d
			}
		}
	}
	return changed
}

func (e *Editor) clampScroll() {
	total := float32(e.hts.prefix(len(e.paras)))
	e.scrollY = max(min(e.scrollY, total-e.viewHeight()), 0)
}

// TotalHeight is the height of the whole document in pixels, partly
// estimated for paragraphs that have not been shown yet.
func (e *Editor) TotalHeight() float32 {
	e.syncFenwick()
	return float32(e.hts.prefix(len(e.paras)))
}

// ScrollOffset is how far the view is scrolled down, in pixels.
func (e *Editor) ScrollOffset() float32 { return e.scrollY }

func (r *renderer) update() {
	e := r.e
	size := e.viewSize
	th := e.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	e.refreshMetrics()
	pad := th.Size(theme.SizeNameInnerPadding)
	barW := th.Size(theme.SizeNameScrollBarSmall) * 2
	if size.Width > 0 {
		e.setWrapWidth(max(size.Width-2*pad-barW, 10))
	}
	e.syncFenwick()

	// Layout refines estimated heights, which can move the caret line; two
	// rounds settle it because the second finds everything laid out.
	for i := 0; i < 3; i++ {
		if e.wantCaret && size.Height > 0 {
			e.scrollToCaret()
		}
		e.clampScroll()
		if !e.layoutVisible() {
			break
		}
	}
	e.wantCaret = false
	e.clampScroll()

	r.bg.FillColor = th.Color(theme.ColorNameInputBackground, v)
	r.bg.CornerRadius = th.Size(theme.SizeNameInputRadius)
	r.bg.StrokeWidth = th.Size(theme.SizeNameInputBorder)
	if e.focused {
		r.bg.StrokeColor = th.Color(theme.ColorNamePrimary, v)
	} else {
		r.bg.StrokeColor = th.Color(theme.ColorNameInputBorder, v)
	}
	r.bg.Resize(size)
	r.bg.Refresh()

	fg := th.Color(theme.ColorNameForeground, v)
	dim := th.Color(theme.ColorNamePlaceHolder, v)
	selColor := th.Color(theme.ColorNameSelection, v)

	r.objs = append(r.objs[:0], r.bg)
	nt, ns, nm := 0, 0, 0
	markColor := squiggleColor(th, v)
	vh := e.viewHeight()
	selS, selE := e.Selection()
	caretX, caretY, caretH := float32(-1), float32(0), float32(0)

	if size.Height > 0 && len(e.paras) > 0 {
		p := e.hts.find(float64(e.scrollY))
		py := float32(e.hts.prefix(p))
		base := e.offset(p, 0)
		for ; p < len(e.paras) && py < e.scrollY+vh; p++ {
			pa := e.paras[p]
			l, _ := e.ensureLayout(p)
			n := len(pa.text)
			for li, s := range l.starts {
				ly := py + float32(li)*l.lineH
				if ly+l.lineH <= e.scrollY {
					continue
				}
				if ly >= e.scrollY+vh {
					break
				}
				end := l.lineEnd(li, n)
				top := pad + ly - e.scrollY
				lineW := l.widths[li]
				if sel := r.selectionRect(l, li, base, selS, selE, lineW); sel.Width > 0 {
					rect := r.sel(ns)
					ns++
					rect.FillColor = selColor
					rect.Move(fyne.NewPos(pad+sel.X, top))
					rect.Resize(fyne.NewSize(sel.Width, l.lineH))
					r.objs = append(r.objs, rect)
				}
				for a := s; a < end; {
					b := a + 1
					for b < end && l.styles[b] == l.styles[a] {
						b++
					}
					if !allSpace(pa.text[a:b]) {
						st := l.styles[a]
						c := fg
						if st&stDim != 0 {
							c = dim
						}
						t := r.text(nt)
						nt++
						r.setText(t, string(pa.text[a:b]), textStyle(st, l.level), l.size, c)
						t.Move(fyne.NewPos(pad+l.xs[a], top+e.m.lineSpacing/2))
						// The layout already knows the run's width; asking the
						// text object would shape it a second time.
						w := lineW - l.xs[a]
						if b < end {
							w = l.xs[b] - l.xs[a]
						}
						t.Resize(fyne.NewSize(w, l.lineH-e.m.lineSpacing))
						r.objs = append(r.objs, t)
					}
					a = b
				}
				r.drawMarks(l, li, base, base+s, base+end, lineW, pad, top+l.lineH, markColor, &nm)
				if e.caret >= base+s && (e.caret < base+end || (e.caret == base+end && li == len(l.starts)-1)) {
					caretX, caretY, caretH = pad+l.xs[e.caret-base], top, l.lineH
				}
			}
			py += pa.h
			base += n + 1
		}
	}
	// Canvas objects may be reused for other text next frame; those beyond
	// the count stay pooled but are no longer in Objects.

	if e.focused && caretX >= 0 {
		r.caret.FillColor = th.Color(theme.ColorNamePrimary, v)
		r.caret.Move(fyne.NewPos(caretX, caretY))
		r.caret.Resize(fyne.NewSize(max(th.Size(theme.SizeNameInputBorder), 2), caretH))
		r.caret.Refresh()
		r.objs = append(r.objs, r.caret)
	}

	total := float32(e.hts.prefix(len(e.paras)))
	if total > vh && size.Height > 0 {
		barH := e.thumbHeight()
		y := pad + (vh-barH)*e.scrollY/(total-vh)
		r.bar.FillColor = th.Color(theme.ColorNameScrollBar, v)
		r.bar.CornerRadius = barW / 4
		r.bar.Move(fyne.NewPos(size.Width-barW, y))
		r.bar.Resize(fyne.NewSize(barW/2, barH))
		r.bar.Refresh()
		r.objs = append(r.objs, r.bar)
	}
}

// thumbHeight is the scroll bar thumb's height: the visible share of the
// document, but never too small to grab.
func (e *Editor) thumbHeight() float32 {
	vh := e.viewHeight()
	total := max(e.TotalHeight(), vh)
	return max(vh*vh/total, 20)
}

// lineSpan is a horizontal extent within a line.
type lineSpan struct{ X, Width float32 }

// selectionRect is the part of wrapped line li (of the paragraph starting
// at rune base) covered by the selection [selS, selE). When the selection
// runs past the paragraph's end, its newline shows as a little extra width
// on the last line, as in most editors.
func (r *renderer) selectionRect(l *layout, li, base, selS, selE int, lineW float32) lineSpan {
	n := len(l.xs) - 1
	ls, le := base+l.starts[li], base+l.lineEnd(li, n)
	last := li == len(l.starts)-1
	if selS >= selE || selE <= ls || selS > le || (selS == le && !last) {
		return lineSpan{}
	}
	x0 := float32(0)
	if selS > ls {
		x0 = l.xs[selS-base]
	}
	var x1 float32
	switch {
	case selE < le:
		x1 = l.xs[selE-base]
	case !last:
		x1 = lineW
	case selE == le:
		x1 = l.xs[n]
	default:
		x1 = lineW + r.e.m.avgWidth
	}
	return lineSpan{x0, x1 - x0}
}

func allSpace(rs []rune) bool {
	for _, r := range rs {
		if r != ' ' && r != '\t' {
			return false
		}
	}
	return true
}

func (r *renderer) text(i int) *canvas.Text {
	if i < len(r.texts) {
		return r.texts[i]
	}
	t := canvas.NewText("", color.Black)
	r.texts = append(r.texts, t)
	return t
}

func (r *renderer) sel(i int) *canvas.Rectangle { return pooledRect(&r.sels, i) }

// pooledRect returns the i-th rectangle of a pool, growing it as needed.
func pooledRect(pool *[]*canvas.Rectangle, i int) *canvas.Rectangle {
	if i < len(*pool) {
		return (*pool)[i]
	}
	s := canvas.NewRectangle(color.Transparent)
	*pool = append(*pool, s)
	return s
}

// setText updates a pooled text object and refreshes it only if it
// changed, so an unchanged line costs no texture work in the GL painter.
func (r *renderer) setText(t *canvas.Text, s string, st fyne.TextStyle, size float32, c color.Color) {
	if t.Text == s && t.TextStyle == st && t.TextSize == size && t.Color == c {
		return
	}
	t.Text, t.TextStyle, t.TextSize, t.Color = s, st, size, c
	t.Refresh()
}
