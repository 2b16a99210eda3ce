-- Featured images kept inside the library, so an article never depends on
-- a file elsewhere on a reporter's disk and every export is self-contained.
--
-- Images are content-addressed: the key is the SHA-256 of the bytes, so
-- the same photo attached to many articles is stored once, and an article's
-- image_src ("copydesk-image:<sha256>.<ext>") means the same bytes on every
-- machine the library or a bundle travels to.
CREATE TABLE images (
	sha256     TEXT    PRIMARY KEY,       -- lower-case hex of the bytes
	media_type TEXT    NOT NULL,          -- from editor.SniffImage, never from the file name
	ext        TEXT    NOT NULL,          -- jpg, png, gif or webp
	name       TEXT    NOT NULL DEFAULT '', -- the file name it was imported as, for people
	size       INTEGER NOT NULL,
	data       BLOB    NOT NULL,
	created    INTEGER NOT NULL           -- Unix milliseconds (UTC)
);
