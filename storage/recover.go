package storage

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Recover replaces the library at libraryPath with the backup at
// backupPath after verifying the backup. The current file and its -wal
// and -shm files are moved aside (renamed with a timestamp, never deleted)
// and the aside name of the main file is returned ("" if there was none).
// No process may have the library open.
func Recover(ctx context.Context, libraryPath, backupPath string) (asidePath string, err error) {
	rep, err := Verify(ctx, backupPath)
	if err != nil {
		return "", fmt.Errorf("recover from %s: %w", backupPath, err)
	}
	if !rep.OK() {
		var b strings.Builder
		rep.WriteTo(&b)
		return "", fmt.Errorf("recover from %s: the backup is damaged too: %w\n%s", backupPath, ErrDamaged, b.String())
	}
	if same, _ := sameFile(libraryPath, backupPath); same {
		return "", fmt.Errorf("recover from %s: that is the library itself", backupPath)
	}
	dir := filepath.Dir(libraryPath)
	// Copy first, under a temporary name in the library's folder, so a
	// failure (disk full) leaves the current library where it was.
	tmp, err := snapshotTo(ctx, backupPath, dir)
	if err != nil {
		return "", fmt.Errorf("recover from %s: %w", backupPath, classifyErr(err))
	}
	defer os.Remove(tmp) // gone after the rename; cleans up on failure

	stamp := time.Now().UTC().Format("20060102T150405.000Z")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		cur := libraryPath + suffix
		if _, err := os.Lstat(cur); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		aside := libraryPath + ".damaged-" + stamp + suffix
		if err := os.Rename(cur, aside); err != nil {
			return asidePath, fmt.Errorf("recover: move %s aside: %w", cur, err)
		}
		if suffix == "" {
			asidePath = aside
		}
	}
	if err := os.Rename(tmp, libraryPath); err != nil {
		return asidePath, fmt.Errorf("recover: install backup as %s: %w", libraryPath, err)
	}
	if err := syncDir(dir); err != nil {
		return asidePath, fmt.Errorf("recover: %w", err)
	}
	return asidePath, nil
}

func sameFile(a, b string) (bool, error) {
	fa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(fa, fb), nil
}

// snapshotTo writes a consistent copy of the database at src to a new
// file in dir and returns its name. It is VACUUM INTO from a read-only
// connection, not a file copy: a backup that is itself a library in use
// may hold committed pages only in its -wal file.
func snapshotTo(ctx context.Context, src, dir string) (string, error) {
	db, err := openReadOnly(ctx, src)
	if err != nil {
		return "", err
	}
	defer db.Close()
	f, err := os.CreateTemp(dir, ".copydesk-recover-*.db")
	if err != nil {
		return "", err
	}
	name := f.Name()
	f.Close() // VACUUM INTO accepts an empty file
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", name); err != nil {
		os.Remove(name)
		return "", err
	}
	if err := syncFile(name); err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}
