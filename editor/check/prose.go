package check

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"

	"copydesk/editor/render"
)

// para is one paragraph (or heading) of the body: its source span and the
// range of prose words in it.
type para struct {
	start, end int // bytes
	tok0, tok1 int // d.prose[tok0:tok1]
}

// segment is a run of prose source text: what the reader sees, without
// markup, link addresses or code.
type segment struct{ start, end int }

// prose is the body as the rules that read sentences need it. Code, raw
// HTML, link addresses and tables are left out: a double space in a code
// sample or a "3" in a results table is not prose.
type prose struct {
	root     ast.Node
	s        string
	src      []byte
	tokens   []token
	paras    []para
	segments []segment
	links    []link
	images   []link
}

// link is a link or image of the body with its whole source span
// ("[text](url)"), so a finding selects all of it.
type link struct {
	start, end int
	dest       string
	empty      bool // no link text, or no alt text for an image
}

func parseProse(body string) *prose {
	p := &prose{s: body, src: []byte(body)}
	// The site's grammar (a bare www.… is a link there too), as written:
	// the rules point at source text.
	p.root = render.ParseSource(p.src)
	block := 0
	cur := -1 // index in p.paras of the paragraph being walked
	_ = ast.Walk(p.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.RawHTML, *extast.Table:
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			if pos := n.Pos(); entering && pos >= 0 && pos < len(p.src) {
				end := pos + 1
				if p.s[pos] == '<' {
					if j := strings.IndexByte(p.s[pos:], '>'); j >= 0 {
						end = pos + j + 1
					}
				} else if label := string(n.Label(p.src)); label != "" {
					// A bare address linkify found: its label as written,
					// which may follow the character that triggered it.
					if j := strings.Index(p.s[pos:], label); j >= 0 {
						pos += j
						end = pos + len(label)
					}
				}
				p.links = append(p.links, link{start: pos, end: end, dest: string(n.URL(p.src))})
			}
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			if entering {
				if l, ok := p.linkSpan(n, string(n.Destination)); ok {
					p.links = append(p.links, l)
				}
			}
		case *ast.Image:
			if entering {
				if l, ok := p.linkSpan(n, string(n.Destination)); ok {
					p.images = append(p.images, l)
				}
			}
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
			if entering {
				block++
				lines := n.Lines()
				if lines.Len() == 0 {
					cur = -1
					return ast.WalkContinue, nil
				}
				p.paras = append(p.paras, para{start: lines.At(0).Start, end: lines.At(lines.Len() - 1).Stop, tok0: len(p.tokens)})
				cur = len(p.paras) - 1
			} else if cur >= 0 {
				p.paras[cur].tok1 = len(p.tokens)
				cur = -1
			}
		case *ast.Text:
			if entering {
				s := n.Segment
				if s.Start >= 0 && s.Stop <= len(p.src) && s.Start < s.Stop {
					// Linkify splits text at every space it might start
					// a link after; a run of source is one segment again.
					if n := len(p.segments); n > 0 && p.segments[n-1].end == s.Start {
						p.segments[n-1].end = s.Stop
					} else {
						p.segments = append(p.segments, segment{s.Start, s.Stop})
					}
					p.tokens = tokenize(p.s, s.Start, s.Stop, block, p.tokens)
				}
			}
		default:
			if entering && n.Type() == ast.TypeBlock {
				block++
			}
		}
		return ast.WalkContinue, nil
	})
	return p
}

// linkSpan finds the source span of a link or image. goldmark records
// where a link starts but not where it ends, so the end is found by
// matching the brackets and parentheses that follow, the way the parser
// did; it is clamped to the paragraph so a surprise cannot run away.
func (p *prose) linkSpan(n ast.Node, dest string) (link, bool) {
	start := n.Pos()
	if start < 0 || start >= len(p.s) {
		return link{}, false
	}
	s := p.s
	i := start
	if s[i] == '!' {
		i++
	}
	end := matchClose(s, i, '[', ']')
	if end < len(s) && s[end] == '(' {
		end = matchClose(s, end, '(', ')')
	} else if end < len(s) && s[end] == '[' {
		end = matchClose(s, end, '[', ']')
	}
	return link{start: start, end: end, dest: dest, empty: strings.TrimSpace(plainText(n, p.src)) == ""}, true
}

// matchClose returns the offset just after the bracket closing the one at
// s[i], honouring backslash escapes and nesting; len(s) if it never closes.
func matchClose(s string, i int, open, close byte) int {
	if i >= len(s) || s[i] != open {
		return i
	}
	depth := 0
	for ; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case open:
			depth++
		case close:
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return len(s)
}

// plainText is the visible text of an inline node and its children.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if tt, ok := t.(*ast.Text); ok {
					b.Write(tt.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			b.Write(c.Label(src))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
