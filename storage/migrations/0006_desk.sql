-- The shared desk (package desk): which Git repository this library syncs
-- with, the commit it last agreed with, and per article the state both
-- last agreed on (the base of a three-way merge).
--
-- desk has at most one row; none means the library is on no desk.
CREATE TABLE desk (
	id        INTEGER PRIMARY KEY CHECK (id = 1),
	remote    TEXT    NOT NULL, -- URL as the person gave it
	clone     TEXT    NOT NULL, -- this machine's clone of the desk
	synced    TEXT    NOT NULL DEFAULT '', -- desk commit last agreed with
	last_sync INTEGER NOT NULL DEFAULT 0   -- Unix ms
);

-- base: blob of the article.md both sides last agreed on; folder: that
-- state's whole folder tree, so an unchanged folder is skipped without
-- reading it; refused: why the desk's current file was not taken in.
CREATE TABLE desk_articles (
	uid     TEXT PRIMARY KEY,
	base    TEXT NOT NULL DEFAULT '',
	folder  TEXT NOT NULL DEFAULT '',
	refused TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

-- Articles changed since they last went to the desk. gen counts the
-- changes, so a sync clears only what it read and sent: an edit made
-- while it ran keeps the article waiting. Triggers fill it so that no
-- writer (window, CLI, bundle import, review) can forget to.
CREATE TABLE desk_waiting (
	article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
	gen        INTEGER NOT NULL
);

CREATE TRIGGER desk_waiting_article_insert AFTER INSERT ON articles WHEN EXISTS (SELECT 1 FROM desk)
BEGIN
	INSERT INTO desk_waiting (article_id, gen) VALUES (NEW.id, 1)
		ON CONFLICT (article_id) DO UPDATE SET gen = gen + 1;
END;

CREATE TRIGGER desk_waiting_article_update AFTER UPDATE ON articles WHEN EXISTS (SELECT 1 FROM desk)
BEGIN
	INSERT INTO desk_waiting (article_id, gen) VALUES (NEW.id, 1)
		ON CONFLICT (article_id) DO UPDATE SET gen = gen + 1;
END;

CREATE TRIGGER desk_waiting_note_insert AFTER INSERT ON notes WHEN EXISTS (SELECT 1 FROM desk)
BEGIN
	INSERT INTO desk_waiting (article_id, gen) VALUES (NEW.article_id, 1)
		ON CONFLICT (article_id) DO UPDATE SET gen = gen + 1;
END;

CREATE TRIGGER desk_waiting_note_update AFTER UPDATE OF resolved, text ON notes WHEN EXISTS (SELECT 1 FROM desk)
BEGIN
	INSERT INTO desk_waiting (article_id, gen) VALUES (NEW.article_id, 1)
		ON CONFLICT (article_id) DO UPDATE SET gen = gen + 1;
END;

CREATE TRIGGER desk_waiting_audit_insert AFTER INSERT ON audit WHEN EXISTS (SELECT 1 FROM desk)
BEGIN
	INSERT INTO desk_waiting (article_id, gen) VALUES (NEW.article_id, 1)
		ON CONFLICT (article_id) DO UPDATE SET gen = gen + 1;
END;
