package merge_test

import (
	"fmt"
	"time"

	"copydesk/editor"
	"copydesk/editor/merge"
)

func ExampleArticles() {
	base := &editor.Article{Headline: "Council delays vote", Status: editor.StatusEditing,
		Body: "The council met on Tuesday.\n\nThe vote was put off.\n"}
	mine := base.Clone()
	mine.Headline = "Council puts off budget vote"
	mine.Body = "The council met on Tuesday night.\n\nThe vote was put off.\n"
	theirs := base.Clone()
	theirs.Status = editor.StatusApproved // by a reporter: not applied
	theirs.Body = "The council met on Tuesday.\n\nThe vote was put off until May.\n"

	r := merge.Articles(base, mine, theirs, merge.Options{TheirsMayApprove: false})
	fmt.Println(r.Article.Headline)
	fmt.Print(r.Article.Body)
	for _, c := range r.Conflicts {
		fmt.Printf("conflict in %s: mine %q, theirs %q\n", c.Label(), c.Mine, c.Theirs)
	}
	// Output:
	// Council puts off budget vote
	// The council met on Tuesday night.
	//
	// The vote was put off until May.
	// conflict in status: mine "editing", theirs "approved"
}

func ExampleLines() {
	const a = `{"uid":"a","time":"2026-03-02T09:00:00Z"}` + "\n"
	base := []byte(a)
	mine := []byte(a + `{"uid":"c","time":"2026-03-02T11:00:00Z"}` + "\n")
	theirs := []byte(a + `{"uid":"b","time":"2026-03-02T10:00:00Z"}` + "\n")
	fmt.Print(string(merge.Lines(base, mine, theirs)))
	// Output:
	// {"uid":"a","time":"2026-03-02T09:00:00Z"}
	// {"uid":"b","time":"2026-03-02T10:00:00Z"}
	// {"uid":"c","time":"2026-03-02T11:00:00Z"}
}

func ExampleResolve() {
	base := &editor.Article{Headline: "Council delays vote", Status: editor.StatusEditing}
	mine, theirs := base.Clone(), base.Clone()
	mine.Headline = "Council puts off budget vote"
	theirs.Headline = "Budget vote delayed again"
	r := merge.Articles(base, mine, theirs, merge.Options{})

	c := r.Conflicts[0]
	text, _ := c.Text(merge.TakeTheirs)
	if _, err := merge.Resolve(r.Article, c, text, time.Now()); err != nil {
		fmt.Println(err)
	}
	fmt.Println(r.Article.Headline)
	// Output:
	// Budget vote delayed again
}
