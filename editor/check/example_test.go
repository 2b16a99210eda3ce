package check_test

import (
	"fmt"

	"copydesk/editor"
	"copydesk/editor/check"
)

func ExampleRun() {
	a := &editor.Article{
		Headline: "Council keeps library open",
		Byline:   []string{"Ana Ruiz"},
		Section:  "Local",
		Summary:  "The council reversed a cut.",
		Dateline: "APPLETON",
		Body:     "The council voted TK to keep the the library open.\n",
	}
	for _, f := range check.Run(a, editor.DefaultSettings(), check.Context{}) {
		passage := []rune(check.FieldText(a, f.Field))[f.Start:f.End]
		fmt.Printf("%s %s %q\n", f.Severity, f.Rule, string(passage))
	}
	// Output:
	// error placeholder "TK"
	// warning repeated-word "the the"
}

func ExampleFactSheet() {
	a := &editor.Article{Body: "NATO pledged $10 billion on June 3, 2025. “We are ready,” said Fiona Hill.\n"}
	for _, f := range check.FactSheet(a) {
		if f.Speaker != "" {
			fmt.Printf("%s %s (%s)\n", f.Kind, f.Text, f.Speaker)
		} else {
			fmt.Println(f.Kind, f.Text)
		}
	}
	// Output:
	// organisation NATO
	// figure $10 billion
	// figure June 3, 2025
	// quote “We are ready,” (Fiona Hill)
	// person Fiona Hill
}
