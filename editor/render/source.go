package render

import (
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// grammar is how the site reads a body: GFM (tables, strikethrough,
// linkify, task lists) and footnotes. Parse and ParseSource both use it,
// so what a checker sees as a link or a table is what the page shows.
func grammar() []goldmark.Extender {
	return []goldmark.Extender{extension.GFM, extension.NewFootnote()}
}

var (
	sourceOnce sync.Once
	sourceMD   goldmark.Markdown
)

// ParseSource returns the body's AST as the site's grammar reads it, but
// as written: without the typographer, whose curly quotes and dashes are
// nodes with no source position, and without the house rules, so a
// checker still sees the unsafe link or raw HTML the page would drop and
// can point at it. Every text node keeps its span in source.
func ParseSource(source []byte) ast.Node {
	sourceOnce.Do(func() {
		sourceMD = goldmark.New(goldmark.WithExtensions(grammar()...), goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	})
	return sourceMD.Parser().Parse(text.NewReader(source))
}
