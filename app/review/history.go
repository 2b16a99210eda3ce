package review

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"copydesk/app/worddiff"
	"copydesk/editor"
	"copydesk/editor/review"
)

// HistoryStore is what the history view reads, restores and settles
// conflicts through.
type HistoryStore interface {
	editor.RevisionStore
	review.ConflictStore
}

// HistoryView lists an article's revisions with a one-line summary of
// each, shows a coloured word diff between any two, and restores one.
type HistoryView struct {
	store HistoryStore
	id    int64
	opts  Options

	revs      []editor.Revision
	summaries []string
	conflicts []review.Conflict

	banner     *fyne.Container // shown while there is an unresolved conflict
	bannerText *widget.Label
	keepMine   *widget.Button
	keepTheirs *widget.Button

	list     *widget.List
	from, to *widget.Select
	diff     *widget.RichText
	restore  *widget.Button
	status   *widget.Label
	root     fyne.CanvasObject

	// OnRestored is called on the UI goroutine with the restored article,
	// so the window can load it into the form.
	OnRestored func(a *editor.Article)
}

// NewHistoryView builds the view for article id and starts loading it.
func NewHistoryView(store HistoryStore, id int64, opts Options) *HistoryView {
	v := &HistoryView{store: store, id: id, opts: opts.withDefaults()}
	v.list = widget.NewList(
		func() int { return len(v.revs) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(v.rowText(i)) },
	)
	// Picking a revision compares it with the one after it: "what did this
	// save change" is the usual question.
	v.list.OnSelected = func(i widget.ListItemID) {
		if i < 0 || i >= len(v.revs) {
			return
		}
		next := min(i+1, len(v.revs)-1)
		if i == next && i > 0 {
			i--
		}
		v.Compare(v.revs[i].Number, v.revs[next].Number)
	}
	v.from = widget.NewSelect(nil, func(string) { v.showDiff() })
	v.to = widget.NewSelect(nil, func(string) { v.showDiff() })
	v.from.PlaceHolder, v.to.PlaceHolder = "revision", "revision"
	v.diff = widget.NewRichText()
	v.diff.Wrapping = fyne.TextWrapWord
	v.restore = widget.NewButtonWithIcon("Restore", theme.HistoryIcon(), v.restoreFrom)
	v.restore.Disable()
	v.status = widget.NewLabel("")
	v.status.Wrapping = fyne.TextWrapWord
	bar := container.NewHBox(widget.NewLabel("Compare"), v.from, widget.NewLabel("with"), v.to, v.restore)
	right := container.NewBorder(bar, v.status, nil, nil, container.NewVScroll(v.diff))
	// Stacked, not side by side: revision rows are long lines and the
	// compare bar is wide, so each gets the full width of the pane.
	split := container.NewVSplit(v.list, right)
	split.Offset = 0.35
	v.bannerText = widget.NewLabel("")
	v.bannerText.Wrapping = fyne.TextWrapWord
	v.keepMine = widget.NewButton("Keep this machine's version", func() { v.settle(true) })
	v.keepTheirs = widget.NewButton("Keep the filed version", func() { v.settle(false) })
	v.banner = container.NewVBox(widget.NewIcon(theme.WarningIcon()), v.bannerText, container.NewHBox(v.keepMine, v.keepTheirs), widget.NewSeparator())
	v.banner.Hide()
	v.root = container.NewBorder(v.banner, nil, nil, nil, split)
	v.Reload()
	return v
}

// Object is what the window places in its layout.
func (v *HistoryView) Object() fyne.CanvasObject { return v.root }

func (v *HistoryView) rowText(i int) string {
	if i < 0 || i >= len(v.revs) {
		return ""
	}
	r := v.revs[i]
	author := r.Author
	if author == "" {
		author = "no name"
	}
	return fmt.Sprintf("%d · %s · %s · %s · %d words — %s", r.Number, v.opts.Stamp(r.Time),
		author, r.Status, r.Words, v.summaries[i])
}

// Reload reads the revision list again (after a save or a restore).
func (v *HistoryView) Reload() {
	v.opts.Go(func() {
		ctx := context.Background()
		revs, err := v.store.Revisions(ctx, v.id)
		var sums []string
		var prev *editor.Article
		for _, r := range revs {
			if err != nil {
				break
			}
			var cur *editor.Article
			if cur, err = v.store.RevisionArticle(ctx, v.id, r.Number); err == nil {
				sums = append(sums, review.ChangeSummary(prev, cur))
				prev = cur
			}
		}
		var conflicts []review.Conflict
		if err == nil {
			var all []review.Conflict
			all, err = v.store.Conflicts(ctx, v.id)
			for _, c := range all {
				if c.Part == nil { // a part of the article is the conflict view's
					conflicts = append(conflicts, c)
				}
			}
		}
		v.opts.Do(func() {
			if err != nil {
				v.status.SetText("Could not load the history: " + Cause(err))
				return
			}
			v.revs, v.summaries, v.conflicts = revs, sums, conflicts
			opts := make([]string, len(revs))
			for i, r := range revs {
				opts[i] = strconv.Itoa(r.Number)
			}
			v.from.SetOptions(opts)
			v.to.SetOptions(opts)
			v.list.Refresh()
			if len(conflicts) > 0 {
				c := conflicts[len(conflicts)-1]
				filer := c.FiledBy
				if filer == "" {
					filer = "the other machine"
				}
				v.bannerText.SetText(fmt.Sprintf("This article was changed here and by %s since they last exchanged it. "+
					"Both versions are kept: revision %d is this machine's, revision %d (current) is the filed one. "+
					"Compare them below, then keep one (or merge by hand and keep the filed one).",
					filer, c.LocalRevision, c.IncomingRevision))
				v.banner.Show()
				v.Compare(c.LocalRevision, c.IncomingRevision)
				return
			}
			v.banner.Hide()
			if n := len(revs); n >= 2 && v.from.Selected == "" {
				v.Compare(revs[n-2].Number, revs[n-1].Number)
			} else if _, _, ok := v.selected(); ok {
				// The latest revision takes later saves in place, so the
				// pair shown may read differently now: diff it again.
				v.showDiff()
			}
		})
	})
}

// Compare shows the diff from revision a to revision b.
func (v *HistoryView) Compare(a, b int) {
	// Set both quietly, then diff once: SetSelected would diff against the
	// old "to" first, and not at all when a value is unchanged.
	v.from.Selected, v.to.Selected = strconv.Itoa(a), strconv.Itoa(b)
	v.from.Refresh()
	v.to.Refresh()
	v.showDiff()
}

func (v *HistoryView) selected() (a, b int, ok bool) {
	a, errA := strconv.Atoi(v.from.Selected)
	b, errB := strconv.Atoi(v.to.Selected)
	return a, b, errA == nil && errB == nil
}

func (v *HistoryView) showDiff() {
	a, b, ok := v.selected()
	if !ok {
		return
	}
	v.restore.SetText(fmt.Sprintf("Restore revision %d", a))
	v.restore.Enable()
	v.opts.Go(func() {
		ctx := context.Background()
		old, err := v.store.RevisionArticle(ctx, v.id, a)
		var cur *editor.Article
		if err == nil {
			cur, err = v.store.RevisionArticle(ctx, v.id, b)
		}
		var fds []review.FieldDiff
		if err == nil {
			fds = review.Articles(old, cur)
		}
		v.opts.Do(func() {
			if ca, cb, _ := v.selected(); ca != a || cb != b {
				return // the person has picked another pair meanwhile
			}
			if err != nil {
				v.status.SetText("Could not load the revisions: " + Cause(err))
				return
			}
			if strings.HasPrefix(v.status.Text, "Could not") {
				v.status.SetText("") // keep "Restored …", drop a stale failure
			}
			v.diff.Segments = diffSegments(fds)
			v.diff.Refresh()
		})
	})
}

func diffSegments(fds []review.FieldDiff) []widget.RichTextSegment {
	if len(fds) == 0 {
		return []widget.RichTextSegment{&widget.TextSegment{Text: "No differences.", Style: widget.RichTextStyleParagraph}}
	}
	var segs []widget.RichTextSegment
	for _, fd := range fds {
		segs = append(segs, &widget.TextSegment{Text: fd.Field, Style: widget.RichTextStyleSubHeading})
		segs = append(segs, worddiff.Segments(fd.Segments)...)
		segs = append(segs, &widget.TextSegment{Text: "", Style: widget.RichTextStyleParagraph})
	}
	return segs
}

// restoreFrom restores the left-hand revision of the comparison. It asks
// no confirmation: a restore is a new revision, so it can itself be undone
// by restoring the revision before it.
func (v *HistoryView) restoreFrom() {
	a, _, ok := v.selected()
	if !ok {
		return
	}
	v.restore.Disable()
	v.opts.Go(func() {
		restored, err := v.store.Restore(context.Background(), v.id, a)
		v.opts.Do(func() {
			v.restore.Enable()
			if err != nil {
				v.status.SetText("Could not restore: " + Cause(err))
				return
			}
			v.status.SetText(fmt.Sprintf("Restored revision %d as a new revision.", a))
			v.from.Selected = "" // let Reload pick the newest pair
			v.Reload()
			if v.OnRestored != nil {
				v.OnRestored(restored)
			}
		})
	})
}

// settle ends the newest conflict: keeping this machine's version restores
// it as a new revision; keeping the filed one (current) only clears the
// marker. Either way no revision is lost.
func (v *HistoryView) settle(mine bool) {
	if len(v.conflicts) == 0 {
		return
	}
	c := v.conflicts[len(v.conflicts)-1]
	v.keepMine.Disable()
	v.keepTheirs.Disable()
	v.opts.Go(func() {
		ctx := context.Background()
		var restored *editor.Article
		var err error
		if mine {
			restored, err = v.store.Restore(ctx, v.id, c.LocalRevision)
		}
		if err == nil {
			err = v.store.ResolveConflicts(ctx, v.id)
		}
		v.opts.Do(func() {
			v.keepMine.Enable()
			v.keepTheirs.Enable()
			if err != nil {
				v.status.SetText("Could not settle the conflict: " + Cause(err))
				return
			}
			if mine {
				v.status.SetText(fmt.Sprintf("Kept this machine's version (revision %d restored as a new revision).", c.LocalRevision))
			} else {
				v.status.SetText("Kept the filed version.")
			}
			v.from.Selected = ""
			v.Reload()
			if restored != nil && v.OnRestored != nil {
				v.OnRestored(restored)
			}
		})
	})
}
