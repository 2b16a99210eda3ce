// Package worddiff draws a word diff (review.Words) as rich text, the same
// way wherever the window shows one: History's comparison of revisions and
// the conflict view's versions.
package worddiff

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"copydesk/editor/review"
)

// Styles of the diff: colour carries the meaning, and bold or italic
// repeats it for anyone who cannot tell red from green.
var (
	InsertStyle = widget.RichTextStyle{Inline: true, ColorName: theme.ColorNameSuccess, TextStyle: fyne.TextStyle{Bold: true}}
	DeleteStyle = widget.RichTextStyle{Inline: true, ColorName: theme.ColorNameError, TextStyle: fyne.TextStyle{Italic: true}}
	EqualStyle  = widget.RichTextStyleInline
)

// Segments is segs as inline rich text in the diff's styles.
func Segments(segs []review.Segment) []widget.RichTextSegment {
	out := make([]widget.RichTextSegment, 0, len(segs))
	for _, s := range segs {
		style := EqualStyle
		switch s.Op {
		case review.Insert:
			style = InsertStyle
		case review.Delete:
			style = DeleteStyle
		}
		out = append(out, &widget.TextSegment{Text: s.Text, Style: style})
	}
	return out
}
