-- Articles, their revisions, full-text search and settings.
--
-- Times are INTEGER Unix milliseconds (UTC): they sort and compare as
-- numbers and round-trip exactly through time.UnixMilli.
--
-- seq is taken from a counter on every save and never reused. The search
-- index uses it as its rowid, so "most recently updated first" is FTS5's
-- own descending rowid order, which it can stop after the first page.
CREATE TABLE articles (
	id            INTEGER PRIMARY KEY,
	uid           TEXT    NOT NULL UNIQUE,
	slug          TEXT    NOT NULL UNIQUE,
	headline      TEXT    NOT NULL,
	byline        TEXT    NOT NULL DEFAULT '[]', -- JSON array of names
	section       TEXT    NOT NULL DEFAULT '',
	summary       TEXT    NOT NULL DEFAULT '',
	dateline      TEXT    NOT NULL DEFAULT '',
	tags          TEXT    NOT NULL DEFAULT '[]', -- JSON array
	image_src     TEXT    NOT NULL DEFAULT '',
	image_alt     TEXT    NOT NULL DEFAULT '',
	image_caption TEXT    NOT NULL DEFAULT '',
	image_credit  TEXT    NOT NULL DEFAULT '',
	body          TEXT    NOT NULL DEFAULT '',
	status        TEXT    NOT NULL,
	version       INTEGER NOT NULL,
	created       INTEGER NOT NULL,
	updated       INTEGER NOT NULL,
	published     INTEGER,                       -- NULL until first published
	corrections   TEXT    NOT NULL DEFAULT '[]', -- JSON array of {time, text}
	words         INTEGER NOT NULL DEFAULT 0,    -- editor.CountWords(body), so lists never recount
	seq           INTEGER NOT NULL UNIQUE
);
CREATE INDEX articles_status_seq  ON articles (status, seq);
CREATE INDEX articles_section_seq ON articles (section, seq);

-- One row per byline name, so the author filter is an index lookup
-- instead of a JSON scan of every article.
CREATE TABLE article_authors (
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	name       TEXT    NOT NULL COLLATE NOCASE,
	PRIMARY KEY (name, article_id)
) WITHOUT ROWID;
CREATE INDEX article_authors_article ON article_authors (article_id);

-- The counter behind articles.seq: MAX(seq)+1 could hand out a number
-- again after the newest article is deleted.
CREATE TABLE counters (
	name  TEXT PRIMARY KEY,
	value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO counters (name, value) VALUES ('seq', 0);

-- Every save keeps the whole article as JSON so history can be shown and
-- restored; the other columns are what a history list shows.
CREATE TABLE revisions (
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	number     INTEGER NOT NULL, -- 1, 2, 3… per article
	version    INTEGER NOT NULL,
	time       INTEGER NOT NULL,
	author     TEXT    NOT NULL DEFAULT '',
	status     TEXT    NOT NULL,
	words      INTEGER NOT NULL,
	headline   TEXT    NOT NULL,
	article    TEXT    NOT NULL, -- JSON of editor.Article
	PRIMARY KEY (article_id, number)
) WITHOUT ROWID;

-- Contentless: the text already lives in articles, so the index stores
-- only postings; contentless_delete lets a save drop the old row without
-- re-reading the old text. The prefix index makes one- to three-letter
-- search-as-you-type prefixes a single lookup instead of a merge of every
-- word that starts with them.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
	headline, summary, byline, body,
	content = '',
	contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '1 2 3'
);

-- Keeps the index in step when anything deletes an article.
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
	DELETE FROM articles_fts WHERE rowid = old.seq;
END;

-- One row per setting; the value is the JSON of the editor.Settings field,
-- so a setting added later needs no migration and an old library simply
-- lacks it (the default applies).
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;
