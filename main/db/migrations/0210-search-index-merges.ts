import type { Migration } from './migration';

/**
 * When the app last merged each search index into one segment in the background
 * (main/services/search/index-merge.ts) or `sourcebook optimize` did: a full merge rewrites the
 * whole index, so it is done at most once a week per index. Derived data: a library without rows
 * here is merged when its indexes next need it. A shipped migration is never edited.
 */
export const migration0210: Migration = {
  version: 210,
  name: 'search-index-merges',
  up(db) {
    db.exec(`
      CREATE TABLE search_index_merges (
        fts TEXT PRIMARY KEY,
        merged_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
