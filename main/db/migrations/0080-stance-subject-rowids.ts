import type { Migration } from './migration';

/**
 * The rowid of each current stance's subject (quote, article or speaker), kept beside its id in
 * search_current_stances, with covering indexes: `stance:` and `topic:` filters read the matching
 * items' rowids straight from an index, as the search wants them. Before, each subject id was looked
 * up in its table — 30 ms for the 20,000 quotes with a stance on one topic in the 100k-article
 * benchmark library (bench/search-profile.ts).
 *
 * Kept right by triggers: the stance triggers of 0020 are replaced by ones that also fill the rowid,
 * and inserting or deleting a quote, article or speaker sets or clears it (a stance may arrive before
 * its subject during an import; a deleted subject's rowid may be reused by a new row).
 * A shipped migration is never edited: 0020's triggers are dropped and re-created here.
 */
const SUBJECT_TABLES = { quote: 'quotes', article: 'articles', speaker: 'speakers' } as const;

const subjectRowid = (type: string, id: string) =>
  `CASE ${type} ${Object.entries(SUBJECT_TABLES).map(([t, table]) => `WHEN '${t}' THEN (SELECT rowid FROM ${table} WHERE id = ${id})`).join(' ')} END`;

/** The newest live stance of (subject, topic), as 0020 computes it (set_at, created_at, id), now with the rowid. */
const recompute = (subject: string, topic: string) => `
  DELETE FROM search_current_stances WHERE subject_id = ${subject} AND topic_id = ${topic};
  INSERT INTO search_current_stances (subject_id, topic_id, subject_type, value, subject_rowid)
    SELECT subject_id, topic_id, subject_type, value, ${subjectRowid('subject_type', 'subject_id')} FROM stances
    WHERE subject_id = ${subject} AND topic_id = ${topic} AND deleted_at IS NULL
    ORDER BY set_at DESC, created_at DESC, id DESC LIMIT 1;`;

export const migration0080: Migration = {
  version: 80,
  name: 'stance-subject-rowids',
  up(db) {
    db.exec(`
      ALTER TABLE search_current_stances ADD COLUMN subject_rowid INTEGER;
      UPDATE search_current_stances SET subject_rowid = ${subjectRowid('subject_type', 'subject_id')};
      DROP INDEX IF EXISTS search_current_stances_value;
      DROP INDEX IF EXISTS search_current_stances_topic;
      CREATE INDEX search_current_stances_value ON search_current_stances(subject_type, value, topic_id, subject_rowid);
      CREATE INDEX search_current_stances_topic ON search_current_stances(topic_id, subject_type, value, subject_rowid);

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
      ${Object.values(SUBJECT_TABLES)
        .map(
          (table) => `
      CREATE TRIGGER search_stance_rowid_${table}_ai AFTER INSERT ON ${table} BEGIN
        UPDATE search_current_stances SET subject_rowid = new.rowid WHERE subject_id = new.id;
      END;
      CREATE TRIGGER search_stance_rowid_${table}_ad AFTER DELETE ON ${table} BEGIN
        UPDATE search_current_stances SET subject_rowid = NULL WHERE subject_id = old.id;
      END;`,
        )
        .join('\n')}
    `);
  },
};
