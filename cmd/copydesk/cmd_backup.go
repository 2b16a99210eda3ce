package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"copydesk/storage"
)

func init() {
	register(&command{
		name: "backup", args: "FILE", minArgs: 1, maxArgs: 1,
		summary: "write a verified backup of the library to FILE (or into the folder FILE)",
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			path, err := existingLibrary(e)
			if err != nil {
				return err
			}
			dest := args[0]
			if fi, err := os.Stat(dest); err == nil && fi.IsDir() {
				base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
				dest = filepath.Join(dest, base+"-"+time.Now().Format("2006-01-02-150405")+".db")
			}
			db, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			if err := db.Backup(ctx, dest); err != nil {
				return err
			}
			// A backup is only worth keeping if it can be restored.
			rep, err := storage.Verify(ctx, dest)
			if err != nil {
				return err
			}
			if !rep.OK() {
				return fmt.Errorf("the backup %s failed verification; run 'copydesk verify --db %s' for details", dest, dest)
			}
			fmt.Fprintf(e.stdout, "backed up %d articles to %s\n", rep.Articles, dest)
			return nil
		},
	})

	register(&command{
		name: "verify", maxArgs: 0,
		summary: "check the library (integrity, foreign keys, search index); exit 1 on any problem",
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			path, err := existingLibrary(e)
			if err != nil {
				return err
			}
			rep, err := storage.Verify(ctx, path)
			if err != nil {
				return err
			}
			rep.WriteTo(e.stdout)
			if rep.OK() {
				return nil
			}
			hint := "no backups found"
			if b, _ := storage.Backups(path); len(b) > 0 {
				hint = "newest backup: " + b[0]
			}
			return fmt.Errorf("the library has problems; restore a backup with 'copydesk recover FILE' (%s)", hint)
		},
	})

	register(&command{
		name: "recover", args: "FILE", minArgs: 1, maxArgs: 1,
		summary: "replace the library with the backup FILE after verifying it; the current file is kept aside",
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			path, err := e.libraryPath()
			if err != nil {
				return err
			}
			aside, err := storage.Recover(ctx, path, args[0])
			if err != nil {
				return err
			}
			rep, err := storage.Verify(ctx, path)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "restored %s from %s (%d articles)\n", path, args[0], rep.Articles)
			if aside != "" {
				fmt.Fprintf(e.stdout, "the previous library was kept as %s\n", aside)
			}
			return nil
		},
	})
}

// existingLibrary is the library path for commands that must not create a
// new, empty library by accident.
func existingLibrary(e *env) (string, error) {
	path, err := e.libraryPath()
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("there is no library at %s (use --db PATH)", path)
	} else if err != nil {
		return "", err
	}
	return path, nil
}
