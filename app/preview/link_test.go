package preview

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"copydesk/editor"
)

// TestLongLinkWrapsInThePreview: a link whose text is longer than the
// preview is wide wraps onto more lines, as the site's page does, instead
// of running off the right edge.
func TestLongLinkWrapsInThePreview(t *testing.T) {
	test.NewTempApp(t)
	ar := &editor.Article{Headline: "Council keeps the library open", Status: editor.StatusDraft,
		Body: "[Read the full text of the council's decision on the library's Sunday opening hours](https://example.org/decision)"}
	blocks := NewRenderer(nil).Blocks(ar, editor.DefaultSettings(), time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC))
	var link []widget.RichTextSegment
	for _, b := range blocks {
		for _, s := range b.Segments() {
			if strings.Contains(s.Textual(), "Sunday opening") {
				link = b.Segments()
			}
		}
	}
	if link == nil {
		t.Fatal("no block holds the link")
	}
	for _, s := range link {
		if ts, ok := s.(*widget.TextSegment); ok && strings.Contains(ts.Text, "Sunday") &&
			ts.Style.ColorName != theme.ColorNameHyperlink {
			t.Errorf("the long link is drawn as plain text: %+v", ts.Style)
		}
	}
	rt := widget.NewRichText(link...)
	rt.Wrapping = fyne.TextWrapWord
	w := test.NewWindow(rt)
	defer w.Close()
	const width = 240
	w.Resize(fyne.NewSize(width, 600))
	rt.Resize(fyne.NewSize(width, rt.MinSize().Height))

	drv := fyne.CurrentApp().Driver()
	rows := map[float32]bool{}
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		var text string
		switch x := o.(type) {
		case *widget.Hyperlink:
			text = x.Text
		case *canvas.Text:
			text = x.Text
		}
		if text != "" && o.Visible() {
			pos := drv.AbsolutePositionForObject(o).Subtract(drv.AbsolutePositionForObject(rt))
			rows[pos.Y] = true
			if right := pos.X + o.MinSize().Width; right > width+1 {
				t.Errorf("link text %q ends at x=%v, past the preview's %v px", text, right, width)
			}
			return
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, k := range c.Objects {
				walk(k)
			}
		}
		if wd, ok := o.(fyne.Widget); ok {
			for _, k := range test.WidgetRenderer(wd).Objects() {
				walk(k)
			}
		}
	}
	walk(rt)
	if len(rows) < 2 {
		t.Errorf("the link is drawn on %d line(s), want it wrapped onto several at %v px", len(rows), width)
	}
}
