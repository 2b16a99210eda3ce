package export

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"copydesk/editor"
	"copydesk/editor/render"
)

// WireWidth is the column width of wire copy: what wire terminals and
// e-mail clients show without re-wrapping.
const WireWidth = 72

// EncodeText writes plain wire copy: the headline, "By …", then the body
// wrapped at WireWidth with Markdown syntax removed, links as
// "text (url)" and the dateline run in ("PARIS — …").
func EncodeText(w io.Writer, a *editor.Article, site Site) error {
	var b bytes.Buffer
	loc := location(site.Settings)
	if a.Embargoed(site.Now) {
		writeWrapped(&b, "EMBARGOED until "+editor.APTime(a.Embargo, loc), "", "", WireWidth)
		b.WriteString("\n")
	}
	writeWrapped(&b, editor.OneLine(a.Headline), "", "", WireWidth)
	if by := BylineText(a.Byline); by != "" {
		b.WriteString("\n")
		writeWrapped(&b, by, "", "", WireWidth)
	}
	body := PlainText([]byte(a.Body), a.Dateline, WireWidth)
	if body != "" {
		b.WriteString("\n")
		b.WriteString(body)
	}
	for _, c := range a.Corrections {
		b.WriteString("\n")
		writeWrapped(&b, "Correction, "+editor.APDate(c.Time, loc)+": "+editor.OneLine(c.Text), "", "", WireWidth)
	}
	_, err := w.Write(stripControls(b.Bytes()))
	return err
}

// stripControls removes control characters other than newline, so wire
// copy cannot carry terminal escape sequences to a partner's screen.
func stripControls(b []byte) []byte {
	return bytes.Map(func(r rune) rune {
		if r == '\n' {
			return r
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return -1
		}
		return r
	}, b)
}

// PlainText renders a Markdown body as plain text paragraphs separated by
// blank lines, wrapped at width (0: one line per paragraph).
func PlainText(source []byte, dateline string, width int) string {
	doc := render.Parse(source, dateline)
	p := &plain{src: source, width: width}
	p.blocks(doc, "", "")
	if len(p.notes) > 0 {
		p.sep()
		p.b.WriteString("Notes:\n")
		for _, n := range p.notes {
			p.sep()
			p.blocks(n.node, "["+strconv.Itoa(n.index)+"] ", strings.Repeat(" ", len(strconv.Itoa(n.index))+3))
		}
	}
	return p.b.String()
}

type note struct {
	index int
	node  ast.Node
}

type plain struct {
	src   []byte
	width int
	b     bytes.Buffer
	notes []note
}

// sep separates blocks by one blank line.
func (p *plain) sep() {
	if p.b.Len() > 0 && !bytes.HasSuffix(p.b.Bytes(), []byte("\n\n")) {
		p.b.WriteString("\n")
	}
}

// blocks writes the block children of n; first prefixes the first line
// written, rest every later line (hanging indent for list items).
func (p *plain) blocks(n ast.Node, first, rest string) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		p.block(c, first, rest)
		first = rest
	}
}

func (p *plain) block(n ast.Node, first, rest string) {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
		if _, tb := n.(*ast.TextBlock); !tb || n.PreviousSibling() != nil {
			p.sep()
		}
		writeWrapped(&p.b, inlineText(n, p.src), first, rest, p.width)
	case *ast.Blockquote:
		p.blocks(n, first+"    ", rest+"    ")
	case *ast.List:
		num := n.Start
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			marker := "- "
			if n.IsOrdered() {
				marker = strconv.Itoa(num) + ". "
				num++
			}
			if !n.IsTight || item.PreviousSibling() == nil {
				p.sep()
			}
			p.blocks(item, first+marker, rest+strings.Repeat(" ", len(marker)))
			first = rest
		}
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		p.sep()
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			p.b.WriteString(first + "    " + strings.TrimRight(string(seg.Value(p.src)), "\n") + "\n")
			first = rest
		}
	case *ast.ThematicBreak:
		p.sep()
		p.b.WriteString(first + "* * *\n")
	case *east.Table:
		p.sep()
		for row := n.FirstChild(); row != nil; row = row.NextSibling() {
			var cells []string
			for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
				cells = append(cells, inlineText(cell, p.src))
			}
			p.b.WriteString(first + strings.Join(cells, " | ") + "\n")
			first = rest
		}
	case *east.FootnoteList:
		for f := n.FirstChild(); f != nil; f = f.NextSibling() {
			if fn, ok := f.(*east.Footnote); ok {
				p.notes = append(p.notes, note{fn.Index, fn})
			}
		}
	default:
		if n.Type() == ast.TypeBlock && n.HasChildren() {
			p.blocks(n, first, rest)
		}
	}
}

// inlineText flattens inline content to plain text.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(c.Segment.Value(src))
				if c.HardLineBreak() {
					b.WriteString("\n")
				} else if c.SoftLineBreak() {
					b.WriteString(" ")
				}
			case *ast.String:
				b.Write(c.Value)
			case *render.Dateline:
				b.WriteString(c.Place + render.DatelineSeparator)
			case *ast.Link:
				start := b.Len()
				walk(c)
				text := b.String()[start:]
				if dest := string(c.Destination); dest != "" && dest != text && !strings.HasPrefix(dest, "#") {
					fmt.Fprintf(&b, " (%s)", dest)
				}
			case *ast.AutoLink:
				b.Write(c.Label(src))
			case *ast.Image:
				alt := inlineText(c, src)
				if alt == "" {
					alt = "image"
				}
				fmt.Fprintf(&b, "[Image: %s]", alt)
			case *east.TaskCheckBox:
				if c.IsChecked {
					b.WriteString("[x] ")
				} else {
					b.WriteString("[ ] ")
				}
			case *east.FootnoteLink:
				fmt.Fprintf(&b, "[%d]", c.Index)
			case *east.FootnoteBacklink:
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

// writeWrapped writes s as lines of at most width runes (a longer word,
// usually a URL, gets a line of its own); first prefixes the first line
// and rest the others. Hard line breaks in s are kept.
func writeWrapped(b *bytes.Buffer, s, first, rest string, width int) {
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			first = rest
		}
		words := strings.Fields(line)
		if width <= 0 {
			b.WriteString(first + strings.Join(words, " ") + "\n")
			continue
		}
		cur := first
		curLen := utf8.RuneCountInString(first)
		empty := true
		for _, w := range words {
			wl := utf8.RuneCountInString(w)
			if !empty && curLen+1+wl > width {
				b.WriteString(cur + "\n")
				cur, curLen, empty = rest, utf8.RuneCountInString(rest), true
			}
			if !empty {
				cur += " "
				curLen++
			}
			cur += w
			curLen += wl
			empty = false
		}
		b.WriteString(cur + "\n")
	}
}
