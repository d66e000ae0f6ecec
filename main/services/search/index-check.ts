import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { resolveNativeBinding } from '../../db/native-binding';
import { ARTICLE_HOST_SQL } from '../../db/migrations/0070-search-filter-indexes';
import { TAGGED_ROWID } from '../../db/migrations/0140-search-tagged';
import { NEWER_STANCE_SQL } from '../stance-service';
import { catchUpPairs, PAIR_INDEXES } from '../../db/phrase-pairs';
import { loadRankExtension } from '../../db/rank-extension';

/** Every FTS5 index kept by the search triggers. */
export const SEARCH_INDEXES = [
  'articles_fts', 'articles_title_fts', 'quotes_fts', 'notes_fts', 'topics_fts', 'speakers_fts',
  'articles_tri', 'quotes_tri', 'notes_tri', 'speakers_tri',
] as const;

/** A stance subject's rowid in its own table, as migrations 0080 and 0120 keep it. */
const SUBJECT_ROWID = `CASE st.subject_type WHEN 'quote' THEN (SELECT rowid FROM quotes WHERE id = st.subject_id)
  WHEN 'article' THEN (SELECT rowid FROM articles WHERE id = st.subject_id) WHEN 'speaker' THEN (SELECT rowid FROM speakers WHERE id = st.subject_id) END`;

/**
 * The per-rowid facts of migrations 0090 and 0160, the taggings by rowid of 0140, the current
 * stances as filter sets by rowid (0170), and the current stance of each subject toward each topic
 * (0120: the live one set last, as StanceService decides it), each as stored and as recomputed
 * from the item tables.
 */
const SEARCH_FACTS = {
  search_quote_facts: [
    'SELECT quote_rowid, date, site_name, host, speaker_rowid FROM search_quote_facts',
    `SELECT q.rowid, coalesce(q.said_at, q.created_at), a.site_name, ${ARTICLE_HOST_SQL('a.url')}, s.rowid
      FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN speakers s ON s.id = q.speaker_id`,
  ],
  search_article_facts: [
    'SELECT article_rowid, date, site_name, host FROM search_article_facts',
    `SELECT rowid, coalesce(published_at, clipped_at), site_name, ${ARTICLE_HOST_SQL('url')} FROM articles`,
  ],
  search_tagged: [
    'SELECT tag_id, item_type, item_rowid FROM search_tagged',
    `SELECT tg.tag_id, i.type, ${TAGGED_ROWID('i.type', 'tg.item_id')} AS rid FROM taggings tg JOIN items i ON i.id = tg.item_id WHERE rid IS NOT NULL`,
  ],
  search_stance_sets: [
    'SELECT subject_type, value, topic_rowid, subject_rowid FROM search_stance_sets',
    `SELECT cs.subject_type, cs.value, t.rowid, cs.subject_rowid FROM search_current_stances cs JOIN topics t ON t.id = cs.topic_id
      WHERE cs.subject_rowid IS NOT NULL`,
  ],
  search_current_stances: [
    'SELECT subject_id, topic_id, subject_type, value, subject_rowid FROM search_current_stances',
    `SELECT st.subject_id, st.topic_id, st.subject_type, st.value, ${SUBJECT_ROWID} FROM stances st
      WHERE st.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM stances newer WHERE newer.subject_id = st.subject_id
        AND newer.topic_id = st.topic_id AND newer.deleted_at IS NULL AND ${NEWER_STANCE_SQL('newer', 'st')})`,
  ],
} as const;

/**
 * The search facts tables whose rows differ from their recomputation (triggers keep them in step;
 * a difference would make `site:`, date, `tag:`, `stance:` and `topic:` filters answer wrongly). Two
 * EXCEPTs per table in SQLite: about a second at 100k articles and 500k quotes. Used by
 * `sourcebook check`.
 */
export function searchFactsDrift(db: Database): string[] {
  return Object.entries(SEARCH_FACTS)
    .filter(([, [stored, expected]]) => db.prepare(`SELECT EXISTS (${stored} EXCEPT ${expected}) OR EXISTS (${expected} EXCEPT ${stored})`).pluck().get() === 1)
    .map(([table]) => table);
}

type Instance = [term: string, doc: number, col: string, offset: number];

/**
 * Whether FTS5 index `table` holds the same entries in `live` as in `rebuilt` (every word at every
 * position of every row: fts5vocab's instances, which both list in the same order, term by term,
 * row by row), rows in `skip` left out. Read side by side a row at a time: 20k articles are 16
 * million instances, which held as strings ran a 4 GB heap out of memory.
 */
function sameInstances(live: Database, rebuilt: Database, table: string, skip?: ReadonlySet<number>): boolean {
  const vocab = `temp.check_${table}`;
  const dbs = [live, rebuilt];
  for (const db of dbs) db.exec(`DROP TABLE IF EXISTS ${vocab}; CREATE VIRTUAL TABLE ${vocab} USING fts5vocab(main, ${table}, instance)`);
  const [a, b] = dbs.map((db) => db.prepare(`SELECT term, doc, col, offset FROM ${vocab}`).raw().iterate() as IterableIterator<Instance>);
  const next = (rows: IterableIterator<Instance>): Instance | null => {
    for (;;) {
      const row = rows.next();
      if (row.done) return null;
      if (!skip?.has(row.value[1])) return row.value;
    }
  };
  try {
    for (;;) {
      const [x, y] = [next(a!), next(b!)];
      if (x === null || y === null) return x === y;
      if (x[0] !== y[0] || x[1] !== y[1] || x[2] !== y[2] || x[3] !== y[3]) return false;
    }
  } finally {
    // The statements end before their tables go.
    a!.return?.();
    b!.return?.();
    for (const db of dbs) db.exec(`DROP TABLE ${vocab}`);
  }
}

/**
 * The pair indexes (migration 0150) whose pairs differ from a refill of every row on `copy` (a copy
 * of `db`), leaving out rows `db` still has stale. None where the extension will not load.
 */
function pairDrift(db: Database, copy: Database): string[] {
  if (!loadRankExtension(copy)) return [];
  return Object.values(PAIR_INDEXES).flatMap((index) => {
    const stale = new Set(db.prepare(`SELECT rid FROM ${index.stale}`).pluck().all() as number[]);
    copy.exec(`INSERT INTO ${index.pairs}(${index.pairs}) VALUES ('delete-all');
      DELETE FROM ${index.stale}; INSERT INTO ${index.stale}(rid) SELECT rid FROM ${index.view};`);
    while (catchUpPairs(copy, 10_000) > 0);
    return sameInstances(db, copy, index.pairs, stale) ? [] : [index.pairs];
  });
}

/**
 * Compare every search index with one rebuilt from scratch on a copy of the file: the strongest
 * check that triggers kept it in step (FTS5's own integrity-check does not notice extra rows of an
 * external-content index); and the search facts with their recomputation. Returns the tables that
 * differ. For tests and diagnostics; reads a copy.
 */
export function searchIndexDrift(db: Database): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-index-check-'));
  const copyPath = path.join(dir, 'copy.db');
  try {
    db.prepare('VACUUM INTO ?').run(copyPath);
    const nativeBinding = resolveNativeBinding();
    const copy = new BetterSqlite3(copyPath, nativeBinding ? { nativeBinding } : {});
    try {
      const drift: string[] = [];
      for (const table of SEARCH_INDEXES) {
        copy.exec(`INSERT INTO ${table}(${table}) VALUES ('rebuild')`);
        if (!sameInstances(db, copy, table)) drift.push(table);
      }
      return [...drift, ...pairDrift(db, copy), ...searchFactsDrift(db)];
    } finally {
      copy.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
