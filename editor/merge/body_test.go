package merge

import (
	"reflect"
	"strings"
	"testing"
)

func TestSplitBodyRoundTrip(t *testing.T) {
	cases := []struct {
		in    string
		paras []string
	}{
		{"", nil},
		{"\n\n", nil},
		{"One.", []string{"One."}},
		{"One.\n", []string{"One."}},
		{"One.\nStill one.\n\nTwo.\n", []string{"One.\nStill one.", "Two."}},
		{"\n\nOne.\n \t\n\n\nTwo.", []string{"One.", "Two."}},
		{"One.\r\n\r\nTwo.\r\n", []string{"One.", "Two."}},
		{"One.\r\r\n\r\nTwo.\r", []string{"One.", "Two."}},
		{"```\ncode\n\nmore code\n```\n", []string{"```\ncode", "more code\n```"}},
	}
	for _, c := range cases {
		b := splitBody(c.in)
		if !reflect.DeepEqual(b.paras, c.paras) {
			t.Errorf("splitBody(%q) paragraphs = %q, want %q", c.in, b.paras, c.paras)
		}
		var sb strings.Builder
		sb.WriteString(b.lead)
		for i, p := range b.paras {
			sb.WriteString(p + b.seps[i])
		}
		if sb.String() != c.in {
			t.Errorf("splitBody(%q) joins back to %q", c.in, sb.String())
		}
	}
}

func TestMergeBody(t *testing.T) {
	const (
		p1 = "The city council put off its vote on Tuesday."
		p2 = "Three branches would close under the plan."
		p3 = "\"We need more time,\" said council member Rita Vance."
		p4 = "The council meets again on Thursday."
	)
	body := func(ps ...string) string { return strings.Join(ps, "\n\n") + "\n" }
	base := body(p1, p2, p3)
	cases := []struct {
		name               string
		base, mine, theirs string
		noBase             bool
		want               string
		conflicts          []Conflict
	}{
		{name: "different paragraphs changed", base: base,
			mine: body(p1+" Edited.", p2, p3), theirs: body(p1, p2, p3+" Edited."),
			want: body(p1+" Edited.", p2, p3+" Edited.")},
		{name: "same paragraph changed the same way", base: base,
			mine: body(p1, p2+" Same.", p3), theirs: body(p1, p2+" Same.", p3, p4),
			want: body(p1, p2+" Same.", p3, p4)},
		{name: "same paragraph changed differently", base: base,
			mine: body(p1, p2+" Mine.", p3), theirs: body(p1, p2+" Theirs.", p3),
			want:      body(p1, p2+" Mine.", p3),
			conflicts: []Conflict{{Field: FieldBody, Paragraph: 1, At: 1, Base: p2, Mine: p2 + " Mine.", Theirs: p2 + " Theirs."}}},
		{name: "theirs added paragraphs before the conflict", base: base,
			mine: body(p1, p2, p3+" Mine."), theirs: body(p4, p1, p2, p3+" Theirs."),
			want:      body(p4, p1, p2, p3+" Mine."),
			conflicts: []Conflict{{Field: FieldBody, Paragraph: 2, At: 3, Base: p3, Mine: p3 + " Mine.", Theirs: p3 + " Theirs."}}},
		{name: "mine deleted what theirs edited", base: base,
			mine: body(p1, p3), theirs: body(p1, p2+" Theirs.", p3),
			want:      body(p1, p3),
			conflicts: []Conflict{{Field: FieldBody, Paragraph: 1, At: 1, Base: p2, Mine: "", Theirs: p2 + " Theirs."}}},
		{name: "one deletes, other edits elsewhere", base: base,
			mine: body(p1, p3), theirs: body(p1+" Theirs.", p2, p3),
			want: body(p1+" Theirs.", p3)},
		{name: "both appended different paragraphs", base: base,
			mine: body(p1, p2, p3, "Mine's ending."), theirs: body(p1, p2, p3, p4),
			want: body(p1, p2, p3, "Mine's ending.", p4)},
		{name: "theirs appended after the paragraph mine edited", base: base,
			mine: body(p1, p2, p3+" Mine."), theirs: body(p1, p2, p3, p4),
			want: body(p1, p2, p3+" Mine.", p4)},
		{name: "mine inserted next to the paragraph theirs edited", base: base,
			mine: body(p1, p4, p2, p3), theirs: body(p1, p2+" Theirs.", p3),
			want: body(p1, p4, p2+" Theirs.", p3)},
		{name: "body without final newline gains a paragraph", base: "A.\n\nB.",
			mine: "A. Mine.\n\nB.", theirs: "A.\n\nB.\n\nC.",
			want: "A. Mine.\n\nB.\n\nC."},
		{name: "CRLF body", base: "A.\r\n\r\nB.\r\n",
			mine: "A. Mine.\r\n\r\nB.\r\n", theirs: "A.\r\n\r\nB.\r\n\r\nC.\r\n",
			want: "A. Mine.\r\n\r\nB.\r\n\r\nC.\r\n"},
		{name: "only blank lines differ", base: base,
			mine: body(p1, p2, p3) + "\n\n", theirs: body(p1, p2+" Theirs.", p3),
			want: body(p1, p2+" Theirs.", p3) + "\n\n"},
		{name: "no base: shared paragraphs kept, the rest conflicts", noBase: true,
			mine: body(p1, p2, p3), theirs: body(p1, p4, p3),
			want:      body(p1, p2, p3),
			conflicts: []Conflict{{Field: FieldBody, Paragraph: 1, At: 1, Mine: p2, Theirs: p4}}},
		{name: "no base: one side longer", noBase: true,
			mine: body(p1, p2), theirs: body(p1, p2, p3),
			want:      body(p1, p2),
			conflicts: []Conflict{{Field: FieldBody, Paragraph: 2, At: 2, Mine: "", Theirs: p3}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, conflicts := mergeBody(c.base, c.mine, c.theirs, !c.noBase)
			if got != c.want {
				t.Errorf("body =\n%q\nwant\n%q", got, c.want)
			}
			if !reflect.DeepEqual(conflicts, c.conflicts) {
				t.Errorf("conflicts = %+v, want %+v", conflicts, c.conflicts)
			}
		})
	}
}
