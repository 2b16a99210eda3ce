-- The newsroom dictionary: words anyone added, and names learned from the
-- archive. A pruned word keeps its row with removed = 1, so learning does
-- not re-add it and a desk sync can carry the removal (newer changed_at
-- wins when two machines disagree).
CREATE TABLE newsroom_words (
	word       TEXT    NOT NULL PRIMARY KEY,
	source     TEXT    NOT NULL,            -- editor.WordAdded, WordByline, WordArchive
	added_by   TEXT    NOT NULL DEFAULT '',
	articles   INTEGER NOT NULL DEFAULT 0,  -- learned words: published articles using it
	removed    INTEGER NOT NULL DEFAULT 0,
	changed_at INTEGER NOT NULL             -- Unix milliseconds, UTC
) WITHOUT ROWID;
