import type { Migration } from './migration';
import { ARTICLE_HOST_SQL } from './0070-search-filter-indexes';

/**
 * Structures that let a search answer from small indexes instead of large rows, measured on
 * the 100k-article benchmark library (bench/search-profile.ts):
 *
 * - `articles_title_fts`: article titles in their own FTS5 index. Beyond the ranking window the
 *   search adds the matches with the words in their title (run-type.ts); asked of `articles_fts`
 *   with a column filter, FTS5 still walks the word's whole doclist (every article saying "here")
 *   and decodes positions to find the title ones: 4 to 13 ms a search. A title index holds only
 *   titles, so the same question reads a few hundred entries. Same tokenizer as `articles_fts`, so
 *   a compiled query means the same words in both; external content over the same view, so the
 *   trash is left out the same way.
 * - `search_current_stances_rowid`: finds an item's current stances by its rowid, so a `stance:` or
 *   `topic:` filter can be checked on a word match without reading the item row (a quote row is
 *   its text, note and offsets; four times the cost of the probe).
 * - `search_quote_facts` and `search_article_facts`: per item rowid, what filters ask of it (the
 *   date `before:`/`after:` compare; the site name and host `site:` compares, a quote's being its
 *   article's), in rows of a few dozen bytes. Checking a filter on a match read the whole item row
 *   before: a quote's text and offsets, an article's text and HTML. Live and trashed items alike
 *   (the word indexes leave the trash out). The date expressions are the search's (type-specs.ts
 *   dateSql, on `x`); `sourcebook check` compares the facts with their items.
 *
 * Foreign keys are always on (open-database.ts), so a quote's article exists when the quote is
 * inserted, and deleting an article deletes its quotes (which runs the quote trigger); a change of
 * an article's site or address is copied to its quotes' facts.
 * A shipped migration is never edited: later changes go into a new migration.
 */
const TOKENIZE = "tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3'";
/** The item dates of type-specs.ts (dateSql), on a row alias. */
const QUOTE_DATE = (row: string) => `coalesce(${row}.said_at, ${row}.created_at)`;
const ARTICLE_DATE = (row: string) => `coalesce(${row}.published_at, ${row}.clipped_at)`;
const setQuoteFacts = `INSERT OR REPLACE INTO search_quote_facts (quote_rowid, date, site_name, host)
  SELECT new.rowid, ${QUOTE_DATE('new')}, site_name, ${ARTICLE_HOST_SQL('url')} FROM articles WHERE id = new.article_id;`;
const setArticleFacts = `INSERT OR REPLACE INTO search_article_facts (article_rowid, date, site_name, host)
  VALUES (new.rowid, ${ARTICLE_DATE('new')}, new.site_name, ${ARTICLE_HOST_SQL('new.url')});`;

export const migration0090: Migration = {
  version: 90,
  name: 'search-probes',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE articles_title_fts USING fts5(title, content = 'search_src_articles', content_rowid = 'rid', ${TOKENIZE});
      INSERT INTO articles_title_fts(articles_title_fts) VALUES ('rebuild');
      CREATE TRIGGER search_articles_title_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_title_fts(rowid, title) SELECT rid, title FROM search_src_articles WHERE rid = new.rowid;
      END;
      CREATE TRIGGER search_articles_title_ad AFTER DELETE ON articles WHEN old.deleted_at IS NULL BEGIN
        INSERT INTO articles_title_fts(articles_title_fts, rowid, title) VALUES ('delete', old.rowid, old.title);
      END;
      CREATE TRIGGER search_articles_title_au AFTER UPDATE ON articles
        WHEN old.title IS NOT new.title OR old.deleted_at IS NOT new.deleted_at
      BEGIN
        INSERT INTO articles_title_fts(articles_title_fts, rowid, title) SELECT 'delete', old.rowid, old.title WHERE old.deleted_at IS NULL;
        INSERT INTO articles_title_fts(rowid, title) SELECT rid, title FROM search_src_articles WHERE rid = new.rowid;
      END;

      CREATE INDEX search_current_stances_rowid ON search_current_stances(subject_rowid, subject_type, value, topic_id);

      CREATE TABLE search_quote_facts (
        quote_rowid INTEGER PRIMARY KEY,
        date TEXT,
        site_name TEXT,
        host TEXT NOT NULL
      );
      INSERT INTO search_quote_facts (quote_rowid, date, site_name, host)
        SELECT q.rowid, ${QUOTE_DATE('q')}, a.site_name, ${ARTICLE_HOST_SQL('a.url')} FROM quotes q JOIN articles a ON a.id = q.article_id;
      CREATE TRIGGER search_quote_facts_ai AFTER INSERT ON quotes BEGIN ${setQuoteFacts}
      END;
      CREATE TRIGGER search_quote_facts_au AFTER UPDATE OF article_id, said_at, created_at ON quotes BEGIN ${setQuoteFacts}
      END;
      CREATE TRIGGER search_quote_facts_ad AFTER DELETE ON quotes BEGIN
        DELETE FROM search_quote_facts WHERE quote_rowid = old.rowid;
      END;

      CREATE TABLE search_article_facts (
        article_rowid INTEGER PRIMARY KEY,
        date TEXT,
        site_name TEXT,
        host TEXT NOT NULL
      );
      INSERT INTO search_article_facts (article_rowid, date, site_name, host)
        SELECT rowid, ${ARTICLE_DATE('articles')}, site_name, ${ARTICLE_HOST_SQL('url')} FROM articles;
      CREATE TRIGGER search_article_facts_ai AFTER INSERT ON articles BEGIN ${setArticleFacts}
      END;
      CREATE TRIGGER search_article_facts_au AFTER UPDATE OF published_at, clipped_at, site_name, url ON articles BEGIN ${setArticleFacts}
        UPDATE search_quote_facts SET site_name = new.site_name, host = ${ARTICLE_HOST_SQL('new.url')}
          WHERE quote_rowid IN (SELECT rowid FROM quotes WHERE article_id = new.id);
      END;
      CREATE TRIGGER search_article_facts_ad AFTER DELETE ON articles BEGIN
        DELETE FROM search_article_facts WHERE article_rowid = old.rowid;
      END;
    `);
  },
};
