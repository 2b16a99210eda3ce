package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"copydesk/editor"
)

// TestLibraryHighlightFollowsTheOpenArticle: the library highlights the
// article the editor shows, also when opening another is cancelled and
// once a new article is first saved.
func TestLibraryHighlightFollowsTheOpenArticle(t *testing.T) {
	store := newFakeStore()
	first := store.put(&editor.Article{Headline: "First story", Body: "One.", Status: editor.StatusDraft})
	second := store.put(&editor.Article{Headline: "Second story", Body: "Two.", Status: editor.StatusDraft})
	h := newHarness(t, store)
	a := h.app
	if a.art.ID != second.ID {
		t.Fatalf("opened %d, want the most recent %d", a.art.ID, second.ID)
	}
	// The row the list widget has selected, as its callbacks report it.
	sel := -1
	onSel := a.lib.list.OnSelected
	a.lib.list.OnSelected = func(id widget.ListItemID) { sel = id; onSel(id) }
	a.lib.list.OnUnselected = func(id widget.ListItemID) {
		if sel == id {
			sel = -1
		}
	}
	a.lib.list.UnselectAll()
	a.lib.selectID(a.art.ID)
	selected := func() int64 {
		for id, row := range a.lib.ids {
			if row == sel {
				return id
			}
		}
		return 0
	}
	if got := selected(); got != second.ID {
		t.Fatalf("highlighted %d, want %d", got, second.ID)
	}

	// An edit that cannot be saved, then a click on the other article:
	// "Discard your changes?" → No keeps the editor, and the highlight.
	test.Type(a.form.headline, " updated")
	store.saveErr = errors.New("database or disk is full (13)")
	a.lib.list.Select(a.lib.ids[first.ID])
	h.drain()
	no := findButton(h.win.Canvas().Overlays().Top(), "No")
	if no == nil {
		t.Fatal("no Discard? dialog")
	}
	test.Tap(no)
	if a.art.ID != second.ID {
		t.Fatalf("editor switched to %d after No", a.art.ID)
	}
	if got := selected(); got != second.ID {
		t.Errorf("after No the library highlights %d, the editor shows %d", got, second.ID)
	}

	// Ctrl+N: the new article is highlighted once it is saved and listed.
	store.saveErr = nil
	h.advance(time.Minute)
	a.NewArticle()
	h.drain()
	test.Type(a.form.headline, "Brand new")
	h.advance(2 * time.Second)
	if a.art.ID == 0 {
		t.Fatal("new article not saved")
	}
	if got := selected(); got != a.art.ID {
		t.Errorf("after Ctrl+N and a save the library highlights %d, want the new article %d", got, a.art.ID)
	}
}

// TestLibrarySaysWhyItIsEmpty: an empty library says how to start, and a
// search without results says so with the words searched for.
func TestLibrarySaysWhyItIsEmpty(t *testing.T) {
	h := newHarness(t, newFakeStore())
	lib := h.app.lib
	if !lib.empty.Visible() || !strings.Contains(lib.empty.Text, "New article") || !strings.Contains(lib.empty.Text, "Import") {
		t.Errorf("empty library: guidance visible %v, %q", lib.empty.Visible(), lib.empty.Text)
	}
	store := newFakeStore()
	store.put(&editor.Article{Headline: "Flood waters rise", Body: "The river crested.", Status: editor.StatusDraft})
	h = newHarness(t, store)
	lib = h.app.lib
	if lib.empty.Visible() {
		t.Errorf("a library with an article shows %q", lib.empty.Text)
	}
	lib.search.SetText("zebra")
	h.drain()
	if !lib.empty.Visible() || lib.empty.Text != `No articles match "zebra".` {
		t.Errorf("search without results: visible %v, %q", lib.empty.Visible(), lib.empty.Text)
	}
	lib.search.SetText("flood")
	h.drain()
	if lib.empty.Visible() {
		t.Errorf("search with a result still shows %q", lib.empty.Text)
	}
}

// TestEscapeClosesFindBar: Escape in the find or replace field closes the
// bar and gives the body the keyboard back.
func TestEscapeClosesFindBar(t *testing.T) {
	h := newHarness(t, newFakeStore())
	a := h.app
	for _, e := range []*escapeEntry{a.find.find, a.find.repl} {
		a.find.show()
		if !a.find.bar.Visible() {
			t.Fatal("find bar not shown")
		}
		h.win.Canvas().Focus(e)
		test.Type(e, "x")
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if a.find.bar.Visible() {
			t.Errorf("Escape in %q left the find bar open", e.PlaceHolder)
		}
		if f := h.win.Canvas().Focused(); f == nil || f.(fyne.CanvasObject) != a.body.Object() {
			t.Errorf("after Escape the focus is on %T, want the body", f)
		}
	}
}

// trashFake is a fakeStore with a trash.
type trashFake struct {
	*fakeStore
	trash []editor.TrashItem
	kept  map[int64]*editor.Article
}

func (s *trashFake) Trash(ctx context.Context, id int64) error {
	a, err := s.Article(ctx, id)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.arts, id)
	s.trash = append(s.trash, editor.TrashItem{ID: int64(len(s.trash) + 1), ArticleID: id, UID: a.UID, Headline: a.Headline})
	s.kept[int64(len(s.trash))] = a
	return nil
}

func (s *trashFake) TrashList(context.Context) ([]editor.TrashItem, error) {
	return append([]editor.TrashItem(nil), s.trash...), nil
}

func (s *trashFake) RestoreFromTrash(_ context.Context, id int64) (*editor.Article, error) {
	a, ok := s.kept[id]
	if !ok {
		return nil, editor.ErrNotFound
	}
	delete(s.kept, id)
	s.trash = nil
	a.ID, a.Version = 0, 0 // a restore gives a new id, as storage does
	return s.put(a), nil
}

func (s *trashFake) EmptyTrash(context.Context) (int, error) {
	n := len(s.trash)
	s.trash, s.kept = nil, map[int64]*editor.Article{}
	return n, nil
}

func (s *trashFake) Duplicate(ctx context.Context, id int64) (*editor.Article, error) {
	a, err := s.Article(ctx, id)
	if err != nil {
		return nil, err
	}
	c := a.Clone()
	c.ID, c.Headline = 0, "Copy of "+a.Headline
	return s.put(c), nil
}

// TestArticleMenuDeleteRestoreDuplicate drives Article ▸ Duplicate,
// Delete… and Trash… ▸ Restore.
func TestArticleMenuDeleteRestoreDuplicate(t *testing.T) {
	fs := newFakeStore()
	fs.put(&editor.Article{Headline: "Older story", Body: "One.", Status: editor.StatusDraft})
	story := fs.put(&editor.Article{Headline: "Budget vote", Body: "The council voted.", Status: editor.StatusDraft})
	store := &trashFake{fakeStore: fs, kept: map[int64]*editor.Article{}}
	h := newHarnessOn(t, fs, store)
	a := h.app
	if a.art.ID != story.ID {
		t.Fatalf("opened %d", a.art.ID)
	}

	a.DuplicateArticle()
	h.drain()
	if a.art.Headline != "Copy of Budget vote" || a.art.ID == story.ID || a.art.Body != story.Body {
		t.Fatalf("after Duplicate the editor shows %+v", a.art)
	}
	if rows := a.lib.Rows(); len(rows) != 3 {
		t.Errorf("library rows after Duplicate: %q", rows)
	}
	copyID := a.art.ID

	a.DeleteArticle()
	yes := findButton(h.win.Canvas().Overlays().Top(), "Yes")
	if yes == nil {
		t.Fatal("no confirmation before Delete")
	}
	test.Tap(yes)
	h.drain()
	if _, err := fs.Article(context.Background(), copyID); !errors.Is(err, editor.ErrNotFound) || len(store.trash) != 1 {
		t.Fatalf("Delete did not move the copy to the trash: %+v", store.trash)
	}
	if a.art.ID == copyID || a.art.ID == 0 {
		t.Errorf("after Delete the editor shows %d", a.art.ID)
	}
	if rows := a.lib.Rows(); strings.Join(rows, "|") != "Budget vote|Older story" {
		t.Errorf("library rows after Delete: %q", rows)
	}

	a.ShowTrash()
	h.drain()
	dlg := h.win.Canvas().Overlays().Top()
	restore := findButton(dlg, "Restore")
	if restore == nil || !restore.Disabled() {
		t.Fatal("Trash dialog has no Restore button, or it is enabled with nothing selected")
	}
	list := findList(dlg)
	if list == nil {
		t.Fatal("Trash dialog lists nothing")
	}
	list.Select(0)
	test.Tap(restore)
	h.drain()
	if a.art.Headline != "Copy of Budget vote" || len(store.trash) != 0 {
		t.Errorf("after Restore the editor shows %q; trash %+v", a.art.Headline, store.trash)
	}
}

func findList(o fyne.CanvasObject) *widget.List {
	l, _ := findObject(o, func(o fyne.CanvasObject) bool { _, ok := o.(*widget.List); return ok }).(*widget.List)
	return l
}

// namedImages is a store whose library images have file names.
type namedImages struct{ *fakeStore }

func (namedImages) ImageName(_ context.Context, src string) (string, error) {
	if src == "copydesk-image:"+strings.Repeat("a", 64)+".jpg" {
		return "council-chamber.jpg", nil
	}
	return "", editor.ErrNotFound
}

// TestFormNamesTheImageFile: the form shows the picked file's name, not
// the library's copydesk-image: reference.
func TestFormNamesTheImageFile(t *testing.T) {
	fs := newFakeStore()
	src := "copydesk-image:" + strings.Repeat("a", 64) + ".jpg"
	fs.put(&editor.Article{Headline: "Budget", Body: "Text.", Status: editor.StatusDraft, Image: editor.Image{Src: src, Alt: "Chamber"}})
	h := newHarnessOn(t, fs, namedImages{fs})
	if got := h.app.form.imgSrc.Text; got != "council-chamber.jpg" {
		t.Errorf("image shown as %q, want the file name", got)
	}
	h.app.art.Image.Src = "copydesk-image:" + strings.Repeat("b", 64) + ".png"
	h.app.form.fillImage(h.app.art.Image)
	h.drain()
	if got := h.app.form.imgSrc.Text; strings.Contains(got, "copydesk-image:") {
		t.Errorf("image without a known name shown as %q", got)
	}
}

// TestHeadlineWraps: a long headline wraps onto more than one line, and a
// pasted line break becomes a space.
func TestHeadlineWraps(t *testing.T) {
	h := newHarness(t, newFakeStore())
	f := h.app.form
	if !f.headline.MultiLine || f.headline.Wrapping != fyne.TextWrapWord {
		t.Fatal("the headline field does not wrap")
	}
	if hh, bh := f.headline.MinSize().Height, f.byline.MinSize().Height; hh < 1.5*bh {
		t.Errorf("headline field %v high, a one-line field %v: want room for two lines", hh, bh)
	}
	f.headline.SetText("Council keeps library open\non Sundays")
	if got := h.app.art.Headline; got != "Council keeps library open on Sundays" {
		t.Errorf("headline %q", got)
	}
	if f.headline.Text != h.app.art.Headline {
		t.Errorf("field shows %q", f.headline.Text)
	}
}

// TestOpenInBrowserReportsAFailingBrowser: when xdg-open fails, the window
// says so and shows where the page was written.
func TestOpenInBrowserReportsAFailingBrowser(t *testing.T) {
	bin := t.TempDir()
	script := "#!/bin/sh\necho 'xdg-open: no method available for opening' >&2\nexit 3\n"
	if err := os.WriteFile(filepath.Join(bin, "xdg-open"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	fs := newFakeStore()
	fs.put(&editor.Article{Headline: "Flood", Slug: "flood", Status: editor.StatusDraft, Body: "The river rose."})
	h := newHarness(t, fs)
	h.app.OpenInBrowser()
	h.drain()
	dlg := h.win.Canvas().Overlays().Top()
	if dlg == nil {
		t.Fatal("no message when the browser failed")
	}
	var path string
	if e, ok := findObject(dlg, func(o fyne.CanvasObject) bool { _, ok := o.(*widget.Entry); return ok }).(*widget.Entry); ok {
		path = e.Text
		t.Cleanup(func() { os.RemoveAll(filepath.Dir(path)) })
	}
	if filepath.Base(path) != "flood.html" {
		t.Errorf("the message shows the path %q, want the written page", path)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("page not written: %v", err)
	}
	msg := findObject(dlg, func(o fyne.CanvasObject) bool {
		l, ok := o.(*widget.Label)
		return ok && strings.Contains(l.Text, "no method available")
	})
	if msg == nil {
		t.Error("the message does not give xdg-open's error")
	}
}

// TestUsableAt800x600: the window can be 800×600; the format toolbar wraps
// inside the body pane instead of spilling over the preview, and the save
// state stays on screen.
func TestUsableAt800x600(t *testing.T) {
	h := newHarness(t, newFakeStore())
	a := h.app
	menu := float32(30) // the main menu bar above the content
	if m := a.content.MinSize(); m.Width > 800 || m.Height > 600-menu {
		t.Fatalf("content needs at least %v, more than 800×600", m)
	}
	h.win.Resize(fyne.NewSize(800, 600))
	d := fyne.CurrentApp().Driver()
	right := func(o fyne.CanvasObject) float32 { return d.AbsolutePositionForObject(o).X + o.Size().Width }
	paneRight := right(a.editSplit)
	n := 0
	findObject(a.editSplit, func(o fyne.CanvasObject) bool {
		if tb, ok := o.(*widget.Toolbar); ok {
			n++
			if r := right(tb); r > paneRight+0.5 {
				t.Errorf("a toolbar group ends at x=%v, past the body pane's right edge %v", r, paneRight)
			}
		}
		return false // visit them all
	})
	if n != 4 {
		t.Errorf("%d toolbar groups, want 4", n)
	}
	if r := right(a.status.save); r > 800 {
		t.Errorf("the save state ends at x=%v, off an 800-wide window", r)
	}
}
