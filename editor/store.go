package editor

import (
	"context"
)

// Store keeps the library of articles. storage.DB implements it; the
// window and the CLI see only this interface.
type Store interface {
	// Article returns ErrNotFound if id does not exist.
	Article(ctx context.Context, id int64) (*Article, error)
	// Resolve finds an article by id, uid or slug; ErrNotFound if none matches.
	Resolve(ctx context.Context, ref string) (*Article, error)
	// Save creates the article when a.ID is 0 (filling ID, UID, Slug,
	// Version, Created, Updated) and otherwise updates it. An update
	// returns ErrConflict if a.Version is not the stored version, and
	// overwrites nothing. Every successful save bumps a.Version and stores
	// its state as the newest revision; a burst of saves by one writer
	// within one editing session replaces that newest revision in place,
	// so history holds sessions and events, not every autosave. A
	// ValidationError is returned for invalid articles.
	Save(ctx context.Context, a *Article) error
	// Search lists articles matching f, most recently updated first.
	Search(ctx context.Context, f Filter) ([]Summary, error)
	// Count returns how many articles match f, ignoring Limit and Offset.
	Count(ctx context.Context, f Filter) (int, error)
	// Revisions lists the saved states of an article, oldest first: one per
	// editing session and one per event (status move, restore, import).
	Revisions(ctx context.Context, id int64) ([]Revision, error)
	// RevisionArticle returns the article as it was at revision n.
	RevisionArticle(ctx context.Context, id int64, n int) (*Article, error)
	// Settings returns the stored settings, with defaults for anything unset.
	Settings(ctx context.Context) (Settings, error)
	// SaveSettings stores s.
	SaveSettings(ctx context.Context, s Settings) error
}
