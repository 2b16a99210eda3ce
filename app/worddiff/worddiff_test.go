package worddiff

import (
	"testing"

	"fyne.io/fyne/v2/widget"

	"copydesk/editor/review"
)

func TestSegments(t *testing.T) {
	segs := Segments(review.Words("The vote is in May.", "The vote is on May 4."))
	var got string
	for _, s := range segs {
		ts := s.(*widget.TextSegment)
		switch ts.Style {
		case InsertStyle:
			got += "{+" + ts.Text + "+}"
		case DeleteStyle:
			got += "[-" + ts.Text + "-]"
		case EqualStyle:
			got += ts.Text
		default:
			t.Fatalf("segment %q has style %+v", ts.Text, ts.Style)
		}
	}
	if want := "The vote is [-in-]{+on+} May{+ 4+}."; got != want {
		t.Errorf("diff = %q, want %q", got, want)
	}
}
