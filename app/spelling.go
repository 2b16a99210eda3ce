package app

import (
	"context"
	"log"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"

	"copydesk/app/bodyedit"
	"copydesk/editor"
	"copydesk/editor/check"
	"copydesk/editor/spell"
)

// markable is a body editor that can underline words: bodyedit.Editor.
type markable interface {
	SetMarks([]bodyedit.Mark)
	SetMarkMenu(func(bodyedit.Mark) []*fyne.MenuItem)
	SelectNextMark() (bodyedit.Mark, bool)
}

// spellDelay is how long typing pauses before the body is re-checked: the
// words under the caret are half-typed until then.
const spellDelay = 300 * time.Millisecond

// maxMenuSuggestions is how many corrections the right-click menu offers.
const maxMenuSuggestions = 5

// spellCheck underlines the body's misspelt words and offers corrections.
// Checking runs on the background goroutine; the document and the word
// list are shared with it under mu.
type spellCheck struct {
	body   BodyEditor
	marker markable
	store  editor.WordStore // nil: "Add to newsroom dictionary" is not offered
	clock  Clock
	bg, ui func(func())

	mu    sync.Mutex
	dict  *spell.Dictionary
	words *spell.Words
	doc   *spell.Document
	sugs  map[string][]string

	timer Timer
	gen   uint64 // UI goroutine only: the newest check whose marks count

	foreignQuotes bool // Settings.SpellForeignQuotes, for the checks panel
}

// newSpellCheck attaches spelling to body if it can show marks; load
// returns the dictionary and runs on the background goroutine.
func newSpellCheck(body BodyEditor, store editor.WordStore, clock Clock, bg, ui func(func()), load func() (*spell.Dictionary, error)) *spellCheck {
	m, ok := body.(markable)
	if !ok {
		return nil
	}
	s := &spellCheck{body: body, marker: m, store: store, clock: clock, bg: bg, ui: ui, sugs: map[string][]string{}}
	m.SetMarkMenu(s.menu)
	bg(func() {
		d, err := load()
		if err != nil {
			log.Printf("copydesk: spelling off: %v", err)
			return
		}
		var names []string
		if store != nil {
			ws, err := store.NewsroomWords(context.Background(), false)
			if err != nil {
				log.Printf("copydesk: newsroom words: %v", err)
			}
			for _, w := range ws {
				names = append(names, w.Word)
			}
		}
		s.mu.Lock()
		s.dict, s.words = d, spell.NewWords(d, names...)
		s.doc = spell.NewDocument(s.words, d.WordChars(), "")
		s.mu.Unlock()
		ui(s.changed)
	})
	return s
}

// changed schedules a re-check after the body changed (UI goroutine).
func (s *spellCheck) changed() {
	if s == nil {
		return
	}
	if s.timer != nil {
		s.timer.Stop()
	}
	s.timer = s.clock.AfterFunc(spellDelay, func() { s.ui(s.checkNow) })
}

// checkNow takes the body's text and checks it in the background; only
// the newest check's result is shown.
func (s *spellCheck) checkNow() {
	s.gen++
	gen := s.gen
	text := s.body.Text()
	s.bg(func() {
		marks, ok := s.check(text)
		if !ok {
			return
		}
		s.ui(func() {
			if gen == s.gen {
				s.marker.SetMarks(marks)
			}
		})
	})
}

// check brings the document to text by one edit (the changed middle
// between the common prefix and suffix, so only touched lines are read
// again) and returns its misspelt words in rune offsets.
func (s *spellCheck) check(text string) ([]bodyedit.Mark, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.doc == nil {
		return nil, false
	}
	old := s.doc.Text()
	p := commonPrefix(old, text)
	q := commonSuffix(old[p:], text[p:])
	s.doc.Edit(p, len(old)-q, text[p:len(text)-q])
	bad := s.doc.Misspelt()
	marks := make([]bodyedit.Mark, 0, len(bad))
	b, r := 0, 0
	for _, t := range bad {
		r += utf8.RuneCountInString(text[b:t.Start])
		start := r
		r += utf8.RuneCountInString(t.Word)
		b = t.End
		marks = append(marks, bodyedit.Mark{Start: start, End: r})
	}
	return marks, true
}

func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	for i > 0 && i < len(b) && !utf8.RuneStart(b[i]) {
		i--
	}
	return i
}

func commonSuffix(a, b string) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[len(a)-1-i] == b[len(b)-1-i] {
		i++
	}
	for i > 0 && i < len(b) && !utf8.RuneStart(b[len(b)-i]) {
		i--
	}
	return i
}

// word is the text of a mark.
func (s *spellCheck) word(m bodyedit.Mark) string {
	rs := []rune(s.body.Text())
	if m.Start < 0 || m.End > len(rs) || m.Start >= m.End {
		return ""
	}
	return string(rs[m.Start:m.End])
}

// menu is the right-click menu of a misspelt word: up to five
// corrections, Ignore, and Add to newsroom dictionary.
func (s *spellCheck) menu(m bodyedit.Mark) []*fyne.MenuItem {
	w := s.word(m)
	if w == "" {
		return nil
	}
	var items []*fyne.MenuItem
	for _, sug := range s.suggestions(w) {
		items = append(items, fyne.NewMenuItem(sug, func() { s.body.ReplaceRange(m.Start, m.End, sug) }))
	}
	if len(items) == 0 {
		it := fyne.NewMenuItem("No suggestions", nil)
		it.Disabled = true
		items = append(items, it)
	}
	items = append(items, fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Ignore", func() { s.accept(w, false) }))
	if s.store != nil {
		items = append(items, fyne.NewMenuItem("Add to newsroom dictionary", func() { s.accept(w, true) }))
	}
	return items
}

// suggestions are computed when a menu opens, and remembered: a
// misspelling is usually right-clicked once, and most are never.
func (s *spellCheck) suggestions(w string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dict == nil {
		return nil
	}
	sugs, ok := s.sugs[w]
	if !ok {
		sugs = s.dict.Suggest(w)
		if len(sugs) > maxMenuSuggestions {
			sugs = sugs[:maxMenuSuggestions]
		}
		s.sugs[w] = sugs
	}
	return sugs
}

// accept stops flagging w in this window (Ignore) or, with save, for the
// whole newsroom (Add to newsroom dictionary).
func (s *spellCheck) accept(w string, save bool) {
	w = strings.TrimSpace(w)
	s.bg(func() {
		if save {
			if err := s.store.AddNewsroomWord(context.Background(), w); err != nil {
				log.Printf("copydesk: add %q to the newsroom dictionary: %v", w, err)
			}
		}
		s.mu.Lock()
		if s.words != nil {
			s.words.Add(w)
			s.doc.Recheck()
		}
		s.mu.Unlock()
		s.ui(s.checkNow)
	})
}

// next selects the next misspelt word (F7).
func (s *spellCheck) next() {
	if s != nil {
		s.marker.SelectNextMark()
	}
}

// lockedSpeller lets the checks panel use the window's word list from its
// own goroutine while Ignore and Add change it.
type lockedSpeller struct{ s *spellCheck }

func (l lockedSpeller) Check(w string) bool {
	l.s.mu.Lock()
	defer l.s.mu.Unlock()
	return l.s.words == nil || l.s.words.Check(w)
}

// checking is the spelling rule's context for the checks panel, which
// lists misspellings in every field (headline, summary, alt text, caption
// as well as the body). It carries no suggestions: the panel re-runs on
// every pause in typing and must stay cheap; the body's menu has them.
// Nil until the dictionary has loaded.
func (s *spellCheck) checking() *check.Spelling {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dict == nil {
		return nil
	}
	return &check.Spelling{Speller: lockedSpeller{s}, WordChars: s.dict.WordChars(), ForeignQuotes: s.foreignQuotes}
}

// newsroomChanged takes in the newsroom dictionary again after a desk
// sync may have brought words from other machines, or their removals.
func (s *spellCheck) newsroomChanged() {
	if s == nil || s.store == nil {
		return
	}
	s.bg(func() {
		ws, err := s.store.NewsroomWords(context.Background(), true)
		if err != nil {
			log.Printf("copydesk: newsroom words: %v", err)
			return
		}
		s.mu.Lock()
		if s.words == nil {
			s.mu.Unlock()
			return // not loaded yet: the load reads the words itself
		}
		changed := false
		for _, w := range ws {
			switch {
			case w.Removed && s.words.Has(w.Word):
				s.words.Remove(w.Word)
				changed = true
			case !w.Removed && !s.words.Has(w.Word):
				s.words.Add(w.Word)
				changed = true
			}
		}
		if changed {
			s.doc.Recheck()
		}
		s.mu.Unlock()
		if changed {
			s.ui(s.checkNow)
		}
	})
}
