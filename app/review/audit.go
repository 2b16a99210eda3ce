package review

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"copydesk/editor"
	"copydesk/editor/review"
)

// AuditView lists an article's status moves (who, when, from and to, and
// the note or override reason given) and makes them.
type AuditView struct {
	store   review.AuditStore
	id      int64
	opts    Options
	entries []review.AuditEntry
	list    *widget.List
	status  *widget.Label
	root    fyne.CanvasObject

	current   editor.Status
	republish bool
	moveTo    *widget.Select
	note      *widget.Entry
	override  *widget.Entry
	move      *widget.Button
	controls  *fyne.Container

	// OnMoved is called on the UI goroutine with the article as saved by
	// the move (new status and version), so the window adopts it; its own
	// copy is one version behind after a move.
	OnMoved func(a *editor.Article)
}

// NewAuditView builds the view for article id and starts loading it.
func NewAuditView(store review.AuditStore, id int64, opts Options) *AuditView {
	v := &AuditView{store: store, id: id, opts: opts.withDefaults()}
	v.list = widget.NewList(
		func() int { return len(v.entries) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Wrapping = fyne.TextWrapWord
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(v.rowText(i)) },
	)
	v.status = widget.NewLabel("")
	v.status.Wrapping = fyne.TextWrapWord
	v.moveTo = widget.NewSelect(nil, func(string) { v.hints() })
	v.moveTo.PlaceHolder = "Move to…"
	v.note = widget.NewEntry()
	v.override = widget.NewEntry()
	v.override.SetPlaceHolder("Reason for approving despite errors (only if the checks report errors)")
	v.move = widget.NewButton("Move", v.doMove)
	v.controls = container.NewVBox(container.NewBorder(nil, nil, v.moveTo, v.move, v.note), v.override)
	v.controls.Hide()
	v.root = container.NewBorder(v.controls, v.status, nil, nil, v.list)
	v.Reload()
	return v
}

// SetArticle tells the view the article's current status, which decides
// the moves offered and what they need. The window calls it after loading
// or saving the article.
func (v *AuditView) SetArticle(a *editor.Article) {
	if a == nil {
		return
	}
	v.current, v.republish = a.Status, !a.Published.IsZero()
	var opts []string
	for _, s := range review.Allowed(a.Status) {
		opts = append(opts, string(s))
	}
	v.moveTo.Options = opts
	v.moveTo.ClearSelected()
	v.hints()
	v.controls.Show()
}

// hints words the note field for the chosen move, so a person knows when
// a note is required before the store refuses the move.
func (v *AuditView) hints() {
	to := editor.Status(v.moveTo.Selected)
	switch {
	case v.current == editor.StatusEditing && to == editor.StatusDraft:
		v.note.SetPlaceHolder("Changes requested (required)")
	case to == editor.StatusPublished && v.republish:
		v.note.SetPlaceHolder("Correction for readers (required to republish)")
	default:
		v.note.SetPlaceHolder("Note (optional)")
	}
	if to == editor.StatusApproved {
		v.override.Show()
	} else {
		v.override.Hide()
	}
	if to == "" {
		v.move.Disable()
	} else {
		v.move.Enable()
	}
}

func (v *AuditView) doMove() {
	to := editor.Status(v.moveTo.Selected)
	if to == "" {
		return
	}
	if to == editor.StatusPublished && v.republish && strings.TrimSpace(v.note.Text) == "" {
		// Readers see the note on the page as the dated correction, so the
		// window asks for it here rather than after a round trip to the store.
		v.status.SetText("Republishing needs a correction note: write for readers what was corrected, then Move again.")
		return
	}
	req := review.MoveRequest{Note: v.note.Text, Override: v.override.Text}
	v.move.Disable()
	v.opts.Go(func() {
		a, err := v.store.MoveStatus(context.Background(), v.id, to, req)
		v.opts.Do(func() {
			v.move.Enable()
			var refused *review.MoveError
			switch {
			case errors.As(err, &refused):
				v.status.SetText(sentence(refused.Msg))
				return
			case err != nil:
				v.status.SetText("Could not move the article: " + Cause(err))
				return
			}
			v.note.SetText("")
			v.override.SetText("")
			v.status.SetText("Moved to " + string(a.Status) + ".")
			v.SetArticle(a)
			v.Reload()
			if v.OnMoved != nil {
				v.OnMoved(a)
			}
		})
	})
}

// Object is what the window places in its layout.
func (v *AuditView) Object() fyne.CanvasObject { return v.root }

func (v *AuditView) rowText(i int) string {
	if i < 0 || i >= len(v.entries) {
		return ""
	}
	e := v.entries[i]
	who := e.Person
	if who == "" {
		who = "No name"
	}
	s := fmt.Sprintf("%s · %s · %s → %s", v.opts.Stamp(e.Time), who, e.From, e.To)
	if e.Note != "" {
		s += " · “" + e.Note + "”"
	}
	if e.Override != "" {
		s += " · approved over error findings: " + e.Override
	}
	return s
}

// Reload reads the trail again (after a status move).
func (v *AuditView) Reload() {
	v.opts.Go(func() {
		es, err := v.store.Audit(context.Background(), v.id)
		v.opts.Do(func() {
			if err != nil {
				v.entries = nil
				v.status.SetText("Could not load the audit trail: " + Cause(err))
				v.list.Refresh()
				return
			}
			v.entries = es
			if len(es) == 0 {
				v.status.SetText("No status moves yet.")
			} else if strings.HasPrefix(v.status.Text, "Could not") || strings.HasPrefix(v.status.Text, "No status") {
				v.status.SetText("")
			}
			v.list.Refresh()
		})
	})
}

// sentence turns a workflow refusal into a sentence for the window: the
// CLI's flag hint ("(--note)") is dropped, the first letter capitalised.
func sentence(msg string) string {
	if i := strings.LastIndex(msg, " (--"); i > 0 && strings.HasSuffix(msg, ")") {
		msg = msg[:i]
	}
	if r, size := utf8.DecodeRuneInString(msg); size > 0 {
		msg = string(unicode.ToUpper(r)) + msg[size:]
	}
	return msg + "."
}
