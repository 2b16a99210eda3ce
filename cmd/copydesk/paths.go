package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// defaultDBPath is the per-user data directory each OS expects:
// $XDG_DATA_HOME or ~/.local/share on Linux, Application Support on macOS,
// %LocalAppData% on Windows.
func defaultDBPath() (string, error) {
	home, _ := os.UserHomeDir()
	var dir string
	switch runtime.GOOS {
	case "windows":
		dir = os.Getenv("LocalAppData")
	case "darwin":
		if home != "" {
			dir = filepath.Join(home, "Library", "Application Support")
		}
	default:
		dir = os.Getenv("XDG_DATA_HOME")
		if dir == "" && home != "" {
			dir = filepath.Join(home, ".local", "share")
		}
	}
	if dir == "" {
		return "", fmt.Errorf("no home directory to keep the library in: pass --db PATH")
	}
	return filepath.Join(dir, "copydesk", "copydesk.db"), nil
}

func defaultDBPathText() string {
	p, err := defaultDBPath()
	if err != nil {
		return "(no default: set --db)"
	}
	return p
}

// libraryPath is --db, else COPYDESK_DB (already folded into dbPath), else
// the default; its folder is created so the first run just works.
func (e *env) libraryPath() (string, error) {
	p := e.dbPath
	if p == "" {
		var err error
		if p, err = defaultDBPath(); err != nil {
			return "", err
		}
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", fmt.Errorf("create library folder: %w", err)
	}
	return p, nil
}
