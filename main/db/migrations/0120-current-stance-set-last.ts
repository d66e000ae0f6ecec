import type { Migration } from './migration';

/**
 * The current stance of a subject toward a topic is the one the user set last (created_at, then id),
 * no longer the one with the latest `set_at`. `set_at` held a copy of a quote's said-at taken when
 * the stance was set, so after the said-at was edited the user's newest choice could be stored as
 * "earlier" and ignored (issue 4). StanceService decides "current" the same way (NEWER_STANCE_SQL).
 *
 * search_current_stances is re-derived in that order, and the stance triggers of 0080 are replaced
 * by ones with the new order (the subject rowid kept as 0080 keeps it). Nothing else changes: a
 * stance's date is read from its quote or article when shown. A shipped migration is never edited.
 */
const SUBJECT_TABLES = { quote: 'quotes', article: 'articles', speaker: 'speakers' } as const;

const subjectRowid = (type: string, id: string) =>
  `CASE ${type} ${Object.entries(SUBJECT_TABLES).map(([t, table]) => `WHEN '${t}' THEN (SELECT rowid FROM ${table} WHERE id = ${id})`).join(' ')} END`;

const recompute = (subject: string, topic: string) => `
  DELETE FROM search_current_stances WHERE subject_id = ${subject} AND topic_id = ${topic};
  INSERT INTO search_current_stances (subject_id, topic_id, subject_type, value, subject_rowid)
    SELECT subject_id, topic_id, subject_type, value, ${subjectRowid('subject_type', 'subject_id')} FROM stances
    WHERE subject_id = ${subject} AND topic_id = ${topic} AND deleted_at IS NULL
    ORDER BY created_at DESC, id DESC LIMIT 1;`;

export const migration0120: Migration = {
  version: 120,
  name: 'current-stance-set-last',
  up(db) {
    db.exec(`
      DROP TRIGGER search_stances_ai;
      DROP TRIGGER search_stances_ad;
      DROP TRIGGER search_stances_au;
      CREATE TRIGGER search_stances_ai AFTER INSERT ON stances BEGIN ${recompute('new.subject_id', 'new.topic_id')}
      END;
      CREATE TRIGGER search_stances_ad AFTER DELETE ON stances BEGIN ${recompute('old.subject_id', 'old.topic_id')}
      END;
      CREATE TRIGGER search_stances_au AFTER UPDATE ON stances BEGIN ${recompute('old.subject_id', 'old.topic_id')}
        ${recompute('new.subject_id', 'new.topic_id')}
      END;

      DELETE FROM search_current_stances;
      INSERT INTO search_current_stances (subject_id, topic_id, subject_type, value, subject_rowid)
        SELECT subject_id, topic_id, subject_type, value, ${subjectRowid('subject_type', 'subject_id')} FROM (
          SELECT *, row_number() OVER (PARTITION BY subject_id, topic_id ORDER BY created_at DESC, id DESC) AS n
          FROM stances WHERE deleted_at IS NULL)
        WHERE n = 1;
    `);
  },
};
