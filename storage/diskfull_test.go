//go:build linux

package storage

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"copydesk/editor"
)

// wiringHint says where the sentinels come from when a save lacks them.
const wiringHint = " (inTx in storage.go must return classifyErr(err) for BEGIN, fn and Commit errors)"

// mustMount skips when the kernel refuses a mount (not root, no
// CAP_SYS_ADMIN in a container) but fails under CI, which runs as root:
// there a skipped disk-full test would hide a broken promise.
func mustMount(t *testing.T, source, target, fstype string, flags uintptr, data string) {
	t.Helper()
	if err := syscall.Mount(source, target, fstype, flags, data); err != nil {
		msg := "cannot mount " + fstype + " at " + target + " (" + err.Error() + "): the full-disk and read-only tests need root"
		if os.Getenv("CI") != "" {
			t.Fatal(msg + "; CI is set, so this must not be skipped")
		}
		t.Skip(msg)
	}
}

// smallDisk mounts a tmpfs of size (e.g. "4m") and unmounts it when the
// test ends, after everything registered later (open libraries) closed.
func smallDisk(t *testing.T, size string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "disk")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	mustMount(t, "tmpfs", dir, "tmpfs", 0, "size="+size)
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, 0); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir
}

// fill writes a file until the disk has no space left and returns it.
func fill(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "filler")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 16<<10)
	for {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			break
		}
	}
	// Fill the last partial block too.
	for {
		if _, err := f.Write(chunk[:512]); err != nil {
			break
		}
	}
	return path
}

func TestDiskFullSaveFailsCleanlyAndSucceedsLater(t *testing.T) {
	ctx := context.Background()
	dir := smallDisk(t, "4m")
	path := filepath.Join(dir, "library.db")
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })

	kept := relArticle(1, 2000)
	if err := d.Save(ctx, kept); err != nil {
		t.Fatal(err)
	}
	filler := fill(t, dir)

	big := relArticle(2, 300_000)
	edit := kept.Clone()
	edit.Body += "\n\nA paragraph added when the disk was full."
	tests := []struct {
		name string
		a    *editor.Article
	}{
		{"new article", big},
		{"edit", edit},
	}
	for _, tt := range tests {
		before := tt.a.Clone()
		err := d.Save(ctx, tt.a)
		if !errors.Is(err, ErrDiskFull) {
			t.Fatalf("%s on a full disk: Save = %v, want an error wrapping ErrDiskFull%s", tt.name, err, wiringHint)
		}
		if !strings.Contains(err.Error(), "disk is full") {
			t.Errorf("%s: message %q does not say the disk is full", tt.name, err)
		}
		if tt.a.ID != before.ID || tt.a.Version != before.Version || tt.a.Body != before.Body {
			t.Errorf("%s: the failed save changed the caller's article", tt.name)
		}
	}
	if err := d.Backup(ctx, filepath.Join(dir, "backup.db")); !errors.Is(err, ErrDiskFull) {
		t.Errorf("Backup on a full disk = %v, want ErrDiskFull", err)
	}
	if got, err := d.Article(ctx, kept.ID); err != nil || got.Body != kept.Body || got.Version != kept.Version {
		t.Fatalf("stored article after failed saves: %v (version %d)", err, got.Version)
	}
	rep, err := Verify(ctx, path)
	if err != nil || !rep.OK() {
		t.Fatalf("library on the full disk: %+v, %v", rep, err)
	}

	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	// The window keeps the article in memory and retries the same save.
	for _, tt := range tests {
		if err := d.Save(ctx, tt.a); err != nil {
			t.Fatalf("%s after freeing space: %v", tt.name, err)
		}
		got, err := d.Article(ctx, tt.a.ID)
		if err != nil || got.Body != tt.a.Body {
			t.Fatalf("%s after freeing space: stored text differs (%v)", tt.name, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".partial-") {
			t.Errorf("failed backup left %s behind", e.Name())
		}
	}
	if rep, err := Verify(ctx, path); err != nil || !rep.OK() || rep.Articles != 2 {
		t.Fatalf("library after the retry: %+v, %v", rep, err)
	}
}

func TestReadOnlyLibrary(t *testing.T) {
	ctx := context.Background()
	disk := smallDisk(t, "8m")
	path := filepath.Join(disk, "library.db")
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	a := relArticle(1, 1000)
	if err := d.Save(ctx, a); err != nil {
		t.Fatal(err)
	}

	// The same folder seen through a read-only bind mount, as on a
	// read-only share, while another window has the library open (so its
	// -wal and -shm files exist).
	view := filepath.Join(t.TempDir(), "view")
	if err := os.Mkdir(view, 0o755); err != nil {
		t.Fatal(err)
	}
	mustMount(t, disk, view, "", syscall.MS_BIND, "")
	t.Cleanup(func() { syscall.Unmount(view, 0) })
	mustMount(t, "", view, "", syscall.MS_REMOUNT|syscall.MS_BIND|syscall.MS_RDONLY, "")
	roPath := filepath.Join(view, "library.db")

	t.Run("save through an open read-only view", func(t *testing.T) {
		ro, err := Open(ctx, roPath)
		if err != nil {
			t.Skipf("Open of a read-only library with another writer fails before any save: %v", err)
		}
		defer ro.Close()
		got, err := ro.Article(ctx, a.ID)
		if err != nil {
			t.Fatalf("reading a read-only library: %v", err)
		}
		got.Body += " More."
		if err := ro.Save(ctx, got); !errors.Is(err, ErrReadOnly) {
			t.Fatalf("Save on a read-only library = %v, want an error wrapping ErrReadOnly%s", err, wiringHint)
		}
	})

	t.Run("open at start", func(t *testing.T) {
		before := fileHash(t, path)
		if _, err := Open(ctx, roPath, WithStartupCheck(CheckBeforeOpen), WithDailyBackup()); !errors.Is(err, ErrReadOnly) {
			t.Fatalf("OpenChecked of a read-only library = %v, want ErrReadOnly", err)
		}
		if fileHash(t, path) != before {
			t.Error("the refused open changed the library")
		}
	})

	// The writer is unaffected.
	a.Body += " Still writable here."
	if err := d.Save(ctx, a); err != nil {
		t.Fatalf("save through the writable path: %v", err)
	}

	// Once nobody has it open there is no -shm file, and SQLite cannot
	// even read a WAL library on a read-only disk: say so.
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, roPath, WithStartupCheck(CheckBeforeOpen), WithDailyBackup()); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("OpenChecked of a closed read-only library = %v, want ErrReadOnly", err)
	}
}
