package editor

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
)

func encoded(t *testing.T, enc func(*bytes.Buffer, image.Image) error) []byte {
	t.Helper()
	img := image.NewPaletted(image.Rect(0, 0, 3, 2), color.Palette{color.Black, color.White})
	var b bytes.Buffer
	if err := enc(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSniffImage(t *testing.T) {
	pngData := encoded(t, func(b *bytes.Buffer, i image.Image) error { return png.Encode(b, i) })
	jpgData := encoded(t, func(b *bytes.Buffer, i image.Image) error { return jpeg.Encode(b, i, nil) })
	gifData := encoded(t, func(b *bytes.Buffer, i image.Image) error { return gif.Encode(b, i, nil) })
	// A minimal lossless WebP header: RIFF size WEBP VP8L ...
	webpData := append([]byte("RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f"), make([]byte, 13)...)
	tests := []struct {
		name      string
		data      []byte
		wantType  string
		wantExt   string
		errSubstr string
	}{
		{"png", pngData, "image/png", "png", ""},
		{"jpeg", jpgData, "image/jpeg", "jpg", ""},
		{"gif", gifData, "image/gif", "gif", ""},
		{"webp", webpData, "image/webp", "webp", ""},
		{"html", []byte("<!DOCTYPE html><html><body>hi</body></html>"), "", "", "file is not an image (looks like text/html)"},
		{"text", []byte("just some notes"), "", "", "looks like text/plain"},
		{"pdf", []byte("%PDF-1.7\n"), "", "", "looks like application/pdf"},
		{"empty", nil, "", "", "file is empty"},
		{"truncated png", pngData[:12], "", "", "damaged"},
		{"webp without vp8", []byte("RIFF\x04\x00\x00\x00WEBPJUNKJUNK"), "", "", "not a valid WebP"},
		{"too big", append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, MaxImageBytes)...), "", "", "larger than the 25 MB limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mt, ext, err := SniffImage(tt.data)
			if tt.errSubstr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errSubstr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.errSubstr)
				}
				if !errors.Is(err, ErrNotImage) {
					t.Errorf("err %v does not wrap ErrNotImage", err)
				}
				return
			}
			if err != nil || mt != tt.wantType || ext != tt.wantExt {
				t.Fatalf("SniffImage = %q, %q, %v; want %q, %q", mt, ext, err, tt.wantType, tt.wantExt)
			}
		})
	}
}

func FuzzSniffImage(f *testing.F) {
	f.Add([]byte("\x89PNG\r\n\x1a\n"))
	f.Add([]byte("<html>"))
	f.Add([]byte("RIFF\x00\x00\x00\x00WEBPVP8 "))
	f.Fuzz(func(t *testing.T, data []byte) {
		mt, ext, err := SniffImage(data)
		if err != nil {
			if !errors.Is(err, ErrNotImage) {
				t.Fatalf("error %v does not wrap ErrNotImage", err)
			}
			return
		}
		if !strings.HasPrefix(mt, "image/") || ext == "" {
			t.Fatalf("accepted with type %q ext %q", mt, ext)
		}
	})
}
