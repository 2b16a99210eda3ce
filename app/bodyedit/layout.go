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

// textStyle maps highlighting to a Fyne text style. Code is plain
// monospace even inside bold or a heading: themes need not provide a bold
// or italic monospace face, and Fyne's measuring panics on a missing one.
func textStyle(st style, level int) fyne.TextStyle {
	if st&stMono != 0 {
		return fyne.TextStyle{Monospace: true}
	}
	return fyne.TextStyle{
		Bold:   st&stBold != 0 || level > 0,
		Italic: st&stItalic != 0,
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
	gw     []float32 // advance of the grapheme starting at each rune, else 0
	brk    []bool    // a line may break before each rune
	m      *metrics  // the metrics and width this layout was made for
	width  float32
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

// layoutPara lays a paragraph out from scratch: highlighting, Unicode
// segmentation, glyph widths and wrapping.
func (e *Editor) layoutPara(text []rune, width float32) *layout {
	l := e.newLayout(text, width)
	l.gb[0] = true
	e.measure(text, l, 0, len(text))
	l.wrap(text, width)
	return l
}

// newLayout highlights text and allocates the per-rune arrays.
func (e *Editor) newLayout(text []rune, width float32) *layout {
	n := len(text)
	l := &layout{
		m:     e.m,
		width: width,
		xs:    make([]float32, n+1),
		gb:    make([]bool, n+1),
		gw:    make([]float32, n+1),
		brk:   make([]bool, n+1),
	}
	l.level, l.styles = highlight(text, nil)
	l.size = e.m.sizeFor(l.level)
	l.lineH = e.m.lineHeight(l.size)
	l.gb[n] = true
	return l
}

// measure segments text[from:to] and measures its graphemes. from and to
// must be boundaries that do not depend on the text around them; the
// attributes at from and to themselves are left as they are.
func (e *Editor) measure(text []rune, l *layout, from, to int) {
	if to <= from {
		return
	}
	e.seg.Init(text[from:to])
	for it := e.seg.GraphemeIterator(); it.Next(); {
		g := it.Grapheme()
		i := from + g.Offset
		if g.Offset > 0 {
			l.gb[i] = true
		}
		l.gw[i] = e.m.width(g.Text, fontKey{l.size, textStyle(l.styles[i], l.level)})
	}
	for it := e.seg.LineIterator(); it.Next(); {
		ln := it.Line()
		a, b := from+ln.Offset, from+ln.Offset+len(ln.Text)
		if b < to {
			l.brk[b] = true
		}
		e.kern(text, l, l.gw, a, b)
	}
}

// relayout updates old, the layout of the paragraph before text[c0:c1] was
// replaced by ins runes, for the new text. Segmenting and measuring are
// most of the cost of a layout, and only a few words around the edit (and
// any runs whose highlighting changed) need them again; the cached widths
// of the rest are spliced across. Wrapping is then redone over the whole
// paragraph, which is a cheap linear pass. It returns nil when the old
// layout cannot be reused.
func (e *Editor) relayout(text []rune, old *layout, c0, c1, ins int, width float32) *layout {
	if old == nil || old.m != e.m || old.width != width {
		return nil
	}
	n := len(text)
	d := ins - (c1 - c0)
	if len(old.xs)-1+d != n {
		return nil
	}
	l := e.newLayout(text, width)
	if l.level != old.level {
		return nil
	}
	lo, hi := c0, c0+ins
	for i := 0; i < c0; i++ {
		if l.styles[i] != old.styles[i] {
			lo = i
			break
		}
	}
	for i := n - 1; i >= c0+ins; i-- {
		if l.styles[i] != old.styles[i-d] {
			hi = i + 1
			break
		}
	}
	// Widen the window to a few break opportunities out: grapheme clusters
	// never cross a space, and line-break rules look only a little way
	// either side. The boundaries are strictly outside the edit so their
	// own attributes are unchanged.
	from, to := safeBefore(text, old, lo-1, 3), safeAfter(text, old, hi+1, 3, d)
	copy(l.gw[:from+1], old.gw)
	copy(l.brk[:from+1], old.brk)
	copy(l.gb[:from+1], old.gb)
	copy(l.gw[to:], old.gw[to-d:])
	copy(l.brk[to:], old.brk[to-d:])
	copy(l.gb[to:], old.gb[to-d:])
	l.gb[0] = true
	if to == n {
		l.gw[n], l.brk[n] = 0, false
	}
	e.measure(text, l, from, to)
	l.wrap(text, width)
	return l
}

// safeBefore walks back from i over k line-break opportunities that follow
// a space (in the old layout, unchanged before the edit), or to 0. Kerning
// is per segment between break opportunities, so the window must start on
// one; a segment can contain spaces ("word , ") so a space alone is not
// enough.
func safeBefore(text []rune, old *layout, i, k int) int {
	for i = min(i, len(text)); i > 0; i-- {
		if text[i-1] == ' ' && old.brk[i] {
			if k--; k == 0 {
				return i
			}
		}
	}
	return 0
}

// safeAfter is safeBefore forward from i, in the new text, reading the old
// layout d runes back.
func safeAfter(text []rune, old *layout, i, k, d int) int {
	for ; i < len(text); i++ {
		if i > 0 && text[i-1] == ' ' && old.brk[i-d] {
			if k--; k == 0 {
				return i
			}
		}
	}
	return len(text)
}

// wrap breaks the paragraph into lines at width and fills xs and widths.
// Spaces may hang past the edge, as in every word processor, so a line
// never starts with the space it broke at.
func (l *layout) wrap(text []rune, width float32) {
	n := len(text)
	gw, brk := l.gw, l.brk
	l.starts = append(l.starts[:0], 0)
	l.widths = l.widths[:0]
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
