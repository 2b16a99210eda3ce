package editor

import "testing"

func TestJoinByline(t *testing.T) {
	tests := []struct {
		names []string
		want  string
	}{
		{nil, ""},
		{[]string{"", "  "}, ""},
		{[]string{"Lisa Johnson"}, "Lisa Johnson"},
		{[]string{"Lisa Johnson", "Tom Baker"}, "Lisa Johnson and Tom Baker"},
		{[]string{"Lisa Johnson", "Tom Baker", "Ana Ruiz"}, "Lisa Johnson, Tom Baker and Ana Ruiz"},
		{[]string{" Lisa Johnson ", "", "Tom Baker"}, "Lisa Johnson and Tom Baker"},
		// A name pasted with a line break or a tab reads as one line.
		{[]string{"Lisa\nJohnson", "Tom\t Baker"}, "Lisa Johnson and Tom Baker"},
		{[]string{"Ana  María   Ruiz"}, "Ana María Ruiz"},
	}
	for _, tc := range tests {
		if got := JoinByline(tc.names); got != tc.want {
			t.Errorf("JoinByline(%q) = %q, want %q", tc.names, got, tc.want)
		}
	}
}
