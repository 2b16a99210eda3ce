// Package app is Copydesk's editing window: library, article form, body,
// menus, autosave, settings and recovery. The preview (app/preview), the
// review pane (app/review) and the body editor (app/bodyedit) are its
// parts. It reaches the library only through review.Library, the
// interface the domain declares; it never sees SQL.
package app

import (
	"fyne.io/fyne/v2"

	"copydesk/app/bodyedit"
)

var _ BodyEditor = (*bodyedit.Editor)(nil)

// BodyEditor is the Markdown body slot of the editing window. The window,
// the formatting toolbar, find/replace and the checks panel use only this,
// so they do not depend on how app/bodyedit keeps long stories fast.
// Offsets are rune (character) offsets into Text(), the same unit
// editorial check findings use.
type BodyEditor interface {
	// Object is what the window places in its layout.
	Object() fyne.CanvasObject
	// Text returns the whole Markdown source.
	Text() string
	// Len is the length of Text() in runes, without building the text:
	// the window measures every edit, and a long body's text is costly.
	Len() int
	// SetText replaces the text, clears undo history and moves the caret
	// to the start; it does not call the OnChanged callback.
	SetText(text string)
	// SetOnChanged registers the callback run (on the UI goroutine) after
	// every user edit.
	SetOnChanged(func())
	// Selection returns the selected range [start, end); start == end is the caret.
	Selection() (start, end int)
	// Select selects [start, end) and scrolls it into view.
	Select(start, end int)
	// ReplaceRange replaces [start, end) with text as one undo step and
	// leaves the caret after the inserted text.
	ReplaceRange(start, end int, text string)
	// Undo and Redo step through the edit history.
	Undo()
	Redo()
	// Focus gives the editor keyboard focus.
	Focus()
}
