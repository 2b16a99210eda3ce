-- Revisions that don't eat the disk: snapshots are stored compressed, and
-- a burst of autosaves by one window is kept as one revision per editing
-- session instead of one per save (see storage/revisions.go for the
-- policy).
--
-- Only columns are added, each with a constant default, so SQLite does not
-- rewrite a single existing row: upgrading a library with hundreds of
-- megabytes of history is instant. Rows written before this migration keep
-- their JSON in `article` and have a NULL snapshot; readers accept both.
--
-- snapshot:      zlib-compressed JSON of editor.Article; `article` is ''
--                when it is set.
-- kind:          what wrote the revision (storage.RevisionKind); '' for
--                rows older than this migration.
-- pinned:        1 if a later save must not replace the revision in place.
--                Older rows are all pinned, so nothing saved before the
--                upgrade is ever overwritten.
-- session_start: Unix ms of the first save merged into this revision; 0
--                for older rows, which being pinned never consult it.
-- writer:        the library handle (one per open window or command) that
--                wrote it, so two processes never merge into each other's
--                revision.
ALTER TABLE revisions ADD COLUMN snapshot BLOB;
ALTER TABLE revisions ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE revisions ADD COLUMN pinned INTEGER NOT NULL DEFAULT 1;
ALTER TABLE revisions ADD COLUMN session_start INTEGER NOT NULL DEFAULT 0;
ALTER TABLE revisions ADD COLUMN writer TEXT NOT NULL DEFAULT '';
