package check

import (
	"strings"
	"testing"

	"copydesk/editor"
)

func TestFactSheet(t *testing.T) {
	t.Parallel()
	type item struct {
		kind    FactKind
		text    string
		speaker string
	}
	tests := []struct {
		name string
		body string
		want []item
	}{
		{"figures", "On Tuesday the city spent $1.2 million, up 14% from 2022, or 3 percent of €17.1 billion, on Feb. 24, 2022 and June 2024.\n", []item{
			{FactFigure, "Tuesday", ""}, {FactFigure, "$1.2 million", ""}, {FactFigure, "14%", ""}, {FactFigure, "2022", ""}, {FactFigure, "3 percent", ""},
			{FactFigure, "€17.1 billion", ""}, {FactFigure, "Feb. 24, 2022", ""}, {FactFigure, "June 2024", ""},
		}},
		{"quotes with speakers", "“We will build it,” said Fiona Hill, a fellow.\n\n“It is late,” a European diplomat said.\n\nPresident Emmanuel Macron spoke, saying, “We are ready.”\n", []item{
			{FactQuote, "“We will build it,”", "Fiona Hill"}, {FactPerson, "Fiona Hill", ""},
			{FactQuote, "“It is late,”", "a European diplomat"},
			{FactPerson, "Emmanuel Macron", ""}, {FactQuote, "“We are ready.”", "Emmanuel Macron"},
		}},
		{"people and organisations", "Prime Minister Justin Trudeau's aides met the Institute for the Study of War, NATO and the State Department. The Budapest Memorandum and Challenger 2 tanks are things.\n", []item{
			{FactPerson, "Justin Trudeau", ""}, {FactOrganisation, "Institute for the Study of War", ""},
			{FactOrganisation, "NATO", ""}, {FactOrganisation, "State Department", ""},
		}},
		{"speakers with titles, and a name in the next sentence is not the speaker", "“We knew it,” coach Matt LaFleur said. The Bears left.\n\n“It passed,” said Senate Majority Leader Devin LeMahieu.\n\n“Stay,” the president of the European Council, Antonio Costa, told reporters.\n", []item{
			{FactQuote, "“We knew it,”", "Matt LaFleur"}, {FactPerson, "Matt LaFleur", ""},
			{FactQuote, "“It passed,”", "Devin LeMahieu"}, {FactPerson, "Devin LeMahieu", ""},
			{FactQuote, "“Stay,”", "Antonio Costa"}, {FactOrganisation, "European Council", ""}, {FactPerson, "Antonio Costa", ""},
		}},
		{"addresses are not names", "Crews closed College Avenue near Jones Park and Lambeau Field.\n", nil},
		{"repeats are one item", "NATO met. NATO agreed. 27 nations, 27 votes.\n", []item{
			{FactOrganisation, "NATO", ""}, {FactFigure, "27", ""},
		}},
		{"dateline and placeholders are not organisations", "PARIS — The TK report from XX.\n", nil},
		{"nothing to check", "it was a quiet day in town.\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &editor.Article{Body: tt.body}
			var got []item
			for _, f := range FactSheet(a) {
				got = append(got, item{f.Kind, f.Text, f.Speaker})
				if f.Field != "body" || flagged(t, a, Finding{Field: f.Field, Start: f.Start, End: f.End}) != f.Text {
					t.Errorf("fact %+v does not point at its text", f)
				}
				if f.ID != FactID(f.Kind, f.Text) {
					t.Errorf("fact %+v has id %s, want FactID", f, f.ID)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d items %+v\nwant %d %+v", len(got), got, len(tt.want), tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("item %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestFactSheetCountsAndFields(t *testing.T) {
	t.Parallel()
	a := &editor.Article{Headline: "NATO pledges $10 billion", Summary: "NATO allies met.", Body: "NATO said so.\n"}
	fs := FactSheet(a)
	if len(fs) != 2 || fs[0].Text != "NATO" || fs[0].Field != "headline" || fs[0].Count != 3 || fs[1].Text != "$10 billion" {
		t.Fatalf("FactSheet = %+v", fs)
	}
}

func TestFactIDChangesWithPassage(t *testing.T) {
	t.Parallel()
	a := FactID(FactFigure, "$10 billion")
	if a != FactID(FactFigure, "$10 billion") || a == FactID(FactFigure, "$11 billion") || a == FactID(FactQuote, "$10 billion") {
		t.Error("FactID must be stable per kind and text and differ otherwise")
	}
	if len(a) != 16 || strings.Trim(a, "0123456789abcdef") != "" {
		t.Errorf("FactID = %q, want 16 hex digits", a)
	}
}

func TestFactSheetReference(t *testing.T) {
	t.Parallel()
	a := loadArticle(t, "reference.json")
	kinds := map[FactKind][]string{}
	for _, f := range FactSheet(a) {
		kinds[f.Kind] = append(kinds[f.Kind], f.Text)
	}
	for kind, want := range map[FactKind][]string{
		FactFigure:       {"February 24, 2022", "$10 billion", "€17.1 billion", "18%"},
		FactPerson:       {"Justin Trudeau", "Emmanuel Macron", "Fiona Hill", "Dmitry Peskov", "Dmytro Kuleba"},
		FactOrganisation: {"NATO", "Brookings Institution", "Institute for the Study of War"},
	} {
		for _, w := range want {
			if !strings.Contains(strings.Join(kinds[kind], "|")+"|", w+"|") {
				t.Errorf("%s %q not listed; got %q", kind, w, kinds[kind])
			}
		}
	}
	if n := len(kinds[FactQuote]); n != 6 {
		t.Errorf("got %d quotes, want 6", n)
	}
}
