import type { Migration } from './migration';

/**
 * Indexes that let the article list page through 100k rows in order without sorting the whole
 * table for every page: the live-row filter (deleted_at IS NULL) first, then each sort key, then
 * the id tie-break the list uses. Measured on 100k articles: first page 214 ms → a few ms.
 */
export const migration0050: Migration = {
  version: 50,
  name: 'list-indexes',
  up(db) {
    db.exec(`
      DROP INDEX IF EXISTS articles_deleted_at;
      CREATE INDEX articles_live_clipped ON articles(deleted_at, clipped_at, id);
      CREATE INDEX articles_live_published ON articles(deleted_at, coalesce(published_at, clipped_at), id);
      CREATE INDEX articles_live_title ON articles(deleted_at, title COLLATE NOCASE, id);
      CREATE INDEX quotes_live_created ON quotes(deleted_at, created_at, id);
    `);
  },
};
