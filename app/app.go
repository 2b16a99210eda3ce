package app

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"copydesk/app/bodyedit"
	"copydesk/app/preview"
	"copydesk/app/review"
	"copydesk/editor"
	edreview "copydesk/editor/review"
	"copydesk/editor/spell"
)

// PreviewDelay is how long the preview waits after a keystroke: long
// enough that a burst of typing renders once, short enough to feel live.
const PreviewDelay = 150 * time.Millisecond

// Options configure the window. Zero values pick the real thing; tests
// replace the clock and the goroutine hops to run everything in order.
type Options struct {
	Clock Clock
	// Go runs slow work (store calls, rendering) off the UI goroutine.
	Go func(func())
	// Do runs f on the UI goroutine (fyne.Do).
	Do func(func())
	// Prefs keeps the window size and last article; default: the app's.
	Prefs fyne.Preferences
	// OpenURL opens a page in the browser; default: the app's OpenURL.
	OpenURL func(*url.URL) error
	// Site adds the static site and publishing to File ▸ Export….
	Site SiteExporter
	// Version is shown in Help ▸ About.
	Version string
	// Ready runs once, on the UI goroutine, when the first article and
	// the library's first page are shown and laid out; real-window tests
	// wait for it instead of sleeping.
	Ready func()
	// Desk is the newsroom's shared desk; nil leaves out the Desk menu.
	Desk Desk
}

// App is the editing window: library, article form, body, preview and
// status bar around one in-memory article.
type App struct {
	win   fyne.Window
	store edreview.Library
	opts  Options
	clock Clock
	bg    func(func())
	ui    func(func())
	prefs fyne.Preferences

	settings editor.Settings
	art      *editor.Article // the source of truth until a save is acknowledged
	saver    *Autosaver
	loading  bool // filling widgets from art: their callbacks are not edits

	lib     *libraryView
	form    *formView
	body    BodyEditor
	find    *findBar
	review  *review.Tabs
	preview *preview.View
	render  *preview.Renderer
	prevGen uint64
	prevT   Timer
	status  *statusBar
	bs      bodyState // how the article's body keeps up with the editor (bodypane.go)
	// exportDlg is the open File ▸ Export… dialog, for tests to drive.
	exportDlg *exportView

	content   fyne.CanvasObject
	mainSplit *container.Split
	editSplit *container.Split
	// previewSplit divides the editor from the preview and review tabs.
	previewSplit *container.Split
	showPreview  bool
	focusMode    bool
	zoom         float32
	theme        *scaledTheme

	articleMenu *fyne.Menu
	menu        *fyne.MainMenu
	conflict    *conflictView // open conflict choice, for tests
	closing     bool
	trim        *startupTrim // first preview and library page, then free
	idle        *idleTrim    // frees memory after background work goes quiet
	spell       *spellCheck  // nil when the body editor cannot underline (spelling.go)
	desk        *deskSync    // nil without a desk (desk.go)
}

// New builds the window's content, menus and close handling around store.
// It reads settings synchronously: call it before ShowAndRun.
func New(w fyne.Window, store edreview.Library, opts Options) *App {
	tuneGC()
	a := &App{win: w, store: store, opts: opts, zoom: 1, showPreview: true}
	a.clock = opts.Clock
	if a.clock == nil {
		a.clock = realClock{}
	}
	bg := opts.Go
	if bg == nil {
		bg = func(f func()) { go f() }
	}
	a.idle = newIdleTrim(idleTrimDelay, debug.FreeOSMemory)
	a.bg = func(f func()) { bg(func() { f(); a.idle.touch() }) }
	a.ui = opts.Do
	if a.ui == nil {
		a.ui = fyne.Do
	}
	a.prefs = opts.Prefs
	if a.prefs == nil {
		a.prefs = fyne.CurrentApp().Preferences()
	}
	s, err := store.Settings(context.Background())
	if err != nil {
		log.Printf("copydesk: read settings: %v", err)
		s = editor.DefaultSettings()
	}
	a.settings = s
	a.theme = newScaledTheme(s)
	fyne.CurrentApp().Settings().SetTheme(a.theme)

	a.render = preview.NewRenderer(store)
	a.preview = preview.NewView()
	a.status = newStatusBar()
	a.body = bodyedit.New()
	a.body.SetOnChanged(a.bodyChanged)
	lang := s.SpellLanguage()
	a.spell = newSpellCheck(a.body, store, a.clock, a.bg, a.ui, func() (*spell.Dictionary, error) {
		return spell.Open(spell.SystemDir, lang)
	})
	if a.spell != nil {
		a.spell.foreignQuotes = s.SpellForeignQuotes
	}
	a.find = newFindBar(a.body, a.bodyChanged, a.focus)
	a.form = newFormView(formConfig{
		Article: func() *editor.Article { return a.art }, Settings: func() editor.Settings { return a.settings },
		Edited: a.edited, Images: store, Go: a.bg, Do: a.ui, ShowError: a.showError, Window: w,
		Prefs: a.prefs,
	})
	a.lib = newLibraryView(libraryConfig{
		Store: store, Sections: a.settings.Sections, Go: a.bg, Do: a.ui, Now: a.clock.Now,
		Open: a.openArticle, New: a.NewArticle, Loaded: func() { a.trim.step() },
	})
	a.bs.preview.bg, a.bs.checks.bg = a.bg, a.bg
	a.review = a.newReviewPane()

	a.buildLayout()
	a.buildMenu()
	a.startDesk()
	w.SetContent(a.content)
	w.SetCloseIntercept(a.requestClose)
	if wd, ht := a.prefs.Float("window.width"), a.prefs.Float("window.height"); wd > 200 && ht > 200 {
		w.Resize(fyne.NewSize(float32(wd), float32(ht)))
	} else {
		w.Resize(fyne.NewSize(1280, 860))
	}

	a.trim = newStartupTrim(2, a.bg)
	a.trim.then = a.firstShown
	a.startArticle(a.firstArticle())
	a.lib.reload()
	settleLayout(w)
	return a
}

// firstArticle is what the window opens with: the article open when it
// last closed, else the library's most recent one, else a new one.
func (a *App) firstArticle() *editor.Article {
	ctx := context.Background()
	if id := a.prefs.Int("article.last"); id > 0 {
		if last, err := a.store.Article(ctx, int64(id)); err == nil {
			return last
		}
	}
	if recent, err := a.store.Search(ctx, editor.Filter{Limit: 1}); err == nil && len(recent) == 1 {
		if ar, err := a.store.Article(ctx, recent[0].ID); err == nil {
			return ar
		}
	}
	return a.newArticle()
}

// Article returns the article being edited (the in-memory version).
func (a *App) Article() *editor.Article { a.syncBody(); return a.art }

// SaveStatus returns what the status bar says about saving.
func (a *App) SaveStatus() SaveStatus { return a.saver.State() }

// Window returns the window the app lives in.
func (a *App) Window() fyne.Window { return a.win }

func (a *App) buildLayout() {
	toolbar := newFormatToolbar(a)
	bodyPane := container.NewBorder(container.NewVBox(toolbar, a.find.bar), nil, nil, nil, a.body.Object())
	// The form scrolls both ways, so a narrow window keeps every field
	// reachable instead of refusing to be narrower than the form.
	a.editSplit = container.NewVSplit(container.NewScroll(a.form.object), bodyPane)
	a.editSplit.Offset = 0.42
	// Each side keeps the minimum size it had when built: the split moves
	// a divider whenever a side's minimum grows past its share, so content
	// that grows while typing (findings, a preview row, a new tab) would
	// move it without anyone dragging it.
	a.previewSplit = container.NewHSplit(steadyMin(a.editSplit), steadyMin(a.review.Object()))
	a.previewSplit.Offset = 0.55
	if off := a.prefs.Float("split.preview"); off > 0.1 && off < 0.9 {
		a.previewSplit.Offset = off // where the person left it
	}
	a.mainSplit = container.NewHSplit(a.lib.object, a.previewSplit)
	a.mainSplit.Offset = 0.24
	a.content = container.NewBorder(nil, a.status.object, nil, nil, a.mainSplit)
}

func (a *App) newArticle() *editor.Article {
	ar := &editor.Article{Status: editor.StatusDraft}
	if len(a.settings.Sections) > 0 {
		ar.Section = a.settings.Sections[0]
	}
	if a.settings.PersonName != "" {
		ar.Byline = []string{a.settings.PersonName}
	}
	return ar
}

// startArticle makes ar the open article: a fresh autosaver, the form,
// body and preview filled from it. The previous one must be saved first.
func (a *App) startArticle(ar *editor.Article) {
	if a.saver != nil {
		a.saver.Stop()
	}
	a.clearEditNotice()
	a.art = ar
	s := NewAutosaver(a.clock, a.ui, a.bg)
	s.Delay = time.Duration(max(a.settings.AutosaveDelayMS, 100)) * time.Millisecond
	// Continuous typing is saved as often as a pause would be: a crash
	// then loses at most about one delay of typing.
	s.MaxInterval = max(s.Delay, time.Second)
	s.Snapshot = func() *editor.Article { a.syncBody(); return a.art.Clone() }
	s.Save = func(ctx context.Context, c *editor.Article) error {
		if err := a.store.Save(ctx, c); err != nil {
			log.Printf("copydesk: save article %d: %v", c.ID, err)
			return err
		}
		return nil
	}
	s.Acked = func(saved *editor.Article) {
		if a.saver != s {
			return
		}
		created := a.art.ID == 0
		a.art.ID, a.art.UID, a.art.Version = saved.ID, saved.UID, saved.Version
		a.art.Created, a.art.Updated = saved.Created, saved.Updated
		if a.art.Slug == "" {
			a.art.Slug = saved.Slug
		}
		if created {
			a.prefs.SetInt("article.last", int(saved.ID))
		}
		a.review.Saved(a.art, created)
		a.lib.saved(saved, created)
		a.deskSaved()
	}
	s.Status = func(st SaveStatus) {
		if a.saver == s {
			a.status.setSave(st)
		}
	}
	s.Conflict = func(error) {
		if a.saver == s {
			a.syncBody()
			a.loadConflict()
		}
	}
	a.saver = s
	a.status.setSave(SaveStatus{State: StateSaved})
	if ar.ID == 0 {
		a.status.save.SetText("New article")
	}
	a.fillFromArticle()
	a.review.SetArticle(ar)
	if ar.ID > 0 {
		a.prefs.SetInt("article.last", int(ar.ID))
	}
	a.lib.selectID(ar.ID)
}

// fillFromArticle copies art into the widgets without counting it as an edit.
func (a *App) fillFromArticle() {
	a.loading = true
	a.form.fill(a.art)
	a.body.SetText(a.art.Body)
	a.spell.changed()
	a.bs.stale = false
	a.bs.runes = a.body.Len()
	a.loading = false
	a.updateTitle()
	a.schedulePreview(0)
}

// edited runs after every change a person makes to the article.
func (a *App) edited() {
	if a.loading {
		return
	}
	a.saver.Changed()
	if n := editNotice(a.art.Status); n != "" && a.status.note.Text != n {
		a.status.note.SetText(n)
	}
	a.updateTitle()
	a.schedulePreview(PreviewDelay)
}

// editNotice is what the status bar says while an article the desk has
// passed is edited: saving keeps its status, so an approved article stays
// approved, and a published one changes on the site only when republished,
// which the workflow records as a dated correction.
func editNotice(s editor.Status) string {
	switch s {
	case editor.StatusApproved:
		return "Editing an approved article: it stays approved; your changes show when it is published."
	case editor.StatusPublished:
		return "Editing a published article: this is a correction — republish with a correction note."
	}
	return ""
}

// clearEditNotice takes the notice away when the status it described is
// about to change, by a move or by opening another article.
func (a *App) clearEditNotice() {
	if a.art != nil && a.status.note.Text != "" && a.status.note.Text == editNotice(a.art.Status) {
		a.status.note.SetText("")
	}
}

func (a *App) updateTitle() {
	title := "Copydesk"
	if h := strings.TrimSpace(a.art.Headline); h != "" {
		title += " — " + h
	}
	a.win.SetTitle(title)
}

// schedulePreview renders the preview after delay; each call supersedes
// the previous one, a render waiting for an older one to finish is
// replaced by a newer one, and a render that finishes after a newer one
// started is dropped (latest wins).
func (a *App) schedulePreview(delay time.Duration) {
	if a.prevT != nil {
		a.prevT.Stop()
	}
	a.prevGen++
	gen := a.prevGen
	run := func() {
		if gen != a.prevGen {
			return
		}
		a.syncBody()
		snap, settings, now := a.art.Clone(), a.settings, a.clock.Now()
		a.bs.preview.Go(func() {
			blocks := a.render.Blocks(snap, settings, now)
			stats := editor.ComputeStats(snap.Body)
			a.ui(func() {
				if gen != a.prevGen {
					return
				}
				a.preview.SetBlocks(blocks)
				a.status.setStats(stats)
				a.review.RunChecks()
				a.trim.step()
			})
		})
	}
	if delay <= 0 {
		run()
		return
	}
	a.prevT = a.clock.AfterFunc(delay, func() { a.ui(run) })
}

// openArticle saves the open article, then loads id and shows it.
func (a *App) openArticle(id int64) {
	if a.art != nil && a.art.ID == id && id != 0 {
		return
	}
	a.saveThen(func() { a.loadArticle(id, "open article", a.startArticle) })
}

// loadArticle reads article id off the UI goroutine and hands it to show
// on the UI goroutine; a failure is shown as what failed, with the id.
func (a *App) loadArticle(id int64, what string, show func(*editor.Article)) {
	a.bg(func() {
		ar, err := a.store.Article(context.Background(), id)
		a.ui(func() {
			if err != nil {
				a.lib.selectID(a.art.ID) // the library shows what stays open
				a.showError(fmt.Errorf("%s %d: %w", what, id, err))
				return
			}
			show(ar)
		})
	})
}

// NewArticle saves the open article and starts an empty one.
func (a *App) NewArticle() {
	a.saveThen(func() {
		a.startArticle(a.newArticle())
		a.form.headline.FocusGained()
		a.focus(a.form.headline)
	})
}

// saveThen runs next once the open article is saved. If saving fails,
// the person decides: keep editing (nothing is lost) or go on anyway.
func (a *App) saveThen(next func()) {
	if a.saver == nil || (a.art.ID == 0 && !a.saver.Dirty()) {
		next()
		return
	}
	a.saver.Flush(func(err error) {
		if err == nil {
			next()
			return
		}
		if errors.Is(err, editor.ErrConflict) {
			a.lib.selectID(a.art.ID) // the library shows what stays open
			a.showError(errors.New("this article was changed elsewhere: choose a version first"))
			return
		}
		dialog.ShowConfirm("Not saved",
			"Your latest changes could not be saved ("+saveReason(err)+").\nDiscard them and continue?",
			func(discard bool) {
				if discard {
					next()
					return
				}
				a.lib.selectID(a.art.ID) // the library shows what stays open
			}, a.win)
	})
}

// RequestClose saves, remembers the window size and article, then closes
// the window; if saving fails the person chooses. It is the window's close
// intercept and File ▸ Quit.
func (a *App) RequestClose() { a.requestClose() }

func (a *App) requestClose() {
	if a.closing {
		return
	}
	a.saveThen(func() {
		a.closing = true
		sz := a.win.Canvas().Size()
		a.prefs.SetFloat("window.width", float64(sz.Width))
		a.prefs.SetFloat("window.height", float64(sz.Height))
		a.prefs.SetFloat("split.preview", a.previewSplit.Offset)
		if a.art.ID > 0 {
			a.prefs.SetInt("article.last", int(a.art.ID))
		}
		a.saver.Stop()
		a.win.Close()
	})
}

// SaveNow saves the open article at once (Article ▸ Save now).
func (a *App) SaveNow() {
	if a.saver.Dirty() {
		a.saver.Flush(func(error) {})
	}
}

// focus gives o the keyboard focus, if the window has a canvas.
func (a *App) focus(o fyne.Focusable) {
	if c := a.win.Canvas(); c != nil {
		c.Focus(o)
	}
}

func (a *App) showError(err error) {
	log.Printf("copydesk: %v", err)
	dialog.ShowError(errors.New(editor.OneLine(err.Error())), a.win)
}

// statusBar is the strip under everything: counts and the save state.
type statusBar struct {
	object                fyne.CanvasObject
	words, chars, reading *widget.Label
	save                  *widget.Label
	right                 *fyne.Container // the save state, and the desk's when there is one
	note                  *widget.Label   // why an edit was refused; cleared by the next one
}

func newStatusBar() *statusBar {
	s := &statusBar{words: widget.NewLabel("0 words"), chars: widget.NewLabel("0 characters"), reading: widget.NewLabel("0 min read"), save: widget.NewLabel("Saved"), note: widget.NewLabel("")}
	s.save.Alignment = fyne.TextAlignTrailing
	s.note.Truncation = fyne.TextTruncateEllipsis
	s.right = container.NewHBox(s.save)
	s.object = container.NewBorder(nil, nil, container.NewHBox(s.words, s.chars, s.reading), s.right, s.note)
	return s
}

func (s *statusBar) setDesk(l *widget.Label) {
	s.right.Objects = []fyne.CanvasObject{l, s.save}
	s.right.Refresh()
}

func (s *statusBar) setStats(st editor.Stats) {
	s.words.SetText(count(st.Words, "word", "words"))
	s.chars.SetText(count(st.Chars, "character", "characters"))
	s.reading.SetText(fmt.Sprintf("%d min read", st.ReadingMinutes))
}

func (s *statusBar) setSave(st SaveStatus) { s.save.SetText(st.String()) }

// count is n and the noun that goes with it: "1 word", "1,234 words".
func count(n int, one, many string) string {
	return groupThousands(n) + " " + editor.Plural(n, one, many)
}

func groupThousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// steadyMin wraps o in a container whose minimum size is o's minimum now
// and stays so, whatever o later holds.
func steadyMin(o fyne.CanvasObject) *fyne.Container {
	return container.New(&fixedMinLayout{min: o.MinSize()}, o)
}

// fixedMinLayout fills its area with its objects and reports a fixed
// minimum size.
type fixedMinLayout struct{ min fyne.Size }

func (l *fixedMinLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *fixedMinLayout) MinSize([]fyne.CanvasObject) fyne.Size { return l.min }
