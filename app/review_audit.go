package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"copydesk/editor/review"
)

// AuditStore is what the audit trail reads; *storage.DB implements it.
type AuditStore interface {
	Audit(ctx context.Context, id int64) ([]review.AuditEntry, error)
}

// AuditView lists an article's status moves: who, when, from and to,
// and the note or override reason given.
type AuditView struct {
	store   AuditStore
	id      int64
	opts    ReviewOptions
	entries []review.AuditEntry
	list    *widget.List
	status  *widget.Label
	root    fyne.CanvasObject
}

// NewAuditView builds the view for article id and starts loading it.
func NewAuditView(store AuditStore, id int64, opts ReviewOptions) *AuditView {
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
	v.root = container.NewBorder(nil, v.status, nil, nil, v.list)
	v.Reload()
	return v
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
	s := fmt.Sprintf("%s · %s · %s → %s", e.Time.In(v.opts.Location).Format("Jan 2 15:04"), who, e.From, e.To)
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
				v.status.SetText("Could not load the audit trail: " + lastPart(err.Error()))
				v.list.Refresh()
				return
			}
			v.entries = es
			if len(es) == 0 {
				v.status.SetText("No status moves yet.")
			} else {
				v.status.SetText("")
			}
			v.list.Refresh()
		})
	})
}
