package storage

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// ErrBackupFailed is returned by Open WithDailyBackup together with a usable *DB
// when only the automatic backup failed: the reporter should be told, but
// a full backup disk must not keep anyone from their drafts.
var ErrBackupFailed = errors.New("automatic backup failed")

// BackupDirName is the folder next to the library that holds automatic
// backups.
const BackupDirName = "backups"

// dateLayout names backups by day: it sorts as text, and "at most once a
// day" is a file-exists check.
const dateLayout = "2006-01-02"

// backupBeforeMigrate precedes every schema upgrade of an existing library
// with a backup, so a failed or regretted upgrade can be undone with
// Recover.
func backupBeforeMigrate(ctx context.Context, d *DB, pending []int) error {
	dir := filepath.Join(filepath.Dir(d.path), BackupDirName)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("back up before upgrade: %w", err)
	}
	now := d.now().In(time.Local) // named by local day, as AutoBackup's are
	// Microseconds: an upgrade killed after its backup is retried at once
	// by the next start, which must not collide with that backup's name.
	name := fmt.Sprintf("%s-%s-%s-before-schema-%d.db", libraryBase(d.path), now.Format(dateLayout), now.Format("150405.000000"), pending[len(pending)-1])
	return d.Backup(ctx, filepath.Join(dir, name))
}

// libraryBase is the library's file name without extension, so backups of
// two libraries in one folder do not collide.
func libraryBase(path string) string {
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// Backup writes a consistent copy of the library to dest with VACUUM INTO,
// which reads one snapshot inside SQLite; copying the file of a live WAL
// database could catch it between a write and its checkpoint. The copy is
// written under a temporary name and renamed, so dest is never a half
// backup. An existing dest is refused, not overwritten.
func (d *DB) Backup(ctx context.Context, dest string) error {
	if _, err := os.Lstat(dest); err == nil {
		return fmt.Errorf("back up to %s: %w", dest, fs.ErrExist)
	}
	dir := filepath.Dir(dest)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(dest)+".partial-*")
	if err != nil {
		return fmt.Errorf("back up to %s: %w", dest, err)
	}
	tmpPath := tmp.Name()
	tmp.Close() // VACUUM INTO accepts an empty file
	defer os.Remove(tmpPath)
	if _, err := d.sql.ExecContext(ctx, "VACUUM INTO ?", tmpPath); err != nil {
		return fmt.Errorf("back up to %s: %w", dest, classifyErr(err))
	}
	if err := syncFile(tmpPath); err != nil {
		return fmt.Errorf("back up to %s: %w", dest, err)
	}
	if err := os.Rename(tmpPath, dest); err != nil {
		return fmt.Errorf("back up to %s: %w", dest, err)
	}
	return syncDir(dir)
}

// AutoBackup keeps one backup per day in dir: if today's
// "<library>-YYYY-MM-DD.db" is missing it is written (took is true), then
// backups dated more than keepDays days ago are deleted. keepDays below 1
// counts as 1, so the newest backup is never pruned.
func (d *DB) AutoBackup(ctx context.Context, dir string, keepDays int) (path string, took bool, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", false, fmt.Errorf("automatic backup: %w", err)
	}
	today := d.now().In(time.Local) // backup names and pruning count local days
	base := libraryBase(d.path)
	path = filepath.Join(dir, base+"-"+today.Format(dateLayout)+".db")
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if err := d.Backup(ctx, path); err != nil {
			return "", false, fmt.Errorf("automatic backup: %w", err)
		}
		took = true
	} else if err != nil {
		return "", false, fmt.Errorf("automatic backup: %w", err)
	}
	if err := pruneBackups(dir, base, today, max(keepDays, 1)); err != nil {
		return path, took, fmt.Errorf("automatic backup: %w", err)
	}
	return path, took, nil
}

// Backups lists the backups of the library at libraryPath in its backup
// folder, newest first, for a window that offers to restore one.
func Backups(libraryPath string) ([]string, error) {
	dir := filepath.Join(filepath.Dir(libraryPath), BackupDirName)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	base := libraryBase(libraryPath)
	var out []string
	for _, e := range entries {
		if _, ok := backupDate(e.Name(), base); ok && e.Type().IsRegular() {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	// Names start with the date and then the time for same-day upgrade
	// backups, so text order is time order.
	slices.Sort(out)
	slices.Reverse(out)
	return out, nil
}

// backupDate parses the date out of "<base>-YYYY-MM-DD….db".
func backupDate(name, base string) (time.Time, bool) {
	rest, ok := strings.CutPrefix(name, base+"-")
	if !ok || !strings.HasSuffix(rest, ".db") || len(rest) < len(dateLayout) {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation(dateLayout, rest[:len(dateLayout)], time.Local)
	return t, err == nil
}

// staleAfter is how old a temporary backup file must be before pruning
// takes it for the leftover of a killed backup rather than one another
// process is writing right now.
const staleAfter = time.Hour

func pruneBackups(dir, base string, today time.Time, keepDays int) error {
	y, m, dd := today.Date()
	cutoff := time.Date(y, m, dd-keepDays, 0, 0, 0, 0, time.Local)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		day, ok := backupDate(e.Name(), base)
		old := ok && day.Before(cutoff)
		if !ok && strings.HasPrefix(e.Name(), "."+base+"-") && strings.Contains(e.Name(), ".db.partial-") {
			// A backup killed halfway leaves its temporary file behind.
			if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > staleAfter {
				old = true
			}
		}
		if !old {
			continue
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
