package bodyedit

import (
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// styleString renders styles one letter per rune: . plain, B bold, I
// italic, X bold italic, M mono, and lower case when dimmed (d: plain
// dimmed). Delimiters are dimmed but keep the style they sit inside.
func styleString(st []style) string {
	var b strings.Builder
	for _, s := range st {
		c := '.'
		switch {
		case s&stBold != 0 && s&stItalic != 0:
			c = 'X'
		case s&stBold != 0:
			c = 'B'
		case s&stItalic != 0:
			c = 'I'
		case s&stMono != 0:
			c = 'M'
		}
		if s&stDim != 0 {
			if c == '.' {
				c = 'd'
			} else {
				c += 'a' - 'A'
			}
		}
		b.WriteRune(c)
	}
	return b.String()
}

func TestHighlight(t *testing.T) {
	tests := []struct {
		in    string
		level int
		want  string
	}{
		{"# Title", 1, "bBBBBBB"},
		{"### Third", 3, "bbbBBBBBB"},
		{"#hashtag", 0, "........"},
		{"a **bold** b", 0, "..ddBBBBdd.."},
		{"an *em* and _em_", 0, "...dIId.....dIId"},
		{"***both***", 0, "dddXXXXddd"},
		{"snake_case_name", 0, "..............."},
		{"2 * 3 * 4", 0, "........."},
		{"see [the story](https://x.io) now", 0, "....d.........ddddddddddddddd...."},
		{"![photo](a.png)", 0, "dd.....dddddddd"},
		{"use `code` here", 0, "....mMMMMm....."},
		{"> quoted", 0, "d......."},
		{"- item", 0, "d....."},
		{"12. item", 0, "ddd....."},
		{"<https://x.io>", 0, "dddddddddddddd"},
		{"**unclosed", 0, ".........."},
		{"*a **b** c*", 0, "dIIiiXiiIId"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			level, st := highlight([]rune(tt.in), nil)
			if level != tt.level {
				t.Errorf("level %d, want %d", level, tt.level)
			}
			if got := styleString(st); got != tt.want {
				t.Errorf("styles\n got %s\nwant %s\n     %s", got, tt.want, tt.in)
			}
		})
	}
}

// The renderer turns styles into canvas text: headings bold and larger,
// strong bold, emphasis italic, markup in the placeholder colour.
func TestHighlightRendering(t *testing.T) {
	e, _ := newTestEditor(t, "# Headline here\nBody with **strong** and *soft* words.", 700, 400)
	th := e.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	dim := th.Color(theme.ColorNamePlaceHolder, v)
	fg := th.Color(theme.ColorNameForeground, v)
	type seen struct {
		style fyne.TextStyle
		size  float32
		col   color.Color
	}
	got := map[string]seen{}
	for _, o := range test.WidgetRenderer(e).Objects() {
		if txt, ok := o.(*canvas.Text); ok {
			got[strings.TrimSpace(txt.Text)] = seen{txt.TextStyle, txt.TextSize, txt.Color}
		}
	}
	body := th.Size(theme.SizeNameText)
	checks := []struct {
		text  string
		bold  bool
		ital  bool
		size  float32
		color color.Color
	}{
		{"#", true, false, th.Size(theme.SizeNameHeadingText), dim},
		{"Headline here", true, false, th.Size(theme.SizeNameHeadingText), fg},
		{"Body with", false, false, body, fg},
		{"**", false, false, body, dim},
		{"strong", true, false, body, fg},
		{"soft", false, true, body, fg},
	}
	for _, c := range checks {
		s, ok := got[c.text]
		if !ok {
			t.Errorf("no text object %q among %v", c.text, got)
			continue
		}
		if s.style.Bold != c.bold || s.style.Italic != c.ital || s.size != c.size || s.col != c.color {
			t.Errorf("%q drawn as %+v size %.0f colour %v; want bold=%v italic=%v size %.0f colour %v",
				c.text, s.style, s.size, s.col, c.bold, c.ital, c.size, c.color)
		}
	}
}
