package editor

import "context"

// The services below are what a library offers besides the articles
// themselves. storage.DB implements every one; review.Library (in
// editor/review, whose types the review services need) composes them
// with the review desk's into the one store the window takes.

// RevisionStore reads an article's saved states and brings one back.
type RevisionStore interface {
	// Revisions lists the saved states of an article, oldest first.
	Revisions(ctx context.Context, id int64) ([]Revision, error)
	// RevisionArticle returns the article as it was at revision n;
	// ErrNotFound if there is no such revision.
	RevisionArticle(ctx context.Context, id int64, n int) (*Article, error)
	// Restore saves revision n as a new revision and returns the article.
	Restore(ctx context.Context, id int64, n int) (*Article, error)
}

// ImageSource reads images kept in the library ("copydesk-image:…").
type ImageSource interface {
	Image(ctx context.Context, src string) (data []byte, mediaType string, err error)
}

// ImageStore keeps images in the library, so an article does not depend
// on a file that may move.
type ImageStore interface {
	ImageSource
	// PutImage stores data and returns the src an article refers to it by.
	PutImage(ctx context.Context, data []byte, name string) (src string, err error)
}

// TrainingStore lists the articles the section classifier learns from:
// the newsroom's approved and published ones.
type TrainingStore interface {
	TrainingArticles(ctx context.Context) ([]*Article, error)
}

// FactTickStore keeps the fact checker's ticks. Item ids are check.FactID
// values, so a tick made on a passage that has since been edited simply no
// longer matches an item.
type FactTickStore interface {
	FactTicks(ctx context.Context, articleID int64) (map[string]bool, error)
	SetFactTick(ctx context.Context, articleID int64, itemID string, ticked bool) error
}

// Backuper copies the whole library to dest while it stays open.
type Backuper interface {
	Backup(ctx context.Context, dest string) error
}

// UpToCounter counts matches up to a limit, so a search for a common word
// need not read its whole index entry to say "1,000+".
type UpToCounter interface {
	// CountUpTo returns min(limit, matches of f).
	CountUpTo(ctx context.Context, f Filter, limit int) (int, error)
}

// WordStore keeps the newsroom dictionary: words anyone added and names
// learned from the archive, which the spelling check accepts.
type WordStore interface {
	// NewsroomWords returns the dictionary; removed includes pruned words.
	NewsroomWords(ctx context.Context, removed bool) ([]NewsroomWord, error)
	AddNewsroomWord(ctx context.Context, word string) error
}

// Library is a Store with every service above.
type Library interface {
	Store
	RevisionStore
	ImageStore
	TrainingStore
	FactTickStore
	Backuper
	UpToCounter
	WordStore
}
