package review_test

import (
	"fmt"
	"time"

	"copydesk/editor"
	"copydesk/editor/review"
)

func ExampleCheckMove() {
	fmt.Println(review.CheckMove(editor.StatusFiled, editor.StatusApproved, review.MoveRequest{}))
	fmt.Println(review.CheckMove(editor.StatusEditing, editor.StatusApproved, review.MoveRequest{ErrorFindings: 2}))
	fmt.Println(review.CheckMove(editor.StatusEditing, editor.StatusApproved, review.MoveRequest{ErrorFindings: 2, Override: "Wire copy"}))
	// Output:
	// cannot move from filed to approved; allowed: editing, draft, spiked
	// cannot approve: 2 error-level findings are open; fix them or give an override reason (--override)
	// <nil>
}

func ExampleApply() {
	a := &editor.Article{Headline: "Bridge reopens", Status: editor.StatusApproved,
		Published: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)} // published before: this is a republish
	err := review.Apply(a, editor.StatusPublished, review.MoveRequest{Note: "The bridge reopened Tuesday, not Monday."},
		time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	fmt.Println(err, a.Status, a.Corrections[0].Text)
	// Output: <nil> published The bridge reopened Tuesday, not Monday.
}

func ExampleRelocate() {
	body := "The mayor said the vote was fair."
	anchor, _ := review.Locate(body, "the vote")
	fmt.Println(review.Relocate("UPDATED: "+body, anchor))
	fmt.Println(review.Relocate("The mayor said nothing.", anchor))
	// Output:
	// {the vote 24 false}
	// {the vote 15 true}
}

func ExampleWords() {
	fmt.Println(review.Inline(review.Words("The council voted on Tuesday.", "The city council voted on Thursday.")))
	// Output: The {+city +}council voted on [-Tuesday-]{+Thursday+}.
}
