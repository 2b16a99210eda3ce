package app

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"copydesk/app/preview"
	"copydesk/editor"
	"copydesk/editor/export"
)

// shareRows returns the preview blocks that are share lines, with their links.
func shareRows(blocks []preview.Block) (idx []int, links [][]*widget.HyperlinkSegment) {
	for i, b := range blocks {
		if len(b.Segments()) == 0 || b.Segments()[0].Textual() != "Share: " {
			continue
		}
		var ls []*widget.HyperlinkSegment
		for _, s := range b.Segments() {
			if h, ok := s.(*widget.HyperlinkSegment); ok {
				ls = append(ls, h)
			}
		}
		idx = append(idx, i)
		links = append(links, ls)
	}
	return idx, links
}

func TestPreviewShowsShareLinks(t *testing.T) {
	store := newFakeStore()
	ar := store.put(&editor.Article{Headline: "Bridge reopens", Section: "Local", Summary: "Traffic is back.",
		Status: editor.StatusDraft, Body: "First paragraph.\n\nLast paragraph.\n"})
	h := newHarness(t, store)
	h.app.openArticle(ar.ID)
	h.advance(PreviewDelay)

	text := h.app.preview.Text()
	const line = "Share: Email · X · Facebook · LinkedIn\n"
	if n := strings.Count(text, line); n != 2 {
		t.Fatalf("share line appears %d times, want 2:\n%s", n, text)
	}
	// As on the site page: under the time, before the summary, and again after the body.
	draft, first, summary := strings.Index(text, "Draft\n"), strings.Index(text, line), strings.Index(text, "Traffic is back.")
	if !(draft < first && first < summary) {
		t.Errorf("first share line not between the time and the summary:\n%s", text)
	}
	if !strings.HasSuffix(text, "Last paragraph.\n"+line) {
		t.Errorf("second share line is not right after the body:\n%s", text)
	}

	check := func(headline string) {
		t.Helper()
		got := h.app.Article()
		want := export.ShareLinks(headline, export.CanonicalURL(got, h.app.settings))
		_, links := shareRows(h.app.preview.Blocks())
		if len(links) != 2 {
			t.Fatalf("%d share rows", len(links))
		}
		for _, ls := range links {
			if len(ls) != len(want) {
				t.Fatalf("%d links, want %d", len(ls), len(want))
			}
			for i, l := range ls {
				if l.Text != want[i].Name || l.URL == nil || l.URL.String() != want[i].URL {
					t.Errorf("link %d = %q %v, want %q %s", i, l.Text, l.URL, want[i].Name, want[i].URL)
				}
			}
		}
	}
	check("Bridge reopens")
	// The links carry the headline: a new one must reach the rows on screen.
	h.app.form.headline.SetText("Bridge reopens early")
	h.advance(PreviewDelay)
	check("Bridge reopens early")
	shownShare := false
	for i, r := range h.app.preview.Rows() {
		if h.app.preview.Blocks()[i].Segments()[0].Textual() == "Share: " {
			for _, s := range r.Segments {
				if l, ok := s.(*widget.HyperlinkSegment); ok && strings.Contains(l.URL.String(), "early") {
					shownShare = true
				}
			}
		}
	}
	if !shownShare {
		t.Error("the share row on screen still has the old headline's links")
	}
}

func TestPreviewDoesNotRepeatTypedDateline(t *testing.T) {
	// The renderer's own cases are in app/preview; here, the window, where
	// the form's dateline and the body meet.
	store := newFakeStore()
	ar := store.put(&editor.Article{Headline: "Talks", Dateline: "Paris", Status: editor.StatusDraft, Body: "PARIS — Allies agreed on Monday.\n"})
	h := newHarness(t, store)
	h.app.openArticle(ar.ID)
	h.advance(PreviewDelay)
	if text := h.app.preview.Text(); strings.Count(text, "PARIS") != 1 || !strings.Contains(text, "PARIS — Allies agreed on Monday.") {
		t.Errorf("dateline shown other than once:\n%s", text)
	}
}

// countingStore counts the library queries the window makes, and counts
// up to a limit as *storage.DB does.
type countingStore struct {
	*fakeStore
	searches, counts, upTo int
	limits                 []int
}

func (s *countingStore) Search(ctx context.Context, f editor.Filter) ([]editor.Summary, error) {
	s.searches++
	return s.fakeStore.Search(ctx, f)
}

func (s *countingStore) Count(ctx context.Context, f editor.Filter) (int, error) {
	s.counts++
	return s.fakeStore.Count(ctx, f)
}

func (s *countingStore) CountUpTo(ctx context.Context, f editor.Filter, limit int) (int, error) {
	s.upTo++
	s.limits = append(s.limits, limit)
	n, err := s.fakeStore.Count(ctx, f)
	return min(n, limit), err
}

func TestSaveUpdatesLibraryRowInPlace(t *testing.T) {
	fs := newFakeStore()
	for _, h := range []string{"Council meets", "Flood waters rise", "Team wins final"} {
		fs.put(&editor.Article{Headline: h, Section: "Local", Status: editor.StatusDraft, Body: "One two three."})
	}
	cs := &countingStore{fakeStore: fs}
	h := newHarnessOn(t, fs, cs)
	lib := h.app.lib
	h.app.openArticle(1)
	h.drain()
	if h.app.Article().ID != 1 {
		t.Fatalf("open article = %d", h.app.Article().ID)
	}
	searches, counts := cs.searches, cs.counts

	// Autosaves while typing: the row changes, the library is not queried.
	for i, word := range []string{" tonight", " again"} {
		h.app.form.headline.SetText(h.app.form.headline.Text + word)
		h.app.body.SetText(strings.Repeat("word ", 10*(i+1)))
		h.app.bodyChanged()
		h.advance(time.Second)
	}
	if got := fs.get(1); got.Headline != "Council meets tonight again" || got.Version < 3 {
		t.Fatalf("stored: %q version %d", got.Headline, got.Version)
	}
	if cs.searches != searches || cs.counts != counts {
		t.Errorf("saves queried the library: %d searches, %d counts after open; now %d, %d", searches, counts, cs.searches, cs.counts)
	}
	row, ok := lib.ids[1]
	if !ok {
		t.Fatal("article 1 has no row")
	}
	s, _ := lib.row(row)
	if s.Headline != "Council meets tonight again" || s.Words != 20 || !s.Updated.Equal(fs.get(1).Updated) {
		t.Errorf("row after save = %+v", s)
	}
	item := lib.list.CreateItem()
	lib.updateRow(row, item)
	labels := item.(*fyne.Container).Objects
	if got := labels[0].(*widget.Label).Text; got != "Council meets tonight again" {
		t.Errorf("row headline label = %q", got)
	}
	if got := labels[1].(*widget.Label).Text; !strings.HasSuffix(got, "20 words") {
		t.Errorf("row meta label = %q", got)
	}

	// A new article is a new row: that does query again.
	h.app.NewArticle()
	h.drain()
	test.Type(h.app.form.headline, "Storm warning")
	h.advance(time.Second)
	if cs.searches == searches {
		t.Error("a new article did not re-query the library")
	}
	if rows := lib.Rows(); len(rows) != 4 || rows[0] != "Storm warning" {
		t.Errorf("rows after a new article = %q", rows)
	}
}

func TestSearchCountStopsAtCap(t *testing.T) {
	fs := newFakeStore()
	n := countCap + countCap/2
	for i := range n {
		fs.put(&editor.Article{Headline: fmt.Sprintf("Flood report %d", i), Status: editor.StatusDraft, Body: "Water."})
	}
	fs.put(&editor.Article{Headline: "Budget", Status: editor.StatusDraft, Body: "Taxes."})
	cs := &countingStore{fakeStore: fs}
	h := newHarnessOn(t, fs, cs)
	lib := h.app.lib
	if got := lib.count.Text; got != fmt.Sprintf("%s articles", groupThousands(n+1)) {
		t.Errorf("unfiltered count label = %q (an exact count)", got)
	}
	counts := cs.counts

	tests := []struct {
		query, label string
		capped       bool
	}{
		{"flood", "1,000+ articles", true},
		{"budget", "1 article", false},
		{"nothing", "0 articles", false},
	}
	for _, tc := range tests {
		lib.search.SetText(tc.query)
		h.drain()
		if lib.count.Text != tc.label || lib.capped != tc.capped {
			t.Errorf("search %q: label %q capped %v, want %q %v", tc.query, lib.count.Text, lib.capped, tc.label, tc.capped)
		}
	}
	if cs.counts != counts {
		t.Errorf("searching made %d exact counts", cs.counts-counts)
	}
	if len(cs.limits) < 3 || cs.limits[0] != countCap {
		t.Errorf("CountUpTo limits = %v", cs.limits)
	}

	// Scrolling near the end of a capped list counts further.
	lib.search.SetText("flood")
	h.drain()
	lib.updateRow(lib.total-1, lib.list.CreateItem())
	h.drain()
	if lib.total != n || lib.capped || lib.count.Text != groupThousands(n)+" articles" {
		t.Errorf("after scrolling to the end: total %d capped %v label %q, want %d", lib.total, lib.capped, lib.count.Text, n)
	}
	if rows := lib.Rows(); len(rows) < libraryPage {
		t.Errorf("only %d rows loaded", len(rows))
	}
}

func TestOpenInBrowserWritesPageWithImage(t *testing.T) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 4, 3))); err != nil {
		t.Fatal(err)
	}
	fs := newFakeStore()
	src := "copydesk-image:" + strings.Repeat("ab", 32) + ".png"
	ar := fs.put(&editor.Article{Headline: "Flood", Status: editor.StatusDraft, Body: "The river rose.",
		Image: editor.Image{Src: src, Alt: "Water over the bridge", Caption: "The bridge at noon."}})
	h := newHarnessOn(t, fs, imageStore{fs, buf.Bytes()})
	var opened []*url.URL
	h.app.opts.OpenURL = func(u *url.URL) error { opened = append(opened, u); return nil }
	h.app.openArticle(ar.ID)
	h.drain()
	h.app.OpenInBrowser()
	h.drain()
	if len(opened) != 1 {
		t.Fatalf("opened %d pages", len(opened))
	}
	page := opened[0].Path
	t.Cleanup(func() { os.RemoveAll(filepath.Dir(page)) })
	html, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := export.EncodeHTML(&want, h.app.Article(), export.Site{Settings: h.app.settings, Now: h.clock.Now(), Images: imageStore{fs, buf.Bytes()}}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(html, want.Bytes()) {
		t.Errorf("page differs from the HTML export:\n%s", html)
	}
	img := export.ImageFileName(h.app.Article())
	if !strings.Contains(string(html), `src="`+img+`"`) {
		t.Errorf("page does not refer to %s", img)
	}
	data, err := os.ReadFile(filepath.Join(filepath.Dir(page), img))
	if err != nil || !bytes.Equal(data, buf.Bytes()) {
		t.Errorf("image beside the page: %v (same bytes: %v)", err, bytes.Equal(data, buf.Bytes()))
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(page), "assets", "site.css")); err != nil {
		t.Errorf("stylesheet: %v", err)
	}
}

// TestFactSheetFollowsItsTab: the fact sheet is extracted when its tab is
// shown, again after edits while it stays shown, and not at all while
// another tab is: on a pasted transcript an extraction costs as much as
// the checks.
func TestFactSheetFollowsItsTab(t *testing.T) {
	store := newFakeStore()
	ar := store.put(&editor.Article{Headline: "Council votes", Status: editor.StatusDraft,
		Body: "Mayor Ana Ruiz said the council would spend $4.2 million on the bridge.\n"})
	h := newHarness(t, store)
	h.app.openArticle(ar.ID)
	h.advance(PreviewDelay)
	if store.factReads != 0 {
		t.Fatalf("fact sheet extracted %d times while hidden", store.factReads)
	}
	tabs := h.app.review.Object().(*container.AppTabs)
	var facts, prev *container.TabItem
	for _, ti := range tabs.Items {
		switch ti.Text {
		case "Fact sheet":
			facts = ti
		case "Preview":
			prev = ti
		}
	}
	if facts == nil || prev == nil {
		t.Fatal("no Fact sheet or Preview tab")
	}

	tabs.Select(facts)
	h.drain()
	if store.factReads != 1 {
		t.Fatalf("showing the tab extracted %d times, want 1", store.factReads)
	}
	if got := checkTexts(facts.Content); !strings.Contains(strings.Join(got, "|"), "$4.2 million") {
		t.Errorf("fact sheet rows %q lack the figure", got)
	}

	h.app.form.headline.SetText("Council votes again")
	h.advance(PreviewDelay)
	if store.factReads != 2 {
		t.Errorf("an edit while shown extracted %d times in all, want 2", store.factReads)
	}

	tabs.Select(prev)
	h.app.form.headline.SetText("Council votes once more")
	h.advance(PreviewDelay)
	if store.factReads != 2 {
		t.Errorf("an edit while hidden extracted again (%d in all)", store.factReads)
	}
}

// checkTexts is the text of every check box under o.
func checkTexts(o fyne.CanvasObject) []string {
	var out []string
	switch o := o.(type) {
	case *widget.Check:
		out = append(out, o.Text)
	case *fyne.Container:
		for _, c := range o.Objects {
			out = append(out, checkTexts(c)...)
		}
	case *container.Scroll:
		out = append(out, checkTexts(o.Content)...)
	}
	return out
}
