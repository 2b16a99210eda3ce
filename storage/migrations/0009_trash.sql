-- Article ▸ Delete moves an article to the trash instead of destroying it:
-- the person can restore it or empty the trash. A trashed article leaves
-- the articles table (so no list, search, export or check sees it) and
-- its rows, with those of every table that belongs to it (revisions,
-- notes, audit, …), are kept here until the trash is emptied.
--
-- article_id: the id it had; a restore gives it a new one.
-- trashed:    Unix ms.
-- content:    zlib-compressed JSON of the article and its rows
--             (storage/trash.go, trashContent).
CREATE TABLE trash (
	id         INTEGER PRIMARY KEY,
	article_id INTEGER NOT NULL,
	uid        TEXT    NOT NULL,
	headline   TEXT    NOT NULL,
	trashed    INTEGER NOT NULL,
	content    BLOB    NOT NULL
);
CREATE INDEX trash_trashed ON trash (trashed);

-- content_hash: SHA-256 of what the history compares (storage/revisions.go,
-- contentHash), so a save can tell it changed nothing without reading a
-- snapshot. NULL for rows written before; those are read when needed.
ALTER TABLE revisions ADD COLUMN content_hash BLOB;
