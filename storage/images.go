package storage

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"

	"copydesk/editor"
)

// ErrImageNotFound means a "copydesk-image:" src names no stored image.
var ErrImageNotFound = errors.New("image not found in the library")

// PutImage stores an image in the library and returns the src to put in
// Article.Image.Src. The bytes are checked with editor.SniffImage, so a
// file that is not a JPEG, PNG, GIF or WebP is refused with an error
// wrapping editor.ErrNotImage. Storing the same bytes again is a no-op
// that returns the same src. name is kept only to show people where the
// image came from.
func (d *DB) PutImage(ctx context.Context, data []byte, name string) (string, error) {
	mediaType, ext, err := editor.SniffImage(data)
	if err != nil {
		return "", fmt.Errorf("store image %s: %w", filepath.Base(name), err)
	}
	sum := sha256.Sum256(data)
	key := hex.EncodeToString(sum[:])
	err = d.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO images (sha256, media_type, ext, name, size, data, created)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`,
			key, mediaType, ext, filepath.Base(name), len(data), data, toMillis(d.timestamp()))
		return err
	})
	if err != nil {
		return "", fmt.Errorf("store image %s: %w", filepath.Base(name), err)
	}
	return editor.LibraryImageSrc(key, ext), nil
}

// Image returns a stored image's bytes and media type. A src that is not
// a library image, or names none, gives an error wrapping ErrImageNotFound.
func (d *DB) Image(ctx context.Context, src string) (data []byte, mediaType string, err error) {
	key, _, ok := editor.ParseLibraryImageSrc(src)
	if !ok {
		return nil, "", fmt.Errorf("image %q: not a library image src: %w", src, ErrImageNotFound)
	}
	err = d.sql.QueryRowContext(ctx, `SELECT data, media_type FROM images WHERE sha256 = ?`, key).Scan(&data, &mediaType)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", fmt.Errorf("image %s: %w", src, ErrImageNotFound)
	}
	if err != nil {
		return nil, "", fmt.Errorf("image %s: %w", src, err)
	}
	// The hash is checked on the way out too: a damaged library must not
	// publish different bytes under the same name.
	if got := sha256.Sum256(data); hex.EncodeToString(got[:]) != key {
		return nil, "", fmt.Errorf("image %s: stored bytes do not match their hash (library damaged)", src)
	}
	return data, mediaType, nil
}

// ImageName returns the file name a library image was imported as, for
// showing people ("" if it came without one). A src that is not a library
// image, or names none, gives an error wrapping ErrImageNotFound.
func (d *DB) ImageName(ctx context.Context, src string) (string, error) {
	key, _, ok := editor.ParseLibraryImageSrc(src)
	if !ok {
		return "", fmt.Errorf("image %q: not a library image src: %w", src, ErrImageNotFound)
	}
	var name string
	err := d.sql.QueryRowContext(ctx, `SELECT name FROM images WHERE sha256 = ?`, key).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("image %s: %w", src, ErrImageNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("image %s: %w", src, err)
	}
	return name, nil
}
