package bodyedit

import (
	"math"
	"sort"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// fontKey identifies one set of glyph metrics.
type fontKey struct {
	size  float32
	style fyne.TextStyle
}

// widthCache remembers grapheme advances: measuring through the shaper costs
// microseconds per call, a map or array hit costs nanoseconds, and a story
// uses a few hundred distinct graphemes.
type widthCache struct {
	ascii [128]float32
	have  [128]bool
	other map[string]float32
}

// metrics are the theme-derived sizes every layout depends on. A new theme
// or text size replaces the whole value, which invalidates every layout.
type metrics struct {
	text, h1, h2, h3 float32 // text sizes
	lineSpacing      float32
	textHeight       map[float32]float32
	widths           map[fontKey]*widthCache
	avgWidth         float32 // of body prose, for height estimates
	fontName         string
	shape            *shaper
}

func newMetrics(th fyne.Theme) *metrics {
	m := &metrics{
		text:        th.Size(theme.SizeNameText),
		h1:          th.Size(theme.SizeNameHeadingText),
		h2:          th.Size(theme.SizeNameSubHeadingText),
		lineSpacing: th.Size(theme.SizeNameLineSpacing),
		textHeight:  map[float32]float32{},
		widths:      map[fontKey]*widthCache{},
		fontName:    fontName(th),
		shape:       newShaper(th),
	}
	m.h3 = m.text * 1.15
	const sample = "the quick brown fox jumps over a lazy dog, said The Times."
	m.avgWidth = fyne.MeasureText(sample, m.text, fyne.TextStyle{}).Width / float32(len(sample))
	return m
}

func (m *metrics) same(th fyne.Theme) bool {
	return m.text == th.Size(theme.SizeNameText) &&
		m.h1 == th.Size(theme.SizeNameHeadingText) &&
		m.h2 == th.Size(theme.SizeNameSubHeadingText) &&
		m.lineSpacing == th.Size(theme.SizeNameLineSpacing) &&
		m.fontName == fontName(th)
}

func fontName(th fyne.Theme) string {
	if r := th.Font(fyne.TextStyle{}); r != nil {
		return r.Name()
	}
	return ""
}

// sizeFor is the text size of a paragraph with the given heading level.
func (m *metrics) sizeFor(level int) float32 {
	switch level {
	case 1:
		return m.h1
	case 2:
		return m.h2
	case 3:
		return m.h3
	}
	return m.text
}

func (m *metrics) lineHeight(size float32) float32 {
	h, ok := m.textHeight[size]
	if !ok {
		h = fyne.MeasureText("Mg", size, fyne.TextStyle{}).Height
		m.textHeight[size] = h
	}
	return h + m.lineSpacing
}

func (m *metrics) width(g []rune, k fontKey) float32 {
	c := m.widths[k]
	if c == nil {
		c = &widthCache{other: map[string]float32{}}
		m.widths[k] = c
	}
	if len(g) == 1 && g[0] < 128 {
		r := g[0]
		if !c.have[r] {
			c.ascii[r] = m.shape.width(g, k.size, k.style)
			c.have[r] = true
		}
		return c.ascii[r]
	}
	s := string(g)
	w, ok := c.other[s]
	if !ok {
		w = m.shape.width(g, k.size, k.style)
		c.other[s] = w
	}
	return w
}

func textStyle(st style, level int) fyne.TextStyle {
	return fyne.TextStyle{
		Bold:      st&stBold != 0 || level > 0,
		Italic:    st&stItalic != 0,
		Monospace: st&stMono != 0,
	}
}

// layout is one paragraph's wrap and highlighting, valid for one wrap width
// and one metrics value.
type layout struct {
	level  int // heading level, 0 for body text
	size   float32
	lineH  float32
	styles []style
	starts []int     // first rune of each wrapped line; starts[0] == 0
	xs     []float32 // x of the boundary before each rune, within its line; len(text)+1
	gb     []bool    // grapheme boundary before each rune; len(text)+1
	widths []float32 // width of each wrapped line, trailing spaces included
}

func (l *layout) height() float32 { return float32(len(l.starts)) * l.lineH }

// lineOf is the wrapped line holding the caret at col. A col on a wrap
// boundary belongs to the line it starts.
func (l *layout) lineOf(col int) int {
	return sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > col }) - 1
}

// lineEnd is the rune after the last one of line li.
func (l *layout) lineEnd(li, n int) int {
	if li+1 < len(l.starts) {
		return l.starts[li+1]
	}
	return n
}

// colAt is the grapheme boundary in line li nearest to x. On a wrapped
// line the boundary at its end is drawn at the start of the next line, so
// the last position reachable here is before the final grapheme (usually
// the space the line broke after).
func (l *layout) colAt(li, n int, x float32) int {
	s, hi := l.starts[li], l.lineEnd(li, n)
	if li+1 < len(l.starts) {
		hi = max(l.prevBoundary(hi), s)
	}
	best, bestD := s, float32(math.MaxFloat32)
	for i := s; i <= hi; i++ {
		if !l.gb[i] {
			continue
		}
		d := l.xs[i] - x
		if d < 0 {
			d = -d
		}
		if d < bestD {
			best, bestD = i, d
		}
		if l.xs[i] > x {
			break
		}
	}
	return best
}

func (l *layout) prevBoundary(col int) int {
	for col--; col > 0 && !l.gb[col]; col-- {
	}
	return max(col, 0)
}

func (l *layout) nextBoundary(col, n int) int {
	for col++; col < n && !l.gb[col]; col++ {
	}
	return min(col, n)
}

// layoutPara wraps text at width. Spaces may hang past the edge, as in
// every word processor, so a line never starts with the space it broke at.
func (e *Editor) layoutPara(text []rune, width float32) *layout {
	m := e.m
	n := len(text)
	l := &layout{xs: make([]float32, n+1), gb: make([]bool, n+1)}
	l.level, l.styles = highlight(text, nil)
	l.size = m.sizeFor(l.level)
	l.lineH = m.lineHeight(l.size)
	l.starts = append(l.starts, 0)
	l.gb[n] = true
	if n == 0 {
		l.widths = []float32{0}
		return l
	}

	if cap(e.gw) < n+1 {
		e.gw = make([]float32, n+1)
		e.brk = make([]bool, n+1)
	}
	gw, brk := e.gw[:n+1], e.brk[:n+1]
	clear(gw)
	clear(brk)

	e.seg.Init(text)
	for it := e.seg.GraphemeIterator(); it.Next(); {
		g := it.Grapheme()
		l.gb[g.Offset] = true
		gw[g.Offset] = m.width(g.Text, fontKey{l.size, textStyle(l.styles[g.Offset], l.level)})
	}
	for it := e.seg.LineIterator(); it.Next(); {
		ln := it.Line()
		a, b := ln.Offset, ln.Offset+len(ln.Text)
		brk[b] = true
		e.kern(text, l, gw, a, b)
	}

	x, ls, lastBrk := float32(0), 0, -1
	for i := 0; i < n; i++ {
		if !l.gb[i] {
			continue
		}
		if i > ls && brk[i] {
			lastBrk = i
		}
		w := gw[i]
		if x+w > width && i > ls && !unicode.IsSpace(text[i]) {
			bp := lastBrk
			if bp <= ls {
				bp = i // a word wider than the line: break between graphemes
			}
			l.starts = append(l.starts, bp)
			ls, lastBrk, x = bp, -1, 0
			for j := bp; j < i; j++ {
				if j > ls && brk[j] && l.gb[j] {
					lastBrk = j
				}
				x += gw[j]
			}
		}
		x += w
	}

	for li := range l.starts {
		s, end := l.starts[li], l.lineEnd(li, n)
		x, gx := float32(0), float32(0)
		for i := s; i < end; i++ {
			if l.gb[i] {
				gx = x
			}
			l.xs[i] = gx
			x += gw[i]
		}
		if li == len(l.starts)-1 {
			l.xs[n] = x
		}
		l.widths = append(l.widths, x)
	}
	return l
}

// kern corrects the grapheme advances of one word (a segment between line
// break opportunities) to the shaped width of the whole word. Summing
// single-glyph advances ignores kerning, which drifts the caret by up to a
// glyph across a line; words are measured once and cached (prose repeats
// them), and the shaper does not kern across the spaces between them.
func (e *Editor) kern(text []rune, l *layout, gw []float32, a, b int) {
	if b-a < 2 {
		return
	}
	st := l.styles[a]
	sum := float32(0)
	for i := a; i < b; i++ {
		if l.styles[i] != st {
			return // runs of different styles are drawn separately anyway
		}
		sum += gw[i]
	}
	if sum <= 0 {
		return
	}
	f := e.m.width(text[a:b], fontKey{l.size, textStyle(st, l.level)}) / sum
	for i := a; i < b; i++ {
		gw[i] *= f
	}
}

// estimateHeight guesses a paragraph's height before it is laid out, from
// its length and the average prose glyph width.
func (e *Editor) estimateHeight(n int, width float32) float32 {
	lines := float32(1)
	if width > 0 && n > 0 {
		lines = float32(math.Ceil(float64(float32(n) * e.m.avgWidth / width)))
	}
	return max(lines, 1) * e.m.lineHeight(e.m.text)
}
