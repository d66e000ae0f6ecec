import type { Database } from 'better-sqlite3';
import { startBackgroundSteps, withoutWaitingForLock } from '../../db/background-steps';
import { readVarint } from '../../db/sqlite-varint';
import type { StatementCache } from './statement-cache';
import { highestRowid, TYPE_SPECS, type TypeSpec } from './type-specs';

/**
 * The document counts of the common words of the big word indexes, kept in the library
 * (migration 0200). FTS5 keeps no count per word: counting one walks its whole doclist, positions
 * and all (1.5 ms for "that" over 500k quotes, 3–20 ms for the commonest words of 100k articles),
 * and the search needs the counts of a query's words for bm25 (phrase-doc-counts.ts) and to leave
 * out the words in most documents (common-words.ts). Kept in memory only, they were counted again
 * on each word's first search in every process: a third of what a first search cost more than a
 * repeated one at 100k articles. Rare words are not kept: their doclists are short to walk.
 *
 * The counts are of the rows up to the table's highest rowid when counted (`upTo`); documents
 * added since are counted live (a seek to the end of the word's doclist). Documents edited or
 * deleted since move a count by as many, which moves a common word's idf by next to nothing;
 * the counts are made again once that could be more (isStale).
 */

/** The indexes whose common words are counted. */
export const COUNTED_SPECS: readonly TypeSpec[] = [TYPE_SPECS.article, TYPE_SPECS.quote];

export interface CommonTermLimits {
  /** An index of fewer live rows is not counted: every count is cheap there. */
  minRows: number;
  /** A word is kept from this many documents, and from `minShare` of the rows. */
  minDocs: number;
  minShare: number;
  /** Counted again once this share of rows was added since (each first search counts them live) … */
  addedShare: number;
  /** … or deleted, or after `maxAgeMs` in any case (edits change counts unseen). */
  removedShare: number;
  maxAgeMs: number;
}

export const COMMON_TERM_LIMITS: CommonTermLimits = {
  minRows: 5000,
  minDocs: 64,
  minShare: 1 / 1000,
  addedShare: 0.1,
  removedShare: 0.02,
  maxAgeMs: 7 * 24 * 3600_000,
};

interface CountState {
  upTo: number;
  rows: number;
  minDocs: number;
  countedAt: string;
}

/** What the search reads: a word's kept count (search threads, read-only connections too). */
export class CommonTermCounts {
  /** False on a library without the tables (one opened read-only before its upgrade to 0200). */
  private hasTables = true;

  constructor(private readonly statements: StatementCache) {}

  /** How index `fts` was counted: its rows up to `upTo`, words from `minDocs` documents; null if it never was. */
  stateOf(fts: string): Pick<CountState, 'upTo' | 'minDocs'> | null {
    return this.read(null, () => {
      const row = this.statements.get('SELECT up_to AS upTo, min_docs AS minDocs FROM search_common_terms_state WHERE fts = @fts').get({ fts });
      return (row as { upTo: number; minDocs: number } | undefined) ?? null;
    });
  }

  /** The documents up to `stateOf(fts).upTo` that hold `stem` (a stem as the index holds it); null when not kept (then it was in fewer than minDocs). */
  docsOf(fts: string, stem: string): number | null {
    return this.read(null, () => (this.statements.get('SELECT docs FROM search_common_terms WHERE fts = @fts AND term = @stem').pluck().get({ fts, stem }) as number | undefined) ?? null);
  }

  /**
   * The kept words from `lo` up to (not including) `hi`, each with its documents in all the
   * counted indexes: the common words a "did you mean" tries first (did-you-mean.ts).
   */
  startingWith(lo: string, hi: string): Map<string, number> {
    const words = new Map<string, number>();
    const indexes = COUNTED_SPECS.map((s) => `'${s.fts}'`).join(', ');
    const rows = this.read([], () =>
      this.statements.get(`SELECT term, docs FROM search_common_terms WHERE fts IN (${indexes}) AND term >= @lo AND term < @hi`).raw().all({ lo, hi }) as [string, number][]);
    for (const [term, docs] of rows) words.set(term, (words.get(term) ?? 0) + docs);
    return words;
  }

  /** `read()`, or `none` on a library without the tables. */
  private read<T>(none: T, read: () => T): T {
    if (!this.hasTables) return none;
    try {
      return read();
    } catch (error) {
      if (!/no such table/.test((error as Error).message)) throw error;
      this.hasTables = false;
      return none;
    }
  }
}

/**
 * The rows index `spec.fts` holds (its items' live rows: trashed ones leave the index), from the
 * count FTS5 keeps in its "averages" record (`%_data` id 1, first an SQLite varint), at once:
 * counting the live rows instead took 30 ms over 500k quotes, and 0.8 s with the pages not cached.
 * Counted from the table should the record be missing or unreadable.
 */
export function indexedRows(db: Database, spec: TypeSpec): number {
  const record = db.prepare(`SELECT block FROM ${spec.fts}_data WHERE id = 1`).pluck().get() as Buffer | undefined;
  const rows = record ? (readVarint(record)?.value ?? null) : null;
  return rows ?? (db.prepare(`SELECT count(*) FROM ${spec.table} WHERE deleted_at IS NULL`).pluck().get() as number);
}

function stateOf(db: Database, fts: string): CountState | null {
  const row = db.prepare('SELECT up_to AS upTo, rows, min_docs AS minDocs, counted_at AS countedAt FROM search_common_terms_state WHERE fts = ?').get(fts) as CountState | undefined;
  return row ?? null;
}

/**
 * Whether index `spec` should be counted (again): big enough and never counted, or enough rows
 * added or deleted since, or counted long ago (CommonTermLimits): edits change counts unseen, and
 * counting again costs ~2.5 s at 100k articles, in the background's slices.
 */
export function isStale(db: Database, spec: TypeSpec, limits: CommonTermLimits = COMMON_TERM_LIMITS, now = Date.now()): boolean {
  const rows = indexedRows(db, spec);
  const state = stateOf(db, spec.fts);
  if (!state) return rows >= limits.minRows;
  const added = Math.max(0, highestRowid(db, spec) - state.upTo);
  // Rowids are not reused (rarely), so rows gone since are those counted then and not live now.
  const removed = state.rows + added - rows;
  return added > state.rows * limits.addedShare || removed > state.rows * limits.removedShare || now - Date.parse(state.countedAt) > limits.maxAgeMs;
}

/**
 * Counting one index's common words, a slice at a time (read from fts5vocab in term order, each
 * slice its own read), then saved at once: the background upkeep gives it a few milliseconds at a
 * time, an import or `library.optimize` the whole run. At 100k articles the words of the articles
 * take ~2.2 s to read, the quotes' ~0.3 s.
 */
export class CommonTermsCount {
  private readonly upTo: number;
  private readonly rows: number;
  private readonly minDocs: number;
  private readonly kept: [string, number][] = [];
  /** The last term read; null once every one has been. */
  private after: string | null = '';

  constructor(private readonly db: Database, private readonly spec: TypeSpec, limits: CommonTermLimits = COMMON_TERM_LIMITS) {
    this.upTo = highestRowid(db, spec);
    this.rows = indexedRows(db, spec);
    this.minDocs = Math.max(limits.minDocs, Math.ceil(this.rows * limits.minShare));
    db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab_${spec.fts} USING fts5vocab(main, ${spec.fts}, row)`);
  }

  /** Reads words for about `budgetMs` (a word of most documents may take longer: its doclist is walked whole); true once all are read. */
  step(budgetMs: number): boolean {
    if (this.after === null) return true;
    const started = performance.now();
    const words = this.db.prepare(`SELECT term, doc FROM temp.search_vocab_${this.spec.fts} WHERE term > ? ORDER BY term`).raw();
    let paused: string | null = null;
    for (const [term, docs] of words.iterate(this.after) as IterableIterator<[string, number]>) {
      if (docs >= this.minDocs) this.kept.push([term, docs]);
      if (performance.now() - started >= budgetMs) {
        // Leaving the loop resets the statement: the next slice reads afresh after this term.
        paused = term;
        break;
      }
    }
    this.after = paused;
    return this.after === null;
  }

  /** Replaces the index's kept counts with these (one transaction, which must get the write lock). */
  save(now = new Date()): void {
    if (this.after !== null) throw new Error('CommonTermsCount.save: the words are not all read yet');
    const insert = this.db.prepare('INSERT INTO search_common_terms (fts, term, docs) VALUES (?, ?, ?)');
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM search_common_terms WHERE fts = ?').run(this.spec.fts);
      for (const [term, docs] of this.kept) insert.run(this.spec.fts, term, docs);
      this.db.prepare(`INSERT INTO search_common_terms_state (fts, up_to, rows, min_docs, counted_at) VALUES (@fts, @upTo, @rows, @minDocs, @at)
        ON CONFLICT (fts) DO UPDATE SET up_to = excluded.up_to, rows = excluded.rows, min_docs = excluded.min_docs, counted_at = excluded.counted_at`)
        .run({ fts: this.spec.fts, upTo: this.upTo, rows: this.rows, minDocs: this.minDocs, at: now.toISOString() });
    }).immediate();
  }
}

/** The counted indexes that need counting (again): isStale. */
export const staleIndexes = (db: Database, limits: CommonTermLimits = COMMON_TERM_LIMITS): TypeSpec[] => COUNTED_SPECS.filter((spec) => isStale(db, spec, limits));

/**
 * Counts the common words of every index that needs it (isStale), or of those of `only` that
 * do, or with `force` of every one big enough, at once; the indexes counted. For the end of an
 * import and `library.optimize`, where the user waits for more than this anyway.
 */
export function refreshCommonTerms(db: Database, options: { force?: boolean; only?: readonly TypeSpec[]; limits?: CommonTermLimits } = {}): string[] {
  const limits = options.limits ?? COMMON_TERM_LIMITS;
  const counted: string[] = [];
  for (const spec of options.only ?? COUNTED_SPECS) {
    const due = options.force ? indexedRows(db, spec) >= limits.minRows : isStale(db, spec, limits);
    if (!due) continue;
    const count = new CommonTermsCount(db, spec, limits);
    count.step(Infinity);
    count.save();
    counted.push(spec.fts);
  }
  return counted;
}

const logToStderr = (error: unknown) => process.stderr.write(`sourcebook: counting the search's common words failed, will retry: ${(error as Error).message}\n`);

/** Background upkeep timing (ms). */
export interface UpkeepTiming {
  /** A slice of reading, and the pause after it. */
  sliceMs: number;
  pauseMs: number;
  /** The first look at the library after the start (it is opening: leave it the first searches), then how often. */
  firstCheckMs: number;
  checkEveryMs: number;
  /** After the save found the library busy (an import, a restore): soon again. */
  busyRetryMs: number;
}

const UPKEEP_TIMING: UpkeepTiming = { sliceMs: 8, pauseMs: 25, firstCheckMs: 5_000, checkEveryMs: 5 * 60_000, busyRetryMs: 1_000 };

/**
 * For the processes that stay open (the app, browser mode): counts the common words of indexes
 * that need it (isStale), looked at shortly after the start and every few minutes, in slices of a
 * few milliseconds on this thread with pauses between (as the pair catch-up runs: a request waits
 * at most a slice, or one very common word's walk), then saved in one short transaction that never
 * waits for the write lock (busy: tried again a second later). Returns the stop function; never
 * keeps the process alive.
 */
export function startCommonTermsUpkeep(
  db: Database,
  options: { log?: (error: unknown) => void; limits?: CommonTermLimits; timing?: Partial<UpkeepTiming> } = {},
): () => void {
  const log = options.log ?? logToStderr;
  const limits = options.limits ?? COMMON_TERM_LIMITS;
  const { sliceMs, pauseMs, firstCheckMs, checkEveryMs, busyRetryMs } = { ...UPKEEP_TIMING, ...options.timing };
  let counting: CommonTermsCount | null = null;
  return startBackgroundSteps(db, firstCheckMs, () => {
    try {
      if (!counting) {
        const spec = COUNTED_SPECS.find((s) => isStale(db, s, limits));
        if (!spec) return checkEveryMs;
        counting = new CommonTermsCount(db, spec, limits);
      }
      if (!counting.step(sliceMs)) return pauseMs;
      const current = counting;
      if (withoutWaitingForLock(db, () => current.save()) === 'busy') return busyRetryMs;
      counting = null;
      // The next index, if it needs counting too.
      return pauseMs;
    } catch (error) {
      counting = null;
      log(error);
      return checkEveryMs;
    }
  });
}
