package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"copydesk/editor"
)

// scaledTheme is Fyne's default theme with the person's choices applied:
// a fixed light or dark variant (or the system's) and every size scaled
// by font size and zoom, so the whole window grows, not only the text.
type scaledTheme struct {
	variant string // "light", "dark" or "system"
	scale   float32
}

func newScaledTheme(s editor.Settings) *scaledTheme {
	t := &scaledTheme{}
	t.apply(s, 1)
	return t
}

// apply takes the theme settings and zoom; the caller re-sets the theme so
// Fyne redraws.
func (t *scaledTheme) apply(s editor.Settings, zoom float32) {
	t.variant = s.Theme
	size := s.FontSize
	if size <= 0 {
		size = 14
	}
	t.scale = size / 14 * zoom
}

func (t *scaledTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch t.variant {
	case "light":
		v = theme.VariantLight
	case "dark":
		v = theme.VariantDark
	}
	return theme.DefaultTheme().Color(n, v)
}

func (t *scaledTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

func (t *scaledTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t *scaledTheme) Size(n fyne.ThemeSizeName) float32 {
	return theme.DefaultTheme().Size(n) * t.scale
}

// applyTheme re-applies theme settings and zoom live.
func (a *App) applyTheme() {
	a.theme.apply(a.settings, a.zoom)
	// A new value makes Fyne see a theme change and refresh every widget.
	nt := *a.theme
	a.theme = &nt
	fyne.CurrentApp().Settings().SetTheme(a.theme)
}

// SetTheme switches between "light", "dark" and "system" and stores the choice.
func (a *App) SetTheme(variant string) {
	s := a.settings
	s.Theme = variant
	a.saveSettings(s)
}

// Zoom multiplies the window's sizes by factor (View ▸ Zoom); 0 resets.
func (a *App) Zoom(factor float32) {
	if factor == 0 {
		a.zoom = 1
	} else {
		a.zoom = min(max(a.zoom*factor, 0.5), 3)
	}
	a.applyTheme()
}
