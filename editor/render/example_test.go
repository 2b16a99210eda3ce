package render_test

import (
	"fmt"
	"os"

	"github.com/yuin/goldmark/ast"

	"copydesk/editor/render"
)

func ExampleHTML() {
	body := "Allies agreed on *guarantees*. [Read more](https://example.com/more) or [not](javascript:alert(1))."
	if err := render.HTML(os.Stdout, []byte(body), "Paris"); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <p><span class="dateline">PARIS</span> — Allies agreed on <em>guarantees</em>. <a href="https://example.com/more" rel="nofollow noopener">Read more</a> or not.</p>
}

func ExampleParse() {
	doc := render.Parse([]byte("PARIS -- Talks resumed."), "Paris")
	para := doc.FirstChild()
	d := para.FirstChild().(*render.Dateline)
	fmt.Println(d.Place, para.Kind() == ast.KindParagraph)
	// Output:
	// PARIS true
}
