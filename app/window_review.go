package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"copydesk/editor"
	"copydesk/editor/check"
)

// reviewTabs is the right-hand pane: the preview and, beside it, the
// review panels (checks, notes, history, fact sheet, workflow). A panel
// appears when the library supports it; per-article panels are rebuilt
// for each article opened.
type reviewTabs struct {
	a    *App
	tabs *container.AppTabs

	checks                               *ChecksPanel
	notes                                *NotesPanel
	history                              *HistoryView
	facts                                *FactSheetPanel
	audit                                *AuditView
	notesTab, histTab, factsTab, flowTab *container.TabItem
}

func newReviewTabs(a *App) *reviewTabs {
	r := &reviewTabs{a: a}
	opts := ReviewOptions{Go: a.bg, Do: a.ui, Location: a.settings.Location()}
	r.checks = NewChecksPanel(a.selectField, opts)
	items := []*container.TabItem{
		container.NewTabItem("Preview", a.preview.scroll),
		container.NewTabItem("Checks", r.checks.Object()),
	}
	placeholder := func() fyne.CanvasObject { return widget.NewLabel("") }
	if _, ok := a.store.(NoteStore); ok {
		r.notesTab = container.NewTabItem("Notes", placeholder())
		items = append(items, r.notesTab)
	}
	if _, ok := a.store.(RevisionStore); ok {
		r.histTab = container.NewTabItem("History", placeholder())
		items = append(items, r.histTab)
	}
	if _, ok := a.store.(FactTickStore); ok {
		r.factsTab = container.NewTabItem("Fact sheet", placeholder())
		items = append(items, r.factsTab)
	}
	if _, ok := a.store.(AuditStore); ok {
		r.flowTab = container.NewTabItem("Workflow", placeholder())
		items = append(items, r.flowTab)
	}
	r.tabs = container.NewAppTabs(items...)
	r.tabs.OnSelected = func(t *container.TabItem) {
		switch {
		case t == r.notesTab && r.notes != nil:
			r.anchorNotes()
		case t == r.histTab && r.history != nil:
			r.history.Reload() // saves since it was built added revisions
		}
	}
	if ts, ok := a.store.(TrainingStore); ok {
		r.checks.Train(ts, func(error) { r.runChecks() })
	}
	return r
}

// setArticle rebuilds the per-article panels; an unsaved article has no
// notes, history or workflow yet.
func (r *reviewTabs) setArticle(ar *editor.Article) {
	r.notes, r.history, r.facts, r.audit = nil, nil, nil, nil
	unsaved := func() fyne.CanvasObject {
		l := widget.NewLabel("Give the article a headline: once it is saved, its notes, history and workflow appear here.")
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	opts := ReviewOptions{Go: r.a.bg, Do: r.a.ui, Location: r.a.settings.Location()}
	set := func(t *container.TabItem, o fyne.CanvasObject) {
		if t != nil {
			t.Content = o
		}
	}
	if ar.ID == 0 {
		for _, t := range []*container.TabItem{r.notesTab, r.histTab, r.factsTab, r.flowTab} {
			set(t, unsaved())
		}
		r.tabs.Refresh()
		return
	}
	if ns, ok := r.a.store.(NoteStore); ok {
		r.notes = NewNotesPanel(ns, ar.ID, opts)
		r.notes.OnSelectPassage = func(s, e int) { r.a.body.Select(s, e); r.a.body.Focus() }
		r.notes.OnChanged = r.runChecks
		set(r.notesTab, r.notes.Object())
	}
	if rs, ok := r.a.store.(RevisionStore); ok {
		r.history = NewHistoryView(rs, ar.ID, opts)
		r.history.OnRestored = r.adopt
		set(r.histTab, r.history.Object())
	}
	if fs, ok := r.a.store.(FactTickStore); ok {
		r.facts = NewFactSheetPanel(fs, ar.ID, opts)
		r.facts.OnSelect = r.a.selectField
		set(r.factsTab, r.facts.Object())
	}
	if as, ok := r.a.store.(AuditStore); ok {
		r.audit = NewAuditView(as, ar.ID, opts)
		r.audit.OnMoved = r.moved
		r.audit.SetArticle(ar)
		set(r.flowTab, r.audit.Object())
	}
	r.tabs.Refresh()
}

// saved is told about every acknowledged save.
func (r *reviewTabs) saved(created bool) {
	if created {
		r.setArticle(r.a.art)
		return
	}
	if r.history != nil && r.tabs.Selected() == r.histTab {
		r.history.Reload()
	}
}

// runChecks re-runs the checks (and the fact sheet) on the open article.
func (r *reviewTabs) runChecks() {
	a := r.a
	unresolved := 0
	if r.notes != nil {
		for _, n := range r.notes.notes {
			if !n.Resolved {
				unresolved++
			}
		}
	}
	r.checks.Update(a.art, a.settings, check.Context{UnresolvedNotes: unresolved, Spelling: a.spell.checking()})
	if r.facts != nil {
		r.facts.Update(a.art)
	}
}

// anchorNotes pins a new note to the body's selection. Notes anchor on
// the saved body, so the open article is saved first.
func (r *reviewTabs) anchorNotes() {
	n := r.notes
	r.a.saver.Flush(func(error) {
		if r.notes != n {
			return
		}
		s, e := r.a.body.Selection()
		rs := []rune(r.a.body.Text())
		if s < e && e <= len(rs) {
			n.SetAnchor(s, string(rs[s:e]))
		} else {
			n.SetAnchor(0, "")
		}
	})
}

// adopt takes an article saved by a panel (a restored revision): it
// replaces what is open, after unsaved edits were saved or discarded.
func (r *reviewTabs) adopt(saved *editor.Article) {
	r.a.startArticle(saved)
	r.a.lib.reload()
}

// moved takes a status move: only status, publication time and version
// changed in the library, so edits made meanwhile are kept and saved on
// top of the new version rather than reported as a conflict.
func (r *reviewTabs) moved(saved *editor.Article) {
	a := r.a
	if saved.ID != a.art.ID {
		return
	}
	a.art.Status, a.art.Published, a.art.Version = saved.Status, saved.Published, saved.Version
	a.art.Corrections = saved.Corrections
	a.form.state.SetText(string(saved.Status))
	if r.audit != nil {
		r.audit.SetArticle(a.art)
	}
	a.schedulePreview(0)
	a.lib.reload()
}

// selectField shows a finding: the passage in the body, or the field.
func (a *App) selectField(field string, start, end int) {
	if field == "body" || field == "" {
		a.body.Select(start, end)
		a.body.Focus()
		return
	}
	entries := map[string]*widget.Entry{
		"headline": a.form.headline, "byline": a.form.byline, "summary": a.form.summary,
		"dateline": a.form.dateline, "tags": a.form.tags, "slug": a.form.slug,
		"image.alt": a.form.imgAlt, "image.caption": a.form.imgCaption, "image.credit": a.form.imgCredit,
	}
	if e, ok := entries[field]; ok {
		if c := a.win.Canvas(); c != nil {
			c.Focus(e)
		}
	}
}
