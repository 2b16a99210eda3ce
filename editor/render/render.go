// Package render is Copydesk's one configured Markdown engine. The window's
// preview, the site page and every export parse article bodies here, so
// the house rules (dateline run-in, safe links, typography) are applied
// once and the preview cannot disagree with what is published.
package render

import (
	"bytes"
	"io"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Typographic substitutions are real characters rather than goldmark's
// default HTML entities, so a consumer of the AST (the Fyne preview, the
// wire-copy and NITF encoders) gets "—" and not "&mdash;".
var substitutions = map[extension.TypographicPunctuation]string{
	extension.LeftSingleQuote:  "‘",
	extension.RightSingleQuote: "’",
	extension.LeftDoubleQuote:  "“",
	extension.RightDoubleQuote: "”",
	extension.EnDash:           "–",
	extension.EmDash:           "—",
	extension.Ellipsis:         "…",
	extension.LeftAngleQuote:   "«",
	extension.RightAngleQuote:  "»",
	extension.Apostrophe:       "’",
}

var (
	once        sync.Once
	mdHTML      goldmark.Markdown
	mdXHTML     goldmark.Markdown
	datelineKey = parser.NewContextKey()
)

func build(xhtml bool) goldmark.Markdown {
	// Never html.WithUnsafe: bodies are typed or pasted by people and
	// imported from files, so raw HTML must not reach a reader's browser.
	ropts := []renderer.Option{}
	if xhtml {
		ropts = append(ropts, html.WithXHTML())
	}
	return goldmark.New(
		goldmark.WithExtensions(append(grammar(),
			extension.NewTypographer(extension.WithTypographicSubstitutions(substitutions)),
			houseRules{},
		)...),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(ropts...),
	)
}

func initMarkdown() {
	mdHTML = build(false)
	mdXHTML = build(true)
}

// Markdown returns the shared goldmark instance, built once; it is safe
// for concurrent use. Prefer Parse and HTML, which also apply the dateline.
func Markdown() goldmark.Markdown {
	once.Do(initMarkdown)
	return mdHTML
}

// Parse returns the body's AST with the house rules applied: unsafe links
// and images neutralised, raw HTML removed, and a *Dateline node run in at
// the start of the first paragraph when dateline is not blank.
func Parse(source []byte, dateline string) ast.Node {
	md := Markdown()
	pc := parser.NewContext()
	pc.Set(datelineKey, dateline)
	return md.Parser().Parse(text.NewReader(source), parser.WithContext(pc))
}

// HTML writes the body as an HTML fragment.
func HTML(w io.Writer, source []byte, dateline string) error {
	return Markdown().Renderer().Render(w, source, Parse(source, dateline))
}

// XHTML writes the body as a well-formed XHTML fragment (void elements
// self-closed), for formats that embed it in XML or validate it as XHTML.
func XHTML(w io.Writer, source []byte, dateline string) error {
	once.Do(initMarkdown)
	return mdXHTML.Renderer().Render(w, source, Parse(source, dateline))
}

// HTMLString is HTML into a string, for templates.
func HTMLString(source []byte, dateline string) (string, error) {
	var b bytes.Buffer
	err := HTML(&b, source, dateline)
	return b.String(), err
}

// KindDateline is the ast.NodeKind of *Dateline.
var KindDateline = ast.NewNodeKind("Dateline")

// Dateline is the place name run in before the first paragraph. Place
// is already upper-cased; renderers add DatelineSeparator after it.
type Dateline struct {
	ast.BaseInline
	Place string
}

// Kind implements ast.Node.
func (n *Dateline) Kind() ast.NodeKind { return KindDateline }

// Dump implements ast.Node.
func (n *Dateline) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Place": n.Place}, nil)
}

// DatelineSeparator follows the dateline text in every output.
const DatelineSeparator = " — "

// FormatDateline upper-cases a dateline and folds runs of white space
// (including newlines a paste may bring) into single spaces.
func FormatDateline(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), " "))
}

// houseRules plugs the transformer and the Dateline renderer into goldmark
// the way goldmark's own extensions do.
type houseRules struct{}

func (houseRules) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(transformer{}, 100)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(datelineRenderer{}, 100)))
}

type datelineRenderer struct{}

func (datelineRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindDateline, func(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<span class="dateline">`)
			_, _ = w.Write(util.EscapeHTML([]byte(node.(*Dateline).Place)))
			_, _ = w.WriteString(`</span>` + DatelineSeparator)
		}
		return ast.WalkSkipChildren, nil
	})
}
