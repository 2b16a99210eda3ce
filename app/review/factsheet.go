package review

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"copydesk/editor"
	"copydesk/editor/check"
)

// FactSheetPanel is the fact checker's checklist: every figure, quotation,
// person and organisation of the article, grouped by kind, each with a
// tick saved in the library and a button that shows its passage.
type FactSheetPanel struct {
	store editor.FactTickStore
	id    int64
	opts  Options

	facts []check.Fact
	ticks map[string]bool
	rows  []*factRow
	gen   int

	summary *widget.Label
	status  *widget.Label
	box     *fyne.Container
	root    fyne.CanvasObject

	// OnSelect shows a passage: the window selects it in the body editor
	// or focuses the field, with the rune offsets of check findings.
	OnSelect func(field string, start, end int)
}

type factRow struct {
	fact  check.Fact
	check *widget.Check
	show  *widget.Button
}

// NewFactSheetPanel builds the checklist of article id; call Update with
// the article to fill it.
func NewFactSheetPanel(store editor.FactTickStore, id int64, opts Options) *FactSheetPanel {
	p := &FactSheetPanel{store: store, id: id, opts: opts.withDefaults(), ticks: map[string]bool{}}
	p.summary = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.status = widget.NewLabel("")
	p.status.Wrapping = fyne.TextWrapWord
	p.box = container.NewVBox()
	p.root = container.NewBorder(p.summary, p.status, nil, nil, container.NewVScroll(p.box))
	return p
}

// Object is what the window places in its layout.
func (p *FactSheetPanel) Object() fyne.CanvasObject { return p.root }

// Update extracts the fact sheet of a copy of a and reloads the ticks,
// off the UI goroutine; only the newest call's result is shown.
func (p *FactSheetPanel) Update(a *editor.Article) {
	p.gen++
	gen := p.gen
	a = a.Clone()
	p.opts.Go(func() {
		facts := check.FactSheet(a)
		ticks, err := p.store.FactTicks(context.Background(), p.id)
		p.opts.Do(func() {
			if gen != p.gen {
				return
			}
			if err != nil {
				p.status.SetText("Could not load the ticks: " + Cause(err))
				ticks = map[string]bool{}
			} else {
				p.status.SetText("")
			}
			p.facts, p.ticks = facts, ticks
			p.rebuild()
		})
	})
}

var factGroups = []struct {
	kind  check.FactKind
	title string
}{
	{check.FactFigure, "Figures and dates"},
	{check.FactQuote, "Quotations"},
	{check.FactPerson, "People"},
	{check.FactOrganisation, "Organisations"},
}

func (p *FactSheetPanel) rebuild() {
	p.rows = p.rows[:0]
	var objs []fyne.CanvasObject
	for _, g := range factGroups {
		var group []fyne.CanvasObject
		for _, f := range p.facts {
			if f.Kind != g.kind {
				continue
			}
			r := p.newRow(f)
			p.rows = append(p.rows, r)
			group = append(group, container.NewBorder(nil, nil, nil, r.show, r.check))
		}
		if len(group) > 0 {
			objs = append(objs, widget.NewLabelWithStyle(g.title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
			objs = append(objs, group...)
		}
	}
	if len(objs) == 0 {
		objs = append(objs, widget.NewLabel("No figures, quotations or names found."))
	}
	p.box.Objects = objs
	p.box.Refresh()
	p.updateSummary()
}

func (p *FactSheetPanel) updateSummary() {
	n := 0
	for _, f := range p.facts {
		if p.ticks[f.ID] {
			n++
		}
	}
	p.summary.SetText(fmt.Sprintf("%d of %d checked", n, len(p.facts)))
}

func factLabel(f check.Fact) string {
	s := ellipsis(f.Text, 80)
	if f.Speaker != "" {
		s += " — " + f.Speaker
	}
	if f.Count > 1 {
		s += fmt.Sprintf(" (×%d)", f.Count)
	}
	return s
}

func (p *FactSheetPanel) newRow(f check.Fact) *factRow {
	r := &factRow{fact: f}
	r.check = widget.NewCheck(factLabel(f), nil)
	r.check.SetChecked(p.ticks[f.ID])
	r.check.OnChanged = func(on bool) { p.setTick(r, on) }
	r.show = widget.NewButtonWithIcon("", theme.SearchIcon(), func() {
		if p.OnSelect != nil {
			p.OnSelect(f.Field, f.Start, f.End)
		}
	})
	return r
}

// setTick saves a tick; if the save fails the box is put back, so the
// list never shows a tick the library does not have.
func (p *FactSheetPanel) setTick(r *factRow, on bool) {
	p.ticks[r.fact.ID] = on
	p.updateSummary()
	p.opts.Go(func() {
		err := p.store.SetFactTick(context.Background(), p.id, r.fact.ID, on)
		p.opts.Do(func() {
			if err == nil {
				p.status.SetText("")
				return
			}
			p.status.SetText("Could not save the tick: " + Cause(err))
			p.ticks[r.fact.ID] = !on
			r.check.OnChanged = nil
			r.check.SetChecked(!on)
			r.check.OnChanged = func(on bool) { p.setTick(r, on) }
			p.updateSummary()
		})
	})
}
