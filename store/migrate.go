package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// migrations are applied in order; migration i brings PRAGMA user_version
// from i to i+1. Never edit a released migration: append a new one.
var migrations = []string{
	schemaV1,
	schemaV2,
	schemaV3,
	schemaV4,
	schemaV5,
	schemaV6,
	schemaV7,
	schemaV8,
}

// schemaV1 is the first schema.
//
// Times are Unix milliseconds (0 = unknown). Feeds are never hard-deleted
// while they still own starred articles: RemoveFeed marks them removed, and
// such a row is revived if the user subscribes again.
const schemaV1 = `
CREATE TABLE feeds (
	id            INTEGER PRIMARY KEY,
	url           TEXT    NOT NULL UNIQUE,
	user_title    TEXT    NOT NULL DEFAULT '', -- from config/OPML; wins over feed_title
	feed_title    TEXT    NOT NULL DEFAULT '', -- from the feed document
	site_link     TEXT    NOT NULL DEFAULT '',
	tags          TEXT    NOT NULL DEFAULT '[]', -- JSON array of strings
	etag          TEXT    NOT NULL DEFAULT '',
	last_modified TEXT    NOT NULL DEFAULT '',
	last_fetch    INTEGER NOT NULL DEFAULT 0,
	last_success  INTEGER NOT NULL DEFAULT 0,
	last_error    TEXT    NOT NULL DEFAULT '',
	failures      INTEGER NOT NULL DEFAULT 0,
	gone          INTEGER NOT NULL DEFAULT 0,
	removed       INTEGER NOT NULL DEFAULT 0,
	created       INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE articles (
	id                INTEGER PRIMARY KEY,
	feed_id           INTEGER NOT NULL REFERENCES feeds(id),
	guid_key          TEXT    NOT NULL,
	link              TEXT    NOT NULL DEFAULT '',
	title             TEXT    NOT NULL DEFAULT '',
	author            TEXT    NOT NULL DEFAULT '',
	published         INTEGER NOT NULL,
	updated           INTEGER NOT NULL DEFAULT 0,
	fetched           INTEGER NOT NULL,
	html              TEXT    NOT NULL DEFAULT '',
	markdown          TEXT    NOT NULL DEFAULT '',
	briefing          BLOB,
	extractor_version INTEGER NOT NULL DEFAULT 0,
	read              INTEGER NOT NULL DEFAULT 0,
	starred           INTEGER NOT NULL DEFAULT 0,
	digest            BLOB, -- hash of the fetched content, to skip no-op updates
	UNIQUE (feed_id, guid_key)
) STRICT;

-- Newest first over everything, and over one feed.
CREATE INDEX articles_by_published ON articles(published, id);
CREATE INDEX articles_by_feed ON articles(feed_id, published, id);
-- Partial indices: the unread and starred views (and unread counts) walk
-- only the rows they show.
CREATE INDEX articles_unread ON articles(published, id) WHERE read = 0;
CREATE INDEX articles_feed_unread ON articles(feed_id, published, id) WHERE read = 0;
CREATE INDEX articles_starred ON articles(published, id) WHERE starred = 1;
CREATE INDEX articles_by_extractor ON articles(extractor_version);

-- One row per (article, symbol). published is copied from the article so
-- that "articles naming BABA, newest first" and "mentions of BABA per day"
-- are answered from the symbol index alone.
CREATE TABLE article_tickers (
	article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	symbol     TEXT    NOT NULL COLLATE NOCASE,
	exchange   TEXT    NOT NULL DEFAULT '',
	name       TEXT    NOT NULL DEFAULT '',
	mentions   INTEGER NOT NULL DEFAULT 0,
	signal     TEXT    NOT NULL DEFAULT '',
	is_primary INTEGER NOT NULL DEFAULT 0,
	published  INTEGER NOT NULL,
	PRIMARY KEY (article_id, symbol)
) STRICT, WITHOUT ROWID;

CREATE INDEX article_tickers_by_symbol ON article_tickers(symbol, published, article_id, mentions);

-- GUID keys of articles removed by retention, so that a feed still carrying
-- them does not bring them back as new and unread. A tombstone the feed has
-- not shown for a while is dropped by Prune.
CREATE TABLE pruned (
	feed_id  INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
	guid_key TEXT    NOT NULL,
	seen     INTEGER NOT NULL,
	PRIMARY KEY (feed_id, guid_key)
) STRICT, WITHOUT ROWID;

-- Full-text index over title and markdown body, ranked by bm25 with
-- title matches weighing ten times body matches. External content: the
-- text lives once, in articles.
--
-- SaveFetch indexes new and edited articles itself, with one statement per
-- fetch. An insert trigger would index row by row, and FTS5 writes its
-- pending data out as a new segment at every statement savepoint, so a
-- fetch of 50 articles made 50 tiny segments to merge: ten times slower.
-- Deletions go through the trigger: they come in one statement per batch.
CREATE VIRTUAL TABLE articles_fts USING fts5(
	title, markdown,
	content = 'articles', content_rowid = 'id',
	tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, title, markdown) VALUES ('delete', old.id, old.title, old.markdown);
END;
`

// schemaV2 makes full-text indexing lazy. Indexing inside the fetch was a
// third of the writer's time, and the writer is the one serial stage of an
// ingest; most fetched articles are never searched for. Saved articles are
// queued in fts_pending and indexed in one statement by IndexPending, which
// Search (and the reader, in the background) call first, so a search still
// sees everything fetched.
//
// An article still queued is not in the index, and FTS5 must never be told
// to delete what it does not hold (that damages an external-content index),
// so the delete trigger skips queued rows and drops them from the queue.
const schemaV2 = `
CREATE TABLE fts_pending (
	id INTEGER PRIMARY KEY -- articles.id, saved but not yet indexed
) STRICT;

DROP TRIGGER articles_fts_delete;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, title, markdown)
		SELECT 'delete', old.id, old.title, old.markdown
		WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE id = old.id);
	DELETE FROM fts_pending WHERE id = old.id;
END;
`

// identitySQL reads what tells a brief database from any other.
const identitySQL = `SELECT
	(SELECT application_id FROM pragma_application_id),
	(SELECT user_version FROM pragma_user_version),
	(SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite\_%' ESCAPE '\')`

// migrate applies the missing migrations, each in its own IMMEDIATE
// transaction. The version is re-read inside the transaction, so two
// processes opening a new database at once apply each migration once.
func (s *Store) migrate(ctx context.Context, upgrading func(from, to int)) error {
	// An up-to-date database, the usual case, needs no write lock: the
	// reader starting while a fetch is writing does not wait for it.
	var appID, version, tables int
	if err := s.w.QueryRowContext(ctx, identitySQL).Scan(&appID, &version, &tables); err != nil {
		return fmt.Errorf("open database %s: %w", s.path, err)
	}
	if err := checkIdentity(s.path, appID, version, tables); err != nil {
		return err
	}
	if version == len(migrations) {
		return nil
	}
	if version > 0 && upgrading != nil {
		upgrading(version, len(migrations))
	}
	for {
		done, err := s.migrateOne(ctx)
		if err != nil {
			return err
		}
		if done {
			return nil
		}
	}
}

func (s *Store) migrateOne(ctx context.Context) (done bool, err error) {
	err = s.writeTx(ctx, func(tx *sql.Tx) error {
		var appID, version, tables int
		if err := tx.QueryRowContext(ctx, identitySQL).Scan(&appID, &version, &tables); err != nil {
			return err
		}
		// Another process may have migrated, or the file changed, since.
		if err := checkIdentity(s.path, appID, version, tables); err != nil {
			return err
		}
		if version == len(migrations) {
			done = true
			return nil
		}
		if _, err := tx.ExecContext(ctx, migrations[version]); err != nil {
			return fmt.Errorf("upgrade database %s to schema %d: %w", s.path, version+1, err)
		}
		// PRAGMA takes no bound parameters; both numbers are our own.
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d; PRAGMA user_version = %d",
			applicationID, version+1)); err != nil {
			return fmt.Errorf("upgrade database %s to schema %d: %w", s.path, version+1, err)
		}
		return nil
	})
	if errors.Is(err, ErrNotBrief) || errors.Is(err, ErrTooNew) {
		return false, err // already names the file
	}
	if err != nil {
		return false, fmt.Errorf("open database %s: %w", s.path, err)
	}
	return done, nil
}

// schemaV3 groups copies of one story across feeds (package story).
//
// articles.story is 0 for an article that heads its story (alone, or the
// first copy seen) and the head's id for every other copy, so that one row
// per story is "story = 0" and a story's copies are "story = head". Reading
// or starring a story writes every copy, so the head's flags are the
// story's. story_keyed is 1 once the article's lookup keys are in
// story_keys; articles saved before this schema get theirs from
// BackfillStories.
//
// When a head goes (retention), the trigger makes its oldest remaining copy
// the head of the rest. story is -1 only inside that trigger.
const schemaV3 = `
ALTER TABLE articles ADD COLUMN story INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN story_keyed INTEGER NOT NULL DEFAULT 0;
CREATE INDEX articles_by_story ON articles(story, published) WHERE story <> 0;

-- The list indices carry story, so that counting the stories of a view
-- ("story = 0") reads the index alone, as counting articles did.
DROP INDEX articles_by_published;
DROP INDEX articles_by_feed;
DROP INDEX articles_unread;
DROP INDEX articles_feed_unread;
DROP INDEX articles_starred;
CREATE INDEX articles_by_published ON articles(published, id, story);
CREATE INDEX articles_by_feed ON articles(feed_id, published, id, story);
CREATE INDEX articles_unread ON articles(published, id, story) WHERE read = 0;
CREATE INDEX articles_feed_unread ON articles(feed_id, published, id, story) WHERE read = 0;
CREATE INDEX articles_starred ON articles(published, id, story) WHERE starred = 1;
CREATE INDEX articles_unkeyed ON articles(id) WHERE story_keyed = 0;

CREATE TABLE story_keys (
	key        INTEGER NOT NULL,
	article_id INTEGER NOT NULL,
	PRIMARY KEY (key, article_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX story_keys_by_article ON story_keys(article_id);

CREATE TRIGGER articles_story_keys_delete AFTER DELETE ON articles BEGIN
	DELETE FROM story_keys WHERE article_id = old.id;
END;
-- The new head is marked -1 first, so that no step reads a row it writes.
CREATE TRIGGER articles_story_delete AFTER DELETE ON articles WHEN old.story = 0 BEGIN
	UPDATE articles SET story = -1 WHERE id = (SELECT min(id) FROM articles WHERE story <> 0 AND story = old.id);
	UPDATE articles SET story = (SELECT id FROM articles WHERE story <> 0 AND story = -1) WHERE story <> 0 AND story = old.id;
	UPDATE articles SET story = 0 WHERE story <> 0 AND story = -1;
END;
`

// schemaV4 lets a fetch skip work on what did not change. raw_digest is a
// digest of an article's fields as the feed gave them (see
// ingest.ItemDigest): an item that comes back with the same digest is not
// converted, extracted or written again. The index makes looking up one
// feed's digests read the index alone, never the rows and their bodies.
// body_digest is the digest of a feed's last document, so that a server
// that ignores validators but sends the same bytes costs no parse.
const schemaV4 = `
ALTER TABLE articles ADD COLUMN raw_digest BLOB;
ALTER TABLE feeds ADD COLUMN body_digest BLOB;
CREATE INDEX articles_raw_digest ON articles(feed_id, guid_key, raw_digest);
`

// schemaV5 keeps the state of syncing with a Miniflux or Google Reader API
// account (package remote); see sync.go.
//
// A synced feed is a feed whose remote column holds the server's id for
// it; brief never fetches it itself. sync_entries maps each entry the
// server sent to its article and records the read and starred state the
// server last reported; article_id turns NULL when retention drops the
// article, so that the entry is not downloaded again.
//
// sync_queue holds what was changed in brief and not yet sent, one row per
// entry and field with the latest value and when it was made (Unix ms).
// The triggers fill it: any change of read or starred on a synced article,
// by whatever path (a story's copies included), queues the new value, or
// drops the row when the value is back to what the server has. Synced
// articles' GUID keys start with "sync:" (RemoteGUIDPrefix), which the
// triggers test first: a look-up in sync_entries for every row made
// marking 100,000 articles read 10-15% slower; the prefix costs nothing.
// sync_state holds the account, the cursors and the last outcome.
const schemaV5 = `
ALTER TABLE feeds ADD COLUMN remote TEXT NOT NULL DEFAULT '';

CREATE TABLE sync_entries (
	remote_id  TEXT    PRIMARY KEY,
	article_id INTEGER UNIQUE REFERENCES articles(id) ON DELETE SET NULL,
	read       INTEGER NOT NULL,
	starred    INTEGER NOT NULL,
	changed    INTEGER NOT NULL DEFAULT 0 -- the server's time of the state, 0 when it gives none
) STRICT;

CREATE TABLE sync_queue (
	remote_id TEXT    NOT NULL,
	field     TEXT    NOT NULL CHECK (field IN ('read', 'starred')),
	value     INTEGER NOT NULL,
	at        INTEGER NOT NULL,
	PRIMARY KEY (remote_id, field)
) STRICT, WITHOUT ROWID;

CREATE TABLE sync_state (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TRIGGER articles_sync_read AFTER UPDATE OF read ON articles
WHEN old.read <> new.read AND substr(new.guid_key, 1, 5) = 'sync:'
BEGIN
	DELETE FROM sync_queue WHERE field = 'read'
		AND remote_id = (SELECT remote_id FROM sync_entries WHERE article_id = new.id);
	INSERT INTO sync_queue (remote_id, field, value, at)
		SELECT remote_id, 'read', new.read, CAST(unixepoch('subsec') * 1000 AS INTEGER)
		FROM sync_entries WHERE article_id = new.id AND read <> new.read;
END;

CREATE TRIGGER articles_sync_starred AFTER UPDATE OF starred ON articles
WHEN old.starred <> new.starred AND substr(new.guid_key, 1, 5) = 'sync:'
BEGIN
	DELETE FROM sync_queue WHERE field = 'starred'
		AND remote_id = (SELECT remote_id FROM sync_entries WHERE article_id = new.id);
	INSERT INTO sync_queue (remote_id, field, value, at)
		SELECT remote_id, 'starred', new.starred, CAST(unixepoch('subsec') * 1000 AS INTEGER)
		FROM sync_entries WHERE article_id = new.id AND starred <> new.starred;
END;
`

// schemaV6 keeps an article's ticker symbols in its own row as well, in
// the order the list shows them (primary first, then by mentions, then by
// symbol) joined by tickerSep, the empty string when it has none. A
// screenful of the list then reads no article_tickers pages: they were a
// third of the pages of the reader's first read. Rows saved before this column are NULL and
// listed from article_tickers as before; rewriting every row at the
// upgrade would copy the whole database through the log.
//
// articles_filings holds the articles whose link names sec.gov or edgar:
// the filings (isFiling decides) and little else. The news about a
// company finds its filings of the day there (Related) instead of reading
// every article that names the company that day.
const schemaV6 = `
ALTER TABLE articles ADD COLUMN tickers TEXT;
CREATE INDEX articles_filings ON articles(published, story)
	WHERE (instr(lower(link), 'sec.gov') > 0 OR instr(lower(link), 'edgar') > 0);
`

// schemaV7 keeps article_tickers to what its queries read: the symbol,
// mentions, whether it is primary, and the date. An article's tickers as
// the reader shows them (with exchange, name and the signal that found
// each) are one row of ticker_info, whose info is tickerInfo's encoding.
// A fetch writes about five ticker rows an article and one info row; the
// narrower rows, with no foreign key to check, cost the single writer a
// third less than the old ones did. Deleting an article deletes both by
// trigger.
const schemaV7 = `
CREATE TABLE ticker_info (
	article_id INTEGER PRIMARY KEY,
	info       TEXT NOT NULL
) STRICT;
INSERT INTO ticker_info (article_id, info)
	SELECT article_id, group_concat(
		replace(replace(symbol, char(30), ''), char(31), '') || char(31) ||
		replace(replace(exchange, char(30), ''), char(31), '') || char(31) ||
		replace(replace(name, char(30), ''), char(31), '') || char(31) ||
		mentions || char(31) ||
		replace(replace(signal, char(30), ''), char(31), '') || char(31) ||
		is_primary,
		char(30) ORDER BY is_primary DESC, mentions DESC, symbol)
	FROM article_tickers GROUP BY article_id;

CREATE TABLE article_tickers_v7 (
	article_id INTEGER NOT NULL,
	symbol     TEXT    NOT NULL COLLATE NOCASE,
	mentions   INTEGER NOT NULL DEFAULT 0,
	is_primary INTEGER NOT NULL DEFAULT 0,
	published  INTEGER NOT NULL,
	PRIMARY KEY (article_id, symbol)
) STRICT, WITHOUT ROWID;
INSERT INTO article_tickers_v7 (article_id, symbol, mentions, is_primary, published)
	SELECT article_id, symbol, mentions, is_primary, published FROM article_tickers;
DROP TABLE article_tickers;
ALTER TABLE article_tickers_v7 RENAME TO article_tickers;
CREATE INDEX article_tickers_by_symbol ON article_tickers(symbol, published, article_id, mentions);

CREATE TRIGGER articles_tickers_delete AFTER DELETE ON articles BEGIN
	DELETE FROM article_tickers WHERE article_id = old.id;
	DELETE FROM ticker_info WHERE article_id = old.id;
END;
`

// schemaV8 lets the list of stories read each head's date from an index
// of its own. Listing the stories of all time looks up the head of every
// story with several sources; on a large database those heads' table
// pages are far more than a reader's cache holds, so every page listed
// read them from the file again. The index is small, and it grows at its
// end, as ids do.
const schemaV8 = `
CREATE INDEX articles_published_by_id ON articles(id, published);
`
