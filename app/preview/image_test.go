package preview

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"copydesk/editor"
)

// onCanvasDriver answers CanvasForObject as the desktop driver does: only
// for an object already in a window's tree. The test driver answers for
// any object, which hides what the window shows: an image measured before
// its row is placed.
type onCanvasDriver struct {
	fyne.Driver
}

func (d onCanvasDriver) CanvasForObject(o fyne.CanvasObject) fyne.Canvas {
	for _, w := range d.AllWindows() {
		if w.Content() != nil && inTree(w.Content(), o) {
			return w.Canvas()
		}
	}
	return nil
}

func inTree(root, o fyne.CanvasObject) bool {
	if root == o {
		return true
	}
	var children []fyne.CanvasObject
	switch r := root.(type) {
	case *fyne.Container:
		children = r.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(r).Objects()
	}
	for _, c := range children {
		if inTree(c, o) {
			return true
		}
	}
	return false
}

type onCanvasApp struct {
	fyne.App
}

func (a onCanvasApp) Driver() fyne.Driver { return onCanvasDriver{a.App.Driver()} }

// TestImageRowHoldsTheImage: the featured image's row must be as tall as
// the picture and its caption, so the summary and the body start below
// it: with an empty body, and again after new settings re-render every
// header row.
func TestImageRowHoldsTheImage(t *testing.T) {
	a := test.NewTempApp(t)
	pic := filepath.Join(t.TempDir(), "bridge.png")
	f, err := os.Create(pic)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, image.NewRGBA(image.Rect(0, 0, 400, 300))); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	const drawnHeight = 150 // Fyne draws an image at half its pixels

	v := NewView()
	w := test.NewWindow(v.Object())
	defer w.Close()
	w.Resize(fyne.NewSize(700, 900))
	fyne.SetCurrentApp(onCanvasApp{a})
	defer fyne.SetCurrentApp(a)

	ar := &editor.Article{Headline: "Flood", Summary: "The river crested overnight.",
		Image: editor.Image{Src: pic, Alt: "Water over the bridge", Caption: "The bridge at noon.", Credit: "Ana Ruiz"}}
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	r := NewRenderer(nil)
	s := editor.DefaultSettings()
	changed := s
	changed.Masthead = "The Appleton Evening Times"
	changed.Tagline = "Late edition."
	for _, tt := range []struct {
		name     string
		settings editor.Settings
	}{
		{"empty body", s},
		{"new settings", changed},
	} {
		v.SetBlocks(r.Blocks(ar, tt.settings, now))
		imgRow, summaryRow := -1, -1
		for i, b := range v.Blocks() {
			for _, seg := range b.Segments() {
				if !seg.Inline() && seg.Textual() == "Image "+ar.Image.Alt {
					imgRow = i
				}
				if ts, ok := seg.(*widget.TextSegment); ok && ts.Text == ar.Summary {
					summaryRow = i
				}
			}
		}
		if imgRow < 0 || summaryRow != imgRow+1 {
			t.Fatalf("%s: image row %d, summary row %d:\n%s", tt.name, imgRow, summaryRow, v.Text())
		}
		img, sum := v.Rows()[imgRow], v.Rows()[summaryRow]
		if img == nil || sum == nil {
			t.Fatalf("%s: image or summary row not on screen", tt.name)
		}
		if got := img.Size().Height; got < drawnHeight {
			t.Errorf("%s: image row is %v tall, shorter than the %v px picture", tt.name, got, float32(drawnHeight))
		}
		if need := img.MinSize().Height; img.Size().Height < need {
			t.Errorf("%s: image row is %v tall but its picture and caption need %v", tt.name, img.Size().Height, need)
		}
		if bottom := img.Position().Y + img.Size().Height; sum.Position().Y < bottom {
			t.Errorf("%s: summary starts at %v, above the image row's bottom %v", tt.name, sum.Position().Y, bottom)
		}
	}
}
