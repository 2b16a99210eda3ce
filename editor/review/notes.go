package review

import (
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"copydesk/editor"
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
}
