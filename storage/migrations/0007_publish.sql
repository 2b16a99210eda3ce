-- Publishing at a newspaper's scale.
--
-- embargo: Unix ms before which no site or export carries the article;
--          NULL when it has none. A plain added column with no default
--          rewrite, so upgrading a large library is instant.
ALTER TABLE articles ADD COLUMN embargo INTEGER;

-- A site export lists every published article with what its listings
-- show. Read from the table, each row brings its body's pages along (a
-- table scan of 100,000 articles reads every body); this covering index
-- holds just the listed columns, a few hundred bytes an article.
CREATE INDEX articles_site ON articles (status, id, version, updated, published, embargo,
	uid, slug, headline, byline, section, summary, image_src);

-- What the last site export wrote into each site folder, one row per
-- file, so the next export of one article can tell which files it must
-- rewrite without rendering the rest of the site again. Rows are the
-- exporter's memory, not the truth: a file changed on disk behind its
-- back stays changed until an export with --full renders every page.
--
-- site:    absolute path of the site folder
-- path:    slash-separated path inside it ("politics/budget/index.html")
-- hash:    SHA-256 fingerprint of what the file was made from
--          (export.Mark): the article's version and place, the listed
--          headlines, the settings and templates
-- article: the article whose page or image this is; NULL for pages many
--          articles share (lists, feed, sitemaps, assets)
CREATE TABLE site_files (
	site    TEXT    NOT NULL,
	path    TEXT    NOT NULL,
	hash    BLOB    NOT NULL,
	article INTEGER,
	PRIMARY KEY (site, path)
) WITHOUT ROWID;
CREATE INDEX site_files_article ON site_files (site, article);
