package app

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"copydesk/app/bodyedit"
	"copydesk/editor"
	"copydesk/editor/check"
	"copydesk/editor/spell"
)

// fakeWords is a newsroom dictionary in memory.
type fakeWords struct{ words []string }

func (f *fakeWords) NewsroomWords(context.Context, bool) ([]editor.NewsroomWord, error) {
	var out []editor.NewsroomWord
	for _, w := range f.words {
		out = append(out, editor.NewsroomWord{Word: w, Source: editor.WordAdded})
	}
	return out, nil
}

func (f *fakeWords) AddNewsroomWord(_ context.Context, w string) error {
	f.words = append(f.words, w)
	return nil
}

// newSpellHarness is the real body editor in a test window with spelling
// attached; background work runs at once so the test sees its result.
func newSpellHarness(t *testing.T, text string, store *fakeWords) (*bodyedit.Editor, *spellCheck, *fakeClock) {
	t.Helper()
	test.NewTempApp(t)
	e := bodyedit.New()
	w := test.NewTempWindow(t, e)
	w.Resize(fyne.NewSize(600, 400))
	clock := newFakeClock()
	now := func(f func()) { f() }
	s := newSpellCheck(e, store, clock, now, now, spell.EnUS)
	e.SetOnChanged(s.changed)
	e.SetText(text)
	s.changed()
	clock.Advance(spellDelay)
	return e, s, clock
}

func markedWords(e *bodyedit.Editor) []string {
	rs := []rune(e.Text())
	var out []string
	for _, m := range e.Marks() {
		out = append(out, string(rs[m.Start:m.End]))
	}
	return out
}

func TestSpellingSquigglesAndFixes(t *testing.T) {
	store := &fakeWords{words: []string{"Rortvedt"}}
	e, s, clock := newSpellHarness(t, "Öztürk said teh councl met Rortvedt.", store)
	if got, want := markedWords(e), []string{"Öztürk", "teh", "councl"}; !slices.Equal(got, want) {
		t.Fatalf("marked %q, want %q (Rortvedt is a newsroom word)", got, want)
	}

	// Right-click on "teh": up to five suggestions, the right one first.
	m, _ := e.MarkAt(13)
	items := s.menu(m)
	labels := []string{}
	for _, it := range items {
		labels = append(labels, it.Label)
	}
	if len(labels) < 4 || labels[0] != "the" || !slices.Contains(labels, "Ignore") || !slices.Contains(labels, "Add to newsroom dictionary") {
		t.Fatalf("menu %q", labels)
	}
	if n := slices.Index(labels, ""); n > maxMenuSuggestions {
		t.Errorf("%d suggestions offered, want at most %d", n, maxMenuSuggestions)
	}
	items[0].Action()
	if e.Text() != "Öztürk said the councl met Rortvedt." {
		t.Fatalf("after choosing the suggestion: %q", e.Text())
	}
	clock.Advance(spellDelay)
	if got, want := markedWords(e), []string{"Öztürk", "councl"}; !slices.Equal(got, want) {
		t.Errorf("after the fix: %q, want %q", got, want)
	}

	// Add the reporter's surname to the newsroom dictionary.
	m, _ = e.MarkAt(1)
	for _, it := range s.menu(m) {
		if it.Label == "Add to newsroom dictionary" {
			it.Action()
		}
	}
	if !slices.Contains(store.words, "Öztürk") {
		t.Errorf("store words %q: Öztürk not added", store.words)
	}
	if got, want := markedWords(e), []string{"councl"}; !slices.Equal(got, want) {
		t.Errorf("after adding the name: %q, want %q", got, want)
	}

	// Ignore stops flagging a word in this window only.
	m, _ = e.MarkAt(e.Marks()[0].Start)
	for _, it := range s.menu(m) {
		if it.Label == "Ignore" {
			it.Action()
		}
	}
	if len(e.Marks()) != 0 || slices.Contains(store.words, "councl") {
		t.Errorf("after Ignore: marks %q, store %q", markedWords(e), store.words)
	}
}

func TestSpellingNextMisspelling(t *testing.T) {
	e, s, clock := newSpellHarness(t, "One teh.\n\nTwo councl.", &fakeWords{})
	s.next()
	if a, b := e.Selection(); string([]rune(e.Text())[a:b]) != "teh" {
		t.Errorf("first F7 selects %d–%d", a, b)
	}
	s.next()
	if a, b := e.Selection(); string([]rune(e.Text())[a:b]) != "councl" {
		t.Errorf("second F7 selects %d–%d", a, b)
	}
	// Typing re-checks after the pause, and only the newest result shows.
	e.Select(0, 0)
	e.TypedRune('x')
	clock.Advance(spellDelay)
	if got, want := markedWords(e), []string{"xOne", "teh", "councl"}; !slices.Equal(got, want) {
		t.Errorf("after typing: %q, want %q", got, want)
	}
}

func TestSpellingForTheChecksPanel(t *testing.T) {
	_, s, _ := newSpellHarness(t, "Body text.", &fakeWords{words: []string{"Rortvedt"}})
	sp := s.checking()
	if sp == nil {
		t.Fatal("no spelling context after the dictionary loaded")
	}
	a := &editor.Article{Headline: "Rortvedt opens teh library", Summary: "A sumary.", Body: "Fine.\n"}
	a.Image.Alt = "Redidents wait"
	var got []string
	for _, f := range check.Run(a, editor.DefaultSettings(), check.Context{Spelling: sp}) {
		if f.Rule == "spelling" {
			got = append(got, f.Field+":"+f.Word)
		}
	}
	if want := []string{"headline:teh", "summary:sumary", "image.alt:Redidents"}; !slices.Equal(got, want) {
		t.Errorf("panel findings %q, want %q", got, want)
	}
}

// The window as a reporter meets it: a misspelt word typed into the body
// gets a squiggle once typing pauses, and the checks panel's spelling
// context is there for the other fields.
func TestWindowUnderlinesMisspeltBody(t *testing.T) {
	h := newHarness(t, newFakeStore())
	body := h.app.body.Object().(*bodyedit.Editor)
	test.Type(body, "The councl met on Monday.")
	h.advance(spellDelay)
	if got, want := markedWords(body), []string{"councl"}; !slices.Equal(got, want) {
		t.Fatalf("marked %q, want %q", got, want)
	}
	m, _ := body.MarkAt(5)
	items := h.app.spell.menu(m)
	if len(items) == 0 || items[0].Label != "council" {
		t.Fatalf("menu %v", items)
	}
	items[0].Action()
	h.advance(spellDelay)
	if body.Text() != "The council met on Monday." || len(body.Marks()) != 0 {
		t.Errorf("after the fix: %q, marks %v", body.Text(), body.Marks())
	}
	if h.app.spell.checking() == nil {
		t.Error("no spelling context for the checks panel")
	}
}

// TestSpellingTakesSyncedWords: words another machine added reach the
// open body after a sync, and a word pruned there is flagged again.
func TestSpellingTakesSyncedWords(t *testing.T) {
	store := &syncedWords{fakeWords: fakeWords{words: []string{"Kaukauna"}}}
	e, s, _ := newSpellHarness(t, "Kaukauna and Öztürk spoke.", &store.fakeWords)
	s.store = store
	if got := markedWords(e); !slices.Equal(got, []string{"Öztürk"}) {
		t.Fatalf("before the sync: marked %q", got)
	}
	store.words = []string{"Öztürk"}
	store.removed = []string{"Kaukauna"}
	s.newsroomChanged()
	if got := markedWords(e); !slices.Equal(got, []string{"Kaukauna"}) {
		t.Fatalf("after the sync: marked %q", got)
	}
}

// syncedWords is a newsroom dictionary whose listing with removed words
// includes tombstones, as storage's does.
type syncedWords struct {
	fakeWords
	removed []string
}

func (f *syncedWords) NewsroomWords(ctx context.Context, removed bool) ([]editor.NewsroomWord, error) {
	out, _ := f.fakeWords.NewsroomWords(ctx, removed)
	if removed {
		for _, w := range f.removed {
			out = append(out, editor.NewsroomWord{Word: w, Removed: true})
		}
	}
	return out, nil
}
