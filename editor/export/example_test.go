package export_test

import (
	"fmt"
	"os"

	"copydesk/editor"
	"copydesk/editor/export"
)

func ExampleLookup() {
	f, ok := export.Lookup("nitf")
	fmt.Println(f.Name, f.Ext, f.MediaType, ok)
	// Output:
	// nitf xml application/nitf+xml true
}

func ExampleEncodeText() {
	a := &editor.Article{
		Headline: "Council approves budget",
		Byline:   []string{"Lisa Johnson", "Marc Dubois"},
		Dateline: "Appleton",
		Body:     "The council **approved** the [budget](https://example.com/budget) on Tuesday.",
	}
	if err := export.EncodeText(os.Stdout, a, export.Site{Settings: editor.DefaultSettings()}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// Council approves budget
	//
	// By Lisa Johnson and Marc Dubois
	//
	// APPLETON — The council approved the budget (https://example.com/budget)
	// on Tuesday.
}

func ExampleSafeSegment() {
	for _, s := range []string{"../../etc/passwd", "CON", "Zürich Café", "!!!"} {
		fmt.Printf("%q\n", export.SafeSegment(s))
	}
	// Output:
	// "etc-passwd"
	// "con-1"
	// "zurich-cafe"
	// ""
}
