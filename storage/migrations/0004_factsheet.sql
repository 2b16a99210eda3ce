-- Fact-sheet ticks. An item is identified by check.FactID, a hash of its
-- kind and passage text, so editing the passage makes a new, unticked item
-- and the old row simply stops matching anything. Only ticked items have
-- a row; unticking deletes it.
CREATE TABLE fact_ticks (
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	item_id    TEXT    NOT NULL,
	ticked_by  TEXT    NOT NULL DEFAULT '', -- Settings.PersonName at the time
	ticked_at  INTEGER NOT NULL,            -- Unix milliseconds, UTC
	PRIMARY KEY (article_id, item_id)
) WITHOUT ROWID;
