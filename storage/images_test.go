package storage

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"path/filepath"
	"strings"
	"testing"

	"copydesk/editor"
)

func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestImages(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "images.db")
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	small, big := pngBytes(t, 2, 2), pngBytes(t, 40, 30)

	src, err := d.PutImage(ctx, small, "/home/lisa/Pictures/paris.png")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(src, editor.ImageSrcPrefix) || !strings.HasSuffix(src, ".png") {
		t.Fatalf("src = %q", src)
	}
	if _, _, ok := editor.ParseLibraryImageSrc(src); !ok {
		t.Fatalf("src %q does not parse", src)
	}
	again, err := d.PutImage(ctx, small, "copy.png")
	if err != nil || again != src {
		t.Fatalf("same bytes gave %q, %v; want %q", again, err, src)
	}
	other, err := d.PutImage(ctx, big, "big.png")
	if err != nil || other == src {
		t.Fatalf("different bytes gave %q, %v", other, err)
	}

	tests := []struct {
		name    string
		src     string
		want    []byte
		wantErr error
	}{
		{"stored", src, small, nil},
		{"second", other, big, nil},
		{"unknown hash", editor.LibraryImageSrc(strings.Repeat("0", 64), "png"), nil, ErrImageNotFound},
		{"url", "https://example.com/a.png", nil, ErrImageNotFound},
		{"malformed", editor.ImageSrcPrefix + "../../etc/passwd", nil, ErrImageNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, mt, err := d.Image(ctx, tt.src)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil || !bytes.Equal(data, tt.want) || mt != "image/png" {
				t.Fatalf("Image = %d bytes, %q, %v", len(data), mt, err)
			}
		})
	}

	// Images live in the library file: they survive closing and reopening.
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	d2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d2.Close()
	if data, _, err := d2.Image(ctx, src); err != nil || !bytes.Equal(data, small) {
		t.Fatalf("after reopen: %d bytes, %v", len(data), err)
	}
}

func TestPutImageRefusesNonImages(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, err := Open(ctx, filepath.Join(t.TempDir(), "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	_, err = d.PutImage(ctx, []byte("<!DOCTYPE html><html><script>alert(1)</script></html>"), "photo.jpg")
	if !errors.Is(err, editor.ErrNotImage) || !strings.Contains(err.Error(), "photo.jpg") || !strings.Contains(err.Error(), "looks like text/html") {
		t.Fatalf("err = %v", err)
	}
	var n int
	if err := d.sql.QueryRowContext(ctx, `SELECT count(*) FROM images`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d images stored after a refusal (%v)", n, err)
	}
}

func TestImageDetectsDamage(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, err := Open(ctx, filepath.Join(t.TempDir(), "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	src, err := d.PutImage(ctx, pngBytes(t, 3, 3), "a.png")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.sql.ExecContext(ctx, `UPDATE images SET data = ?`, pngBytes(t, 4, 4)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := d.Image(ctx, src); err == nil || !strings.Contains(err.Error(), "do not match") {
		t.Fatalf("err = %v, want a hash mismatch", err)
	}
}

func TestImageName(t *testing.T) {
	ctx := context.Background()
	d := newDB(t)
	src, err := d.PutImage(ctx, pngBytes(t, 2, 2), "paris.png")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		src, want string
		wantErr   error
	}{
		{src, "paris.png", nil},
		{editor.LibraryImageSrc(strings.Repeat("0", 64), "png"), "", ErrImageNotFound},
		{"https://example.com/a.png", "", ErrImageNotFound},
	}
	for _, tc := range tests {
		got, err := d.ImageName(ctx, tc.src)
		if got != tc.want || !errors.Is(err, tc.wantErr) || (tc.wantErr == nil) != (err == nil) {
			t.Errorf("ImageName(%q) = %q, %v; want %q, %v", tc.src, got, err, tc.want, tc.wantErr)
		}
	}
}
