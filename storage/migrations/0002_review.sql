-- Editorial review: notes, the audit trail of status moves, and what
-- filing bundles between machines needs to detect conflicting edits.

-- A note, optionally anchored to a passage of the body. The anchor is kept
-- as the passage's text plus its rune offset; anchor_version is the
-- article version the offset was last checked against, so relocating
-- after an edit happens once per version, not on every read.
CREATE TABLE notes (
	id             INTEGER PRIMARY KEY,
	uid            TEXT    NOT NULL UNIQUE, -- travels in bundles, so an import never duplicates a note
	article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	text           TEXT    NOT NULL,
	anchor_text    TEXT    NOT NULL DEFAULT '',
	anchor_start   INTEGER NOT NULL DEFAULT 0,
	anchor_deleted INTEGER NOT NULL DEFAULT 0,
	anchor_version INTEGER NOT NULL DEFAULT 0,
	author         TEXT    NOT NULL DEFAULT '',
	time           INTEGER NOT NULL,
	resolved       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX notes_article ON notes (article_id, id);

-- Every status move: who, when, from where to where, and why. Rows are
-- only ever inserted; the trail is evidence, not state.
CREATE TABLE audit (
	id          INTEGER PRIMARY KEY,
	uid         TEXT    NOT NULL UNIQUE,
	article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	time        INTEGER NOT NULL,
	person      TEXT    NOT NULL DEFAULT '',
	from_status TEXT    NOT NULL,
	to_status   TEXT    NOT NULL,
	note        TEXT    NOT NULL DEFAULT '',
	override    TEXT    NOT NULL DEFAULT '' -- reason for approving over error-level findings
);
CREATE INDEX audit_article ON audit (article_id, time);

-- The last state of an article both machines are known to have had (the
-- interchange Markdown of the bundle last filed or imported). It is the
-- common base that tells "only they changed it" from "both changed it".
CREATE TABLE bundle_base (
	article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
	sha256     TEXT    NOT NULL,
	markdown   TEXT    NOT NULL
) WITHOUT ROWID;

-- A bundle import that found both sides changed since the common base.
-- Both states are kept as revisions; the row stays until a person has
-- picked or merged and marks it resolved.
CREATE TABLE conflicts (
	id                INTEGER PRIMARY KEY,
	article_id        INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	time              INTEGER NOT NULL,
	filed_by          TEXT    NOT NULL DEFAULT '',
	local_revision    INTEGER NOT NULL,
	incoming_revision INTEGER NOT NULL,
	resolved          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX conflicts_article ON conflicts (article_id, resolved);
