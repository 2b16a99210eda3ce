package review

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"copydesk/editor"
	"copydesk/editor/check"
)

// rvTicks is an in-memory FactTickStore.
type rvTicks struct {
	ticks map[string]bool
	calls []string // "id=true"
	fail  error
}

func (s *rvTicks) FactTicks(_ context.Context, id int64) (map[string]bool, error) {
	out := map[string]bool{}
	for k, v := range s.ticks {
		out[k] = v
	}
	return out, nil
}

func (s *rvTicks) SetFactTick(_ context.Context, id int64, item string, ticked bool) error {
	s.calls = append(s.calls, fmt.Sprintf("%s=%v", item, ticked))
	if s.fail != nil {
		return s.fail
	}
	s.ticks[item] = ticked
	return nil
}

func factArticle() *editor.Article {
	return &editor.Article{Headline: "Budget passes", Body: "The Appleton Common Council approved a $1.2 million budget, up 14%. “It is a fair budget,” said Ana Ruiz.\n"}
}

func TestFactSheetPanel(t *testing.T) {
	test.NewTempApp(t)
	a := factArticle()
	figure := check.FactID(check.FactFigure, "$1.2 million")
	store := &rvTicks{ticks: map[string]bool{figure: true}}
	p := NewFactSheetPanel(store, 7, syncReview)
	var shown []tapSel
	p.OnSelect = func(field string, start, end int) { shown = append(shown, tapSel{field, start, end}) }
	p.Update(a)

	if len(p.rows) != 5 {
		t.Fatalf("got %d rows, want 5: %+v", len(p.rows), p.facts)
	}
	if p.summary.Text != "1 of 5 checked" {
		t.Errorf("summary = %q", p.summary.Text)
	}
	var pct *factRow
	for _, r := range p.rows {
		if r.check.Checked != (r.fact.ID == figure) {
			t.Errorf("row %q checked = %v", r.fact.Text, r.check.Checked)
		}
		if r.fact.Text == "14%" {
			pct = r
		}
		if r.fact.Kind == check.FactQuote && !strings.Contains(r.check.Text, "— Ana Ruiz") {
			t.Errorf("quote row %q does not name its speaker", r.check.Text)
		}
	}
	if pct == nil {
		t.Fatal("no row for 14%")
	}

	test.Tap(pct.check)
	if want := []string{pct.fact.ID + "=true"}; len(store.calls) != 1 || store.calls[0] != want[0] {
		t.Errorf("store calls = %v, want %v", store.calls, want)
	}
	if p.summary.Text != "2 of 5 checked" {
		t.Errorf("summary after tick = %q", p.summary.Text)
	}
	test.Tap(pct.check)
	if store.calls[1] != pct.fact.ID+"=false" || store.ticks[pct.fact.ID] {
		t.Errorf("untick: calls %v, ticks %v", store.calls, store.ticks)
	}

	test.Tap(pct.show)
	if len(shown) != 1 || string([]rune(a.Body)[shown[0].start:shown[0].end]) != "14%" || shown[0].field != "body" {
		t.Errorf("show passage = %+v", shown)
	}

	// A failed save puts the box back and says so.
	store.fail = errors.New("disk full")
	test.Tap(pct.check)
	if pct.check.Checked || p.summary.Text != "1 of 5 checked" || !strings.Contains(p.status.Text, "disk full") {
		t.Errorf("after failed save: checked %v, summary %q, status %q", pct.check.Checked, p.summary.Text, p.status.Text)
	}
	if len(store.calls) != 3 {
		t.Errorf("reverting must not save again: %v", store.calls)
	}
}

func TestFactSheetPanelTickResetsWhenPassageChanges(t *testing.T) {
	test.NewTempApp(t)
	a := factArticle()
	store := &rvTicks{ticks: map[string]bool{check.FactID(check.FactFigure, "$1.2 million"): true}}
	p := NewFactSheetPanel(store, 7, syncReview)
	a.Body = strings.Replace(a.Body, "$1.2 million", "$1.3 million", 1)
	p.Update(a)
	for _, r := range p.rows {
		if r.check.Checked {
			t.Errorf("%q is ticked, but only the old figure was", r.fact.Text)
		}
	}
	if p.summary.Text != "0 of 5 checked" {
		t.Errorf("summary = %q", p.summary.Text)
	}
}
