import type { Migration } from './migration';

/**
 * The stance sets of 0170 by subject: the facets read the current stances of a search's best
 * matches (facets.ts) by type and rowid. Read from 0090's index on search_current_stances, each
 * entry also carries the topic's UUID: 4,221 pages for 160k stances in the 100k-article benchmark
 * library, nearly all of which (3,985) the 240 benchmark searches read. This index holds type,
 * rowid, value and topic rowid (the table's key, so it covers the facet's statement): about a
 * quarter of the pages. Kept by SQLite with 0170's table. A shipped migration is never edited.
 */
export const migration0190: Migration = {
  version: 190,
  name: 'stance-sets-by-subject',
  up(db) {
    db.exec('CREATE INDEX search_stance_sets_subject ON search_stance_sets(subject_type, subject_rowid)');
  },
};
