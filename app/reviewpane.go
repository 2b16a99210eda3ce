package app

import (
	"fyne.io/fyne/v2/widget"

	"copydesk/app/review"
	"copydesk/editor"
)

// newReviewPane builds the right-hand pane around the preview, with what
// its panels need from the window.
func (a *App) newReviewPane() *review.Tabs {
	return review.NewTabs(review.TabsConfig{
		Store:     a.store,
		Preview:   a.preview.Object(),
		Go:        a.bg,
		Do:        a.ui,
		ChecksGo:  a.bs.checks.Go,
		Article:   func() (*editor.Article, editor.Settings) { return a.art, a.settings },
		Select:    a.selectField,
		Selection: a.bodySelection,
		Flush:     func(done func(error)) { a.saver.Flush(done) },
		Restored:  a.adopt,
		Moved:     a.moved,
		Spelling:  a.spell.checking,
	})
}

// bodySelection is the selected passage of the body and where it starts;
// 0 and "" when nothing is selected.
func (a *App) bodySelection() (int, string) {
	s, e := a.body.Selection()
	rs := []rune(a.body.Text())
	if s < e && e <= len(rs) {
		return s, string(rs[s:e])
	}
	return 0, ""
}

// adopt takes an article saved by a panel (a restored revision): it
// replaces what is open, after unsaved edits were saved or discarded.
func (a *App) adopt(saved *editor.Article) {
	a.startArticle(saved)
	a.lib.reload()
}

// moved takes a status move: only status, publication time and version
// changed in the library, so edits made meanwhile are kept and saved on
// top of the new version rather than reported as a conflict.
func (a *App) moved(saved *editor.Article) {
	a.clearEditNotice()
	a.art.Status, a.art.Published, a.art.Version = saved.Status, saved.Published, saved.Version
	a.art.Corrections = saved.Corrections
	a.form.state.SetText(string(saved.Status))
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
		a.focus(e)
	}
}
