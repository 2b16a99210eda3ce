package editor

import "testing"

func TestOneLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  \n\t ", ""},
		{"Flood waters rise", "Flood waters rise"},
		{"  Flood\nwaters\r\n\trise  ", "Flood waters rise"},
		{"open library: exec:\n  disk full", "open library: exec: disk full"},
		{"Ana\u00a0Ruiz", "Ana Ruiz"}, // a no-break space is white space too
	}
	for _, tc := range tests {
		if got := OneLine(tc.in); got != tc.want {
			t.Errorf("OneLine(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPlural(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{{0, "words"}, {1, "word"}, {2, "words"}, {-1, "words"}, {1000, "words"}}
	for _, tc := range tests {
		if got := Plural(tc.n, "word", "words"); got != tc.want {
			t.Errorf("Plural(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}
