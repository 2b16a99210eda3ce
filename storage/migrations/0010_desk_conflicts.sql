-- A desk merge settles most of an article by itself; what it cannot is
-- one field or one run of body paragraphs both machines changed. Such a
-- conflict is a row of the conflicts table like a bundle import's, with
-- the part and its three versions, so it can be listed and settled on its
-- own while the revisions keep both whole states.
--
-- field:        '' for a whole-article conflict (bundle import); else the
--               merge.Conflict field: headline, byline, …, image.alt, status, body
-- paragraph:    for body: where the run starts in this machine's body before the merge
-- at_paragraph: for body: where this machine's paragraphs stand in the article now;
--               moved when settling an earlier body conflict adds or removes paragraphs
-- base, mine, theirs: the three versions as text (merge.Conflict)
-- resolution:   how it was settled: mine, theirs, base or edit; '' if
--               settled as a whole (conflicts --resolve) or not yet
ALTER TABLE conflicts ADD COLUMN field        TEXT    NOT NULL DEFAULT '';
ALTER TABLE conflicts ADD COLUMN paragraph    INTEGER NOT NULL DEFAULT -1;
ALTER TABLE conflicts ADD COLUMN at_paragraph INTEGER NOT NULL DEFAULT -1;
ALTER TABLE conflicts ADD COLUMN base         TEXT    NOT NULL DEFAULT '';
ALTER TABLE conflicts ADD COLUMN mine         TEXT    NOT NULL DEFAULT '';
ALTER TABLE conflicts ADD COLUMN theirs       TEXT    NOT NULL DEFAULT '';
ALTER TABLE conflicts ADD COLUMN resolution   TEXT    NOT NULL DEFAULT '';
