package main

import (
	"context"
	"fmt"
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
		setup:   noFlags(runBackup),
	})
}

func runBackup(ctx context.Context, e *env, args []string) error {
	path, err := e.existingLibrary()
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
}
