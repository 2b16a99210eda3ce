package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"copydesk/app/bodyedit"
	"copydesk/editor"
	"copydesk/editor/check"
)

// TestPreviewDividerStaysWhileTyping: the divider between the editor and
// the preview moves only when dragged — not when what is typed changes
// the checks, the preview or the form — and the window reopens with it
// where it was left.
func TestPreviewDividerStaysWhileTyping(t *testing.T) {
	fs := newFakeStore()
	fs.put(&editor.Article{Headline: "Council", Status: editor.StatusDraft, Body: "The council met."})
	h := newHarness(t, fs)
	a := h.app
	a.win.Resize(fyne.NewSize(1000, 700))
	start := a.previewSplit.Leading.Size().Width
	body := a.body.(*bodyedit.Editor)
	h.win.Canvas().Focus(body)
	typed := []string{
		" Supercalifragilisticexpialidocious-and-then-some-more-unbroken-text-that-goes-on-and-on",
		" the the the the", "  double  spaces", " [a link with a very long text that goes on and on and on](https://example.org/x)",
		"\n\n# " + strings.Repeat("Heading ", 20), "\n\n> “An unattributed quote that is long enough to be flagged by the checks,”",
	}
	for _, s := range typed {
		test.Type(body, s)
		h.advance(PreviewDelay)
		a.review.RunChecks()
		h.drain()
		if got := a.previewSplit.Leading.Size().Width; got != start {
			t.Fatalf("after typing %q the editor is %v wide, was %v: the divider moved", s, got, start)
		}
	}

	a.review.Checks().SetFindings([]check.Finding{{Rule: "style", Severity: check.SeverityWarning, Field: "body",
		Message: strings.Repeat("A finding with a long message that does not stop. ", 8) + strings.Repeat("x", 300)}})
	if got := a.previewSplit.Leading.Size().Width; got != start {
		t.Fatalf("after a long finding the editor is %v wide, was %v: the divider moved", got, start)
	}
	// Something on the preview's side that needs more room than its share.
	tabs := a.review.Object().(*container.AppTabs)
	wide := canvas.NewRectangle(nil)
	wide.SetMinSize(fyne.NewSize(900, 10))
	tabs.Append(container.NewTabItem("Wide", wide))
	tabs.Refresh()
	a.content.Refresh()
	if got := a.previewSplit.Leading.Size().Width; got != start {
		t.Errorf("after the preview side grew the editor is %v wide, was %v: the divider moved", got, start)
	}
}

// TestPreviewDividerIsRemembered: a window opens with the divider where
// the last one was closed with it.
func TestPreviewDividerIsRemembered(t *testing.T) {
	fs := newFakeStore()
	fs.put(&editor.Article{Headline: "Council", Status: editor.StatusDraft, Body: "The council met."})
	test.NewTempApp(t)
	sync := Options{Clock: newFakeClock(), Go: func(f func()) { f() }, Do: func(f func()) { f() }, Prefs: fyne.CurrentApp().Preferences()}
	first := New(test.NewWindow(nil), fs, sync)
	first.previewSplit.SetOffset(0.7) // a drag
	first.requestClose()              // closes its window
	if got := sync.Prefs.Float("split.preview"); got != 0.7 {
		t.Fatalf("remembered offset %v, want 0.7", got)
	}
	w := test.NewWindow(nil)
	defer w.Close()
	if got := New(w, fs, sync).previewSplit.Offset; got != 0.7 {
		t.Errorf("the next window opens with the divider at %v, want 0.7", got)
	}
}
