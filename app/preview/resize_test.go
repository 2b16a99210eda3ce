package preview

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestPreviewRowsRewrapWhenWidened: rows already on screen when the
// preview gets wider must be measured at the new width. They used to keep
// the height they wrapped to at the old width, leaving tall gaps between
// paragraphs after the window first grew to its real size.
func TestPreviewRowsRewrapWhenWidened(t *testing.T) {
	test.NewTempApp(t)
	para := strings.Repeat("The council voted on the riverfront plan again. ", 12)
	blocks := []Block{
		{key: 1, segs: []widget.RichTextSegment{&widget.TextSegment{Style: widget.RichTextStyleParagraph, Text: para}}, runes: len(para)},
		{key: 2, segs: []widget.RichTextSegment{&widget.TextSegment{Style: widget.RichTextStyleParagraph, Text: "Second paragraph."}}, runes: 17},
	}
	v := NewView()
	w := test.NewWindow(v.scroll)
	defer w.Close()
	w.Resize(fyne.NewSize(250, 900))
	v.SetBlocks(blocks)
	narrow := v.heights[0]

	// No explicit v.place(): the window's own layout pass must re-measure
	// the rows it already shows, as it does in the running app.
	w.Resize(fyne.NewSize(1200, 900))

	fresh := widget.NewRichText(blocks[0].segs...)
	fresh.Wrapping = fyne.TextWrapWord
	fresh.Resize(fyne.NewSize(v.width, 10))
	want := fresh.MinSize().Height
	if got := v.heights[0]; got != want {
		t.Fatalf("first row is %v tall after widening (was %v at the narrow width); a fresh row at %v px is %v", got, narrow, v.width, want)
	}
	if want >= narrow {
		t.Fatalf("test setup: widening should shorten the paragraph (%v → %v)", narrow, want)
	}
}
