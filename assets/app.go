package assets

import _ "embed"

// IconPNG is the 512×512 application icon (drawn from icon.svg). It is
// bytes rather than a fyne.Resource so the exporters that also embed from
// this package do not pull in Fyne.
//
//go:embed icon.png
var IconPNG []byte

// IconSVG is the icon's source, for places that scale it.
//
//go:embed icon.svg
var IconSVG []byte
