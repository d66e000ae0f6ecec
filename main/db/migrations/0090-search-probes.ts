import type { Migration } from './migration';

/**
 * Three structures that let a search answer from small indexes instead of large rows, measured on
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
 * - `search_quote_articles`: each live or trashed quote's article, by rowids only, for `site:` on
 *   quotes (a site is the article's); before, the check read every matching quote's row.
 *
 * Foreign keys are always on (open-database.ts), so a quote's article exists when the quote is
 * inserted, and deleting an article deletes its quotes (which runs the quote trigger).
 * A shipped migration is never edited: later changes go into a new migration.
 */
const TOKENIZE = "tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3'";

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

      CREATE TABLE search_quote_articles (
        quote_rowid INTEGER PRIMARY KEY,
        article_rowid INTEGER NOT NULL
      );
      INSERT INTO search_quote_articles (quote_rowid, article_rowid)
        SELECT q.rowid, a.rowid FROM quotes q JOIN articles a ON a.id = q.article_id;
      CREATE TRIGGER search_quote_articles_ai AFTER INSERT ON quotes BEGIN
        INSERT OR REPLACE INTO search_quote_articles (quote_rowid, article_rowid)
          SELECT new.rowid, rowid FROM articles WHERE id = new.article_id;
      END;
      CREATE TRIGGER search_quote_articles_au AFTER UPDATE OF article_id ON quotes BEGIN
        DELETE FROM search_quote_articles WHERE quote_rowid = old.rowid;
        INSERT OR REPLACE INTO search_quote_articles (quote_rowid, article_rowid)
          SELECT new.rowid, rowid FROM articles WHERE id = new.article_id;
      END;
      CREATE TRIGGER search_quote_articles_ad AFTER DELETE ON quotes BEGIN
        DELETE FROM search_quote_articles WHERE quote_rowid = old.rowid;
      END;
    `);
  },
};
