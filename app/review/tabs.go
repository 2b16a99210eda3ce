// Package review is the window's right-hand pane: the preview beside the
// review panels (checks, notes, history, fact sheet, workflow). Each panel
// gets its store and its callbacks when it is built; none of them knows
// the window.
package review

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"copydesk/app/conflictview"
	"copydesk/editor"
	"copydesk/editor/check"
	"copydesk/editor/review"
)

// TabsConfig is what the pane needs from the window.
type TabsConfig struct {
	Store   review.Library
	Preview fyne.CanvasObject // the first tab
	// Go and Do run store calls off the UI goroutine and report back on it.
	Go, Do func(func())
	// ChecksGo runs the checks; default Go. The window passes a queue that
	// drops superseded runs.
	ChecksGo func(func())
	// Article returns the open article as the window holds it, and the
	// settings it is checked against.
	Article func() (*editor.Article, editor.Settings)
	// Select shows a passage of the body (field "body", rune offsets) or
	// focuses a field.
	Select func(field string, start, end int)
	// Selection returns the body's selected text and where it starts.
	Selection func() (start int, passage string)
	// Flush saves the open article, then calls done.
	Flush func(done func(error))
	// Restored is called with an article a panel saved as a new revision
	// (a restore): the window opens it in place of its own copy.
	Restored func(*editor.Article)
	// Moved is called with the open article as a status move saved it
	// (new status, publication time and version, nothing else).
	Moved func(*editor.Article)
	// Spelling returns the spelling rule's context, or nil (no dictionary
	// loaded yet): misspellings in every field then show in the checks.
	Spelling func() *check.Spelling
}

// Tabs is the pane. Per-article panels are rebuilt for each article opened.
type Tabs struct {
	cfg  TabsConfig
	tabs *container.AppTabs

	checks                               *ChecksPanel
	notes                                *NotesPanel
	history                              *HistoryView
	facts                                *FactSheetPanel
	audit                                *AuditView
	notesTab, histTab, factsTab, flowTab *container.TabItem
	// conflicts settles what a desk sync could not merge; its tab is
	// there only while the open article has such conflicts.
	conflicts    *conflictview.View
	conflictsTab *container.TabItem
}

// NewTabs builds the pane and starts training the section classifier.
func NewTabs(cfg TabsConfig) *Tabs {
	t := &Tabs{cfg: cfg}
	_, s := cfg.Article()
	t.checks = NewChecksPanel(cfg.Select, Options{Go: cfg.Go, Do: cfg.Do, Location: s.Location()})
	placeholder := func() fyne.CanvasObject { return widget.NewLabel("") }
	t.notesTab = container.NewTabItem("Notes", placeholder())
	t.histTab = container.NewTabItem("History", placeholder())
	t.factsTab = container.NewTabItem("Fact sheet", placeholder())
	t.flowTab = container.NewTabItem("Workflow", placeholder())
	t.tabs = container.NewAppTabs(
		container.NewTabItem("Preview", cfg.Preview),
		container.NewTabItem("Checks", t.checks.Object()),
		t.notesTab, t.histTab, t.factsTab, t.flowTab,
	)
	t.tabs.OnSelected = func(ti *container.TabItem) {
		switch {
		case ti == t.notesTab && t.notes != nil:
			t.anchorNotes()
		case ti == t.histTab && t.history != nil:
			t.history.Reload() // saves since it was built added revisions
		case ti == t.factsTab && t.facts != nil:
			ar, _ := t.cfg.Article()
			t.facts.Update(ar)
		}
	}
	t.checks.Train(cfg.Store, func(error) { t.RunChecks() })
	if cfg.ChecksGo != nil {
		// Training has started on Go: only the checks go through ChecksGo.
		t.checks.opts.Go = cfg.ChecksGo
	}
	return t
}

// Object is what the window places in its layout.
func (t *Tabs) Object() fyne.CanvasObject { return t.tabs }

// Checks is the checks panel.
func (t *Tabs) Checks() *ChecksPanel { return t.checks }

// SetArticle rebuilds the per-article panels; an unsaved article has no
// notes, history or workflow yet.
func (t *Tabs) SetArticle(ar *editor.Article) {
	t.notes, t.history, t.facts, t.audit = nil, nil, nil, nil
	t.setConflicts(ar)
	if ar.ID == 0 {
		for _, ti := range []*container.TabItem{t.notesTab, t.histTab, t.factsTab, t.flowTab} {
			l := widget.NewLabel("Give the article a headline: once it is saved, its notes, history and workflow appear here.")
			l.Wrapping = fyne.TextWrapWord
			ti.Content = l
		}
		t.tabs.Refresh()
		return
	}
	_, s := t.cfg.Article()
	opts := Options{Go: t.cfg.Go, Do: t.cfg.Do, Location: s.Location()}
	store := t.cfg.Store

	t.notes = NewNotesPanel(store, ar.ID, opts)
	t.notes.OnSelectPassage = func(s, e int) { t.cfg.Select("body", s, e) }
	t.notes.OnChanged = t.RunChecks
	t.notesTab.Content = t.notes.Object()

	t.history = NewHistoryView(store, ar.ID, opts)
	t.history.OnRestored = t.cfg.Restored
	t.histTab.Content = t.history.Object()

	t.facts = NewFactSheetPanel(store, ar.ID, opts)
	t.facts.OnSelect = t.cfg.Select
	t.factsTab.Content = t.facts.Object()
	if t.tabs.Selected() == t.factsTab {
		t.facts.Update(ar)
	}

	t.audit = NewAuditView(store, ar.ID, opts)
	t.audit.OnMoved = t.moved
	t.audit.SetArticle(ar)
	t.flowTab.Content = t.audit.Object()
	t.tabs.Refresh()
}

// setConflicts builds the conflict view for ar; its tab appears once the
// view has loaded conflicts to show, and goes when none is left.
func (t *Tabs) setConflicts(ar *editor.Article) {
	if t.conflictsTab != nil {
		t.tabs.Remove(t.conflictsTab)
	}
	t.conflicts, t.conflictsTab = nil, nil
	if ar.ID == 0 {
		return
	}
	tab := container.NewTabItem("Conflicts", widget.NewLabel(""))
	t.conflictsTab = tab
	t.conflicts = conflictview.New(t.cfg.Store, ar.ID, conflictview.Options{
		Go: t.cfg.Go, Do: t.cfg.Do, Flush: t.cfg.Flush, OnResolved: t.cfg.Restored,
		OnCount: func(n int) {
			if t.conflictsTab != tab {
				return // a later article's view has taken over
			}
			shown := slices.Contains(t.tabs.Items, tab)
			switch {
			case n > 0 && !shown:
				t.tabs.Append(tab)
			case n == 0 && shown:
				t.tabs.Remove(tab)
			}
			tab.Text = fmt.Sprintf("Conflicts (%d)", n)
			t.tabs.Refresh()
		},
	})
	tab.Content = t.conflicts.Object()
}

// Conflicts is the conflict view of the open article; nil for an unsaved one.
func (t *Tabs) Conflicts() *conflictview.View { return t.conflicts }

// Saved is told about every acknowledged save of ar.
func (t *Tabs) Saved(ar *editor.Article, created bool) {
	if created {
		t.SetArticle(ar)
		return
	}
	if t.history != nil && t.tabs.Selected() == t.histTab {
		t.history.Reload()
	}
}

// RunChecks re-runs the checks on the open article, and the fact sheet if
// it is the tab shown: extracting the facts of a pasted transcript costs
// as much as checking it, and nobody reads a hidden list.
func (t *Tabs) RunChecks() {
	ar, s := t.cfg.Article()
	unresolved := 0
	if t.notes != nil {
		for _, n := range t.notes.notes {
			if !n.Resolved {
				unresolved++
			}
		}
	}
	c := check.Context{UnresolvedNotes: unresolved}
	if t.cfg.Spelling != nil {
		c.Spelling = t.cfg.Spelling()
	}
	t.checks.Update(ar, s, c)
	if t.facts != nil && t.tabs.Selected() == t.factsTab {
		t.facts.Update(ar)
	}
}

// anchorNotes pins a new note to the body's selection. Notes anchor on
// the saved body, so the open article is saved first.
func (t *Tabs) anchorNotes() {
	n := t.notes
	t.cfg.Flush(func(error) {
		if t.notes != n {
			return
		}
		n.SetAnchor(t.cfg.Selection())
	})
}

// moved takes a status move of the open article: the window adopts the
// new status and version, then the workflow panel offers the next moves.
func (t *Tabs) moved(saved *editor.Article) {
	if ar, _ := t.cfg.Article(); saved.ID != ar.ID {
		return
	}
	t.cfg.Moved(saved)
	if t.audit != nil {
		ar, _ := t.cfg.Article()
		t.audit.SetArticle(ar)
	}
}
