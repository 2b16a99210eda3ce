//go:build tools

// Package tools pins dependencies that several packages are about to use,
// so go.mod and go.sum stay complete while they are written in parallel.
// The build tag keeps it out of every real build.
package tools

import (
	_ "fyne.io/fyne/v2/app"
	_ "fyne.io/fyne/v2/test"
	_ "fyne.io/fyne/v2/widget"
	_ "github.com/chromedp/chromedp"
	_ "github.com/google/uuid"
	_ "github.com/microcosm-cc/bluemonday"
	_ "github.com/rogpeppe/go-internal/testscript"
	_ "github.com/santhosh-tekuri/jsonschema/v6"
	_ "github.com/sergi/go-diff/diffmatchpatch"
	_ "github.com/yuin/goldmark"
	_ "go.yaml.in/yaml/v3"
	_ "golang.org/x/text/unicode/norm"
	_ "modernc.org/sqlite"
)
