package conflictview

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"copydesk/editor"
	"copydesk/editor/merge"
	"copydesk/editor/review"
)

// fakeStore keeps conflicts in memory and records each choice.
type fakeStore struct {
	conflicts []review.Conflict
	calls     []string
	failWith  error
}

func (s *fakeStore) Conflicts(_ context.Context, id int64) ([]review.Conflict, error) {
	return append([]review.Conflict(nil), s.conflicts...), nil
}

func (s *fakeStore) ResolveConflict(_ context.Context, cid int64, choice merge.Choice, text string) (*editor.Article, error) {
	s.calls = append(s.calls, fmt.Sprintf("%d %s %q", cid, choice, text))
	if s.failWith != nil {
		return nil, s.failWith
	}
	for i, c := range s.conflicts {
		if c.ID == cid {
			s.conflicts = append(s.conflicts[:i], s.conflicts[i+1:]...)
			return &editor.Article{ID: 7, Headline: "After " + string(choice), Version: 9}, nil
		}
	}
	return nil, fmt.Errorf("conflict %d: not open", cid)
}

func sampleStore() *fakeStore {
	part := func(p merge.Conflict) *merge.Conflict { return &p }
	return &fakeStore{conflicts: []review.Conflict{
		// A whole-article conflict from a bundle import is not this view's.
		{ID: 1, ArticleID: 7, FiledBy: "Ed Itor", LocalRevision: 2, IncomingRevision: 3},
		{ID: 2, ArticleID: 7, FiledBy: "Ed Itor", Part: part(merge.Conflict{Field: merge.FieldHeadline, Paragraph: -1, At: -1,
			Base: "Council delays vote", Mine: "Council puts off budget vote", Theirs: "Budget vote delayed again"})},
		{ID: 3, ArticleID: 7, FiledBy: "Ed Itor", Part: part(merge.Conflict{Field: merge.FieldBody, Paragraph: 1, At: 2,
			Base: "Three branches would close.", Mine: "", Theirs: "Three branches, not four, would close."})},
	}}
}

// inline runs store calls and UI updates in order on the test goroutine,
// so each assertion sees finished work.
func inline(opts Options) Options {
	opts.Go = func(f func()) { f() }
	opts.Do = func(f func()) { f() }
	return opts
}

func TestShowsEachPartSideBySide(t *testing.T) {
	test.NewTempApp(t)
	store := sampleStore()
	var counts []int
	v := New(store, 7, inline(Options{OnCount: func(n int) { counts = append(counts, n) }}))
	w := test.NewWindow(v.Object())
	defer w.Close()
	w.Resize(w.Canvas().Size().AddWidthHeight(900, 600))

	if v.Count() != 2 || len(counts) != 1 || counts[0] != 2 {
		t.Fatalf("count %d, told %v; want the two part conflicts", v.Count(), counts)
	}
	if !strings.Contains(v.summary.Text, "2 parts were changed both here and by Ed Itor") {
		t.Errorf("summary = %q", v.summary.Text)
	}
	if !v.detail.Visible() || v.title.Text != "Headline" {
		t.Fatalf("detail visible %v, title %q; want the headline shown first", v.detail.Visible(), v.title.Text)
	}
	_, base, mine, theirs := v.Shown()
	for _, c := range []struct{ got, want string }{
		{base, "Council delays vote"}, {mine, "Council puts off budget vote"},
		{theirs, "Budget vote delayed again"}, {v.theirsTitle.Text, "Theirs (Ed Itor)"},
	} {
		if c.got != c.want {
			t.Errorf("shown %q, want %q", c.got, c.want)
		}
	}
	// On screen, what each side changed from base is marked: added words
	// bold, removed ones italic.
	if got := v.mine.String(); got != "Council delaysputs off budget vote" {
		t.Errorf("mine on screen = %q", got)
	}
	var marked []string
	for _, seg := range v.theirs.Segments {
		if ts := seg.(*widget.TextSegment); ts.Style.TextStyle.Bold {
			marked = append(marked, "+"+ts.Text)
		} else if ts.Style.TextStyle.Italic {
			marked = append(marked, "-"+ts.Text)
		}
	}
	if want := []string{"-Council delays vote", "+Budget vote delayed again"}; !slices.Equal(marked, want) {
		t.Errorf("theirs marked %q, want %q", marked, want)
	}
	v.list.Select(1)
	if title, _, mine, theirs := v.Shown(); title != "Body paragraph 3" || mine != "(empty)" || theirs != "Three branches, not four, would close." {
		t.Errorf("second conflict shows %q: mine %q theirs %q", title, mine, theirs)
	}
}

func TestChoices(t *testing.T) {
	cases := []struct {
		name     string
		act      func(t *testing.T, v *View)
		wantCall string
		resolved bool // OnResolved is told: the article changed
	}{
		{"take theirs", func(t *testing.T, v *View) { test.Tap(v.takeTheirs) }, `2 theirs ""`, true},
		{"keep mine", func(t *testing.T, v *View) { test.Tap(v.keepMine) }, `2 mine ""`, false},
		{"edit", func(t *testing.T, v *View) {
			test.Tap(v.edit)
			if !v.editRow.Visible() || v.editor.Text != "Council puts off budget vote" {
				t.Fatalf("editor visible %v with %q; want mine's text to start from", v.editRow.Visible(), v.editor.Text)
			}
			// Laid out below the choices, not on top of them.
			d := fyne.CurrentApp().Driver()
			if ed, km := d.AbsolutePositionForObject(v.editor), d.AbsolutePositionForObject(v.keepMine); ed.Y <= km.Y || v.editor.Size().Height < 40 {
				t.Fatalf("editor at %v size %v, Keep mine at %v", ed, v.editor.Size(), km)
			}
			v.editor.SetText("")
			test.Type(v.editor, "Budget vote put off to May")
			test.Tap(v.saveEdit)
		}, `2 edit "Budget vote put off to May"`, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			test.NewTempApp(t)
			store := sampleStore()
			var got []*editor.Article
			v := New(store, 7, inline(Options{OnResolved: func(a *editor.Article) { got = append(got, a) }}))
			w := test.NewWindow(v.Object())
			defer w.Close()
			w.Resize(fyne.NewSize(900, 600))
			c.act(t, v)
			if len(store.calls) != 1 || store.calls[0] != c.wantCall {
				t.Fatalf("store calls = %q, want %q", store.calls, c.wantCall)
			}
			if c.resolved != (len(got) == 1) {
				t.Errorf("OnResolved got %d articles, want told: %v", len(got), c.resolved)
			}
			if v.Count() != 1 || v.title.Text != "Body paragraph 3" {
				t.Errorf("after settling: %d open, showing %q; want the body paragraph next", v.Count(), v.title.Text)
			}
			if v.editRow.Visible() {
				t.Error("the editor stays open after the choice")
			}
		})
	}
}

func TestEditedSinceTheSync(t *testing.T) {
	test.NewTempApp(t)
	store := sampleStore()
	store.failWith = fmt.Errorf("settle conflict 2: resolve headline: %w", merge.ErrChanged)
	v := New(store, 7, inline(Options{}))
	w := test.NewWindow(v.Object())
	defer w.Close()
	test.Tap(v.takeTheirs)
	if !strings.Contains(v.status.Text, "headline was edited after the sync") {
		t.Errorf("status = %q", v.status.Text)
	}
	if v.Count() != 2 || v.takeTheirs.Disabled() {
		t.Errorf("after a refusal: %d open, buttons disabled %v", v.Count(), v.takeTheirs.Disabled())
	}
}

func TestSavesFirst(t *testing.T) {
	test.NewTempApp(t)
	store := sampleStore()
	var pending func(error)
	v := New(store, 7, inline(Options{Flush: func(done func(error)) { pending = done }}))
	w := test.NewWindow(v.Object())
	defer w.Close()
	test.Tap(v.takeTheirs)
	if len(store.calls) != 0 || pending == nil {
		t.Fatalf("resolved before the open article was saved: %q", store.calls)
	}
	pending(errors.New("save article 7: disk full"))
	if len(store.calls) != 0 || !strings.Contains(v.status.Text, "could not be saved first, so nothing was settled: save article 7: disk full") {
		t.Fatalf("after a failed save: calls %q, status %q", store.calls, v.status.Text)
	}
	test.Tap(v.takeTheirs)
	pending(nil)
	if len(store.calls) != 1 {
		t.Fatalf("store calls after the save = %q", store.calls)
	}
}

func TestNoConflicts(t *testing.T) {
	test.NewTempApp(t)
	store := &fakeStore{conflicts: []review.Conflict{{ID: 1, ArticleID: 7, LocalRevision: 1, IncomingRevision: 2, Time: time.Now()}}}
	v := New(store, 7, inline(Options{}))
	w := test.NewWindow(v.Object())
	defer w.Close()
	if v.Count() != 0 || v.detail.Visible() || !strings.HasPrefix(v.summary.Text, "No conflicts") {
		t.Errorf("count %d, detail visible %v, summary %q", v.Count(), v.detail.Visible(), v.summary.Text)
	}
	test.Tap(v.keepMine) // nothing shown: nothing to settle
	if len(store.calls) != 0 {
		t.Errorf("store calls = %q", store.calls)
	}
}
