package bodyedit

import (
	"bytes"

	"fyne.io/fyne/v2"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// shaper measures text with the theme's fonts through one long-lived
// HarfbuzzShaper. fyne.MeasureText builds a new shaper, and so a new
// harfbuzz font, on every call; layout measures every new word, so that
// cost would make the first view of a page of fresh prose visibly slow. Text the theme font cannot draw alone (emoji,
// CJK from a fallback font) and tabs (which Fyne expands to tab stops) still
// go through fyne.MeasureText, so both paths agree with what is painted.
type shaper struct {
	th    fyne.Theme
	hb    shaping.HarfbuzzShaper
	seg   shaping.Segmenter
	faces map[fyne.TextStyle]*font.Face // nil: fall back to fyne.MeasureText
}

type oneFace struct{ f *font.Face }

func (o oneFace) ResolveFace(rune) *font.Face { return o.f }

func newShaper(th fyne.Theme) *shaper {
	return &shaper{th: th, faces: map[fyne.TextStyle]*font.Face{}}
}

func (s *shaper) face(st fyne.TextStyle) *font.Face {
	f, ok := s.faces[st]
	if !ok {
		if res := s.th.Font(st); res != nil {
			f, _ = font.ParseTTF(bytes.NewReader(res.Content()))
		}
		s.faces[st] = f
	}
	return f
}

// width is the advance of text in the given size and style.
func (s *shaper) width(text []rune, size float32, st fyne.TextStyle) float32 {
	f := s.face(st)
	if f == nil || len(text) == 0 {
		return fyne.MeasureText(string(text), size, st).Width
	}
	for _, r := range text {
		if _, ok := f.NominalGlyph(r); !ok || r == '\t' || r == '\r' {
			return fyne.MeasureText(string(text), size, st).Width
		}
	}
	in := shaping.Input{
		Text:      text,
		RunEnd:    len(text),
		Direction: di.DirectionLTR,
		Face:      f,
		Size:      fixed.Int26_6(float64(size) * 64),
	}
	var x fixed.Int26_6
	for _, run := range s.seg.Split(in, oneFace{f}) {
		x += s.hb.Shape(run).Advance
	}
	return float32(float64(x) / 64)
}
