package main

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"testing"
	"time"
)

// waitReady waits until the window creates its ready file (readyFileEnv):
// the first article, its preview and the library's first page are shown
// and laid out.
func waitReady(t *testing.T, path string, timeout time.Duration) {
	t.Helper()
	for deadline := time.Now().Add(timeout); ; time.Sleep(50 * time.Millisecond) {
		if _, err := os.Stat(path); err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the window did not become ready within %v", timeout)
		}
	}
}

// waitScreenSettled waits until two screenshots of the screen in a row are
// the same and not blank: the window has drawn its first frames and
// nothing in it is still moving.
func waitScreenSettled(t *testing.T, timeout time.Duration) {
	t.Helper()
	var last []byte
	for deadline := time.Now().Add(timeout); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		shot, err := screenPixels()
		if err != nil {
			t.Fatal(err)
		}
		if last != nil && bytes.Equal(shot, last) && !uniform(shot) {
			return
		}
		last = shot
	}
	t.Fatalf("the screen did not settle within %v", timeout)
}

// screenPixels returns the root window's pixels.
func screenPixels() ([]byte, error) {
	out, err := exec.Command("import", "-window", "root", "png:-").Output()
	if err != nil {
		return nil, err
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		return nil, err
	}
	switch m := img.(type) {
	case *image.RGBA:
		return m.Pix, nil
	case *image.NRGBA:
		return m.Pix, nil
	}
	b := img.Bounds()
	pix := make([]byte, 0, 3*b.Dx()*b.Dy())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			pix = append(pix, byte(r>>8), byte(g>>8), byte(bl>>8))
		}
	}
	return pix, nil
}

// uniform reports whether every pixel is the first one's colour (an
// unpainted window is black all over).
func uniform(pix []byte) bool {
	const px = 3
	for i := px; i+px <= len(pix); i += px {
		if !bytes.Equal(pix[i:i+px], pix[:px]) {
			return false
		}
	}
	return true
}
