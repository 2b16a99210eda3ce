package review

import (
	"strings"
	"testing"
)

func TestLocate(t *testing.T) {
	tests := []struct {
		body, passage string
		want          Anchor
		ok            bool
	}{
		{"The mayor said no.", "mayor", Anchor{Text: "mayor", Start: 4}, true},
		{"Café owners said the café", "café", Anchor{Text: "café", Start: 21}, true},
		{"Zürich — the mayor", "mayor", Anchor{Text: "mayor", Start: 13}, true},
		{"The mayor said no.", "governor", Anchor{}, false},
		{"The mayor said no.", "", Anchor{}, false},
	}
	for _, tt := range tests {
		got, ok := Locate(tt.body, tt.passage)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Locate(%q, %q) = %+v, %v; want %+v, %v", tt.body, tt.passage, got, ok, tt.want, tt.ok)
		}
	}
}

func TestLocateAt(t *testing.T) {
	body := "Ça va. The mayor said the mayor would."
	tests := []struct {
		passage string
		start   int
		ok      bool
	}{
		{"the mayor", 22, true},
		{"The mayor", 7, true},
		{"the mayor", 21, false},
		{"the mayor", -1, false},
		{"the mayor", 500, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := LocateAt(body, tt.passage, tt.start)
		if ok != tt.ok || ok && (got.Start != tt.start || got.Text != tt.passage) {
			t.Errorf("LocateAt(%q, %d) = %+v, %v", tt.passage, tt.start, got, ok)
		}
	}
}

// TestRelocateUnderEdits anchors a passage in an original body, edits the
// body, and checks where the anchor lands, by rune offset into the new body.
func TestRelocateUnderEdits(t *testing.T) {
	const orig = "The council voted 5-2 on Tuesday. The mayor said the vote was fair. Critics disagreed."
	anchor, ok := Locate(orig, "the vote was fair")
	if !ok {
		t.Fatal("passage not in original")
	}
	tests := []struct {
		name        string
		body        string
		wantDeleted bool
		wantStart   int // -1: the first occurrence in body, computed
	}{
		{"unchanged", orig, false, anchor.Start},
		{"insert before", "UPDATED: " + orig, false, anchor.Start + 9},
		{"insert before, multibyte", "MISE À JOUR — " + orig, false, anchor.Start + 14},
		{"delete before", strings.Replace(orig, "The council voted 5-2 on Tuesday. ", "", 1), false, anchor.Start - 34},
		{"edit after", strings.Replace(orig, "Critics disagreed.", "Critics, including two former mayors, disagreed.", 1), false, anchor.Start},
		{"edit inside", strings.Replace(orig, "the vote was fair", "the vote was unfair", 1), true, anchor.Start},
		{"passage deleted", strings.Replace(orig, " The mayor said the vote was fair.", "", 1), true, anchor.Start},
		{"passage moved earlier", "The mayor said the vote was fair. The council voted 5-2 on Tuesday. Critics disagreed.", false, 15},
		{"empty body", "", true, anchor.Start},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Relocate(tt.body, anchor)
			if got.Deleted != tt.wantDeleted || got.Start != tt.wantStart || got.Text != anchor.Text {
				t.Fatalf("got %+v, want start %d deleted %v", got, tt.wantStart, tt.wantDeleted)
			}
			if !got.Deleted {
				r := []rune(tt.body)
				if s := string(r[got.Start:got.End()]); s != anchor.Text {
					t.Errorf("anchor points at %q", s)
				}
			}
		})
	}
}

func TestRelocateNearestOccurrence(t *testing.T) {
	body := "said the mayor. Later, said the mayor again. Finally said the mayor."
	// "the mayor" starts at 5, 28 and 58; "Later" at 16.
	tests := []struct {
		oldStart, want int
	}{
		{0, 5}, {5, 5}, {20, 28}, {28, 28}, {40, 28}, {50, 58}, {500, 58},
	}
	for _, tt := range tests {
		got := Relocate(body, Anchor{Text: "the mayor", Start: tt.oldStart})
		if got.Start != tt.want || got.Deleted {
			t.Errorf("from %d: got %+v, want start %d", tt.oldStart, got, tt.want)
		}
	}
	// A passage found again after deletion is undeleted.
	got := Relocate(body, Anchor{Text: "Later", Start: 3, Deleted: true})
	if got.Deleted || got.Start != 16 {
		t.Errorf("reappeared passage: %+v", got)
	}
	// Overlapping occurrences: "aa" in "aaaa" can start at 0, 1, 2.
	if got := Relocate("aaaa", Anchor{Text: "aa", Start: 2}); got.Start != 2 {
		t.Errorf("overlapping: %+v", got)
	}
}

// TestFollow edits bodies where nearest-offset search would pick the
// wrong one of two identical phrases; following the diff does not.
func TestFollow(t *testing.T) {
	const mayors = "A said the mayor. B said the mayor."
	second := Anchor{Text: "the mayor", Start: 25}
	first := Anchor{Text: "the mayor", Start: 7}
	long := "A long new opening paragraph. "
	const story = "Intro. The vote was fair, he said. End."
	fair := Anchor{Text: "The vote was fair", Start: 7}
	tests := []struct {
		name        string
		old         string
		a           Anchor
		new         string
		wantStart   int
		wantDeleted bool
	}{
		{"unchanged", mayors, second, mayors, 25, false},
		{"insert before both", mayors, second, long + mayors, 25 + 30, false},
		{"insert before both, first", mayors, first, long + mayors, 7 + 30, false},
		{"insert between", mayors, second, "A said the mayor. Then " + long + "B said the mayor.", 60, false},
		{"delete before", mayors, second, "B said the mayor.", 7, false},
		{"multibyte before", mayors, second, "Über " + mayors, 30, false},
		{"edit inside, identical phrase elsewhere", mayors, second, "A said the mayor. B said the governor.", 0, true},
		{"insert inside", mayors, second, "A said the mayor. B said the new mayor.", 0, true},
		{"passage deleted, other copy remains", mayors, second, "A said the mayor.", 0, true},
		{"both deleted", mayors, second, "Nobody said anything.", 0, true},
		{"passage cut and pasted earlier", story, fair, "The vote was fair, he said. Intro. End.", 0, false},
		{"passage cut and pasted later", story, fair, "Intro. End. The vote was fair, he said.", 12, false},
		{"stale offset falls back to search", mayors, Anchor{Text: "the mayor", Start: 3}, long + mayors, 37, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Follow(tt.old, tt.new, tt.a)
			if got.Deleted != tt.wantDeleted || (!got.Deleted && got.Start != tt.wantStart) || got.Text != tt.a.Text {
				t.Fatalf("got %+v, want start %d deleted %v", got, tt.wantStart, tt.wantDeleted)
			}
			if !got.Deleted && !passageAt(tt.new, got) {
				t.Errorf("anchor does not point at its passage in %q", tt.new)
			}
		})
	}
}

// FuzzFollow checks that following any edit never points an anchor at
// text other than its passage.
func FuzzFollow(f *testing.F) {
	f.Add("A said the mayor. B said the mayor.", "X. A said the mayor. B said the mayor.", 25, 9)
	f.Add("héllo wörld", "wörld héllo", 6, 5)
	f.Fuzz(func(t *testing.T, old, new string, start, length int) {
		r := []rune(old)
		if start < 0 || length <= 0 || start+length > len(r) {
			return
		}
		a := Anchor{Text: string(r[start : start+length]), Start: start}
		got := Follow(old, new, a)
		if got.Text != a.Text {
			t.Fatalf("text changed to %q", got.Text)
		}
		if !got.Deleted && !passageAt(new, got) {
			t.Fatalf("anchor %+v does not point at its passage in %q", got, new)
		}
		if old == new && got != a {
			t.Fatalf("no edit moved the anchor from %+v to %+v", a, got)
		}
	})
}
