package editor

import "time"

// Where a newsroom dictionary word came from.
const (
	WordAdded   = "added"   // someone chose "Add to newsroom dictionary"
	WordByline  = "byline"  // a name in the byline of a published article
	WordArchive = "archive" // a capitalised word in enough published articles
)

// NewsroomWord is one entry of the newsroom's own dictionary: names and
// places a general dictionary does not know. A removed word stays as a
// tombstone so learning from the archive does not bring it back and a
// desk sync can pass the removal on.
type NewsroomWord struct {
	Word     string    // as written: "Öztürk"
	Source   string    // WordAdded, WordByline or WordArchive
	AddedBy  string    // Settings.PersonName of whoever added or removed it
	Articles int       // for learned words: published articles using it
	Removed  bool      // an editor pruned it
	Changed  time.Time // last added or removed; the newer change wins a sync
}
