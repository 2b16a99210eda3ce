// Package preview draws an article the way the site page shows it: the
// body's Markdown (parsed by goldmark, chunk by chunk, so a keystroke
// re-parses one paragraph) becomes RichText blocks, and View shows them in
// a virtualized column where only the rows on screen exist.
package preview

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"copydesk/editor"
	"copydesk/editor/export"
)

// headerBlocks lays out everything above the body the way the site page
// does: masthead, tagline, section, headline, byline, time, image with
// caption and credit, summary.
func headerBlocks(a *editor.Article, s editor.Settings, now time.Time, imagePath func(src string) string) []Block {
	var out []Block
	add := func(segs ...widget.RichTextSegment) {
		out = append(out, Block{key: hashString(segText(segs)) ^ uint64(len(out)+1)<<56, segs: segs, runes: segRunes(segs)})
	}
	text := func(style widget.RichTextStyle, s string) *widget.TextSegment {
		return &widget.TextSegment{Style: style, Text: s}
	}
	center := func(st widget.RichTextStyle) widget.RichTextStyle { st.Alignment = fyne.TextAlignCenter; return st }

	add(text(center(widget.RichTextStyleHeading), s.Masthead))
	if s.Tagline != "" {
		add(text(center(widget.RichTextStyleBlockquote), s.Tagline), &widget.SeparatorSegment{})
	}
	if a.Section != "" {
		st := widget.RichTextStyleParagraph
		st.ColorName = theme.ColorNamePrimary
		st.TextStyle.Bold = true
		add(text(st, a.Section))
	}
	headline := a.Headline
	if strings.TrimSpace(headline) == "" {
		headline = "Untitled"
	}
	add(text(widget.RichTextStyleHeading, headline))
	if by := editor.JoinByline(a.Byline); by != "" {
		add(text(widget.RichTextStyleStrong, "By "+by))
	}
	when := unpublishedLine(a.Status)
	if notice := editor.EmbargoNotice(a, s, now); notice != "" {
		when = notice
	} else if !a.Published.IsZero() {
		when = RelativeTime(a.Published, now)
	}
	meta := widget.RichTextStyleParagraph
	meta.ColorName = theme.ColorNamePlaceHolder
	add(text(meta, when))
	out = append(out, shareBlock(a, s, 1))
	if !a.Image.IsZero() {
		var segs []widget.RichTextSegment
		p := a.Image.Src
		if imagePath != nil {
			p = imagePath(p)
		}
		if img, ok := imageSegment(p, a.Image.Alt); ok {
			segs = append(segs, img)
		} else {
			st := center(widget.RichTextStyleBlockquote)
			st.ColorName = theme.ColorNamePlaceHolder
			segs = append(segs, text(st, "[Image: "+firstNonEmpty(a.Image.Alt, a.Image.Src)+"]"))
		}
		capStyle := widget.RichTextStyleEmphasis
		if a.Image.Caption != "" {
			segs = append(segs, text(capStyle, a.Image.Caption+" "))
		}
		if a.Image.Credit != "" {
			cr := widget.RichTextStyleInline
			cr.ColorName = theme.ColorNamePlaceHolder
			segs = append(segs, text(cr, "Credit: "+a.Image.Credit))
		}
		add(segs...)
	}
	if a.Summary != "" {
		st := widget.RichTextStyleParagraph
		st.SizeName = theme.SizeNameSubHeadingText
		add(text(st, a.Summary))
	}
	return out
}

// unpublishedLine stands where the site prints the publication time, for
// an article not yet published: where it is in the workflow, so a filed
// story does not read as a reporter's draft.
func unpublishedLine(st editor.Status) string {
	switch st {
	case editor.StatusFiled:
		return "Filed, not yet published"
	case editor.StatusEditing:
		return "Being edited, not yet published"
	case editor.StatusApproved:
		return "Approved, not yet published"
	case editor.StatusSpiked:
		return "Spiked"
	case editor.StatusPublished:
		return "Published"
	}
	return "Draft"
}

// shareBlock is the site page's "Share: Email · X · Facebook · LinkedIn"
// line, with the same links export writes (the page shows it under the
// time and again after the body; n tells the two apart).
func shareBlock(a *editor.Article, s editor.Settings, n uint64) Block {
	label := widget.RichTextStyleInline
	label.ColorName = theme.ColorNamePlaceHolder
	segs := []widget.RichTextSegment{&widget.TextSegment{Style: label, Text: "Share: "}}
	var key strings.Builder
	for i, l := range export.ShareLinks(a.Headline, export.CanonicalURL(a, s)) {
		if i > 0 {
			segs = append(segs, &widget.TextSegment{Style: label, Text: " · "})
		}
		u, err := url.Parse(l.URL)
		if err != nil {
			segs = append(segs, &widget.TextSegment{Style: label, Text: l.Name})
			continue
		}
		segs = append(segs, &widget.HyperlinkSegment{Alignment: fyne.TextAlignLeading, Text: l.Name, URL: u})
		key.WriteString(l.URL)
		key.WriteByte(0)
	}
	// The key covers the links' addresses, not only their names, so a
	// new headline or slug re-renders the row with the new links.
	return Block{key: hashString("share\x00"+key.String()) ^ n<<56, kind: kindShare, segs: segs, runes: segRunes(segs)}
}

// RelativeTime says how long ago t was the way the site does: "just now",
// "5 min ago", "3 hours ago", "3 days ago", then the date.
func RelativeTime(t, now time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d/time.Minute))
	case d < 2*time.Hour:
		return "1 hour ago"
	case d < 24*time.Hour:
		return fmt.Sprintf("%d hours ago", int(d/time.Hour))
	case d < 48*time.Hour:
		return "1 day ago"
	case d < 30*24*time.Hour:
		return fmt.Sprintf("%d days ago", int(d/(24*time.Hour)))
	}
	return t.Format("Jan 2, 2006")
}

func imageSegment(p, title string) (*ImageSegment, bool) {
	if !filepath.IsAbs(p) || !fileExists(p) {
		return nil, false
	}
	return newImageSegment(p, title)
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func segText(segs []widget.RichTextSegment) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteString(s.Textual())
		b.WriteByte('\x1f')
	}
	return b.String()
}

// Renderer is the preview's background half: one renderer, used by
// one render at a time, so each keystroke's parse reuses the last one's blocks.
type Renderer struct {
	mu     sync.Mutex
	r      bodyRenderer
	images editor.ImageSource // nil: library images show as their alt text
	files  map[string]string  // library image src → a file holding it
}

// NewRenderer returns a renderer that reads library images
// ("copydesk-image:…") from images, which may be nil.
func NewRenderer(images editor.ImageSource) *Renderer { return &Renderer{images: images} }

// Blocks renders a as the site page shows it, header to share line.
// Call it off the UI goroutine; calls are serialised.
func (p *Renderer) Blocks(a *editor.Article, s editor.Settings, now time.Time) []Block {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := headerBlocks(a, s, now, p.imagePath)
	header := len(out)
	out = append(out, p.r.render(a.Body, a.Dateline)...)
	if len(out) == header && header > 0 && out[header-1].kind == kindShare {
		// Nothing between the two share lines: one is enough.
		return out
	}
	return append(out, shareBlock(a, s, 2))
}

// imagePath gives the file a featured image can be drawn from: a library
// image is written once to a temporary file named by its hash (the
// RichText image segment loads from a URI); anything else is used as is.
// It runs on the render goroutine, never the UI's.
func (p *Renderer) imagePath(src string) string {
	key, ext, ok := editor.ParseLibraryImageSrc(src)
	if p.images == nil || !ok {
		return src
	}
	if f, ok := p.files[src]; ok {
		return f
	}
	data, _, err := p.images.Image(context.Background(), src)
	if err != nil {
		return src // shown as the alt-text placeholder
	}
	// The key is the image's SHA-256, so the name can never hold other bytes.
	name := filepath.Join(os.TempDir(), "copydesk-preview-"+key+"."+ext)
	if !fileExists(name) {
		if err := os.WriteFile(name, data, 0o600); err != nil {
			return src
		}
	}
	if p.files == nil {
		p.files = map[string]string{}
	}
	p.files[src] = name
	return name
}

// View is a virtualized column of blocks: only the RichTexts on
// screen exist, and a block whose key did not change keeps its row
// untouched, so a keystroke in a 50,000-word story relayouts a screenful.
// widget.List would do, but it cannot take new heights for many rows
// without refreshing once per row.
type View struct {
	scroll  *container.Scroll
	content *fyne.Container

	blocks   []Block
	heights  []float32 // measured at width, or estimated
	tops     []float32 // prefix sums of heights plus gaps
	measured map[uint64]float32
	width    float32

	shown   map[int]*widget.RichText // block index → row
	rowKeys map[*widget.RichText]uint64
	pool    []*widget.RichText
	placing bool
}

// NewView returns an empty preview; place Object in the window.
func NewView() *View {
	v := &View{measured: map[uint64]float32{}, shown: map[int]*widget.RichText{}, rowKeys: map[*widget.RichText]uint64{}}
	v.content = container.New(&blockLayout{v: v})
	v.scroll = container.NewVScroll(v.content)
	v.scroll.OnScrolled = func(fyne.Position) { v.place() }
	return v
}

// Object is what the window places in its layout.
func (v *View) Object() fyne.CanvasObject { return v.scroll }

// Blocks returns the blocks shown now, for tests and accessibility tools.
func (v *View) Blocks() []Block { return v.blocks }

// Rows returns the rows on screen by block index, for tests.
func (v *View) Rows() map[int]*widget.RichText { return v.shown }

// Text is every block's text, one block per line: what tests and
// accessibility tools read.
func (v *View) Text() string {
	var b strings.Builder
	for _, bl := range v.blocks {
		for _, s := range bl.segs {
			b.WriteString(s.Textual())
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// SetBlocks swaps in a new render; rows whose block is unchanged are kept.
func (v *View) SetBlocks(bs []Block) {
	v.blocks = bs
	v.heights = make([]float32, len(bs))
	for i, b := range bs {
		if h, ok := v.measured[b.key]; ok {
			v.heights[i] = h
		} else {
			v.heights[i] = v.estimate(b)
		}
	}
	v.sumTops()
	v.scroll.Refresh() // cheap: rereads the content's height, redraws the bars
	v.place()
}

func (v *View) gap() float32 { return theme.Padding() }

func (v *View) sumTops() {
	v.tops = make([]float32, len(v.heights)+1)
	for i, h := range v.heights {
		v.tops[i+1] = v.tops[i] + h + v.gap()
	}
}

// estimate guesses a row's height from its length, so the scroll bar is
// about right before a row was ever drawn; place() corrects it on sight.
func (v *View) estimate(b Block) float32 {
	size := theme.TextSize()
	line := size * 1.5
	w := v.width
	if w <= 0 {
		w = 600
	}
	perLine := max(int(w/(size*0.55)), 1)
	lines := (b.runes + perLine - 1) / perLine
	return float32(max(lines, 1))*line + 2*theme.InnerPadding()
}

func (v *View) row() *widget.RichText {
	if n := len(v.pool); n > 0 {
		r := v.pool[n-1]
		v.pool = v.pool[:n-1]
		return r
	}
	r := widget.NewRichText()
	r.Wrapping = fyne.TextWrapWord
	return r
}

// place shows the rows in the visible window and measures them; a row
// whose height differs from its estimate moves the rows below it, so it
// repeats until stable (rarely more than twice).
func (v *View) place() {
	if v.placing {
		return
	}
	v.placing = true
	defer func() { v.placing = false }()
	w := v.scroll.Size().Width
	if w <= 0 {
		return
	}
	if w != v.width {
		v.width = w
		clear(v.measured)
		for i, b := range v.blocks {
			v.heights[i] = v.estimate(b)
		}
		v.sumTops()
	}
	for range 4 {
		changed := false
		top := v.scroll.Offset.Y
		bottom := top + max(v.scroll.Size().Height, 1)
		first := sort.Search(len(v.blocks), func(i int) bool { return v.tops[i+1] > top })
		keep := map[int]*widget.RichText{}
		for i := first; i < len(v.blocks) && v.tops[i] < bottom; i++ {
			r, ok := v.shown[i]
			if ok && v.rowKeys[r] != v.blocks[i].key {
				ok = false
				delete(v.shown, i)
				v.pool = append(v.pool, r)
			}
			if !ok {
				r = v.row()
				r.Segments = v.blocks[i].segs
				v.rowKeys[r] = v.blocks[i].key
				r.Refresh()
			}
			if !ok || r.Size().Width != w {
				// A RichText wraps, and so measures, at its current size:
				// a row kept from before the preview was widened must be
				// resized first, or its old, taller height sticks.
				r.Resize(fyne.NewSize(w, v.heights[i]))
			}
			keep[i] = r
			h := r.MinSize().Height
			v.measured[v.blocks[i].key] = h
			if h != v.heights[i] {
				v.heights[i] = h
				changed = true
			}
		}
		for i, r := range v.shown {
			if _, ok := keep[i]; !ok {
				delete(v.rowKeys, r)
				v.pool = append(v.pool, r)
			}
		}
		v.shown = keep
		if changed {
			v.sumTops()
			continue
		}
		break
	}
	objs := make([]fyne.CanvasObject, 0, len(v.shown))
	idx := make([]int, 0, len(v.shown))
	for i := range v.shown {
		idx = append(idx, i)
	}
	sort.Ints(idx)
	for _, i := range idx {
		r := v.shown[i]
		r.Move(fyne.NewPos(0, v.tops[i]))
		r.Resize(fyne.NewSize(w, v.heights[i]))
		objs = append(objs, r)
	}
	v.content.Objects = objs
	total := v.tops[len(v.tops)-1]
	if sz := v.content.Size(); sz.Height != total {
		v.scroll.Refresh() // the content's MinSize changed
	}
	// Not content.Refresh(): that refreshes every row, re-measuring all
	// their text; rows that changed were refreshed above.
	canvas.Refresh(v.content)
}

// blockLayout sizes the scroll content to every block's height; the rows
// themselves are placed by View.place.
type blockLayout struct{ v *View }

func (l *blockLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	if size.Width != l.v.width {
		l.v.place()
	}
}

func (l *blockLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	if len(l.v.tops) == 0 {
		return fyne.NewSize(0, 0)
	}
	return fyne.NewSize(0, l.v.tops[len(l.v.tops)-1])
}
