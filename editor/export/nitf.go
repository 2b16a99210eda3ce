package export

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"copydesk/editor"
	"copydesk/editor/render"
)

// NITFNamespace is the NITF 3.6 namespace.
const NITFNamespace = "http://iptc.org/std/NITF/2006-10-18/"

// xw writes XML by hand so element order follows the NITF DTD exactly;
// every text and attribute goes through xml.EscapeText, which also
// replaces characters XML 1.0 forbids (control characters) and escapes
// ">" so "]]>" can never appear.
type xw struct{ b bytes.Buffer }

func (x *xw) esc(s string) {
	_ = xml.EscapeText(&x.b, []byte(s))
}

// open writes <name k="v" …>; attrs are name/value pairs.
func (x *xw) open(name string, attrs ...string) { x.tag(name, false, attrs) }

// empty writes <name k="v" …/>.
func (x *xw) empty(name string, attrs ...string) { x.tag(name, true, attrs) }

func (x *xw) tag(name string, empty bool, attrs []string) {
	x.b.WriteString("<" + name)
	for i := 0; i+1 < len(attrs); i += 2 {
		x.b.WriteString(" " + attrs[i] + `="`)
		x.esc(attrs[i+1])
		x.b.WriteString(`"`)
	}
	if empty {
		x.b.WriteString("/>")
	} else {
		x.b.WriteString(">")
	}
}

func (x *xw) close(name string) { x.b.WriteString("</" + name + ">") }

func (x *xw) nl() { x.b.WriteString("\n") }

func (x *xw) element(name, text string, attrs ...string) {
	x.open(name, attrs...)
	x.esc(text)
	x.close(name)
	x.nl()
}

// nitfDate is NITF's ISO 8601 basic form: 20261126T143000-0600.
func nitfDate(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("20060102T150405-0700")
}

// EncodeNITF writes NITF 3.6 XML. ed-msg carries the embargo to the
// partner's desk and is otherwise empty.
func EncodeNITF(w io.Writer, a *editor.Article, site Site) error {
	s := site.Settings
	loc := location(s)
	x := &xw{}
	x.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	x.open("nitf", "xmlns", NITFNamespace, "version", "-//IPTC//DTD NITF 3.6//EN", "change.date", "October 18, 2006", "change.time", "19:30", "baselang", language(s))
	x.nl()
	x.open("head")
	x.nl()
	x.element("title", editor.OneLine(a.Headline))
	// NITF has no section element, so the section goes into tobject.subject.
	x.open("tobject", "tobject.type", "news")
	if a.Section != "" {
		x.empty("tobject.subject", "tobject.subject.type", editor.OneLine(a.Section))
	}
	x.close("tobject")
	x.nl()
	x.open("docdata")
	x.nl()
	id := a.UID
	if id == "" {
		id = CanonicalURL(a, s)
	}
	x.empty("doc-id", "id-string", id)
	x.nl()
	if t := pubTime(a); !t.IsZero() {
		x.empty("date.issue", "norm", nitfDate(t, loc))
		x.nl()
	}
	for _, c := range a.Corrections {
		x.empty("correction", "info", "Correction, "+editor.APDate(c.Time, loc)+": "+editor.OneLine(c.Text), "id-string", id)
		x.nl()
	}
	// date.release is when the document may be released: the embargo's
	// end when there is one, which ed-msg also tells the partner's desk.
	switch {
	case !a.Embargo.IsZero():
		x.empty("date.release", "norm", nitfDate(a.Embargo, loc))
		x.nl()
		x.empty("ed-msg", "msg-type", "embargo", "info", "Embargoed until "+editor.APTime(a.Embargo, loc))
	case !a.Published.IsZero():
		x.empty("date.release", "norm", nitfDate(a.Published, loc))
		x.nl()
		x.empty("ed-msg", "info", "")
	default:
		x.empty("ed-msg", "info", "")
	}
	x.nl()
	if len(a.Tags) > 0 {
		x.open("key-list")
		for _, t := range a.Tags {
			x.empty("keyword", "key", editor.OneLine(t))
		}
		x.close("key-list")
		x.nl()
	}
	x.close("docdata")
	x.nl()
	x.empty("pubdata", "type", "web", "position.section", editor.OneLine(a.Section), "ex-ref", CanonicalURL(a, s))
	x.nl()
	x.close("head")
	x.nl()
	x.open("body")
	x.nl()
	x.open("body.head")
	x.nl()
	x.open("hedline")
	x.element("hl1", editor.OneLine(a.Headline))
	x.close("hedline")
	x.nl()
	if by := BylineText(a.Byline); by != "" {
		x.element("byline", by)
	}
	if d := render.FormatDateline(a.Dateline); d != "" {
		x.element("dateline", d)
	}
	if sum := strings.TrimSpace(a.Summary); sum != "" {
		x.open("abstract")
		x.element("p", sum)
		x.close("abstract")
		x.nl()
	}
	x.close("body.head")
	x.nl()
	x.open("body.content")
	x.nl()
	if ref := imageURL(a, s); ref != "" {
		x.open("media", "media-type", "image")
		x.empty("media-reference", "source", ref, "alternate-text", editor.OneLine(a.Image.Alt))
		if a.Image.Caption != "" {
			x.element("media-caption", a.Image.Caption)
		}
		if a.Image.Credit != "" {
			x.element("media-producer", a.Image.Credit)
		}
		x.close("media")
		x.nl()
	}
	// The dateline is in body.head; NITF readers show it from there, so
	// the run-in node is skipped below (parsing with it still removes a
	// dateline the reporter typed into the body).
	src := []byte(a.Body)
	n := &nitfBody{x: x, src: src}
	n.blocks(render.Parse(src, a.Dateline))
	x.close("body.content")
	x.nl()
	x.open("body.end")
	for _, c := range a.Corrections {
		x.element("tagline", "Correction, "+editor.APDate(c.Time, loc)+": "+editor.OneLine(c.Text), "type", "std")
	}
	x.close("body.end")
	x.nl()
	x.close("body")
	x.nl()
	x.close("nitf")
	x.nl()
	_, err := w.Write(x.b.Bytes())
	return err
}

type nitfBody struct {
	x   *xw
	src []byte
}

func (n *nitfBody) blocks(parent ast.Node) {
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		n.block(c)
	}
}

func (n *nitfBody) block(node ast.Node) {
	x := n.x
	switch node := node.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		x.open("p")
		n.inlines(node)
		x.close("p")
		x.nl()
	case *ast.Heading:
		x.open("hl2")
		n.inlines(node)
		x.close("hl2")
		x.nl()
	case *ast.Blockquote:
		x.open("bq")
		x.open("block")
		x.nl()
		n.blocks(node)
		x.close("block")
		x.close("bq")
		x.nl()
	case *ast.List:
		name := "ul"
		if node.IsOrdered() {
			name = "ol"
		}
		x.open(name)
		x.nl()
		for item := node.FirstChild(); item != nil; item = item.NextSibling() {
			x.open("li")
			// NITF list items hold text, not paragraphs.
			first := true
			for c := item.FirstChild(); c != nil; c = c.NextSibling() {
				if !first {
					x.open("br")
					x.close("br")
				}
				first = false
				if c.Kind() == ast.KindParagraph || c.Kind() == ast.KindTextBlock {
					n.inlines(c)
				} else {
					x.esc(plainOf(c, n.src))
				}
			}
			x.close("li")
			x.nl()
		}
		x.close(name)
		x.nl()
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		x.open("pre")
		lines := node.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			x.esc(string(seg.Value(n.src)))
		}
		x.close("pre")
		x.nl()
	case *ast.ThematicBreak:
		x.open("p")
		x.esc("* * *")
		x.close("p")
		x.nl()
	case *east.Table:
		x.open("table")
		x.nl()
		for row := node.FirstChild(); row != nil; row = row.NextSibling() {
			cell := "td"
			if row.Kind() == east.KindTableHeader {
				cell = "th"
			}
			x.open("tr")
			for c := row.FirstChild(); c != nil; c = c.NextSibling() {
				x.open(cell)
				n.inlines(c)
				x.close(cell)
			}
			x.close("tr")
			x.nl()
		}
		x.close("table")
		x.nl()
	case *east.FootnoteList:
		x.open("fn", "id", "notes")
		x.nl()
		for f := node.FirstChild(); f != nil; f = f.NextSibling() {
			if fn, ok := f.(*east.Footnote); ok {
				x.open("p")
				x.esc("[" + strconv.Itoa(fn.Index) + "] " + plainOf(fn, n.src))
				x.close("p")
				x.nl()
			}
		}
		x.close("fn")
		x.nl()
	default:
		if node.Type() == ast.TypeBlock && node.HasChildren() {
			n.blocks(node)
		}
	}
}

func (n *nitfBody) inlines(parent ast.Node) {
	x := n.x
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			x.esc(string(c.Segment.Value(n.src)))
			if c.HardLineBreak() {
				x.open("br")
				x.close("br")
			} else if c.SoftLineBreak() {
				x.esc(" ")
			}
		case *ast.String:
			x.esc(string(c.Value))
		case *render.Dateline:
		case *ast.Emphasis:
			class := "italic"
			if c.Level == 2 {
				class = "bold"
			}
			x.open("em", "class", class)
			n.inlines(c)
			x.close("em")
		case *ast.Link:
			x.open("a", "href", string(c.Destination))
			n.inlines(c)
			x.close("a")
		case *ast.AutoLink:
			x.open("a", "href", autoLinkURL(c, n.src))
			x.esc(string(c.Label(n.src)))
			x.close("a")
		case *ast.Image:
			x.esc("[Image: " + inlineText(c, n.src) + "]")
		case *east.FootnoteLink:
			x.esc("[" + strconv.Itoa(c.Index) + "]")
		case *east.FootnoteBacklink:
		case *east.TaskCheckBox:
			if c.IsChecked {
				x.esc("[x] ")
			} else {
				x.esc("[ ] ")
			}
		default:
			n.inlines(c)
		}
	}
}

func autoLinkURL(c *ast.AutoLink, src []byte) string {
	u := string(c.URL(src))
	if c.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(u), "mailto:") {
		return "mailto:" + u
	}
	return u
}

// plainOf is the plain text of any node, blocks joined by spaces.
func plainOf(n ast.Node, src []byte) string {
	p := &plain{src: src}
	p.block(n, "", "")
	return editor.OneLine(p.b.String())
}
