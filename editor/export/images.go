package export

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"strconv"
	"strings"

	_ "golang.org/x/image/webp"
	_ "image/gif" // decoders for the library's image types

	"golang.org/x/image/draw"

	"copydesk/editor"
)

// RenditionWidths are the widths, in pixels, at which the site keeps a
// smaller copy of an article's library image beside the original, so a
// phone does not download a camera's full frame. Only widths below the
// original's are made.
var RenditionWidths = []int{480, 960, 1440}

// siteSizes tells the browser how wide the image is drawn: the full
// viewport on narrow screens, else the article column (site.css).
const siteSizes = "(max-width: 45rem) 100vw, 45rem"

// maxImagePixels bounds what is decoded for resizing: a hostile or broken
// file claiming a huge size must not exhaust memory; such an image is
// published as it is, without smaller copies.
const maxImagePixels = 50_000_000

// imageMeta is what the page says about its library image: its size (so
// the layout does not shift while it loads) and its smaller copies.
type imageMeta struct {
	src           string // the article's Image.Src it was made for
	width, height int
	renditions    []rendition
}

type rendition struct {
	name  string // file name beside the page
	width int
}

// srcset lists the renditions and the original for the img element.
func (m *imageMeta) srcset(original string) string {
	if len(m.renditions) == 0 {
		return ""
	}
	var parts []string
	for _, r := range m.renditions {
		parts = append(parts, r.name+" "+strconv.Itoa(r.width)+"w")
	}
	return strings.Join(append(parts, original+" "+strconv.Itoa(m.width)+"w"), ", ")
}

// planImage reads the size of a's library image data and names the
// renditions the site writes for it. Only JPEG and PNG are resized;
// other types keep just the original with its size.
func planImage(a *editor.Article, data []byte) (*imageMeta, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("image %s: %w", a.Image.Src, err)
	}
	m := &imageMeta{src: a.Image.Src, width: cfg.Width, height: cfg.Height}
	if (format != "jpeg" && format != "png") || cfg.Width*cfg.Height > maxImagePixels {
		return m, nil
	}
	base := strings.TrimSuffix(ImageFileName(a), "."+extOf(ImageFileName(a)))
	for _, w := range RenditionWidths {
		if w < cfg.Width {
			m.renditions = append(m.renditions, rendition{name: base + "-" + strconv.Itoa(w) + "." + extOf(ImageFileName(a)), width: w})
		}
	}
	return m, nil
}

func extOf(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i+1:]
	}
	return ""
}

// resize scales image data to width, keeping its aspect ratio and
// format (JPEG stays JPEG, PNG stays PNG).
func resize(data []byte, width int) ([]byte, error) {
	src, format, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	b := src.Bounds()
	height := max(1, (b.Dy()*width+b.Dx()/2)/b.Dx())
	dst := image.NewRGBA(image.Rect(0, 0, width, height))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
	var out bytes.Buffer
	switch format {
	case "jpeg":
		err = jpeg.Encode(&out, dst, &jpeg.Options{Quality: 82})
	default:
		err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&out, dst)
	}
	return out.Bytes(), err
}
