package editor

import "time"

// TrashItem is one article in the trash: deleted from the library, kept
// until the trash is emptied so it can be restored.
type TrashItem struct {
	ID        int64     // the trash entry, to restore it by
	ArticleID int64     // the id the article had
	UID       string    // the article's uid, which a restore keeps
	Headline  string    // as it was when deleted
	Trashed   time.Time // when it was deleted
}
