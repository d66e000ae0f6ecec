import type { Database, Statement } from 'better-sqlite3';
import type { SearchType } from '../../shared/search/query-ast';
import { hasRankFunction } from './rank-extension';
import { startBackgroundSteps, withoutWaitingForLock } from './background-steps';

/**
 * The pair indexes of migration 0150 (every two adjacent words of a row, one term each), and what
 * keeps them filled: the migration's triggers mark a changed row stale; a connection with the
 * search extension (which computes pairs: sourcebook_pairs) fills it at once through the TEMP
 * triggers added here, and catches up rows left stale by connections without it.
 */
export interface PairIndex {
  pairs: string;
  stale: string;
  /** The word index's content view and columns (migration 0020): pairs are taken from the same text. */
  view: string;
  columns: readonly string[];
}

export const PAIR_INDEXES: Partial<Record<SearchType, PairIndex>> = {
  article: { pairs: 'articles_pairs', stale: 'articles_pairs_stale', view: 'search_src_articles', columns: ['title', 'authors', 'site_name', 'text'] },
  quote: { pairs: 'quotes_pairs', stale: 'quotes_pairs_stale', view: 'search_src_quotes', columns: ['text', 'speaker', 'note'] },
};

/** A row's pairs: each column's apart, so that no pair spans two columns (a phrase never does). */
const pairTextSql = (index: PairIndex) => index.columns.map((c) => `sourcebook_pairs(${c})`).join(` || ' ' || `);

/**
 * The statements that fill the pairs of the stale rows `rows` picks (`= new.rid`, or `IN (…)`):
 * their old pairs out, their text's pairs in (none for a row gone or trashed), no longer stale.
 */
const refillSql = (index: PairIndex, rows: string) => [
  `DELETE FROM ${index.pairs} WHERE rowid ${rows}`,
  `INSERT INTO ${index.pairs}(rowid, pairs) SELECT rid, ${pairTextSql(index)} FROM ${index.view} WHERE rid ${rows}`,
  `DELETE FROM ${index.stale} WHERE rid ${rows}`,
];

/** Whether a row of `index` waits for its pairs: 1 or 0. */
export const staleRowsSql = (index: PairIndex) => `SELECT EXISTS (SELECT 1 FROM ${index.stale})`;

/**
 * Fills a row's pairs in the statement that marks it stale, on this connection: TEMP triggers,
 * which live as long as the connection and are never written to the file, so a connection without
 * the extension (which could not run them) never sees them. Nothing without the extension.
 */
export function fillPairsOnWrite(db: Database): void {
  if (!hasRankFunction(db)) return;
  for (const index of Object.values(PAIR_INDEXES)) {
    db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${index.pairs}_fill AFTER INSERT ON ${index.stale} BEGIN
      ${refillSql(index, '= new.rid').join(';\n')};
    END;`);
  }
}

/**
 * This module's few statements, prepared once per connection: the background catch-up runs them
 * every 30 ms while rows wait and once a minute after.
 */
const statementsByDb = new WeakMap<Database, Map<string, Statement>>();
function prepared(db: Database, sql: string): Statement {
  let statements = statementsByDb.get(db);
  if (!statements) statementsByDb.set(db, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement;
}

/**
 * Fills the pairs of up to `maxRows` stale rows (newest first), in one transaction; how many it
 * filled. 0 without the extension. A row takes about 0.8 ms for an 800-word article.
 */
export function catchUpPairs(db: Database, maxRows: number): number {
  if (!hasRankFunction(db) || !hasStalePairs(db)) return 0;
  let filled = 0;
  // IMMEDIATE: the write lock from the start, waited for (busy_timeout) while another process holds
  // it, rather than a read that must later become a write and may fail at once.
  db.transaction(() => {
    for (const index of Object.values(PAIR_INDEXES)) {
      if (filled >= maxRows) break;
      const rows = prepared(db, `SELECT rid FROM ${index.stale} ORDER BY rid DESC LIMIT ?`).pluck().all(maxRows - filled) as number[];
      if (rows.length === 0) continue;
      const list = JSON.stringify(rows);
      for (const sql of refillSql(index, 'IN (SELECT value FROM json_each(?))')) prepared(db, sql).run(list);
      filled += rows.length;
    }
  }).immediate();
  return filled;
}

/** Whether any row waits for its pairs (the search then finds phrases without the pair indexes). */
export function hasStalePairs(db: Database): boolean {
  return Object.values(PAIR_INDEXES).some((index) => prepared(db, staleRowsSql(index)).pluck().get() === 1);
}

const logToStderr = (error: unknown) => process.stderr.write(`sourcebook: filling phrase pairs failed, will retry: ${(error as Error).message}\n`);

/** Rows filled per step of the background catch-up: ~20 ms of an article's, so a request waits little. */
const CATCH_UP_ROWS = 25;
const CATCH_UP_PAUSE_MS = 30;
/** How often a caught-up library is looked at again (rows another process left stale). */
const CATCH_UP_RECHECK_MS = 60_000;
/** After a step found the library busy (a write elsewhere, a restore): soon again, quietly. */
const CATCH_UP_BUSY_MS = 1000;

/** A step of the background catch-up that never waits for the write lock: 'busy' if another connection holds it (withoutWaitingForLock). */
export const tryCatchUpPairs = (db: Database, maxRows: number): number | 'busy' => withoutWaitingForLock(db, () => catchUpPairs(db, maxRows));

/**
 * For the processes that stay open (the app, browser mode): fills stale pairs in small steps in
 * the background, as after migration 0150 on a library that existed before it, or after a write
 * by a process without the extension. Returns the stop function. Never keeps the process alive; a
 * step that finds the library busy is tried again a second later, one that fails otherwise is
 * logged and tried again a minute later.
 */
export function startPairCatchUp(db: Database, log: (error: unknown) => void = logToStderr): () => void {
  if (!hasRankFunction(db)) return () => {};
  return startBackgroundSteps(db, 0, () => {
    let filled: number | 'busy' = 0;
    try {
      filled = tryCatchUpPairs(db, CATCH_UP_ROWS);
    } catch (error) {
      log(error);
    }
    return filled === 'busy' ? CATCH_UP_BUSY_MS : filled > 0 ? CATCH_UP_PAUSE_MS : CATCH_UP_RECHECK_MS;
  });
}
