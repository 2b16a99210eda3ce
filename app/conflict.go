package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"copydesk/editor"
)

// conflictView shows both versions of an article that was saved elsewhere
// while it was open here, and lets the person choose; nothing is
// overwritten until they do.
type conflictView struct {
	dlg                            dialog.Dialog
	mine, theirs                   *editor.Article
	keepMine, takeTheirs, keepBoth *widget.Button
}

// loadConflict fetches the stored version and asks which to keep.
func (a *App) loadConflict() {
	a.loadArticle(a.art.ID, "load the other version of article", a.showConflict)
}

func versionText(ar *editor.Article, who string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (version %d, %s)\n\n%s\n", who, ar.Version, count(ar.Stats().Words, "word", "words"), ar.Headline)
	if by := editor.JoinByline(ar.Byline); by != "" {
		fmt.Fprintf(&b, "By %s\n", by)
	}
	if ar.Summary != "" {
		fmt.Fprintf(&b, "\n%s\n", ar.Summary)
	}
	b.WriteString("\n")
	b.WriteString(ar.Body)
	return b.String()
}

func (a *App) showConflict(theirs *editor.Article) {
	v := &conflictView{mine: a.Article().Clone(), theirs: theirs}
	view := func(s string) fyne.CanvasObject {
		e := widget.NewMultiLineEntry()
		e.Wrapping = fyne.TextWrapWord
		e.SetText(s)
		e.Disable() // read-only, but still selectable for copying a passage over
		return e
	}
	v.keepMine = widget.NewButton("Keep mine", func() { v.dlg.Hide(); a.resolveKeepMine(theirs) })
	v.takeTheirs = widget.NewButton("Take theirs", func() { v.dlg.Hide(); a.resolveTakeTheirs(theirs) })
	v.keepBoth = widget.NewButton("Keep both", func() { v.dlg.Hide(); a.resolveKeepBoth() })
	v.keepMine.Importance = widget.HighImportance
	msg := widget.NewLabel("This article was saved somewhere else (another window or computer) while you were editing it.\n" +
		"Keep mine saves your version over it; Take theirs discards your changes; Keep both saves yours as a new article.")
	msg.Wrapping = fyne.TextWrapWord
	body := container.NewBorder(msg, container.NewHBox(v.keepMine, v.takeTheirs, v.keepBoth), nil, nil,
		container.NewGridWithColumns(2, view(versionText(v.mine, "Yours")), view(versionText(theirs, "Saved elsewhere"))))
	v.dlg = dialog.NewCustomWithoutButtons("Changed elsewhere — choose a version", body, a.win)
	v.dlg.Resize(fyne.NewSize(900, 600))
	a.conflict = v
	v.dlg.Show()
}

// resolveKeepMine saves this window's version as the one after theirs.
func (a *App) resolveKeepMine(theirs *editor.Article) {
	a.conflict = nil
	a.art.Version = theirs.Version
	a.saver.Resolved(true)
}

// resolveTakeTheirs drops this window's changes for the stored version.
func (a *App) resolveTakeTheirs(theirs *editor.Article) {
	a.conflict = nil
	a.art = theirs
	a.saver.Resolved(false)
	a.fillFromArticle()
}

// resolveKeepBoth leaves the stored article alone and saves this window's
// version as a new article, which stays open.
func (a *App) resolveKeepBoth() {
	a.conflict = nil
	mine := a.art.Clone()
	mine.ID, mine.UID, mine.Slug, mine.Version = 0, "", "", 0
	mine.Headline = strings.TrimSpace(mine.Headline) + " (copy)"
	// The copy is new work: it starts as a draft, not as a second published story.
	mine.Status, mine.Published, mine.Corrections = editor.StatusDraft, time.Time{}, nil
	a.art = mine
	a.loading = true
	a.form.fill(mine)
	a.loading = false
	a.updateTitle()
	a.review.SetArticle(mine)
	a.saver.Resolved(true)
}
