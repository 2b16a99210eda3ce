package storage

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"copydesk/editor"
)

func TestBackupIsAConsistentCopyWhileSaving(t *testing.T) {
	ctx := context.Background()
	path := relLibrary(t, 20, 20000)
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()

	// Saves keep landing while the backup runs: VACUUM INTO must copy one
	// snapshot, never a mix.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var saveErr error
	wg.Go(func() {
		for i := 100; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := d.Save(ctx, relArticle(i, 5000)); err != nil {
				saveErr = err
				return
			}
		}
	})
	dest := filepath.Join(t.TempDir(), "copy.db")
	err = d.Backup(ctx, dest)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if saveErr != nil {
		t.Fatalf("a save failed during the backup: %v", saveErr)
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 1 {
		t.Errorf("backup folder holds %d entries, want only the backup (no partial files)", len(entries))
	}
	rep, err := Verify(ctx, dest)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.Articles < 20 {
		t.Fatalf("backup report: %+v", rep)
	}
	b, err := Open(ctx, dest)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for id := int64(1); id <= int64(rep.Articles); id++ {
		a, err := b.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		i, size := int(id-1), 20000
		if id > 20 {
			i, size = int(id-21+100), 5000
		}
		if want := relArticle(i, size); a.Body != want.Body {
			t.Fatalf("article %d in the backup differs from what was saved", id)
		}
	}

	if err := d.Backup(ctx, dest); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Backup over an existing file = %v, want fs.ErrExist", err)
	}
}

func TestAutoBackupOncePerDayAndPrunes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, err := Open(ctx, filepath.Join(t.TempDir(), "news.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	dir := filepath.Join(t.TempDir(), "backups")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	// Someone else's file in the folder is never pruned.
	other := filepath.Join(dir, "notes-2020-01-01.db")
	if err := os.WriteFile(other, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	day := func(n int) time.Time { return time.Date(2026, 3, n, 9, 30, 0, 0, time.Local) }
	steps := []struct {
		day      int
		keep     int
		wantTook bool
		wantLeft []string
	}{
		{1, 3, true, []string{"news-2026-03-01.db"}},
		{1, 3, false, []string{"news-2026-03-01.db"}}, // second start the same day
		{2, 3, true, []string{"news-2026-03-01.db", "news-2026-03-02.db"}},
		{4, 3, true, []string{"news-2026-03-01.db", "news-2026-03-02.db", "news-2026-03-04.db"}},
		{5, 3, true, []string{"news-2026-03-02.db", "news-2026-03-04.db", "news-2026-03-05.db"}},
		{20, 3, true, []string{"news-2026-03-20.db"}},
		{21, 0, true, []string{"news-2026-03-20.db", "news-2026-03-21.db"}}, // 0 keeps at least a day
	}
	for _, s := range steps {
		d.SetClock(func() time.Time { return day(s.day) })
		if err := d.Save(ctx, relArticle(s.day, 100)); err != nil {
			t.Fatal(err)
		}
		path, took, err := d.AutoBackup(ctx, dir, s.keep)
		if err != nil {
			t.Fatalf("day %d: %v", s.day, err)
		}
		if took != s.wantTook {
			t.Errorf("day %d: took = %v, want %v", s.day, took, s.wantTook)
		}
		if want := filepath.Join(dir, "news-"+day(s.day).Format("2006-01-02")+".db"); path != want {
			t.Errorf("day %d: path = %s, want %s", s.day, path, want)
		}
		var left []string
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if e.Name() != filepath.Base(other) {
				left = append(left, e.Name())
			}
		}
		if !slices.Equal(left, s.wantLeft) {
			t.Errorf("day %d: backups %v, want %v", s.day, left, s.wantLeft)
		}
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("pruning removed a file that is not a backup of this library: %v", err)
	}
	// The newest backup holds the day's save.
	b, err := Open(ctx, filepath.Join(dir, "news-2026-03-21.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if n, err := b.Count(ctx, editor.Filter{}); err != nil || n != 7 {
		t.Errorf("newest backup holds %d articles (%v), want 7", n, err)
	}
}

// TestAutoBackupRemovesLeftoversOfKilledBackups: a backup killed halfway
// leaves its temporary file; pruning removes it once it is clearly stale,
// but never one that another process may be writing now.
func TestAutoBackupRemovesLeftoversOfKilledBackups(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, err := Open(ctx, filepath.Join(t.TempDir(), "news.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	dir := filepath.Join(t.TempDir(), "backups")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, ".news-2026-03-01.db.partial-123")
	fresh := filepath.Join(dir, ".news-2026-03-02.db.partial-456")
	for _, p := range []string{stale, fresh} {
		if err := os.WriteFile(p, []byte("half a backup"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-2 * staleAfter)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	if _, _, err := d.AutoBackup(ctx, dir, 14); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("stale temporary file still there (%v)", err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("a temporary file that may be in use was removed: %v", err)
	}
}

func TestBackupBeforeMigrate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := relLibrary(t, 3, 500)
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := backupBeforeMigrate(ctx, d, []int{2, 3}); err != nil {
		t.Fatal(err)
	}
	backups, err := Backups(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(backups) != 1 || !strings.HasSuffix(backups[0], "-before-schema-3.db") {
		t.Fatalf("backups = %v, want one named for schema 3", backups)
	}
	if rep, err := Verify(ctx, backups[0]); err != nil || !rep.OK() || rep.Articles != 3 {
		t.Fatalf("pre-upgrade backup: %+v, %v", rep, err)
	}
}

// TestUpgradeTakesBackup runs a real upgrade from the first schema once a
// second migration exists.
func TestUpgradeTakesBackup(t *testing.T) {
	t.Parallel()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) < 2 {
		t.Skip("only one migration: no upgrade to back up before yet")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "library.db")
	old, err := Open(ctx, path, withMaxVersion(ms[0].version))
	if err != nil {
		t.Fatal(err)
	}
	if err := old.Save(ctx, relArticle(1, 1000)); err != nil {
		t.Fatal(err)
	}
	old.Close()
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	d.Close()
	backups, err := Backups(path)
	if err != nil || len(backups) != 1 {
		t.Fatalf("backups after upgrade = %v, %v; want one", backups, err)
	}
	b, err := Open(ctx, backups[0], withMaxVersion(ms[0].version))
	if err != nil {
		t.Fatalf("pre-upgrade backup does not open at the old schema: %v", err)
	}
	defer b.Close()
	if a, err := b.Article(ctx, 1); err != nil || a.Body != relArticle(1, 1000).Body {
		t.Fatalf("pre-upgrade backup lacks the article: %v", err)
	}
}

func TestOpenCheckedBacksUpOncePerDay(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lib", "copydesk.db")
	dayName := func() string {
		return filepath.Join(filepath.Dir(path), "backups", "copydesk-"+time.Now().Format("2006-01-02")+".db")
	}
	want := []string{dayName()}
	for range 2 {
		d, err := Open(ctx, path, WithStartupCheck(CheckBeforeOpen), WithDailyBackup())
		if err != nil {
			t.Fatal(err)
		}
		d.Close()
	}
	if last := dayName(); last != want[0] {
		want = []string{last, want[0]} // the run crossed midnight: one backup per day
	}
	backups, err := Backups(path)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(backups, want) {
		t.Fatalf("backups = %v, want %v", backups, want)
	}
}

// TestOpenCheckedWhenBackupFails: a failed daily backup must not keep
// anyone from their library; Open WithDailyBackup returns it open together with
// ErrBackupFailed so the caller can warn.
func TestOpenCheckedWhenBackupFails(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := relLibrary(t, 1, 100)
	// A file where the backup folder should be makes every backup fail.
	if err := os.WriteFile(filepath.Join(filepath.Dir(path), BackupDirName), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Open(ctx, path, WithStartupCheck(CheckBeforeOpen), WithDailyBackup())
	if !errors.Is(err, ErrBackupFailed) {
		t.Fatalf("Open = %v, want ErrBackupFailed", err)
	}
	if d == nil {
		t.Fatal("no library returned with ErrBackupFailed")
	}
	defer d.Close()
	a := relArticle(2, 100)
	if err := d.Save(ctx, a); err != nil {
		t.Fatalf("the library returned with ErrBackupFailed cannot save: %v", err)
	}
}
