package editor_test

import (
	"errors"
	"fmt"
	"os"

	"copydesk/editor"
)

func ExampleSlugify() {
	fmt.Println(editor.Slugify("Ukraine’s allies agree to guarantees"))
	fmt.Println(editor.Slugify("Café Zürich reopens"))
	fmt.Printf("%q\n", editor.Slugify("🚀")) // no letters: the caller falls back
	// Output:
	// ukraines-allies-agree-to-guarantees
	// cafe-zurich-reopens
	// ""
}

func ExampleValidSlug() {
	fmt.Println(editor.ValidSlug("council-approves-budget"), editor.ValidSlug("../etc"))
	// Output: true false
}

func ExampleParseStatus() {
	s, err := editor.ParseStatus("filed")
	fmt.Println(s, err)
	_, err = editor.ParseStatus("live")
	fmt.Println(err)
	// Output:
	// filed <nil>
	// Status must be one of draft, filed, editing, approved, published, killed, spiked
}

func ExampleArticle_Validate() {
	a := &editor.Article{Slug: "Bad Slug", Status: editor.StatusDraft}
	err := a.Validate()
	var ve *editor.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Printf("%s: %s\n", f.Field, f.Msg)
		}
	}
	// Output:
	// headline: Headline is required
	// slug: Slug may contain only a–z, 0–9 and '-' (no leading, trailing or double '-'), at most 80 characters
}

func ExampleComputeStats() {
	s := editor.ComputeStats("PARIS — Allies **agreed** on [guarantees](https://example.com/x).")
	fmt.Printf("%d words, %d characters, %d min read\n", s.Words, s.Chars, s.ReadingMinutes)
	// Output: 5 words, 65 characters, 1 min read
}

func ExampleCountWords() {
	fmt.Println(editor.CountWords("The U.S. sent 1,000 well-known experts — don't ask."))
	// Output: 8
}

func ExampleParseMarkdown() {
	file := `---
headline: Council approves budget
byline: Lisa Johnson
tags: [budget, council]
---

APPLETON — The council voted 7–2 on Tuesday.
`
	a, err := editor.ParseMarkdown([]byte(file))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s | %q | %q | %s\n%q\n", a.Headline, a.Byline, a.Tags, a.Status, a.Body)

	_, err = editor.ParseMarkdown([]byte("---\nheadlin: Typo\n---\n"))
	var pe *editor.ParseError
	if errors.As(err, &pe) {
		fmt.Printf("story.md:%d: %s\n", pe.Line, pe.Msg)
	}
	// Output:
	// Council approves budget | ["Lisa Johnson"] | ["budget" "council"] | draft
	// "APPLETON — The council voted 7–2 on Tuesday.\n"
	// story.md:2: unknown key "headlin" (did you mean "headline"?)
}

func ExampleWriteMarkdown() {
	a := &editor.Article{
		Headline: "Yes: the bridge reopens",
		Byline:   []string{"Lisa Johnson", "Marc Dubois"},
		Section:  "Local",
		Status:   editor.StatusFiled,
		Body:     "The bridge reopened on Monday.\n",
	}
	if err := editor.WriteMarkdown(os.Stdout, a); err != nil {
		fmt.Println(err)
	}
	// Output:
	// ---
	// headline: 'Yes: the bridge reopens'
	// byline:
	//   - Lisa Johnson
	//   - Marc Dubois
	// section: Local
	// status: filed
	// ---
	//
	// The bridge reopened on Monday.
}
