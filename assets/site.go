package assets

import "embed"

// Site holds the static site's templates, stylesheet and script. The
// exporter parses site/*.html with html/template and copies site.css and
// site.js into every export, so the look lives in one readable place.
//
//go:embed site/*.html site/site.css site/site.js
var Site embed.FS
