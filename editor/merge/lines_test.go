package merge

import (
	"testing"
)

func TestLines(t *testing.T) {
	const (
		n1  = `{"uid":"n1","time":"2026-03-02T09:00:00Z","text":"Check the budget figure."}`
		n2  = `{"uid":"n2","time":"2026-03-02T10:00:00Z","text":"Vance's title?"}`
		n3  = `{"uid":"n3","time":"2026-03-02T11:00:00Z","text":"Photo credit missing."}`
		n4  = `{"uid":"n4","time":"2026-03-02T12:00:00Z","text":"Ready for the desk."}`
		bad = `not json at all`
	)
	lines := func(ls ...string) string {
		out := ""
		for _, l := range ls {
			out += l + "\n"
		}
		return out
	}
	cases := []struct {
		name, base, mine, theirs, want string
	}{
		{"only theirs added", lines(n1), lines(n1), lines(n1, n2), lines(n1, n2)},
		{"only mine added", lines(n1), lines(n1, n2), lines(n1), lines(n1, n2)},
		{"both added, interleaved by time", lines(n1), lines(n1, n4, n2), lines(n1, n3),
			lines(n1, n3, n4, n2)},
		{"both added the same line", lines(n1), lines(n1, n2), lines(n1, n2, n3), lines(n1, n2, n3)},
		{"no base", "", lines(n2), lines(n1), lines(n1, n2)},
		{"a side dropped a line: the union keeps it", lines(n1, n2), lines(n2), lines(n1, n2, n3), lines(n1, n2, n3)},
		{"CRLF, blank lines and trailing blanks", lines(n1), n1 + "\r\n\r\n" + n2 + "  \r\n", lines(n1, n3),
			lines(n1, n2, n3)},
		{"no final newline", n1, n1 + "\n" + n2, n1 + "\n" + n3, lines(n1, n2, n3)},
		{"a line that is not JSON sorts first and is kept", lines(n1), lines(n1, n2), lines(n1, bad),
			lines(n1, bad, n2)},
		{"identical sides are returned as they are", lines(n1), n1 + "\r\n", n1 + "\r\n", n1 + "\r\n"},
		{"duplicates in base collapse", lines(n1, n1), lines(n1, n1, n2), lines(n1, n1), lines(n1, n2)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := string(Lines([]byte(c.base), []byte(c.mine), []byte(c.theirs)))
			if got != c.want {
				t.Errorf("Lines =\n%s\nwant\n%s", got, c.want)
			}
			if c.mine != c.theirs {
				if swapped := string(Lines([]byte(c.base), []byte(c.theirs), []byte(c.mine))); swapped != got {
					t.Errorf("Lines with the sides swapped =\n%s\nwant the same\n%s", swapped, got)
				}
			}
		})
	}
}

func FuzzLines(f *testing.F) {
	f.Add([]byte("a\nb\n"), []byte("a\nb\nc\n"), []byte("a\nd\nb\n"))
	f.Add([]byte(`{"time":"2026-01-01T00:00:00Z"}`), []byte("x\r\n\r\n"), []byte(`{"time":"bad"}`))
	f.Fuzz(func(t *testing.T, base, mine, theirs []byte) {
		got := Lines(base, mine, theirs)
		if string(mine) == string(theirs) {
			if string(got) != string(mine) {
				t.Fatalf("Lines(base, x, x) = %q, want x %q", got, mine)
			}
			return
		}
		if swapped := Lines(base, theirs, mine); string(swapped) != string(got) {
			t.Fatalf("not symmetric: %q vs %q", got, swapped)
		}
		have := map[string]int{}
		for _, l := range splitLines(got) {
			have[string(l)]++
		}
		for _, in := range [][]byte{base, mine, theirs} {
			for _, l := range splitLines(in) {
				if have[string(l)] != 1 {
					t.Fatalf("line %q appears %d times in %q", l, have[string(l)], got)
				}
			}
		}
		if again := Lines(got, got, got); string(again) != string(got) {
			t.Fatalf("merged file is not stable: %q then %q", got, again)
		}
	})
}
