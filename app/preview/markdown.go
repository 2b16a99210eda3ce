package preview

import (
	"bytes"
	"hash/maphash"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"copydesk/editor/render"
)

type blockKind uint8

const (
	kindOther blockKind = iota
	kindParagraph
	kindShare // the share line
)

// Block is one top-level Markdown block of the preview, drawn by one small
// RichText, so the preview is a virtualized list and a keystroke redraws
// one block instead of a 50,000-word document.
type Block struct {
	key   uint64 // content hash: an unchanged block keeps its row as is
	kind  blockKind
	segs  []widget.RichTextSegment
	runes int // for the height estimate of rows never shown yet
}

// Segments are what the block's row draws.
func (b Block) Segments() []widget.RichTextSegment { return b.segs }

// bodyRenderer turns a Markdown body into preview blocks. It splits the
// source at blank lines into chunks that parse independently and keeps
// the blocks of the previous render by chunk hash, so typing in one
// paragraph re-parses that paragraph only. Not safe for concurrent use.
type bodyRenderer struct {
	cache map[uint64][]Block
}

// needsWholeParse finds constructs that make one part of a document
// depend on another (link reference and footnote definitions) or that may
// span blank lines (HTML comments and pre/script/style blocks); such
// documents are parsed whole. A hand-written scan: a regexp over a
// 50,000-word body costs more than parsing the changed paragraph.
func needsWholeParse(src string) bool {
	for i := 0; i < len(src); {
		j := strings.IndexAny(src[i:], "[<")
		if j < 0 {
			return false
		}
		i += j
		if src[i] == '[' {
			// A definition starts a line, after at most three spaces.
			k := i
			for k > 0 && i-k < 3 && src[k-1] == ' ' {
				k--
			}
			if k == 0 || src[k-1] == '\n' {
				if end := strings.IndexByte(src[i:], '\n'); end < 0 && strings.Contains(src[i:], "]:") || end >= 0 && strings.Contains(src[i:i+end], "]:") {
					return true
				}
			}
		} else {
			rest := src[i+1:]
			if strings.HasPrefix(rest, "!--") {
				return true
			}
			for _, tag := range []string{"pre", "script", "style", "textarea"} {
				if len(rest) >= len(tag) && strings.EqualFold(rest[:len(tag)], tag) {
					return true
				}
			}
		}
		i++
	}
	return false
}

// render returns the blocks of src, with dateline run in (in capitals,
// followed by an em dash) before the first paragraph.
func (r *bodyRenderer) render(src, dateline string) []Block {
	var chunks []string
	if needsWholeParse(src) {
		chunks = []string{src}
	} else {
		chunks = splitChunks(src)
	}
	next := make(map[uint64][]Block, len(chunks))
	var out []Block
	for _, c := range chunks {
		h := hashString(c)
		bs, ok := next[h]
		if !ok {
			if bs, ok = r.cache[h]; !ok {
				bs = parseBlocks([]byte(c), h)
			}
			next[h] = bs
		}
		out = append(out, bs...)
	}
	r.cache = next
	if d := strings.TrimSpace(dateline); d != "" {
		for i, b := range out {
			if b.kind != kindParagraph {
				continue
			}
			run := &widget.TextSegment{Style: widget.RichTextStyleStrong, Text: render.FormatDateline(d) + render.DatelineSeparator}
			b.segs = append([]widget.RichTextSegment{run}, dropTypedDateline(b.segs, d)...)
			b.key ^= hashString("dateline\x00" + d)
			out[i] = b
			break
		}
	}
	return out
}

// dropTypedDateline cuts a dateline the reporter typed at the start of
// the first paragraph ("PARIS — In…") when the form's dateline is run in
// as well, as the site's renderer does, so the preview does not show it
// twice. segs belong to the render cache: the first segment is copied,
// never changed in place.
func dropTypedDateline(segs []widget.RichTextSegment, dateline string) []widget.RichTextSegment {
	if len(segs) == 0 {
		return segs
	}
	first, ok := segs[0].(*widget.TextSegment)
	if !ok {
		return segs
	}
	n := render.TypedDatelineLen(first.Text, dateline)
	if n == 0 {
		return segs
	}
	rest := *first
	rest.Text = first.Text[n:]
	out := make([]widget.RichTextSegment, 0, len(segs))
	if rest.Text != "" {
		out = append(out, &rest)
	}
	return append(out, segs[1:]...)
}

// hashSeed keys block hashes for this process; keys are never stored.
var hashSeed = maphash.MakeSeed()

func hashString(s string) uint64 { return maphash.String(hashSeed, s) }

// splitChunks cuts src before every line that starts a new top-level block
// after a blank line: not indented (so list items' and footnotes'
// continuation paragraphs stay with them) and not inside a fenced code
// block. Concatenated, the chunks are src.
func splitChunks(src string) []string {
	var chunks []string
	start := 0
	blank := false
	var fence string // the opening fence while inside a fenced block
	for pos := 0; pos < len(src); {
		end := strings.IndexByte(src[pos:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += pos + 1
		}
		line := src[pos:end]
		trimmed := strings.TrimRight(line, "\r\n")
		isBlank := strings.TrimSpace(trimmed) == ""
		if fence != "" {
			if f := fenceOf(trimmed); f != "" && f[0] == fence[0] && len(f) >= len(fence) && strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(trimmed), f[:1])) == "" {
				fence = ""
			}
		} else {
			if blank && !isBlank && pos > start && trimmed[0] != ' ' && trimmed[0] != '\t' {
				chunks = append(chunks, src[start:pos])
				start = pos
			}
			fence = fenceOf(trimmed)
			blank = isBlank
		}
		pos = end
	}
	if start < len(src) || len(chunks) == 0 {
		chunks = append(chunks, src[start:])
	}
	return chunks
}

// fenceOf returns the run of ` or ~ (three or more) that opens a code fence on line, or "".
func fenceOf(line string) string {
	s := line
	for i := 0; i < 3 && strings.HasPrefix(s, " "); i++ {
		s = s[1:]
	}
	if len(s) < 3 || (s[0] != '`' && s[0] != '~') {
		return ""
	}
	n := 0
	for n < len(s) && s[n] == s[0] {
		n++
	}
	if n < 3 {
		return ""
	}
	if s[0] == '`' && strings.Contains(s[n:], "`") {
		return "" // an info string may not contain a backtick: this is inline code
	}
	return s[:n]
}

// parseBlocks parses one chunk; key seeds the blocks' keys so equal
// chunks give equal keys.
func parseBlocks(src []byte, key uint64) []Block {
	// The dateline is run in by render() after assembly: only the first
	// paragraph of the whole body gets it, and chunks do not know which that is.
	doc := render.Parse(src, "")
	c := &converter{src: src}
	var out []Block
	i := uint64(0)
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		segs := trimBreaks(c.block(n))
		if len(segs) == 0 {
			continue
		}
		i++
		b := Block{key: key*1099511628211 + i, segs: segs, runes: segRunes(segs)}
		if n.Kind() == ast.KindParagraph {
			b.kind = kindParagraph
		}
		out = append(out, b)
	}
	return out
}

func segRunes(segs []widget.RichTextSegment) int {
	n := 0
	for _, s := range segs {
		n += utf8.RuneCountInString(s.Textual())
	}
	return n
}

// trimBreaks drops paragraph breaks at the end of a block: the list of
// blocks already separates them.
func trimBreaks(segs []widget.RichTextSegment) []widget.RichTextSegment {
	for len(segs) > 0 {
		t, ok := segs[len(segs)-1].(*widget.TextSegment)
		if !ok || t.Text != "" {
			break
		}
		segs = segs[:len(segs)-1]
	}
	return segs
}

// inline is the formatting in force at a point of a paragraph; goldmark
// nests emphasis, so it is a set of flags rather than one style.
type inline struct {
	bold, italic, mono, strike bool
	color                      fyne.ThemeColorName
	size                       fyne.ThemeSizeName
}

type converter struct {
	src   []byte
	quote int
}

func paragraphBreak() *widget.TextSegment {
	return &widget.TextSegment{Style: widget.RichTextStyleParagraph}
}

func (c *converter) block(n ast.Node) []widget.RichTextSegment {
	switch t := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		segs := mergeText(c.inlines(n, c.baseInline()))
		if c.quote > 0 && len(segs) > 0 {
			segs = append([]widget.RichTextSegment{&widget.TextSegment{
				Style: widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePrimary, SizeName: theme.SizeNameText, TextStyle: fyne.TextStyle{Bold: true}},
				Text:  strings.Repeat("| ", c.quote),
			}}, segs...)
		}
		if _, ok := n.(*ast.Paragraph); ok {
			segs = append(segs, paragraphBreak())
		}
		return segs
	case *ast.Heading:
		style := widget.RichTextStyleParagraph
		style.TextStyle.Bold = true
		switch t.Level {
		case 1:
			style = widget.RichTextStyleHeading
		case 2:
			style = widget.RichTextStyleSubHeading
		}
		return []widget.RichTextSegment{&widget.TextSegment{Style: style, Text: plainText(c.src, n)}}
	case *ast.Blockquote:
		c.quote++
		defer func() { c.quote-- }()
		return c.children(n)
	case *ast.List:
		list := &widget.ListSegment{Ordered: t.IsOrdered()}
		if t.IsOrdered() {
			list.SetStartNumber(t.Start)
		}
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			list.Items = append(list.Items, &widget.ParagraphSegment{Texts: trimBreaks(c.children(item))})
		}
		return []widget.RichTextSegment{list, paragraphBreak()}
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var b bytes.Buffer
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			b.Write(seg.Value(c.src))
		}
		code := strings.TrimRight(b.String(), "\n")
		if code == "" {
			code = " "
		}
		return []widget.RichTextSegment{&widget.TextSegment{Style: widget.RichTextStyleCodeBlock, Text: code}}
	case *ast.ThematicBreak:
		return []widget.RichTextSegment{&widget.SeparatorSegment{}}
	case *east.Table:
		return []widget.RichTextSegment{&widget.TextSegment{Style: widget.RichTextStyleCodeBlock, Text: c.table(t)}}
	case *east.FootnoteList:
		segs := []widget.RichTextSegment{&widget.SeparatorSegment{}}
		list := &widget.ListSegment{Ordered: true}
		for fn := n.FirstChild(); fn != nil; fn = fn.NextSibling() {
			list.Items = append(list.Items, &widget.ParagraphSegment{Texts: trimBreaks(c.children(fn))})
		}
		return append(segs, list)
	case *ast.HTMLBlock:
		return nil // the site drops raw HTML; so does its preview
	}
	if n.Type() == ast.TypeBlock {
		return c.children(n)
	}
	return nil
}

// mergeText joins neighbouring inline text of one style: goldmark splits
// text at every punctuation mark it might transform, and fewer segments
// lay out faster.
func mergeText(segs []widget.RichTextSegment) []widget.RichTextSegment {
	out := segs[:0]
	for _, s := range segs {
		t, ok := s.(*widget.TextSegment)
		if ok && len(out) > 0 {
			if prev, ok := out[len(out)-1].(*widget.TextSegment); ok && prev.Style.Inline && t.Style.Inline && prev.Style == t.Style {
				prev.Text += t.Text
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

func (c *converter) children(n ast.Node) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if ch.Type() == ast.TypeInline {
			segs = append(segs, c.inline(ch, c.baseInline())...)
			continue
		}
		segs = append(segs, c.block(ch)...)
	}
	return segs
}

func (c *converter) baseInline() inline {
	return inline{italic: c.quote > 0}
}

func (c *converter) inlines(n ast.Node, st inline) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		segs = append(segs, c.inline(ch, st)...)
	}
	return segs
}

func (st inline) segment(s string) *widget.TextSegment {
	style := widget.RichTextStyleInline
	style.TextStyle = fyne.TextStyle{Bold: st.bold, Italic: st.italic, Monospace: st.mono}
	if st.color != "" {
		style.ColorName = st.color
	}
	if st.size != "" {
		style.SizeName = st.size
	}
	if st.strike {
		s = strikeThrough(s)
	}
	return &widget.TextSegment{Style: style, Text: s}
}

// strikeThrough overlays U+0336 on every character: Fyne's text styles
// have no strikethrough, and a deletion must not look like plain text.
func strikeThrough(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(r)
		if r != ' ' && r != '\n' {
			b.WriteRune('\u0336')
		}
	}
	return b.String()
}

func (c *converter) inline(n ast.Node, st inline) []widget.RichTextSegment {
	switch t := n.(type) {
	case *ast.Text:
		s := string(t.Value(c.src))
		var segs []widget.RichTextSegment
		seg := st.segment(s)
		segs = append(segs, seg)
		switch {
		case t.HardLineBreak():
			seg.Style.Inline = false // ends the line here
		case t.SoftLineBreak():
			segs = append(segs, st.segment(" "))
		}
		return segs
	case *ast.String:
		return []widget.RichTextSegment{st.segment(string(t.Value))}
	case *ast.CodeSpan:
		st.mono = true
		return []widget.RichTextSegment{st.segment(plainText(c.src, n))}
	case *ast.Emphasis:
		if t.Level >= 2 {
			st.bold = true
		} else {
			st.italic = true
		}
		return c.inlines(n, st)
	case *east.Strikethrough:
		st.strike = true
		return c.inlines(n, st)
	case *ast.Link:
		return hyperlink(plainText(c.src, n), string(t.Destination))
	case *ast.AutoLink:
		return hyperlink(string(t.Label(c.src)), string(t.URL(c.src)))
	case *ast.Image:
		st.italic = true
		st.color = theme.ColorNamePlaceHolder
		return []widget.RichTextSegment{st.segment("[Image: " + plainText(c.src, n) + "]")}
	case *east.FootnoteLink:
		st.color = theme.ColorNamePrimary
		return []widget.RichTextSegment{st.segment("[" + strconv.Itoa(t.Index) + "]")}
	case *render.Dateline:
		st.bold = true
		return []widget.RichTextSegment{st.segment(t.Place + render.DatelineSeparator)}
	case *east.FootnoteBacklink:
		return nil
	case *east.TaskCheckBox:
		if t.IsChecked {
			return []widget.RichTextSegment{st.segment("[x] ")}
		}
		return []widget.RichTextSegment{st.segment("[ ] ")}
	case *ast.RawHTML:
		return nil
	}
	return c.inlines(n, st)
}

// longLinkRunes is the longest link text drawn as a clickable hyperlink.
// Fyne lays a hyperlink segment out as one unbreakable box that never moves
// to the next line, so a longer link text would run off the right edge
// where the site's page wraps it; it is drawn as link-styled text instead,
// which wraps (the exported page is where it is followed).
const longLinkRunes = 40

func hyperlink(label, dest string) []widget.RichTextSegment {
	u, err := url.Parse(dest)
	switch {
	case err != nil || label == "":
		return []widget.RichTextSegment{&widget.TextSegment{Style: widget.RichTextStyleInline, Text: label}}
	case utf8.RuneCountInString(label) > longLinkRunes:
		st := widget.RichTextStyleInline
		st.ColorName = theme.ColorNameHyperlink
		return []widget.RichTextSegment{&widget.TextSegment{Style: st, Text: label}}
	}
	return []widget.RichTextSegment{&widget.HyperlinkSegment{Alignment: fyne.TextAlignLeading, Text: label, URL: u}}
}

// plainText is the text of n's inline descendants, without markup.
func plainText(src []byte, n ast.Node) string {
	var b strings.Builder
	_ = ast.Walk(n, func(m ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := m.(type) {
		case *ast.Text:
			b.Write(t.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.AutoLink:
			b.Write(t.Label(src))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// table lays a GFM table out in monospace columns: RichText has no grid,
// and a table's meaning is its alignment. Rules are ASCII on purpose:
// box-drawing characters are not in Fyne's bundled fonts, and a missing
// glyph makes Fyne load and parse a system fallback font (megabytes of heap).
func (c *converter) table(t *east.Table) string {
	var rows [][]string
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []string
		for cell := r.FirstChild(); cell != nil; cell = cell.NextSibling() {
			cells = append(cells, strings.TrimSpace(plainText(c.src, cell)))
		}
		rows = append(rows, cells)
	}
	var widths []int
	for _, row := range rows {
		for i, cell := range row {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	var b strings.Builder
	for ri, row := range rows {
		for i, cell := range row {
			if i > 0 {
				b.WriteString(" | ")
			}
			pad := widths[i] - utf8.RuneCountInString(cell)
			if i < len(t.Alignments) && t.Alignments[i] == east.AlignRight {
				b.WriteString(strings.Repeat(" ", pad) + cell)
			} else {
				b.WriteString(cell + strings.Repeat(" ", pad))
			}
		}
		b.WriteByte('\n')
		if ri == 0 {
			for i, w := range widths {
				if i > 0 {
					b.WriteString("-+-")
				}
				b.WriteString(strings.Repeat("-", w))
			}
			b.WriteByte('\n')
		}
	}
	return strings.TrimRight(b.String(), "\n")
}
