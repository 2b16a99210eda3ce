package preview

import (
	"image"
	_ "image/gif" // the formats the image chooser accepts
	_ "image/jpeg"
	_ "image/png"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/storage"
)

// ImageSegment is the featured image in the preview. Fyne's own image
// segment only learns its size once its row is on a canvas, after the view
// has measured the row, so the row came out as tall as the caption alone
// and the image spilled over the rows below. This one reads the picture's
// size when the article is rendered, so its row measures true from the
// start.
type ImageSegment struct {
	Source fyne.URI
	Title  string
	Size   fyne.Size // as drawn: half the pixels, as Fyne draws images
}

// newImageSegment reads the size of the image in file p; ok is false when
// the file is not an image this build can decode.
func newImageSegment(p, title string) (seg *ImageSegment, ok bool) {
	f, err := os.Open(p)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(f)
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, false
	}
	size := fyne.NewSize(float32(cfg.Width)/2, float32(cfg.Height)/2)
	return &ImageSegment{Source: storage.NewFileURI(p), Title: title, Size: size}, true
}

// Inline is false: the image is a block of its own.
func (i *ImageSegment) Inline() bool { return false }

// Textual is what the row reads as text, as Fyne's image segment says it.
func (i *ImageSegment) Textual() string { return "Image " + i.Title }

// Visual draws the image centred at its known size.
func (i *ImageSegment) Visual() fyne.CanvasObject {
	img := canvas.NewImageFromURI(i.Source)
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(i.Size)
	return container.NewCenter(img)
}

// Update points a pooled visual at this segment's image.
func (i *ImageSegment) Update(o fyne.CanvasObject) {
	c := o.(*fyne.Container)
	img := c.Objects[0].(*canvas.Image)
	fresh := canvas.NewImageFromURI(i.Source)
	img.File, img.Resource = fresh.File, fresh.Resource
	img.SetMinSize(i.Size)
	c.Refresh()
}

// Select does nothing: the preview's image is not selectable.
func (i *ImageSegment) Select(_, _ fyne.Position) {}

// SelectedText is empty: an image has no text to copy.
func (i *ImageSegment) SelectedText() string { return "" }

// Unselect does nothing, as Select does nothing.
func (i *ImageSegment) Unselect() {}
