package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"copydesk/editor"
)

// openBG opens the library at path as the window does.
func openBG(ctx context.Context, path string, opts ...Option) (*DB, <-chan error, error) {
	d, err := Open(ctx, path, append([]Option{WithStartupCheck(CheckInBackground), WithDailyBackup()}, opts...)...)
	return d, d.BackgroundErrors(), err
}

// holdCheck is a start-up check that waits for release before running the
// real QuickCheck; entered is closed when it starts.
func holdCheck() (check Option, entered, release chan struct{}) {
	entered, release = make(chan struct{}), make(chan struct{})
	return withCheck(func(ctx context.Context, path string) error {
		close(entered)
		select {
		case <-release:
		case <-ctx.Done():
			return ctx.Err()
		}
		return QuickCheck(ctx, path)
	}), entered, release
}

// drain collects what the background work reports; done is closed when
// it has finished.
func drain(events <-chan error) (done chan struct{}, errs *[]error) {
	done, errs = make(chan struct{}), new([]error)
	go func() {
		for err := range events {
			*errs = append(*errs, err)
		}
		close(done)
	}()
	return done, errs
}

func TestOpenInBackgroundServesReadsAndHoldsWritesUntilChecked(t *testing.T) {
	ctx := context.Background()
	path := relLibrary(t, 20, 2000)
	hold, entered, release := holdCheck()

	d, events, err := openBG(ctx, path, hold)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	<-entered

	// Reads are served while the check is still running.
	rows, err := d.Search(ctx, editor.Filter{Limit: 100})
	if err != nil || len(rows) != 20 {
		t.Fatalf("Search during the check = %d rows, %v; want 20", len(rows), err)
	}
	a, err := d.Article(ctx, rows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Settings(ctx); err != nil {
		t.Fatalf("Settings during the check: %v", err)
	}

	// A save waits for the check; with a deadline it gives up there,
	// having written nothing.
	short, cancel := context.WithTimeout(ctx, 2*time.Second)
	edit := a.Clone()
	edit.Body += "\n\nA late paragraph."
	err = d.Save(short, edit)
	cancel()
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "wait for the library check") {
		t.Fatalf("Save during the check = %v, want the gate's deadline error", err)
	}
	// Even SQL that bypasses inTx cannot write: every connection so far is read-only.
	if _, err := d.sql.ExecContext(ctx, `UPDATE articles SET headline = 'x' WHERE id = ?`, a.ID); !errors.Is(classifyErr(err), ErrReadOnly) {
		t.Fatalf("direct write during the check = %v, want ErrReadOnly", err)
	}

	saved := make(chan error, 1)
	go func() { saved <- d.Save(ctx, edit) }()
	close(release)
	if err := <-saved; err != nil {
		t.Fatalf("Save after the check passed: %v", err)
	}
	got, err := d.Article(ctx, a.ID)
	if err != nil || got.Body != edit.Body || got.Version != a.Version+1 {
		t.Fatalf("stored after the check: version %d (want %d), body matches %v, err %v", got.Version, a.Version+1, got.Body == edit.Body, err)
	}
	done, errs := drain(events)
	<-done
	if len(*errs) != 0 {
		t.Fatalf("background work reported %v", *errs)
	}
	if b, _ := Backups(path); len(b) != 1 {
		t.Fatalf("backups after the background work = %q, want the day's one", b)
	}
	if _, checkErr := d.Checked(); checkErr() != nil {
		t.Fatalf("Checked = %v", checkErr())
	}
}

// copyFile copies src to dst byte for byte (a test's stand-in for a
// machine that crashed with the library open).
func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// crashedLibrary returns a library whose -wal still holds committed
// frames, as after a crash: edits are saved to a library that stays
// open while its files are copied.
func crashedLibrary(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := relLibrary(t, 60, 6000)
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	a, err := d.Article(ctx, 60)
	if err != nil {
		t.Fatal(err)
	}
	a.Body += "\n\nEdited after the last clean close."
	if err := d.Save(ctx, a); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "library.db")
	copyFile(t, path, dst)
	copyFile(t, path+"-wal", dst+"-wal")
	if fi, err := os.Stat(dst + "-wal"); err != nil || fi.Size() == 0 {
		t.Fatalf("the copied -wal is empty (%v): the test needs committed frames in it", err)
	}
	return dst
}

func TestOpenInBackgroundDamagedLibraryIsNeverWritten(t *testing.T) {
	ctx := context.Background()
	const pageSize = 4096
	tests := []struct {
		name   string
		damage func(t *testing.T, path string, pages int64)
	}{
		// No damaged file header here: the -wal holds page 1, so SQLite
		// reads past a damaged header. A file SQLite cannot read at all is
		// refused at once (TestOpenInBackgroundRefusesWhatOpenRefuses).
		{"b-tree page headers in the middle", func(t *testing.T, path string, pages int64) {
			for p := pages / 3; p < pages/3+4; p++ {
				corrupt(t, path, p*pageSize, 64)
			}
		}},
		{"cut in half", func(t *testing.T, path string, pages int64) {
			if err := os.Truncate(path, pages/2*pageSize); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := crashedLibrary(t)
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			tt.damage(t, path, fi.Size()/pageSize)
			if err := QuickCheck(ctx, path); !errors.Is(err, ErrDamaged) {
				t.Fatalf("precondition: QuickCheck of the damaged copy = %v, want ErrDamaged", err)
			}
			mainHash, walHash := fileHash(t, path), fileHash(t, path+"-wal")

			d, events, err := openBG(ctx, path)
			if err != nil {
				t.Fatalf("Open in the background = %v; want the damage found in the background", err)
			}
			if _, err := d.Settings(ctx); err != nil {
				t.Errorf("Settings before the check finished: %v", err)
			}
			done, errs := drain(events)
			<-done
			if len(*errs) != 1 || !errors.Is((*errs)[0], ErrDamaged) {
				t.Fatalf("background work reported %v, want one ErrDamaged", *errs)
			}
			if err := d.Save(ctx, relArticle(500, 100)); !errors.Is(err, ErrDamaged) {
				t.Fatalf("Save on a damaged library = %v, want ErrDamaged", err)
			}
			if err := d.SaveSettings(ctx, editor.DefaultSettings()); !errors.Is(err, ErrDamaged) {
				t.Fatalf("SaveSettings on a damaged library = %v, want ErrDamaged", err)
			}
			if _, err := d.sql.ExecContext(ctx, `DELETE FROM articles`); err == nil {
				t.Fatal("a direct write on a damaged library succeeded")
			}
			if b, _ := Backups(path); len(b) != 0 {
				t.Fatalf("a damaged library was backed up: %q", b)
			}
			if err := d.Close(); err != nil {
				t.Fatal(err)
			}
			// Closing read-only connections never checkpoints: the committed
			// frames stay in the -wal and the main file is not touched.
			if fileHash(t, path) != mainHash {
				t.Error("the damaged library file changed")
			}
			if fileHash(t, path+"-wal") != walHash {
				t.Error("the damaged library's -wal changed")
			}
		})
	}
}

func TestBackgroundBackupDoesNotBlockSaves(t *testing.T) {
	ctx := context.Background()
	// About 15 MB, so VACUUM INTO runs long enough for several saves.
	path := relLibrary(t, 300, 50000)
	d, events, err := openBG(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	done, errs := drain(events)
	checked, _ := d.Checked()
	<-checked

	// Each save is acknowledged before or after the backup finished. One
	// acknowledged while it still ran and missing from the backup was
	// committed after the backup's snapshot was taken and before the
	// backup ended: it did not wait for the backup.
	var during []string
	for i := 0; ; i++ {
		a := relArticle(1000+i, 2000)
		if err := d.Save(ctx, a); err != nil {
			t.Fatalf("save %d while backing up: %v", i, err)
		}
		select {
		case <-done:
		default:
			during = append(during, a.UID)
			continue
		}
		break
	}
	if len(*errs) != 0 {
		t.Fatalf("background work reported %v", *errs)
	}
	backups, err := Backups(path)
	if err != nil || len(backups) != 1 {
		t.Fatalf("Backups = %q, %v; want the day's backup", backups, err)
	}
	b, err := Open(ctx, backups[0])
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var notInBackup int
	for _, uid := range during {
		if _, err := b.Resolve(ctx, uid); errors.Is(err, editor.ErrNotFound) {
			notInBackup++
		} else if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d saves acknowledged while the backup ran, %d of them after its snapshot", len(during), notInBackup)
	if notInBackup == 0 {
		t.Fatalf("no save landed while the backup's snapshot was open (%d acknowledged before it finished)", len(during))
	}
}

func TestOpenInBackgroundNewAndOlderLibraries(t *testing.T) {
	ctx := context.Background()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		setup func(t *testing.T) string
	}{
		{"missing file", func(t *testing.T) string { return filepath.Join(t.TempDir(), "new", "library.db") }},
		{"older schema", func(t *testing.T) string {
			path := filepath.Join(t.TempDir(), "library.db")
			old, err := Open(ctx, path, withMaxVersion(ms[0].version))
			if err != nil {
				t.Fatal(err)
			}
			if err := old.Save(ctx, relArticle(1, 100)); err != nil {
				t.Fatal(err)
			}
			old.Close()
			return path
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.setup(t)
			d, events, err := openBG(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			// Checked and upgraded before returning: writes go through at once.
			checked, _ := d.Checked()
			select {
			case <-checked:
			default:
				t.Fatal("a new or upgraded library is not marked checked")
			}
			if err := d.Save(ctx, relArticle(2, 100)); err != nil {
				t.Fatal(err)
			}
			vs, err := d.appliedVersions(ctx)
			if err != nil || vs[len(vs)-1] != latestVersion() {
				t.Fatalf("schema versions %v, %v; want up to %d", vs, err, latestVersion())
			}
			done, errs := drain(events)
			<-done
			if len(*errs) != 0 {
				t.Fatalf("background work reported %v", *errs)
			}
			if b, _ := Backups(path); !containsDayBackup(b) {
				t.Fatalf("no day backup among %q", b)
			}
		})
	}
}

func containsDayBackup(paths []string) bool {
	day := time.Now().Format(dateLayout) + ".db"
	for _, p := range paths {
		if strings.HasSuffix(p, day) {
			return true
		}
	}
	return false
}

func TestOpenInBackgroundRefusesWhatOpenRefuses(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	foreign := filepath.Join(dir, "other.db")
	db := rawDB(t, foreign)
	if _, err := db.Exec(`CREATE TABLE contacts (name TEXT)`); err != nil {
		t.Fatal(err)
	}
	notDB := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notDB, []byte(strings.Repeat("not a database\n", 400)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path string
		want error
	}{{foreign, ErrNotLibrary}, {notDB, ErrDamaged}} {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			before := fileHash(t, tt.path)
			d, _, err := openBG(ctx, tt.path)
			if !errors.Is(err, tt.want) {
				if d != nil {
					d.Close()
				}
				t.Fatalf("Open in the background = %v, want %v", err, tt.want)
			}
			if fileHash(t, tt.path) != before {
				t.Error("the refused file changed")
			}
		})
	}
}

// TestOpenOptions: each start-up check, with and without the daily
// backup, opens a library that takes a save, backs it up exactly when
// asked, and closes its BackgroundErrors channel once any background work
// is done.
func TestOpenOptions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	checks := []struct {
		name  string
		check StartupCheck
	}{{"unchecked", NoStartupCheck}, {"checked first", CheckBeforeOpen}, {"checked in background", CheckInBackground}}
	for _, c := range checks {
		for _, backup := range []bool{false, true} {
			check := c.check
			t.Run(fmt.Sprintf("%s, backup %v", c.name, backup), func(t *testing.T) {
				t.Parallel()
				path := relLibrary(t, 3, 500)
				opts := []Option{WithStartupCheck(check)}
				if backup {
					opts = append(opts, WithDailyBackup())
				}
				d, err := Open(ctx, path, opts...)
				if err != nil {
					t.Fatal(err)
				}
				defer d.Close()
				select {
				case err, ok := <-d.BackgroundErrors():
					if ok {
						t.Fatalf("background work reported %v", err)
					}
				case <-time.After(time.Minute):
					t.Fatal("BackgroundErrors not closed after the background work")
				}
				if err := d.Save(ctx, relArticle(9, 100)); err != nil {
					t.Fatal(err)
				}
				b, err := Backups(path)
				if err != nil {
					t.Fatal(err)
				}
				if got := containsDayBackup(b); got != backup {
					t.Errorf("day backup made = %v, want %v (%q)", got, backup, b)
				}
			})
		}
	}
}

// TestOpenRunsTheStartupCheck: a check that fails keeps a CheckBeforeOpen
// library closed, and a CheckInBackground one from ever being written.
func TestOpenRunsTheStartupCheck(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	refuse := withCheck(func(context.Context, string) error { return ErrDamaged })
	path := relLibrary(t, 1, 100)
	if d, err := Open(ctx, path, WithStartupCheck(CheckBeforeOpen), refuse); !errors.Is(err, ErrDamaged) {
		if d != nil {
			d.Close()
		}
		t.Fatalf("CheckBeforeOpen with a failing check = %v, want ErrDamaged", err)
	}
	d, err := Open(ctx, path, WithStartupCheck(CheckInBackground), refuse)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.Save(ctx, relArticle(2, 100)); !errors.Is(err, ErrDamaged) {
		t.Fatalf("Save after a failing background check = %v, want ErrDamaged", err)
	}
	if err, ok := <-d.BackgroundErrors(); !ok || !errors.Is(err, ErrDamaged) {
		t.Fatalf("BackgroundErrors = %v, %v; want ErrDamaged", err, ok)
	}
}
