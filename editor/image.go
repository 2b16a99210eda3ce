package editor

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // registered for DecodeConfig
	_ "image/jpeg"
	_ "image/png"
	"net/http"
	"strings"
)

// MaxImageBytes bounds one featured image. Newsroom photos are a few MB;
// the limit keeps a mistaken pick (a video, a disk image) out of the library.
const MaxImageBytes = 25 << 20

// ImageSrcPrefix starts the Image.Src of an image kept in the library:
// "copydesk-image:<sha256 hex>.<ext>". The content hash makes the src
// stable across machines and stores each photo once however often used.
const ImageSrcPrefix = "copydesk-image:"

// LibraryImageSrc is the src of a stored image with the given SHA-256 (hex) and extension.
func LibraryImageSrc(sha256Hex, ext string) string { return ImageSrcPrefix + sha256Hex + "." + ext }

// ParseLibraryImageSrc splits a library image src into its hash and
// extension; ok is false for anything else (a URL, a path, a malformed src).
func ParseLibraryImageSrc(src string) (sha256Hex, ext string, ok bool) {
	rest, found := strings.CutPrefix(src, ImageSrcPrefix)
	if !found {
		return "", "", false
	}
	sha256Hex, ext, found = strings.Cut(rest, ".")
	if !found || len(sha256Hex) != 64 {
		return "", "", false
	}
	for _, c := range sha256Hex {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return "", "", false
		}
	}
	switch ext {
	case "jpg", "png", "gif", "webp":
		return sha256Hex, ext, true
	}
	return "", "", false
}

// ErrNotImage is wrapped by SniffImage's errors for data that is not a
// supported image, so callers can tell it from an I/O failure.
var ErrNotImage = errors.New("not a supported image")

// SniffImage identifies a featured image by its content, never by its file
// name, and returns its media type and file extension (without a dot).
// Only JPEG, PNG, GIF and WebP are accepted: they are what every browser,
// Hugo theme and wire partner displays.
func SniffImage(data []byte) (mediaType, ext string, err error) {
	switch {
	case len(data) == 0:
		return "", "", fmt.Errorf("file is empty: %w", ErrNotImage)
	case len(data) > MaxImageBytes:
		return "", "", fmt.Errorf("image is %.1f MB, larger than the %d MB limit: %w", float64(len(data))/(1<<20), MaxImageBytes>>20, ErrNotImage)
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		mediaType, ext = "image/jpeg", "jpg"
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		mediaType, ext = "image/png", "png"
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		mediaType, ext = "image/gif", "gif"
	case len(data) >= 16 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		if !bytes.HasPrefix(data[12:], []byte("VP8")) {
			return "", "", fmt.Errorf("file is not a valid WebP image: %w", ErrNotImage)
		}
		return "image/webp", "webp", nil
	default:
		return "", "", fmt.Errorf("file is not an image (looks like %s): %w", looksLike(data), ErrNotImage)
	}
	// The magic number matched; decoding the header catches truncated or
	// disguised files before they are stored and published.
	if _, _, err := image.DecodeConfig(bytes.NewReader(data)); err != nil {
		return "", "", fmt.Errorf("file starts like %s but is damaged (%v): %w", mediaType, err, ErrNotImage)
	}
	return mediaType, ext, nil
}

func looksLike(data []byte) string {
	t := http.DetectContentType(data)
	if i := strings.IndexByte(t, ';'); i >= 0 {
		t = t[:i]
	}
	if t == "application/octet-stream" {
		return "binary data"
	}
	return t
}
