// Package assets embeds the files Copydesk ships inside its binary: the
// application icon and the site's HTML template, stylesheet and script.
package assets
