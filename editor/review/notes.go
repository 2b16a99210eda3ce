package review

import (
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"copydesk/editor"
	"copydesk/editor/merge"
)

// Sentinel errors of notes; check them with errors.Is.
var (
	ErrNoteNotFound    = errors.New("note not found")
	ErrPassageNotFound = errors.New("passage not found in the body")
)

// Note is a remark left on an article by a reporter or an editor. Notes
// are internal to the desk: no site export carries them.
type Note struct {
	ID        int64     `json:"id"`
	UID       string    `json:"uid"` // stable across machines, so a bundle import never duplicates a note
	ArticleID int64     `json:"article_id"`
	Text      string    `json:"text"`
	Anchor    Anchor    `json:"anchor"`
	Author    string    `json:"author"`
	Time      time.Time `json:"time"`
	Resolved  bool      `json:"resolved"`
}

// Anchor ties a note to a passage of the body. Start is a rune offset,
// the unit the body editor and the check findings use. A zero Anchor (no
// Text) means the note is about the whole article.
type Anchor struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	// Deleted is set when the passage no longer occurs in the body; Start
	// then keeps where it was, so the window can still point near it.
	Deleted bool `json:"deleted"`
}

// End is the rune offset just after the passage.
func (a Anchor) End() int { return a.Start + utf8.RuneCountInString(a.Text) }

// IsZero reports whether the note has no anchor.
func (a Anchor) IsZero() bool { return a.Text == "" }

// AuditEntry is one status move: who made it, when, and why.
type AuditEntry struct {
	ID        int64         `json:"id"`
	UID       string        `json:"uid"`
	ArticleID int64         `json:"article_id"`
	Time      time.Time     `json:"time"`
	Person    string        `json:"person"`
	From      editor.Status `json:"from"`
	To        editor.Status `json:"to"`
	Note      string        `json:"note,omitempty"`
	Override  string        `json:"override,omitempty"` // reason for approving over error findings
}

// Locate anchors passage in body at its first occurrence. ok is false if
// the passage is empty or not in the body, so a note cannot be pinned to
// text that is not there.
func Locate(body, passage string) (a Anchor, ok bool) {
	if passage == "" {
		return Anchor{}, false
	}
	i := strings.Index(body, passage)
	if i < 0 {
		return Anchor{}, false
	}
	return Anchor{Text: passage, Start: utf8.RuneCountInString(body[:i])}, true
}

// LocateAt anchors passage at rune offset start, where a person selected
// it, so a phrase that occurs twice is pinned to the occurrence they
// meant. ok is false unless body holds passage exactly there.
func LocateAt(body, passage string, start int) (a Anchor, ok bool) {
	a = Anchor{Text: passage, Start: start}
	if passage == "" || !passageAt(body, a) {
		return Anchor{}, false
	}
	return a, true
}

// Relocate finds the anchor's passage in an edited body. Of all exact
// occurrences it takes the one nearest the old offset, because an edit
// elsewhere shifts a passage by a little while a second occurrence of the
// same words is usually further away. If the passage is gone the anchor is
// marked deleted; if a deleted passage reappears (a restore, an undo) the
// anchor is found again.
func Relocate(body string, a Anchor) Anchor {
	if a.Text == "" {
		return a
	}
	best, bestDist := -1, 0
	runeOff, byteOff := 0, 0 // rune offset of body[byteOff:]
	for {
		i := strings.Index(body[byteOff:], a.Text)
		if i < 0 {
			break
		}
		runeOff += utf8.RuneCountInString(body[byteOff : byteOff+i])
		byteOff += i
		d := runeOff - a.Start
		if d < 0 {
			d = -d
		}
		if best < 0 || d < bestDist {
			best, bestDist = runeOff, d
		} else if runeOff > a.Start {
			break // further occurrences are only further away
		}
		// Step one rune, so overlapping occurrences ("aa" in "aaa") count.
		_, size := utf8.DecodeRuneInString(body[byteOff:])
		byteOff += size
		runeOff++
	}
	if best < 0 {
		a.Deleted = true
		return a
	}
	a.Start, a.Deleted = best, false
	return a
}

// Conflict records a bundle import that found the article changed on
// both machines since their common version. Both states are revisions:
// LocalRevision is what this machine had, IncomingRevision what arrived
// (the current state), so the person can compare them and restore one.
type Conflict struct {
	ID               int64     `json:"id"`
	ArticleID        int64     `json:"article_id"`
	Time             time.Time `json:"time"`
	FiledBy          string    `json:"filed_by"`
	LocalRevision    int       `json:"local_revision"`
	IncomingRevision int       `json:"incoming_revision"`
	// Part is the one field or run of body paragraphs a desk merge could
	// not merge, with base, mine and theirs, to be settled on its own (see
	// storage's ResolveConflict); nil when the whole article conflicts, as
	// a bundle import records it.
	Part *merge.Conflict `json:"part,omitempty"`
}

// Follow moves an anchor located in oldBody to where its passage is in
// newBody by mapping its offsets through the word diff of the two bodies,
// so an edit before the passage cannot send it to an identical phrase
// elsewhere ("the mayor said" occurs many times in a story). If the edit
// touched the passage itself, only an exact copy that includes newly
// inserted text counts (the passage was cut and pasted); a copy that was
// there all along is another passage, so the note says its own is deleted.
func Follow(oldBody, newBody string, a Anchor) Anchor {
	if a.Text == "" {
		return a
	}
	if a.Deleted || !passageAt(oldBody, a) {
		return Relocate(newBody, a) // the old offset is no guide
	}
	segs := Words(oldBody, newBody)
	start, intact := mapRange(segs, a.Start, a.End())
	if intact {
		a.Start, a.Deleted = start, false
		return a
	}
	a.Start = start
	best, bestDist := -1, 0
	for _, occ := range occurrences(newBody, a.Text) {
		if !overlapsInsert(segs, occ, occ+utf8.RuneCountInString(a.Text)) {
			continue
		}
		if d := abs(occ - start); best < 0 || d < bestDist {
			best, bestDist = occ, d
		}
	}
	if best < 0 {
		a.Deleted = true
		return a
	}
	a.Start, a.Deleted = best, false
	return a
}

// occurrences lists the rune offsets of every (possibly overlapping)
// occurrence of sub in s.
func occurrences(s, sub string) []int {
	var out []int
	runeOff, byteOff := 0, 0
	for {
		i := strings.Index(s[byteOff:], sub)
		if i < 0 {
			return out
		}
		runeOff += utf8.RuneCountInString(s[byteOff : byteOff+i])
		byteOff += i
		out = append(out, runeOff)
		_, size := utf8.DecodeRuneInString(s[byteOff:])
		byteOff += size
		runeOff++
	}
}

// overlapsInsert reports whether the new-text rune range [start, end)
// contains inserted text, i.e. is not wholly text that was already there.
// A word diff rarely shows a pasted passage as one clean insertion, so any
// overlap counts.
func overlapsInsert(segs []Segment, start, end int) bool {
	newPos := 0
	for _, s := range segs {
		if s.Op == Delete {
			continue
		}
		n := utf8.RuneCountInString(s.Text)
		if s.Op == Insert && start < newPos+n && newPos < end {
			return true
		}
		newPos += n
	}
	return false
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// passageAt reports whether body holds a's text at a's offset.
func passageAt(body string, a Anchor) bool {
	i := byteOffset(body, a.Start)
	return i >= 0 && strings.HasPrefix(body[i:], a.Text)
}

// byteOffset converts a rune offset to a byte offset, or -1 if beyond.
func byteOffset(s string, runes int) int {
	if runes < 0 {
		return -1
	}
	n := 0
	for i := range s {
		if n == runes {
			return i
		}
		n++
	}
	if n == runes {
		return len(s)
	}
	return -1
}

// mapRange maps the rune range [start, end) of the old text through segs
// to the new text. intact is true when the whole range lies in unchanged
// segments, i.e. no edit touched it.
func mapRange(segs []Segment, start, end int) (newStart int, intact bool) {
	oldPos, newPos := 0, 0
	newStart = -1
	intact = true
	for _, s := range segs {
		n := utf8.RuneCountInString(s.Text)
		switch s.Op {
		case Equal:
			if newStart < 0 && start < oldPos+n {
				newStart = newPos + (start - oldPos)
			}
			oldPos += n
			newPos += n
		case Delete:
			if newStart < 0 && start < oldPos+n {
				newStart = newPos
			}
			if oldPos < end && start < oldPos+n {
				intact = false // part of the passage was deleted
			}
			oldPos += n
		case Insert:
			if oldPos > start && oldPos < end {
				intact = false // text inserted inside the passage
			}
			newPos += n
		}
	}
	if newStart < 0 {
		newStart = newPos
	}
	return newStart, intact
}
