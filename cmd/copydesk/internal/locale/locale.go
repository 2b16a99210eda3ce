// Package locale must be imported (blank) by main before anything that
// imports Fyne. Fyne parses the user's locale in an init function and logs
// "Error parsing user locale C" for the C/POSIX locales that servers, CI
// and minimal desktops use; that line on stderr breaks scripts that treat
// any stderr output as failure. Go initialises packages in import-path
// order once their dependencies are ready, and "copydesk/…" sorts before
// "fyne.io/…", so setting LANGUAGE here (the first variable Fyne's locale
// lookup reads) happens before Fyne looks.
package locale

import (
	"os"
	"strings"
)

func init() {
	if os.Getenv("LANGUAGE") != "" {
		return
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(name)
		if v == "" {
			continue
		}
		if v == "C" || v == "POSIX" || strings.HasPrefix(v, "C.") || strings.HasPrefix(v, "POSIX.") {
			os.Setenv("LANGUAGE", "en")
		}
		return
	}
}
