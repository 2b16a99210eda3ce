package bodyedit

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestEnterContinuesLists: Enter at the end of a list item starts the next
// one; Enter on an empty item ends the list; elsewhere it is a newline.
func TestEnterContinuesLists(t *testing.T) {
	tests := []struct {
		name, text, typed, want string
	}{
		{"bullet", "- milk", "\n", "- milk\n- "},
		{"star bullet, then typing", "* milk", "\neggs", "* milk\n* eggs"},
		{"numbered", "1. milk", "\n", "1. milk\n2. "},
		{"numbered with a paren", "9) milk", "\n", "9) milk\n10) "},
		{"indented", "  - milk", "\n", "  - milk\n  - "},
		{"quote", "> He said", "\n", "> He said\n> "},
		{"empty item ends the list", "- milk\n- ", "\n", "- milk\n"},
		{"two items then end", "1. a", "\nb\n\n", "1. a\n2. b\n"},
		{"plain paragraph", "Milk", "\n", "Milk\n"},
		{"a number that is not an item", "2024 was", "\n", "2024 was\n"},
		{"dash without a space", "-milk", "\n", "-milk\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, _ := newTestEditor(t, tc.text, 400, 300)
			e.Select(len([]rune(tc.text)), len([]rune(tc.text)))
			for _, r := range tc.typed {
				if r == '\n' {
					key(e, fyne.KeyReturn)
				} else {
					test.Type(e, string(r))
				}
			}
			if got := e.Text(); got != tc.want {
				t.Errorf("typed %q after %q: %q, want %q", tc.typed, tc.text, got, tc.want)
			}
		})
	}
}

// TestEnterInTheMiddleOfAnItemSplitsIt: the text after the caret moves to
// the new item.
func TestEnterInTheMiddleOfAnItemSplitsIt(t *testing.T) {
	e, _ := newTestEditor(t, "- milk eggs", 400, 300)
	e.Select(len("- milk"), len("- milk"))
	key(e, fyne.KeyReturn)
	if got := e.Text(); got != "- milk\n-  eggs" {
		t.Errorf("got %q", got)
	}
}
