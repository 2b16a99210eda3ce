package bodyedit

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestSmoke(t *testing.T) {
	e, _ := newTestEditor(t, "hello world\nsecond", 700, 400)
	test.Type(e, "X")
	if got := e.Text(); got != "Xhello world\nsecond" {
		t.Fatalf("text %q", got)
	}
	t.Log(visibleTexts(e))
}
