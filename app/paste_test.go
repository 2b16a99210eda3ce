package app

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"copydesk/app/bodyedit"
	"copydesk/app/preview"
	"copydesk/editor"
	"copydesk/editor/check"
)

// pasteRig is the window with the fast body editor and two queues, one
// per goroutine: ui holds what fyne.Do would run on the UI goroutine, bg
// what would run off it. Benchmarks time the ui queue only, which is what
// a person feels as a frozen window; bg work is counted separately.
type pasteRig struct {
	app   *App
	body  *bodyedit.Editor
	store *fakeStore
	clock *fakeClock
	win   fyne.Window
	ui    []func()
	bg    []func()
	bgRan int // background jobs run so far, to see that work coalesces
}

func newPasteRig(tb testing.TB, store *fakeStore) *pasteRig {
	tb.Helper()
	test.NewTempApp(tb)
	r := &pasteRig{store: store, clock: newFakeClock()}
	r.win = test.NewWindow(nil)
	tb.Cleanup(r.win.Close)
	r.app = New(r.win, store, Options{
		Clock: r.clock,
		Go:    func(f func()) { r.bg = append(r.bg, f) },
		Do:    func(f func()) { r.ui = append(r.ui, f) },
		Prefs: fyne.CurrentApp().Preferences(),
	})
	r.body = r.app.body.(*bodyedit.Editor)
	r.win.Resize(fyne.NewSize(1280, 860))
	r.settle(nil)
	r.win.Canvas().Focus(r.body)
	return r
}

// runUI runs the queued UI work, and whatever it queues there, to the end.
func (r *pasteRig) runUI() {
	for len(r.ui) > 0 {
		f := r.ui[0]
		r.ui = r.ui[1:]
		f()
	}
}

// runBG runs the background jobs queued so far (not the ones they queue).
func (r *pasteRig) runBG() {
	jobs := r.bg
	r.bg = nil
	for _, f := range jobs {
		f()
		r.bgRan++
	}
}

// settle alternates UI and background work until both are idle; uiTime,
// if not nil, is told when UI work starts and stops.
func (r *pasteRig) settle(uiTime func(running bool)) {
	for len(r.ui) > 0 || len(r.bg) > 0 {
		if uiTime != nil {
			uiTime(true)
		}
		r.runUI()
		if uiTime != nil {
			uiTime(false)
		}
		r.runBG()
	}
}

// advance moves the clock (firing the preview and autosave timers) and
// lets everything they start finish.
func (r *pasteRig) advance(d time.Duration) {
	r.settle(nil)
	r.clock.Advance(d)
	r.settle(nil)
}

func (r *pasteRig) paste(text string) {
	clip := fyne.CurrentApp().Clipboard()
	clip.SetContent(text)
	r.body.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
}

// newsText returns n bytes of Markdown in which no two paragraphs are
// alike, so the preview's per-paragraph cache cannot make a 10 MB paste
// look cheaper than a real one. The checks find nothing in it.
func newsText(n int) string { return newsTextTypos(n, false) }

// newsTextTypos is newsText; with typos, a word now and then is doubled
// ("the the"), as in a raw transcript: about 3,400 findings per MB.
func newsTextTypos(n int, typos bool) string {
	words := strings.Fields(`the council said on Tuesday that its budget for housing would rise
	by four per cent next year after residents complained about delays to repairs and a
	shortage of affordable homes in the city centre where rents have climbed faster than
	wages according to figures published by the statistics office`)
	var b strings.Builder
	b.Grow(n + 1024)
	seed := uint32(2463534242)
	prev := ""
	for p := 0; b.Len() < n; p++ {
		if p%9 == 4 {
			fmt.Fprintf(&b, "## Part %d\n\n", p)
		}
		fmt.Fprintf(&b, "Paragraph %d: ", p)
		for i := range 60 + p%80 {
			seed ^= seed << 13
			seed ^= seed >> 17
			seed ^= seed << 5
			w := words[seed%uint32(len(words))]
			if w == prev && !typos {
				w = words[(seed+1)%uint32(len(words))]
			}
			prev = w
			if seed%41 == 0 {
				w = "**" + w + "**"
			}
			switch {
			case i > 0 && i%15 == 0: // sentences of news length
				b.WriteString(". ")
				w = strings.ToUpper(w[:1]) + w[1:]
			case i > 0:
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
		b.WriteString(".\n\n")
	}
	return b.String()[:n]
}

const tenMB = 10 << 20

func TestPasteTenMegabytesIntoWindow(t *testing.T) {
	r := newPasteRig(t, newFakeStore())
	a := r.app
	test.Type(a.form.headline, "Transcript")
	big := newsText(tenMB)
	r.paste(big)
	if !a.bs.stale {
		t.Error("the window read the whole 10 MB body on the paste's UI turn")
	}
	if got := a.Article().Body; got != big {
		t.Fatalf("article body is %d bytes after the paste, want %d", len(got), len(big))
	}
	if st := a.saver.State().State; st != StateEdited {
		t.Errorf("save state after the paste = %v, want Edited", st)
	}
	r.advance(time.Second)
	saved := r.store.get(a.art.ID)
	if saved.Body != big {
		t.Fatalf("autosave stored %d bytes, want %d", len(saved.Body), len(big))
	}
	want := editor.ComputeStats(big)
	if got := a.status.words.Text; got != count(want.Words, "word", "words") {
		t.Errorf("status bar words %q, want %q", got, count(want.Words, "word", "words"))
	}
	t.Logf("%d findings, %d preview blocks", len(a.review.Checks().Findings()), len(a.preview.Blocks()))
	if !strings.Contains(a.preview.Text(), "Paragraph 1: ") {
		t.Error("preview does not show the pasted text")
	}
	// Only the preview rows on screen are widgets, however long the story.
	if n := len(a.preview.Rows()); n == 0 || n > 60 {
		t.Errorf("preview holds %d rows for a %d-block render", n, len(a.preview.Blocks()))
	}

	r.body.TypedRune('!')
	if body := a.Article().Body; !strings.HasSuffix(body, big[len(big)-20:]+"!") {
		t.Errorf("keystroke after the paste: body ends %q", body[len(body)-30:])
	}
	r.advance(time.Second)
	if got := r.store.get(a.art.ID).Body; got != big+"!" {
		t.Errorf("second autosave stored %d bytes, want %d", len(got), len(big)+1)
	}

	// Save now, before the preview timer has read the body: the autosave
	// snapshot must read it itself.
	r.body.TypedRune('?')
	a.SaveNow()
	r.settle(nil)
	if got := r.store.get(a.art.ID).Body; got != big+"!?" {
		t.Errorf("Save now right after a keystroke stored %d bytes ending %q, want it to end \"!?\"", len(got), got[len(got)-5:])
	}
}

// BenchmarkKeystrokeAfter10MBPaste times what the UI goroutine does for
// a 10 MB paste and for each keystroke after it: the editor's edit and
// the window's bodyChanged (reading the text, title, scheduling preview,
// checks and autosave), plus laying the body out for the next frame.
// "preview-round" is the UI goroutine's share of the debounced round a
// pause starts (applying the preview, stats, findings, the autosave
// snapshot and its acknowledgement); the background work (rendering,
// checking and saving 10 MB) is run untimed between the UI steps.
func BenchmarkKeystrokeAfter10MBPaste(b *testing.B) {
	big := newsText(tenMB)
	layoutBody := func(r *pasteRig) {
		rd := test.WidgetRenderer(r.body)
		rd.Layout(r.body.Size())
		_ = rd.Objects()
	}
	b.Run("paste", func(b *testing.B) {
		r := newPasteRig(b, newFakeStore())
		for b.Loop() {
			b.StopTimer()
			r.app.art.Body = ""
			r.app.fillFromArticle()
			r.ui, r.bg = nil, nil
			b.StartTimer()
			r.paste(big)
			layoutBody(r)
		}
		if got := len(r.app.Article().Body); got != tenMB {
			b.Fatalf("body is %d bytes", got)
		}
	})
	b.Run("keystroke", func(b *testing.B) {
		r := newPasteRig(b, newFakeStore())
		test.Type(r.app.form.headline, "Transcript")
		r.paste(big)
		r.advance(time.Second)
		n := len(r.app.Article().Body)
		// Typing as bodyedit's keystroke benchmarks type: a sentence over
		// and over, Enter every 300 characters, so no word grows forever.
		const typed = "The mayor said the plan would be reviewed again next spring. "
		i := 0
		for b.Loop() {
			if i%300 == 299 {
				r.body.TypedRune('\n')
			} else {
				r.body.TypedRune(rune(typed[i%len(typed)]))
			}
			layoutBody(r)
			i++
		}
		if len(r.ui) > 0 || len(r.bg) > 0 {
			b.Fatalf("keystrokes queued %d UI and %d background jobs instead of a timer", len(r.ui), len(r.bg))
		}
		if got := len(r.app.Article().Body); got != n+b.N {
			b.Fatalf("after %d keystrokes the body is %d bytes, want %d", b.N, got, n+b.N)
		}
	})
	for _, typos := range []bool{false, true} {
		b.Run(fmt.Sprintf("preview-round/typos=%v", typos), func(b *testing.B) {
			previewRound(b, newsTextTypos(tenMB, typos))
		})
	}
}

func previewRound(b *testing.B, big string) {
	{
		r := newPasteRig(b, newFakeStore())
		test.Type(r.app.form.headline, "Transcript")
		r.paste(big)
		r.advance(time.Second)
		saves := r.store.saves
		timing := func(on bool) {
			if on {
				b.StartTimer()
			} else {
				b.StopTimer()
			}
		}
		for b.Loop() {
			b.StopTimer()
			r.body.TypedRune('x')
			r.clock.Advance(time.Second) // the preview and autosave timers queue their UI work
			r.settle(timing)
			b.StartTimer()
		}
		if r.store.saves <= saves {
			b.Fatal("the rounds saved nothing")
		}
		b.ReportMetric(float64(len(r.app.review.Checks().Findings())), "findings")
	}
}

// BenchmarkBackground10MB times, one by one, the background jobs a pause
// in typing starts on a 10 MB body (one character changed since the last
// round), to show what the debounce must keep from piling up.
func BenchmarkBackground10MB(b *testing.B) {
	test.NewTempApp(b)
	big := newsText(tenMB)
	art := &editor.Article{Headline: "Transcript", Body: big, Status: editor.StatusDraft}
	s, now := editor.DefaultSettings(), time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	b.Run("preview-render", func(b *testing.B) {
		p := preview.NewRenderer(nil)
		p.Blocks(art, s, now)
		edited := art.Clone()
		i := 0
		for b.Loop() {
			edited.Body = big[:len(big)/2] + string(rune('a'+i%26)) + big[len(big)/2:]
			p.Blocks(edited, s, now)
			i++
		}
	})
	b.Run("stats", func(b *testing.B) {
		for b.Loop() {
			editor.ComputeStats(big)
		}
	})
	b.Run("checks", func(b *testing.B) {
		for b.Loop() {
			check.Run(art, s, check.Context{})
		}
	})
	b.Run("validate", func(b *testing.B) {
		for b.Loop() {
			if err := art.Validate(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func TestPasteOverSizeLimitIsRefused(t *testing.T) {
	const limit = editor.MaxBodyBytes
	tests := []struct {
		name   string
		body   string // already in the article
		paste  string
		refuse bool
	}{
		{"into a short story", "Short story.", newsText(limit), true},
		{"onto 10 MB, ASCII", newsText(tenMB), newsText(limit - tenMB + 1), true},
		// 7.3 M runes: few enough to fit, but 11 MB of UTF-8 is too many.
		{"onto 10 MB, two-byte runes", newsText(tenMB), strings.Repeat(strings.Repeat("été ", 100)+"\n\n", 11<<20/602), true},
		{"up to the limit exactly", newsText(tenMB), newsText(limit - tenMB), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := newFakeStore()
			ar := store.put(&editor.Article{Headline: "Transcript", Body: tt.body, Status: editor.StatusDraft})
			r := newPasteRig(t, store)
			a := r.app
			if a.art.ID != ar.ID {
				t.Fatalf("window opened article %d, want %d", a.art.ID, ar.ID)
			}
			at := len([]rune(tt.body)) / 2
			r.body.Select(at, at)
			saves := store.saves

			r.paste(tt.paste)
			r.advance(2 * time.Second)

			note := a.status.note.Text
			if !tt.refuse {
				want := tt.body[:at] + tt.paste + tt.body[at:]
				if got := a.Article().Body; got != want {
					t.Fatalf("paste up to the limit: body %d bytes, want %d", len(got), len(want))
				}
				if note != "" {
					t.Errorf("status bar says %q for an accepted paste", note)
				}
				if got := store.get(ar.ID).Body; len(got) != limit {
					t.Errorf("saved body %d bytes, want %d", len(got), limit)
				}
				return
			}
			if got := r.body.Text(); got != tt.body {
				t.Fatalf("editor holds %d bytes after a refused paste, want the %d it had", len(got), len(tt.body))
			}
			if got := a.Article().Body; got != tt.body {
				t.Errorf("article body %d bytes after a refused paste, want %d", len(got), len(tt.body))
			}
			if s, e := r.body.Selection(); s != at || e != at {
				t.Errorf("caret [%d,%d) after a refused paste, want %d", s, e, at)
			}
			if !strings.Contains(note, "over the 20 MB") {
				t.Errorf("status bar note %q does not say why the paste was refused", note)
			}
			if store.saves != saves || a.saver.State().State != StateSaved {
				t.Errorf("a refused paste was saved (%d saves, state %v)", store.saves-saves, a.saver.State())
			}
			r.body.TypedRune('!')
			if a.status.note.Text != "" {
				t.Errorf("the next accepted edit left the note %q", a.status.note.Text)
			}
			if got := a.Article().Body; got != tt.body[:at]+"!"+tt.body[at:] {
				t.Errorf("typing after a refused paste: body %d bytes", len(got))
			}
		})
	}
}

// A render or a check of 10 MB outlasts a pause in typing. Each pause
// must not start one more of each, all running at once: a job waiting
// behind a running one is replaced by the newest, and what the window
// finally shows is the newest text.
func TestBackgroundWorkOn10MBCoalesces(t *testing.T) {
	r := newPasteRig(t, newFakeStore())
	a := r.app
	test.Type(a.form.headline, "Transcript")
	r.paste(newsText(tenMB))
	r.advance(2 * time.Second)
	ran := r.bgRan

	for _, c := range "QWXYZ" {
		r.body.TypedRune(c)
		r.clock.Advance(PreviewDelay) // a pause: the preview timer fires
		r.runUI()                     // its UI half submits the render
		a.review.RunChecks()          // and, say, a note changed: checks again
		if len(r.bg) > 2 {
			t.Fatalf("after typing %q: %d background jobs queued, want at most a render and a check", c, len(r.bg))
		}
	}
	if len(r.bg) != 2 {
		t.Fatalf("%d background jobs queued, want the render and the checks", len(r.bg))
	}
	r.settle(nil)
	if !strings.Contains(a.preview.Text(), "QWXYZ") {
		t.Error("the preview does not show the newest text")
	}
	// The render and the checks each ran as one job (the first pause's
	// run, then the newest), plus the checks the newest preview started.
	if got := r.bgRan - ran; got != 3 {
		t.Errorf("%d background jobs ran for five pauses, want 3", got)
	}
}
