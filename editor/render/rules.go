package render

import (
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// transformer applies the house rules to a freshly parsed body.
type transformer struct{}

func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	var drop, unwrap, labels []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.RawHTML, *ast.HTMLBlock:
			// The renderer would print "<!-- raw HTML omitted -->"; removing
			// the node keeps the preview, wire copy and page free of it.
			drop = append(drop, n)
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			if !SafeURL(string(n.Destination)) {
				unwrap = append(unwrap, n) // keep the words, lose the link
			} else if isExternal(string(n.Destination)) {
				n.SetAttributeString("rel", []byte("nofollow noopener"))
			}
		case *ast.Image:
			if !SafeURL(string(n.Destination)) || strings.HasPrefix(strings.ToLower(strings.TrimSpace(string(n.Destination))), "mailto:") {
				unwrap = append(unwrap, n) // the alt text stays as text
			}
		case *ast.AutoLink:
			u := string(n.URL(source))
			if n.AutoLinkType == ast.AutoLinkEmail {
				break
			}
			if !SafeURL(u) {
				labels = append(labels, n)
			} else if isExternal(u) {
				n.SetAttributeString("rel", []byte("nofollow noopener"))
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range drop {
		if p := n.Parent(); p != nil {
			p.RemoveChild(p, n)
		}
	}
	for _, n := range labels {
		// A refused autolink stays visible as plain text.
		if p := n.Parent(); p != nil {
			p.ReplaceChild(p, n, ast.NewString(n.(*ast.AutoLink).Label(source)))
		}
	}
	for _, n := range unwrap {
		p := n.Parent()
		if p == nil {
			continue
		}
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			p.InsertBefore(p, n, c)
			c = next
		}
		p.RemoveChild(p, n)
	}
	if d, _ := pc.Get(datelineKey).(string); FormatDateline(d) != "" {
		runInDateline(doc, source, FormatDateline(d))
	}
}

// SafeURL reports whether u may appear as a link or image address in
// published output: http, https, mailto, tel, or a relative reference.
// Browsers ignore tabs and newlines inside a URL and leading control
// characters, so those are removed before the scheme is read; anything
// else that looks like a scheme (javascript:, vbscript:, data:, file:,
// and entity-decoded variants of them) is refused.
func SafeURL(u string) bool {
	if !utf8.ValidString(u) {
		return false
	}
	u = strings.TrimLeft(u, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	u = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	if strings.ContainsAny(u, "\x00") {
		return false
	}
	end := strings.IndexAny(u, ":/?#")
	if end < 0 || u[end] != ':' {
		// No scheme: a relative reference. A leading "&" could be an entity
		// that a later decoder turns into a scheme; refuse it to be sure.
		return !strings.Contains(strings.ToLower(u), "&#") && !strings.Contains(strings.ToLower(u), "&colon")
	}
	switch strings.ToLower(u[:end]) {
	case "http", "https", "mailto", "tel":
		return true
	}
	return false
}

func isExternal(u string) bool {
	l := strings.ToLower(strings.TrimSpace(u))
	return strings.HasPrefix(l, "http:") || strings.HasPrefix(l, "https:") || strings.HasPrefix(l, "//")
}

// runInDateline inserts the dateline node at the start of the first
// top-level paragraph. If the reporter already typed it ("PARIS — In…",
// "Paris -- In…"), that typed prefix is removed so it is not doubled.
func runInDateline(doc *ast.Document, source []byte, dateline string) {
	var para ast.Node
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == ast.KindParagraph {
			para = c
			break
		}
	}
	if para == nil {
		return
	}
	stripTypedDateline(para, source, dateline)
	dl := &Dateline{Place: dateline}
	if fc := para.FirstChild(); fc != nil {
		para.InsertBefore(para, fc, dl)
	} else {
		para.AppendChild(para, dl)
	}
}

type piece struct {
	node ast.Node
	text string
}

func stripTypedDateline(para ast.Node, source []byte, dateline string) {
	// Gather the leading plain text; typographer output ("--" → "–") and
	// trigger characters split it into several Text and String nodes.
	var pieces []piece
	var all strings.Builder
	for c := para.FirstChild(); c != nil && all.Len() < len(dateline)+16; c = c.NextSibling() {
		var s string
		switch t := c.(type) {
		case *ast.Text:
			s = string(t.Segment.Value(source))
			if t.SoftLineBreak() || t.HardLineBreak() {
				s += " "
			}
		case *ast.String:
			s = string(t.Value)
		default:
			c = nil
		}
		if c == nil {
			break
		}
		pieces = append(pieces, piece{c, s})
		all.WriteString(s)
	}
	n := typedDatelineLen(all.String(), dateline)
	if n == 0 {
		return
	}
	for _, p := range pieces {
		if n <= 0 {
			break
		}
		if len(p.text) <= n {
			n -= len(p.text)
			para.RemoveChild(para, p.node)
			continue
		}
		switch t := p.node.(type) {
		case *ast.Text:
			t.Segment = t.Segment.WithStart(t.Segment.Start + n)
		case *ast.String:
			t.Value = t.Value[n:]
		}
		n = 0
	}
}

// TypedDatelineLen returns how many leading bytes of s are the dateline
// typed by the reporter ("PARIS — ", "Paris -- ", any case, any dash), or
// 0. Renderers that run the dateline in themselves (the window's chunked
// preview) cut that many bytes off the first paragraph's text so the
// dateline is not shown twice, as Parse does.
func TypedDatelineLen(s, dateline string) int { return typedDatelineLen(s, FormatDateline(dateline)) }

// typedDatelineLen is TypedDatelineLen for an already formatted dateline.
func typedDatelineLen(s, dateline string) int {
	if dateline == "" {
		return 0
	}
	if len(s) < len(dateline) || !strings.EqualFold(s[:len(dateline)], dateline) {
		return 0
	}
	rest := s[len(dateline):]
	trimmed := strings.TrimLeft(rest, " ")
	dashes := []string{"—", "–", "---", "--", "-"}
	for _, d := range dashes {
		if strings.HasPrefix(trimmed, d) {
			after := strings.TrimLeft(trimmed[len(d):], " ")
			if len(after) == len(trimmed[len(d):]) && after != "" {
				return 0 // "PARIS-based": a word, not a dateline
			}
			return len(s) - len(after)
		}
	}
	return 0
}
