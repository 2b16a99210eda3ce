package check

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"copydesk/editor"
)

func loadArticle(t testing.TB, name string) *editor.Article {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var a editor.Article
	if err := json.Unmarshal(raw, &a); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &a
}

// flagged is the text a finding points at, checked to be in range.
func flagged(t testing.TB, a *editor.Article, f Finding) string {
	t.Helper()
	r := []rune(FieldText(a, f.Field))
	if f.Start < 0 || f.End < f.Start || f.End > len(r) {
		t.Fatalf("finding %+v out of range of %s (%d runes)", f, f.Field, len(r))
	}
	return string(r[f.Start:f.End])
}

func byRule(fs []Finding, rule string) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

// clean returns a well-written article each rule case changes one thing in.
func clean(t testing.TB) *editor.Article { return loadArticle(t, "clean.json") }

func withBody(body string) func(*editor.Article) {
	return func(a *editor.Article) { a.Body = body }
}

type want struct {
	field, text string
	sev         Severity
}

type ruleCase struct {
	name   string
	rule   string
	change func(*editor.Article)
	ctx    Context
	want   []want // empty: the rule must report nothing
}

// ruleCases change one thing in the clean article each; every rule has
// positive cases (it must fire, on exactly this text) and negative ones.
func ruleCases() []ruleCase {
	return []ruleCase{
		// required-field
		{"headline missing", "required-field", func(a *editor.Article) { a.Headline = "  " }, Context{}, []want{{"headline", "", SeverityError}}},
		{"byline missing", "required-field", func(a *editor.Article) { a.Byline = nil }, Context{}, []want{{"byline", "", SeverityError}}},
		{"section missing", "required-field", func(a *editor.Article) { a.Section = "" }, Context{}, []want{{"section", "", SeverityError}}},
		{"summary missing", "required-field", func(a *editor.Article) { a.Summary = "\n" }, Context{}, []want{{"summary", "", SeverityError}}},
		{"body missing", "required-field", withBody(""), Context{}, []want{{"body", "", SeverityError}}},
		{"dateline missing is a warning", "required-field", func(a *editor.Article) { a.Dateline = "" }, Context{}, []want{{"dateline", "", SeverityWarning}}},
		{"all present", "required-field", nil, Context{}, nil},

		// headline-length, summary-length
		{"headline over guide", "headline-length", func(a *editor.Article) { a.Headline = strings.Repeat("é", 70) + "TOO LONG" }, Context{}, []want{{"headline", "TOO LONG", SeverityWarning}}},
		{"headline at guide", "headline-length", func(a *editor.Article) { a.Headline = strings.Repeat("é", 70) }, Context{}, nil},
		{"summary over guide", "summary-length", func(a *editor.Article) { a.Summary = strings.Repeat("x", 200) + "123" }, Context{}, []want{{"summary", "123", SeverityWarning}}},
		{"summary within guide", "summary-length", nil, Context{}, nil},

		// placeholder
		{"TK in body", "placeholder", withBody("The council voted TK to TK.\n"), Context{}, []want{{"body", "TK", SeverityError}, {"body", "TK", SeverityError}}},
		{"TKTK in headline", "placeholder", func(a *editor.Article) { a.Headline = "Mayor TKTK resigns" }, Context{}, []want{{"headline", "TKTK", SeverityError}}},
		{"XX in caption", "placeholder", func(a *editor.Article) { a.Image.Caption = "Photo taken XX by staff." }, Context{}, []want{{"image.caption", "XX", SeverityError}}},
		{"[link] and [citation needed]", "placeholder", withBody("See [link] for more. The law passed [Citation Needed].\n"), Context{}, []want{{"body", "[link]", SeverityError}, {"body", "[Citation Needed]", SeverityError}}},
		{"lorem ipsum in summary", "placeholder", func(a *editor.Article) { a.Summary = "Lorem ipsum dolor sit amet." }, Context{}, []want{{"summary", "Lorem ipsum", SeverityError}}},
		{"placeholder in second byline name", "placeholder", func(a *editor.Article) { a.Byline = []string{"Ana Ruiz", "TK"} }, Context{}, []want{{"byline", "TK", SeverityError}}},
		{"Roman numeral after a name", "placeholder", withBody("Super Bowl XX drew XX fans.\n"), Context{}, []want{{"body", "XX", SeverityError}}},
		{"TKO, XXL, lowercase tk and Tokyo are words", "placeholder", withBody("A TKO in the XXL class; the tk sound; Tokyo; XXth century.\n"), Context{}, nil},

		// image-alt
		{"no alt", "image-alt", func(a *editor.Article) { a.Image.Alt = " " }, Context{}, []want{{"image.alt", "", SeverityError}}},
		{"alt repeats headline", "image-alt", func(a *editor.Article) {
			a.Image.Alt = "COUNCIL keeps downtown library open on Sundays — after residents object!"
		}, Context{}, []want{{"image.alt", "COUNCIL keeps downtown library open on Sundays — after residents object!", SeverityWarning}}},
		{"alt repeats caption", "image-alt", func(a *editor.Article) { a.Image.Alt = a.Image.Caption }, Context{}, []want{{"image.alt", "Residents wait to speak at Wednesday's Common Council hearing on library hours.", SeverityWarning}}},
		{"alt is headline with a prefix", "image-alt", func(a *editor.Article) { a.Image.Alt = "Photo: " + a.Headline }, Context{}, []want{{"image.alt", "Photo: Council keeps downtown library open on Sundays after residents object", SeverityWarning}}},
		{"short alt inside a long headline is not a repeat", "image-alt", func(a *editor.Article) { a.Image.Alt = "Downtown library" }, Context{}, nil},
		{"caption without an image needs no alt", "image-alt", func(a *editor.Article) { a.Image = editor.Image{Caption: "A caption."} }, Context{}, nil},
		{"body image without alt", "image-alt", withBody("Text.\n\n![](chart.png)\n"), Context{}, []want{{"body", "![](chart.png)", SeverityError}}},
		{"no image, no finding", "image-alt", func(a *editor.Article) { a.Image = editor.Image{} }, Context{}, nil},
		{"descriptive alt", "image-alt", nil, Context{}, nil},

		// half-filled
		{"caption and credit without a picture", "half-filled", func(a *editor.Article) {
			a.Image = editor.Image{Caption: "Residents at the hearing.", Credit: "Maria Chen"}
		}, Context{}, []want{{"image.src", "", SeverityError}}},
		{"caption only without a picture", "half-filled", func(a *editor.Article) { a.Image = editor.Image{Caption: "A caption."} }, Context{}, []want{{"image.src", "", SeverityError}}},
		{"credit only without a picture", "half-filled", func(a *editor.Article) { a.Image = editor.Image{Credit: "AP"} }, Context{}, []want{{"image.src", "", SeverityError}}},
		{"alt text without a picture", "half-filled", func(a *editor.Article) { a.Image = editor.Image{Alt: "A crowd."} }, Context{}, []want{{"image.src", "", SeverityError}}},
		{"blank source counts as no picture", "half-filled", func(a *editor.Article) { a.Image.Src = "  " }, Context{}, []want{{"image.src", "", SeverityError}}},
		{"whitespace-only words are not words", "half-filled", func(a *editor.Article) { a.Image = editor.Image{Caption: " ", Credit: "\n"} }, Context{}, nil},
		{"picture without a credit", "half-filled", func(a *editor.Article) { a.Image.Credit = "" }, Context{}, []want{{"image.credit", "", SeverityWarning}}},
		{"no image at all", "half-filled", func(a *editor.Article) { a.Image = editor.Image{} }, Context{}, nil},
		{"body image with alt but no address", "half-filled", withBody("Text.\n\n![A chart of rents]()\n"), Context{}, []want{{"body", "![A chart of rents]()", SeverityError}}},
		{"body image with alt and address", "half-filled", withBody("Text.\n\n![A chart of rents](chart.png)\n"), Context{}, nil},
		{"correction with no note", "half-filled", func(a *editor.Article) {
			a.Corrections = []editor.Correction{{Text: "An earlier version misspelled the director's name."}, {Text: " "}}
		}, Context{}, []want{{"corrections", "", SeverityError}}},
		{"corrections with notes", "half-filled", func(a *editor.Article) {
			a.Corrections = []editor.Correction{{Text: "An earlier version misspelled the director's name."}}
		}, Context{}, nil},
		{"complete image", "half-filled", nil, Context{}, nil},

		// dateline
		{"body dateline differs", "dateline", withBody("MADISON, Wis. — The council met.\n"), Context{}, []want{{"body", "MADISON, Wis. — ", SeverityError}}},
		{"body dateline matches field", "dateline", withBody("APPLETON — The council met.\n"), Context{}, []want{{"body", "APPLETON — ", SeverityWarning}}},
		{"body dateline, empty field", "dateline", func(a *editor.Article) { a.Dateline = ""; a.Body = "PARIS (AP) -- Talks resumed.\n" }, Context{}, []want{{"body", "PARIS (AP) -- ", SeverityWarning}}},
		{"emphasised body dateline", "dateline", withBody("**PARIS** — Talks resumed.\n"), Context{}, []want{{"body", "**PARIS** — ", SeverityError}}},
		{"no body dateline", "dateline", nil, Context{}, nil},
		{"capitalised opening word is not a dateline", "dateline", withBody("I — for one — agree.\n"), Context{}, nil},

		// repeated-word
		{"the the across a line break", "repeated-word", withBody("It was the\nthe best of times.\n"), Context{}, []want{{"body", "the\nthe", SeverityWarning}}},
		{"case-insensitive in headline", "repeated-word", func(a *editor.Article) { a.Headline = "The the council votes" }, Context{}, []want{{"headline", "The the", SeverityWarning}}},
		{"had had and paragraphs", "repeated-word", withBody("She had had enough.\n\nEnough\n\nenough is said.\n"), Context{}, nil},
		{"doubled place names", "repeated-word", withBody("They flew to Bora Bora and Walla Walla.\n"), Context{}, nil},
		{"numbers may repeat", "repeated-word", withBody("The vote was 4 4 at first.\n"), Context{}, nil},

		// double-space
		{"double space in body", "double-space", withBody("The council  voted.\n"), Context{}, []want{{"body", "  ", SeverityWarning}}},
		{"double space in summary", "double-space", func(a *editor.Article) { a.Summary = "One.   Two." }, Context{}, []want{{"summary", "   ", SeverityWarning}}},
		{"hard line break and code are fine", "double-space", withBody("Line one  \nline two.\n\n    code  block\n\nAnd `a  b` here.\n"), Context{}, nil},

		// link
		{"insecure http", "link", withBody("Read [the report](http://example.com/report).\n"), Context{}, []want{{"body", "[the report](http://example.com/report)", SeverityWarning}}},
		{"bare insecure address, a link on the site too", "link", withBody("Read http://example.com/report now.\n"), Context{}, []want{{"body", "http://example.com/report", SeverityWarning}}},
		{"empty link text", "link", withBody("Read [](https://example.com) now.\n"), Context{}, []want{{"body", "[](https://example.com)", SeverityError}}},
		{"missing scheme", "link", withBody("See [site](www.example.com).\n"), Context{}, []want{{"body", "[site](www.example.com)", SeverityError}}},
		{"malformed", "link", withBody("See [site](https://exa%mple.com).\n"), Context{}, []want{{"body", "[site](https://exa%mple.com)", SeverityError}}},
		{"javascript scheme", "link", withBody("See [x](javascript:alert(1)).\n"), Context{}, []want{{"body", "[x](javascript:alert(1))", SeverityError}}},
		{"insecure autolink", "link", withBody("Go to <http://example.com> now.\n"), Context{}, []want{{"body", "<http://example.com>", SeverityWarning}}},
		{"good links", "link", withBody("See [the *budget*](https://example.com/a_(b)), [home](/), <mailto:desk@example.com> and [call](tel:+15555550100).\n"), Context{}, nil},

		// style
		{"filler", "style", withBody("It was very cold.\n"), Context{}, []want{{"body", "very", SeverityInfo}}},
		{"cliché across emphasis", "style", withBody("At the end of *the day* it passed.\n"), Context{}, []want{{"body", "At the end of *the day", SeverityWarning}}},
		{"redundancy", "style", withBody("The end result was a free gift.\n"), Context{}, []want{{"body", "end result", SeverityWarning}, {"body", "free gift", SeverityWarning}}},
		{"AP number", "style", withBody("The council voted 7 times. It had 3 options.\n"), Context{}, []want{{"body", "7", SeverityWarning}, {"body", "3", SeverityWarning}}},
		{"AP number exceptions", "style", withBody("He is age 7, paid $5 for 3% at 3:30, won 2-1, cited Article 5 and Challenger 2, on Jan. 3 at 7 p.m., 4 million people, 9 feet, 10 more, 4.5 points.\n"), Context{}, nil},
		{"ages and addresses", "style", withBody("The boy is 7 years old and lives at 5 Main St. with 2 dogs.\n"), Context{}, []want{{"body", "2", SeverityWarning}}},
		{"ages after names", "style", withBody("Ana Ruiz, 7, and her brother, 4, said 3 words.\n"), Context{}, []want{{"body", "3", SeverityWarning}}},
		{"words split by a paragraph do not form a phrase", "style", withBody("It was the end\n\nResult: done.\n"), Context{}, nil},

		// unattributed-quote
		{"unattributed quotation", "unattributed-quote", withBody("The vote was close.\n\n“We will not stand for this cut,” the crowd heard.\n"), Context{}, []want{{"body", "“We will not stand for this cut,”", SeverityWarning}}},
		{"straight quotes unattributed", "unattributed-quote", withBody("\"This is the best budget in years.\"\n"), Context{}, []want{{"body", "\"This is the best budget in years.\"", SeverityWarning}}},
		{"titles of works are not quotations", "unattributed-quote", withBody("The class read \"The Grapes of Wrath\" and “A Tale of Two Cities.”\n"), Context{}, nil},
		{"attributed before and after, scare quotes, continued", "unattributed-quote", withBody("“We will not stand for this cut,” Lopez said.\n\nShe told reporters: “It is simply wrong for families.”\n\nHe called it “provocative.”\n\nMeltzer said, “The county must share the cost of this.\n\n“Everyone uses the library, not only the city.”\n"), Context{}, nil},

		// anonymous-source
		{"anonymous sources counted", "anonymous-source", withBody("A senior official said the plan was dead, speaking on condition of anonymity. Sources familiar with the talks agreed.\n"), Context{}, []want{{"body", "A senior official said", SeverityWarning}, {"body", "speaking on condition of anonymity", SeverityWarning}, {"body", "Sources familiar with", SeverityWarning}}},
		{"one anonymous source is info", "anonymous-source", withBody("Officials said the road will reopen.\n"), Context{}, []want{{"body", "Officials said", SeverityInfo}}},
		{"named sources", "anonymous-source", withBody("Mayor Jacob Woodford said the road will reopen. A meeting with the official ended.\n"), Context{}, nil},

		// section-fit
		{"diplomacy under Sports", "section-fit", func(a *editor.Article) {
			a.Section = "Sports"
			a.Body = "Foreign ministers from NATO allies met in Paris to discuss security guarantees for Ukraine. Diplomats said the summit focused on sanctions against Russia, a ceasefire and peace negotiations. The Kremlin rejected the treaty. European leaders pledged military aid as the war continued and refugees crossed the border.\n"
		}, Context{}, []want{{"section", "Sports", SeverityWarning}}},
		{"sports under Sports", "section-fit", func(a *editor.Article) {
			a.Section = "Sports"
			a.Body = "The Packers won the game in overtime after the quarterback threw a touchdown. The coach praised the team and the fans at the stadium. The season continues with a playoff match next week, and players said the league championship is within reach.\n"
		}, Context{}, nil},
		{"section the newsroom does not have", "section-fit", func(a *editor.Article) { a.Section = "Sprots" }, Context{}, []want{{"section", "Sprots", SeverityWarning}}},
		{"section in other case", "section-fit", func(a *editor.Article) { a.Section = "local" }, Context{}, nil},
		{"unknown section is not judged", "section-fit", func(a *editor.Article) { a.Section = "Obituaries" }, Context{}, nil},
		{"clean local story", "section-fit", nil, Context{}, nil},

		// unresolved-notes
		{"notes unresolved", "unresolved-notes", nil, Context{UnresolvedNotes: 2}, []want{{"notes", "", SeverityWarning}}},
		{"no notes", "unresolved-notes", nil, Context{}, nil},

		// spelling
		{"misspelt word in the body", "spelling", withBody("The councl voted.\n"), Context{Spelling: testSpelling()}, []want{{"body", "councl", SeverityWarning}}},
		{"newsroom names are words", "spelling", nil, Context{Spelling: testSpelling()}, nil},
		{"no dictionary, no rule", "spelling", withBody("The councl voted.\n"), Context{}, nil},
	}
}

func TestRules(t *testing.T) {
	t.Parallel()
	settings := editor.DefaultSettings()
	// A newsroom section the built-in vocabulary does not know.
	settings.Sections = append(settings.Sections, "Obituaries")
	for _, tt := range ruleCases() {
		t.Run(tt.rule+"/"+tt.name, func(t *testing.T) {
			a := clean(t)
			if tt.change != nil {
				tt.change(a)
			}
			got := byRule(Run(a, settings, tt.ctx), tt.rule)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d findings, want %d: %+v", len(got), len(tt.want), got)
			}
			for i, w := range tt.want {
				f := got[i]
				if f.Field != w.field || f.Severity != w.sev || flagged(t, a, f) != w.text {
					t.Errorf("finding %d = %s %s %q (%s), want %s %s %q", i, f.Field, f.Severity, flagged(t, a, f), f.Message, w.field, w.sev, w.text)
				}
				if f.Message == "" {
					t.Errorf("finding %d has no message", i)
				}
			}
		})
	}
}

func TestRulesHaveCases(t *testing.T) {
	t.Parallel()
	// Every rule id is stable API (JSON, approval overrides); a new rule
	// must be listed here and in TestRules.
	want := []string{"required-field", "headline-length", "summary-length", "placeholder", "image-alt", "half-filled", "dateline", "repeated-word", "double-space", "link", "style", "unattributed-quote", "anonymous-source", "section-fit", "unresolved-notes", "spelling"}
	if got := Rules(); !slices.Equal(got, want) {
		t.Errorf("Rules() = %v, want %v", got, want)
	}
	pos, neg := map[string]int{}, map[string]int{}
	for _, c := range ruleCases() {
		if len(c.want) > 0 {
			pos[c.rule]++
		} else {
			neg[c.rule]++
		}
	}
	for _, r := range Rules() {
		if pos[r] == 0 || neg[r] == 0 {
			t.Errorf("rule %s has %d positive and %d negative cases in ruleCases; want both", r, pos[r], neg[r])
		}
	}
}

// TestReferencePage is the acceptance test: the published page the desk
// should have stopped (testdata/reference.json, built from
// shared/reference/sample-article-page.txt).
func TestReferencePage(t *testing.T) {
	t.Parallel()
	a := loadArticle(t, "reference.json")
	fs := Run(a, editor.DefaultSettings(), Context{})
	fit := byRule(fs, "section-fit")
	if len(fit) != 1 || !(strings.Contains(fit[0].Message, "like World") || strings.Contains(fit[0].Message, "like Politics")) {
		t.Errorf("section-fit = %+v, want one finding naming World or Politics", fit)
	}
	alt := byRule(fs, "image-alt")
	if len(alt) != 1 || !strings.Contains(alt[0].Message, "headline") {
		t.Errorf("image-alt = %+v, want alt repeats headline", alt)
	}
	anon := byRule(fs, "anonymous-source")
	if len(anon) < anonymousWarnAt {
		t.Fatalf("anonymous-source found %d, want at least %d: %+v", len(anon), anonymousWarnAt, anon)
	}
	var texts []string
	for _, f := range anon {
		texts = append(texts, flagged(t, a, f))
		if f.Severity != SeverityWarning {
			t.Errorf("heavy anonymous sourcing should warn: %+v", f)
		}
	}
	for _, w := range []string{"speaking on condition of anonymity", "a U.S. official stated", "a European diplomat said"} {
		if !slices.Contains(texts, w) {
			t.Errorf("anonymous-source did not flag %q; flagged %q", w, texts)
		}
	}
}

func TestCleanArticle(t *testing.T) {
	t.Parallel()
	a := clean(t)
	fs := Run(a, editor.DefaultSettings(), Context{})
	warnings := 0
	for _, f := range fs {
		t.Logf("%s %s %q: %s", f.Severity, f.Rule, flagged(t, a, f), f.Message)
		switch f.Severity {
		case SeverityError:
			t.Errorf("clean article has an error: %+v", f)
		case SeverityWarning:
			warnings++
		}
	}
	if warnings > 2 {
		t.Errorf("clean article has %d warnings, want at most 2", warnings)
	}
}

func TestOffsetsAreRunes(t *testing.T) {
	t.Parallel()
	// Multi-byte characters before the passage: byte offsets would be wrong.
	a := clean(t)
	a.Body = strings.Repeat("Ünïcødé — “ok” 日本語. ", 100) + "It was the the end.\n"
	fs := byRule(Run(a, editor.DefaultSettings(), Context{}), "repeated-word")
	if len(fs) != 1 || flagged(t, a, fs[0]) != "the the" {
		t.Fatalf("repeated-word after multi-byte text = %+v", fs)
	}
}

func TestRunDeterministic(t *testing.T) {
	t.Parallel()
	a := loadArticle(t, "reference.json")
	first := Run(a, editor.DefaultSettings(), Context{UnresolvedNotes: 1})
	for range 5 {
		if again := Run(a, editor.DefaultSettings(), Context{UnresolvedNotes: 1}); !slices.Equal(first, again) {
			t.Fatal("Run is not deterministic")
		}
	}
	for i := 1; i < len(first); i++ {
		if severityRank(first[i-1].Severity) > severityRank(first[i].Severity) {
			t.Fatalf("findings not ordered by severity: %+v before %+v", first[i-1], first[i])
		}
	}
	if !HasErrors([]Finding{{Severity: SeverityWarning}, {Severity: SeverityError}}) || HasErrors(first) {
		t.Error("HasErrors")
	}
}

// TestRunConcurrently: the window checks in the background while the CLI
// or a second window may check too; the shared lists, parser and default
// classifier must be safe to read at once (run with -race).
func TestRunConcurrently(t *testing.T) {
	t.Parallel()
	ref := loadArticle(t, "reference.json")
	want := Run(ref, editor.DefaultSettings(), Context{})
	wantFacts := FactSheet(ref)
	c := Train([]*editor.Article{ref})
	done := make(chan bool)
	for range 4 {
		go func() {
			defer func() { done <- true }()
			for range 5 {
				if got := Run(ref, editor.DefaultSettings(), Context{}); !slices.Equal(got, want) {
					t.Error("concurrent Run differs")
				}
				Run(ref, editor.DefaultSettings(), Context{Classifier: c})
				if got := FactSheet(ref); !slices.Equal(got, wantFacts) {
					t.Error("concurrent FactSheet differs")
				}
			}
		}()
	}
	for range 4 {
		<-done
	}
}
