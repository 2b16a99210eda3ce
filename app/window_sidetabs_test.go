package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"copydesk/app/bodyedit"
	"copydesk/editor"
	"copydesk/editor/review"
)

// sideTabsStore has every side tab: notes, facts and workflow (empty).
type sideTabsStore struct{ *fakeStore }

func (sideTabsStore) Notes(context.Context, int64) ([]review.Note, error) { return nil, nil }
func (sideTabsStore) AddNoteAt(context.Context, int64, string, string, int) (*review.Note, error) {
	return nil, errors.New("not kept")
}
func (sideTabsStore) SetNoteResolved(context.Context, int64, bool) (*review.Note, error) {
	return nil, errors.New("not kept")
}
func (sideTabsStore) FactTicks(context.Context, int64) (map[string]bool, error) { return nil, nil }
func (sideTabsStore) SetFactTick(context.Context, int64, string, bool) error    { return nil }
func (sideTabsStore) Audit(context.Context, int64) ([]review.AuditEntry, error) { return nil, nil }

// TestBodyTakesTypingAfterSideTabs drives, many times over, what a
// reporter reported once: using the side tabs (Checks, where a finding
// selects a passage in the body; the other tabs; the headline) and then
// clicking back into the body. Every round's typing must reach the body
// at the click, with the old selection gone.
func TestBodyTakesTypingAfterSideTabs(t *testing.T) {
	fs := newFakeStore()
	fs.put(&editor.Article{Headline: "Council keeps the the library open", Byline: []string{"Ana Ruiz"}, Section: "Local",
		Summary: "Sundays stay.", Status: editor.StatusDraft, Body: "The council voted on Wednesday."})
	test.NewTempApp(t)
	h := &harness{t: t, store: fs, clock: newFakeClock()}
	h.win = test.NewWindow(nil)
	t.Cleanup(h.win.Close)
	h.app = New(h.win, sideTabsStore{fs}, Options{
		Clock: h.clock,
		Go:    func(f func()) { h.queue = append(h.queue, f) },
		Do:    func(f func()) { f() },
		Prefs: fyne.CurrentApp().Preferences(),
	})
	h.win.Resize(fyne.NewSize(1280, 860))
	h.drain()
	a := h.app
	body := a.body.(*bodyedit.Editor)
	tabs := a.review.Object().(*container.AppTabs)
	if len(tabs.Items) < 5 {
		t.Fatalf("%d side tabs, want Preview, Checks, Notes, Fact sheet and Workflow", len(tabs.Items))
	}
	for round := 0; round < 100; round++ {
		for _, item := range tabs.Items {
			tabs.Select(item)
			h.drain()
			if item.Text == "Checks" {
				if fs := a.review.Checks().Findings(); len(fs) > 0 {
					f := fs[round%len(fs)]
					a.selectField(f.Field, f.Start, f.End) // what tapping the finding does
				}
			}
		}
		if round%3 == 0 {
			h.win.Canvas().Focus(a.form.headline)
		}
		// A click at the very start of the body, as the desktop driver
		// delivers it, then typing.
		at := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(1, 1)}, Button: desktop.MouseButtonPrimary}
		body.MouseDown(at)
		body.MouseUp(at)
		body.Tapped(&at.PointEvent)
		if f := h.win.Canvas().Focused(); f == nil || f.(fyne.CanvasObject) != fyne.CanvasObject(body) {
			t.Fatalf("round %d: after a click in the body the focus is on %T", round, f)
		}
		if s, e := body.Selection(); s != e {
			t.Fatalf("round %d: the old selection %d..%d stayed after the click", round, s, e)
		}
		mark := fmt.Sprintf("r%d ", round)
		test.Type(body, mark)
		h.drain()
		if !strings.HasPrefix(a.Article().Body, mark) {
			t.Fatalf("round %d: typed %q, body is %q", round, mark, a.Article().Body[:min(40, len(a.Article().Body))])
		}
	}
}
