package review

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"copydesk/app/bodyedit"
	"copydesk/editor"
	"copydesk/editor/check"
)

func checksArticle() *editor.Article {
	return &editor.Article{
		Headline: "Council votes TK",
		Byline:   []string{"Ana Ruiz"},
		Section:  "Local",
		Summary:  "The council voted.",
		Dateline: "APPLETON",
		Body:     "Café owners said it was the the best day. See [](https://example.com).\n",
		Status:   editor.StatusDraft,
	}
}

type tapSel struct {
	field      string
	start, end int
}

func TestChecksPanelListsAndSelects(t *testing.T) {
	test.NewTempApp(t)
	var got []tapSel
	p := NewChecksPanel(func(field string, start, end int) { got = append(got, tapSel{field, start, end}) }, syncReview)
	a := checksArticle()
	p.Update(a, editor.DefaultSettings(), check.Context{})

	want := check.Run(a, editor.DefaultSettings(), check.Context{})
	if len(want) < 3 {
		t.Fatalf("fixture should have several findings, has %+v", want)
	}
	if len(p.rows) != len(want) {
		t.Fatalf("panel shows %d rows, want %d", len(p.rows), len(want))
	}
	for i, r := range p.rows {
		if r.message.Text != want[i].Message || !strings.Contains(r.title.Text, want[i].Rule) {
			t.Errorf("row %d = %q / %q, want %+v", i, r.title.Text, r.message.Text, want[i])
		}
	}
	if s := p.summary.Text; s != "Fix before filing: 2 errors, 1 warning." {
		t.Errorf("summary = %q", s)
	}

	// Tapping the repeated word selects exactly "the the" in the body.
	idx := -1
	for i, f := range p.Findings() {
		if f.Rule == "repeated-word" {
			idx = i
		}
	}
	if idx < 0 {
		t.Fatal("no repeated-word row")
	}
	test.Tap(p.rows[idx])
	if len(got) != 1 {
		t.Fatalf("onSelect called %d times", len(got))
	}
	sel := got[0]
	if sel.field != "body" || string([]rune(a.Body)[sel.start:sel.end]) != "the the" {
		t.Errorf("onSelect(%q, %d, %d) selects %q, want body \"the the\"", sel.field, sel.start, sel.end, string([]rune(a.Body)[sel.start:sel.end]))
	}

	// A placeholder in the headline focuses the headline field.
	for i, f := range p.Findings() {
		if f.Rule == "placeholder" && f.Field == "headline" {
			test.Tap(p.rows[i])
		}
	}
	if len(got) != 2 || got[1] != (tapSel{"headline", 14, 16}) {
		t.Errorf("headline placeholder tap = %+v", got)
	}
}

func TestChecksPanelCleanAndStale(t *testing.T) {
	test.NewTempApp(t)
	// Runs are queued, then finished out of order: the older text's result
	// arrives last and must not replace the newer one.
	var queued []func()
	opts := Options{Go: func(f func()) { queued = append(queued, f) }, Do: func(f func()) { f() }}
	p := NewChecksPanel(nil, opts)
	old := checksArticle()
	p.Update(old, editor.DefaultSettings(), check.Context{})
	fixed := checksArticle()
	fixed.Headline = "Council votes to keep the library open"
	fixed.Body = "Owners said it was the best day.\n"
	p.Update(fixed, editor.DefaultSettings(), check.Context{})
	// The caller keeps editing its article; the panel checked a copy.
	fixed.Body = "TK TK TK"
	queued[1]()
	queued[0]()
	if len(p.Findings()) != 0 || p.summary.Text != "Ready to file: no findings." {
		t.Errorf("after the newer run: %d findings, summary %q", len(p.Findings()), p.summary.Text)
	}
	if len(p.rows) != 0 || len(p.box.Objects) != 0 {
		t.Errorf("clean article shows %d rows", len(p.box.Objects))
	}
}

type rvTraining struct {
	arts []*editor.Article
	err  error
}

func (s rvTraining) TrainingArticles(context.Context) ([]*editor.Article, error) {
	return s.arts, s.err
}

func TestChecksPanelTrain(t *testing.T) {
	test.NewTempApp(t)
	p := NewChecksPanel(nil, syncReview)
	obit := "She died peacefully, survived by her grandchildren. The funeral and visitation are at the chapel; memorial donations are welcome. "
	a := checksArticle()
	a.Section = "Sports"
	a.Headline = "Grocer dies"
	a.Body = obit + obit + "\n"
	hasFit := func() bool {
		for _, f := range p.Findings() {
			if f.Rule == "section-fit" {
				return true
			}
		}
		return false
	}
	p.Update(a, editor.DefaultSettings(), check.Context{})
	if hasFit() {
		t.Fatal("the built-in vocabulary knows no obituaries")
	}
	var trainErr error = errors.New("not called")
	var training []*editor.Article
	for range 4 {
		training = append(training, &editor.Article{Section: "Obituaries", Body: obit})
	}
	p.Train(rvTraining{arts: training}, func(err error) { trainErr = err })
	if trainErr != nil {
		t.Fatalf("done(%v)", trainErr)
	}
	p.Update(a, editor.DefaultSettings(), check.Context{})
	if !hasFit() {
		t.Errorf("after training, an obituary under Sports should be flagged: %+v", p.Findings())
	}
	// A failing library keeps the classifier it had and reports the error.
	p.Train(rvTraining{err: errors.New("disk gone")}, func(err error) { trainErr = err })
	if trainErr == nil || p.classifier == nil {
		t.Errorf("failed training: err %v, classifier %v", trainErr, p.classifier)
	}
}

// TestChecksPanelSelectsInBodyEditor wires the panel the way the window
// does, to the body editor: tapping a finding must select exactly the
// flagged characters, after multi-byte text that would break byte offsets.
func TestChecksPanelSelectsInBodyEditor(t *testing.T) {
	test.NewTempApp(t)
	body := bodyedit.New()
	a := checksArticle()
	a.Body = "Ünïcødé café — “naïve” 日本語.\n\nThe mayor said it was the the best day.\n"
	body.SetText(a.Body)
	w := test.NewWindow(body.Object())
	defer w.Close()
	w.Resize(fyne.NewSize(900, 400))
	p := NewChecksPanel(func(field string, start, end int) {
		if field == "body" {
			body.Select(start, end)
		}
	}, syncReview)
	p.Update(a, editor.DefaultSettings(), check.Context{})
	tapped := false
	for i, f := range p.Findings() {
		if f.Rule == "repeated-word" {
			test.Tap(p.rows[i])
			tapped = true
		}
	}
	if !tapped {
		t.Fatalf("no repeated-word finding in %+v", p.Findings())
	}
	start, end := body.Selection()
	if got := string([]rune(body.Text())[start:end]); got != "the the" {
		t.Errorf("selection %d-%d is %q, want \"the the\"", start, end, got)
	}
}

// TestChecksPanelCapsRows: a transcript full of doubled words gives
// thousands of findings; the panel builds a bounded number of rows, shows
// errors before warnings, and says how many it left out.
func TestChecksPanelCapsRows(t *testing.T) {
	test.NewTempApp(t)
	p := NewChecksPanel(nil, Options{})
	var fs []check.Finding
	for i := range 5000 {
		fs = append(fs, check.Finding{Rule: "repeated-word", Severity: check.SeverityWarning, Field: "body", Start: i * 8, End: i*8 + 7, Message: "repeated"})
	}
	fs = append(fs, check.Finding{Rule: "placeholder", Severity: check.SeverityError, Field: "headline", Start: 0, End: 2, Message: "TK"})
	p.SetFindings(fs)
	if len(p.rows) != maxFindingRows {
		t.Fatalf("panel built %d rows for %d findings, want %d", len(p.rows), len(fs), maxFindingRows)
	}
	if got := p.rows[0].finding.Rule; got != "placeholder" {
		t.Errorf("first row is %q, want the error first", got)
	}
	last, ok := p.box.Objects[len(p.box.Objects)-1].(*widget.Label)
	if !ok || !strings.Contains(last.Text, fmt.Sprintf("and %d more", len(fs)-maxFindingRows)) {
		t.Errorf("no '… and N more' line after the rows: %#v", p.box.Objects[len(p.box.Objects)-1])
	}
	if len(p.Findings()) != len(fs) {
		t.Errorf("Findings() = %d, want all %d", len(p.Findings()), len(fs))
	}
}
