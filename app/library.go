package app

import (
	"context"
	"fmt"
	"log"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"copydesk/app/preview"
	"copydesk/app/review"
	"copydesk/editor"
)

// libraryPage is how many rows one background query fetches: a screenful
// several times over, so scrolling rarely waits, and 100,000 articles
// never sit in memory at once.
const libraryPage = 200

const allOption = "All"

// countCap is where a search's count stops: "1,000+ articles" says as much
// as an exact number, and counting every match of a common word reads its
// whole index entry on every keystroke.
const countCap = 1000

// libraryView lists the library. Rows are fetched in pages as the list
// scrolls to them; every reload (a keystroke in the search box, a filter)
// bumps gen so answers to older queries are dropped: latest query wins.
type libraryView struct {
	cfg    libraryConfig
	object fyne.CanvasObject
	search *widget.Entry
	status *widget.Select
	sect   *widget.Select
	list   *widget.List
	count  *widget.Label
	empty  *widget.Label // in place of the list when it has no rows
	newBtn *widget.Button

	filter  editor.Filter
	gen     uint64
	total   int
	pages   map[int][]editor.Summary
	pending map[int]bool
	ids     map[int64]int // row of each loaded article, for selection
	openID  int64
	// capped: total is a lower bound (CountUpTo stopped there); scrolling
	// near the end counts further.
	capped    bool
	extending bool
	queries   int // store queries made, for tests
}

// libraryConfig is what the library list needs from the window.
type libraryConfig struct {
	Store    editor.Library
	Sections []string
	Go, Do   func(func()) // store calls off the UI goroutine, results back on it
	Now      func() time.Time
	Open     func(id int64) // a row was picked
	New      func()         // the New article button
	Loaded   func()         // a search's first page is shown
}

func newLibraryView(cfg libraryConfig) *libraryView {
	l := &libraryView{cfg: cfg, pages: map[int][]editor.Summary{}, pending: map[int]bool{}, ids: map[int64]int{}}
	l.search = widget.NewEntry()
	l.search.SetPlaceHolder("Search headlines, bylines, text…")
	l.search.OnChanged = func(string) { l.reload() }
	statuses := []string{allOption}
	for _, s := range editor.Statuses {
		statuses = append(statuses, string(s))
	}
	l.status = widget.NewSelect(statuses, nil)
	l.status.SetSelected(allOption)
	l.status.OnChanged = func(string) { l.reload() }
	l.sect = widget.NewSelect(append([]string{allOption}, cfg.Sections...), nil)
	l.sect.SetSelected(allOption)
	l.sect.OnChanged = func(string) { l.reload() }
	l.newBtn = widget.NewButtonWithIcon("New article", theme.ContentAddIcon(), cfg.New)
	l.newBtn.Importance = widget.HighImportance
	l.count = widget.NewLabel("")
	l.count.TextStyle.Italic = true
	l.empty = widget.NewLabel("")
	l.empty.Wrapping = fyne.TextWrapWord
	l.empty.Hide()

	l.list = widget.NewList(func() int { return l.total }, func() fyne.CanvasObject {
		head := widget.NewLabel("Headline")
		head.TextStyle.Bold = true
		head.Truncation = fyne.TextTruncateEllipsis
		meta := widget.NewLabel("Section · status · byline")
		meta.Truncation = fyne.TextTruncateEllipsis
		meta.SizeName = theme.SizeNameCaptionText
		return container.New(&tightVBox{}, head, meta)
	}, l.updateRow)
	l.list.OnSelected = func(id widget.ListItemID) {
		if s, ok := l.row(id); ok && s.ID != l.openID {
			cfg.Open(s.ID)
		}
	}
	filters := container.NewGridWithColumns(2, l.status, l.sect)
	top := container.NewVBox(l.newBtn, l.search, filters)
	l.object = container.NewBorder(top, l.count, nil, nil, container.NewStack(l.list, container.NewVBox(l.empty)))
	return l
}

func (l *libraryView) row(id int) (editor.Summary, bool) {
	p, ok := l.pages[id/libraryPage]
	if !ok || id%libraryPage >= len(p) {
		return editor.Summary{}, false
	}
	return p[id%libraryPage], true
}

func (l *libraryView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	c := o.(*fyne.Container)
	head, meta := c.Objects[0].(*widget.Label), c.Objects[1].(*widget.Label)
	if l.capped && id >= l.total-libraryPage/2 {
		l.extend()
	}
	s, ok := l.row(id)
	if !ok {
		head.SetText("…")
		meta.SetText("")
		l.fetch(id / libraryPage)
		return
	}
	h := s.Headline
	if strings.TrimSpace(h) == "" {
		h = "Untitled"
	}
	head.SetText(h)
	parts := []string{}
	if s.Section != "" {
		parts = append(parts, s.Section)
	}
	parts = append(parts, string(s.Status))
	if by := editor.JoinByline(s.Byline); by != "" {
		parts = append(parts, by)
	}
	parts = append(parts, preview.RelativeTime(s.Updated, l.cfg.Now()), count(s.Words, "word", "words"))
	meta.SetText(strings.Join(parts, " · "))
}

// reload queries again with the current search and filters.
func (l *libraryView) reload() {
	f := editor.Filter{Query: strings.TrimSpace(l.search.Text), Limit: libraryPage}
	if v := l.status.Selected; v != "" && v != allOption {
		f.Status = editor.Status(v)
	}
	if v := l.sect.Selected; v != "" && v != allOption {
		f.Section = v
	}
	l.filter = f
	l.gen++
	l.extending = false
	gen := l.gen
	store := l.cfg.Store
	l.queries++
	l.cfg.Go(func() {
		ctx := context.Background()
		n, capped, err := countLibrary(ctx, store, f, countCap)
		var first []editor.Summary
		if err == nil && n > 0 {
			first, err = store.Search(ctx, f)
		}
		l.cfg.Do(func() {
			if gen != l.gen {
				return // a newer query is on its way
			}
			if err != nil {
				log.Printf("copydesk: search library: %v", err)
				l.count.SetText("Search failed: " + review.Cause(err))
				return
			}
			l.total, l.capped = n, capped
			l.pages = map[int][]editor.Summary{0: first}
			l.pending = map[int]bool{}
			l.reindex()
			l.showCount()
			l.list.Refresh()
			l.selectID(l.openID)
			l.cfg.Loaded()
		})
	})
}

// countLibrary counts f's matches. A text search stops at limit (capped
// is then true if there may be more); listing without a query is an index
// count, cheap even on 100,000 articles, so it is exact.
func countLibrary(ctx context.Context, store editor.Library, f editor.Filter, limit int) (n int, capped bool, err error) {
	if f.Query != "" {
		n, err = store.CountUpTo(ctx, f, limit)
		return n, err == nil && n >= limit, err
	}
	n, err = store.Count(ctx, f)
	return n, false, err
}

func (l *libraryView) showCount() {
	l.showEmpty()
	if l.capped {
		l.count.SetText(groupThousands(l.total) + "+ articles")
		return
	}
	l.count.SetText(count(l.total, "article", "articles"))
}

// showEmpty says, where the list would be, why it is empty and what to do.
func (l *libraryView) showEmpty() {
	f := l.filter
	switch {
	case l.total > 0:
		l.empty.Hide()
		return
	case f.Query != "":
		l.empty.SetText(fmt.Sprintf("No articles match %q.", f.Query))
	case f.Status != "" || f.Section != "":
		l.empty.SetText("No articles with this status and section. Choose All to see every article.")
	default:
		l.empty.SetText("Your library is empty.\n\nStart a story with New article (Ctrl+N), or bring one in with File ▸ Import… (Ctrl+O).")
	}
	l.empty.Show()
}

// extend counts another countCap matches when the list scrolls near the
// end of a capped search.
func (l *libraryView) extend() {
	if l.extending {
		return
	}
	l.extending = true
	gen, f, limit := l.gen, l.filter, l.total+countCap
	store := l.cfg.Store
	l.queries++
	l.cfg.Go(func() {
		n, capped, err := countLibrary(context.Background(), store, f, limit)
		l.cfg.Do(func() {
			if gen != l.gen {
				return
			}
			l.extending = false
			if err != nil {
				log.Printf("copydesk: count library: %v", err)
				return
			}
			l.total, l.capped = max(n, l.total), capped
			l.showCount()
			l.list.Refresh()
		})
	})
}

// saved shows a just-saved article. A new article is a new row, so the
// list is queried again; an existing one has its row updated in place:
// with autosave every second, re-running the search after each save would
// query the library once a second while someone types.
func (l *libraryView) saved(a *editor.Article, created bool) {
	if created {
		l.openID = a.ID // highlighted once the reload lists it
		l.reload()
		return
	}
	row, ok := l.ids[a.ID]
	if !ok {
		return // not among the loaded rows: nothing on screen to update
	}
	p := l.pages[row/libraryPage]
	s := &p[row%libraryPage]
	s.Headline, s.Byline, s.Section, s.Status = a.Headline, append([]string(nil), a.Byline...), a.Section, a.Status
	s.Slug, s.Updated, s.Words = a.Slug, a.Updated, editor.CountWords(a.Body)
	l.list.RefreshItem(row)
}

// fetch loads one page of rows in the background.
func (l *libraryView) fetch(page int) {
	if l.pending[page] {
		return
	}
	l.pending[page] = true
	gen, f := l.gen, l.filter
	f.Offset = page * libraryPage
	store := l.cfg.Store
	l.queries++
	l.cfg.Go(func() {
		rows, err := store.Search(context.Background(), f)
		l.cfg.Do(func() {
			if gen != l.gen {
				return
			}
			if err != nil {
				log.Printf("copydesk: list library page %d: %v", page, err)
				return
			}
			l.pages[page] = rows
			l.reindex()
			l.list.Refresh()
		})
	})
}

func (l *libraryView) reindex() {
	l.ids = map[int64]int{}
	for p, rows := range l.pages {
		for i, s := range rows {
			l.ids[s.ID] = p*libraryPage + i
		}
	}
}

// selectID highlights the open article if it is loaded, without opening it again.
func (l *libraryView) selectID(id int64) {
	l.openID = id
	row, ok := l.ids[id]
	if !ok || id == 0 {
		l.list.UnselectAll()
		return
	}
	l.list.Select(row)
}

// Rows returns the headlines of the loaded rows in order (for tests and
// accessibility).
func (l *libraryView) Rows() []string {
	var out []string
	for i := 0; i < l.total; i++ {
		s, ok := l.row(i)
		if !ok {
			break
		}
		out = append(out, s.Headline)
	}
	return out
}

// tightVBox stacks its objects with no padding: a two-line list row.
type tightVBox struct{}

func (tightVBox) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height * 0.8
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
		y += h
	}
}

func (tightVBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objs {
		m := o.MinSize()
		w = max(w, m.Width)
		h += m.Height * 0.8
	}
	return fyne.NewSize(w, h+theme.Padding())
}

// LibraryRows lists the library pane's rows as shown (headline first).
func (a *App) LibraryRows() []string { return a.lib.Rows() }
