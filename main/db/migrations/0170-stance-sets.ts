import type { Migration } from './migration';

/**
 * The current stances (search_current_stances, migrations 0020–0120) again, as small rows for
 * `stance:` filters: type, value, the topic's rowid and the subject's rowid, in that key order.
 * A filter reads the rowids of one type's items with a stance, toward live topics, into a bitmap
 * (run-type.ts). Read from search_current_stances' index, each entry also carries the subject's
 * and the topic's UUIDs (the table's key): 4,243 pages for 160k stances in the 100k-article
 * benchmark library, against 1,056 here; `stance:supports` over 500k quotes read in 4–18 ms
 * (the first time in a process), 2–3 ms from here.
 *
 * Kept by triggers on search_current_stances, which the stance and item triggers keep: a row here
 * for each current stance whose subject has a rowid. A topic deleted for good takes its rows with
 * it, whichever of its stances' triggers ran first (its rowid could be given to a new topic).
 * `sourcebook check` compares this table with search_current_stances (index-check.ts). A shipped
 * migration is never edited: later changes go into a new migration.
 */
const insertSet = (row: 'new') => `INSERT OR IGNORE INTO search_stance_sets (subject_type, value, topic_rowid, subject_rowid)
    SELECT ${row}.subject_type, ${row}.value, rowid, ${row}.subject_rowid FROM topics WHERE id = ${row}.topic_id AND ${row}.subject_rowid IS NOT NULL;`;
const deleteSet = (row: 'old') => `DELETE FROM search_stance_sets WHERE subject_type = ${row}.subject_type AND value = ${row}.value
    AND subject_rowid = ${row}.subject_rowid AND topic_rowid = (SELECT rowid FROM topics WHERE id = ${row}.topic_id);`;

export const migration0170: Migration = {
  version: 170,
  name: 'stance-sets',
  up(db) {
    db.exec(`
      CREATE TABLE search_stance_sets (
        subject_type TEXT NOT NULL,
        value TEXT NOT NULL,
        topic_rowid INTEGER NOT NULL,
        subject_rowid INTEGER NOT NULL,
        PRIMARY KEY (subject_type, value, topic_rowid, subject_rowid)
      ) WITHOUT ROWID;
      INSERT OR IGNORE INTO search_stance_sets (subject_type, value, topic_rowid, subject_rowid)
        SELECT cs.subject_type, cs.value, t.rowid, cs.subject_rowid FROM search_current_stances cs JOIN topics t ON t.id = cs.topic_id
        WHERE cs.subject_rowid IS NOT NULL;
      CREATE TRIGGER search_stance_sets_ai AFTER INSERT ON search_current_stances BEGIN
        ${insertSet('new')}
      END;
      CREATE TRIGGER search_stance_sets_ad AFTER DELETE ON search_current_stances BEGIN
        ${deleteSet('old')}
      END;
      CREATE TRIGGER search_stance_sets_au AFTER UPDATE ON search_current_stances BEGIN
        ${deleteSet('old')}
        ${insertSet('new')}
      END;
      CREATE TRIGGER search_stance_sets_topic_ad AFTER DELETE ON topics BEGIN
        DELETE FROM search_stance_sets WHERE topic_rowid = old.rowid;
      END;
    `);
  },
};
