import type { Migration } from './migration';

/**
 * The document counts of the big word indexes' common words, kept between processes
 * (main/services/search/common-terms.ts): FTS5 stores no count per word, and counting one walks
 * its whole doclist (1.5 ms for "that" over 500k quotes), on each word's first search in every
 * process. Derived data, rebuilt from the indexes whenever it is stale or missing: nothing else
 * reads or writes it, and a library without rows here searches as before.
 * - `search_common_terms`: every stem (`term`, as fts5vocab gives it) of the index `fts` that was
 *   in at least `min_docs` of its documents when counted, with that count;
 * - `search_common_terms_state`: one row per index counted: the item table's highest rowid when
 *   counted (`up_to`: rows above it are counted live), its live rows then, the threshold, the time.
 * A shipped migration is never edited.
 */
export const migration0200: Migration = {
  version: 200,
  name: 'common-terms',
  up(db) {
    db.exec(`
      CREATE TABLE search_common_terms (
        fts TEXT NOT NULL,
        term TEXT NOT NULL,
        docs INTEGER NOT NULL,
        PRIMARY KEY (fts, term)
      ) WITHOUT ROWID;
      CREATE TABLE search_common_terms_state (
        fts TEXT PRIMARY KEY,
        up_to INTEGER NOT NULL,
        rows INTEGER NOT NULL,
        min_docs INTEGER NOT NULL,
        counted_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
