package app

import "fyne.io/fyne/v2"

// Toolbar icons Fyne's theme lacks, as Material Design paths (Apache 2.0),
// themed at runtime so they follow light and dark.
func svgIcon(name, path string) fyne.Resource {
	return fyne.NewStaticResource(name+".svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24"><path fill="#000000" d="`+path+`"/></svg>`))
}

var (
	iconBold     = svgIcon("bold", "M15.6 10.79c.97-.67 1.65-1.77 1.65-2.79 0-2.26-1.75-4-4-4H7v14h7.04c2.09 0 3.71-1.7 3.71-3.79 0-1.52-.86-2.82-2.15-3.42zM10 6.5h3c.83 0 1.5.67 1.5 1.5s-.67 1.5-1.5 1.5h-3v-3zm3.5 9H10v-3h3.5c.83 0 1.5.67 1.5 1.5s-.67 1.5-1.5 1.5z")
	iconItalic   = svgIcon("italic", "M10 4v3h2.21l-3.42 8H6v3h8v-3h-2.21l3.42-8H18V4z")
	iconHeading  = svgIcon("heading", "M5 4v3h5.5v12h3V7H19V4z")
	iconQuote    = svgIcon("quote", "M6 17h3l2-4V7H5v6h3zm8 0h3l2-4V7h-6v6h3z")
	iconLink     = svgIcon("link", "M3.9 12c0-1.71 1.39-3.1 3.1-3.1h4V7H7c-2.76 0-5 2.24-5 5s2.24 5 5 5h4v-1.9H7c-1.71 0-3.1-1.39-3.1-3.1zM8 13h8v-2H8v2zm9-6h-4v1.9h4c1.71 0 3.1 1.39 3.1 3.1s-1.39 3.1-3.1 3.1h-4V17h4c2.76 0 5-2.24 5-5s-2.24-5-5-5z")
	iconNumbered = svgIcon("numbered", "M2 17h2v.5H3v1h1v.5H2v1h3v-4H2v1zm1-9h1V4H2v1h1v3zm-1 3h1.8L2 13.1v.9h3v-1H3.2L5 10.9V10H2v1zm5-6v2h14V5H7zm0 14h14v-2H7v2zm0-6h14v-2H7v2z")
)
