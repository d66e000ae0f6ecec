import type { Database } from 'better-sqlite3';
import { startBackgroundSteps, withoutWaitingForLock } from '../../db/background-steps';
import { readVarint } from '../../db/sqlite-varint';

/**
 * Merging the search indexes in the background. An FTS5 index grows as a stack of segments (each
 * write adds one; FTS5 merges them four at a time per level), and a search reads every segment
 * that holds its words and merges their doclists: at 100k articles the word indexes hold 10–23
 * segments, and the same library merged into one segment each searched about 10% faster (first
 * searches' p95 12.8 → 11.5 ms, p50 6.3 → 5.1, in three interleaved pairs of runs). `sourcebook
 * optimize` merges them at once (seconds at 100k, the user waiting); the app and browser mode do
 * it here, in slices of a few milliseconds between the user's requests, for every index of
 * `fromSegments` or more segments. A full merge rewrites the whole index (1–2 GB of writes at
 * 100k), so an index is merged at most once a week (`search_index_merges`, migration 0210); a big
 * import merges what it wrote at its end (mergeAfterImport).
 */

export interface MergeLimits {
  /** An index of fewer segments is left to FTS5's own merging. */
  fromSegments: number;
  /** An index merged less than this long ago is not merged again. */
  minIntervalMs: number;
}

export const MERGE_LIMITS: MergeLimits = { fromSegments: 8, minIntervalMs: 7 * 24 * 3600_000 };

/** Every FTS5 table of the library (names SQLite accepts unquoted: ours). */
export function searchIndexes(db: Database): string[] {
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'").pluck().all() as string[];
  return names.filter((n) => /^\w+$/.test(n));
}

/** FTS5's structure record (the segments of each level), row 10 of the index's `_data` table. */
const STRUCTURE_ROWID = 10;

/**
 * How many segments index `fts` is made of. Read from its structure record: a 4-byte cookie, an
 * optional 4-byte version mark (ff 00 00 01, tables with contentless delete), then the number of
 * levels and of segments as SQLite varints. Should the record not read so, the segments are
 * counted in the index's `_idx` table (a scan: 1–25 ms at 100k articles).
 */
export function segmentCount(db: Database, fts: string): number {
  const block = db.prepare(`SELECT block FROM ${fts}_data WHERE id = ${STRUCTURE_ROWID}`).pluck().get() as Buffer | undefined;
  if (block && block.length >= 6) {
    const at = block[4] === 0xff && block[5] === 0x00 && block[6] === 0x00 && block[7] === 0x01 ? 8 : 4;
    const levels = readVarint(block, at);
    const segments = levels ? readVarint(block, levels.next) : null;
    if (segments) return segments.value;
  }
  return db.prepare(`SELECT count(DISTINCT segid) FROM ${fts}_idx`).pluck().get() as number;
}

/** Whether index `fts` is due a merge: `fromSegments` segments or more, and not merged within `minIntervalMs`. */
export function isMergeDue(db: Database, fts: string, now: Date, limits: MergeLimits = MERGE_LIMITS): boolean {
  if (segmentCount(db, fts) < limits.fromSegments) return false;
  const mergedAt = db.prepare('SELECT merged_at FROM search_index_merges WHERE fts = ?').pluck().get(fts) as string | undefined;
  return mergedAt === undefined || now.getTime() - Date.parse(mergedAt) >= limits.minIntervalMs;
}

/** Notes that index `fts` was merged into one segment (by the upkeep, or `optimize`). */
export function recordMerged(db: Database, fts: string, now: Date): void {
  db.prepare('INSERT INTO search_index_merges (fts, merged_at) VALUES (?, ?) ON CONFLICT (fts) DO UPDATE SET merged_at = excluded.merged_at').run(fts, now.toISOString());
}

/**
 * One slice of a full merge of index `fts`: FTS5 writes about `pages` pages of the merged segment
 * (a merge begun goes on where it stopped, across slices and processes); true once nothing was
 * left to merge. FTS5 tells so only through the connection's change count: a slice that merged
 * something changes two rows or more.
 */
export function mergeStep(db: Database, fts: string, pages: number): boolean {
  const changes = db.prepare('SELECT total_changes()').pluck();
  const before = changes.get() as number;
  db.prepare(`INSERT INTO ${fts}(${fts}, rank) VALUES ('merge', ?)`).run(-Math.max(1, Math.floor(pages)));
  return (changes.get() as number) - before < 2;
}

/** Merges each of `indexes` into one segment at once, and notes it; the indexes. */
function mergeNow(db: Database, indexes: string[], now: Date): string[] {
  for (const fts of indexes) {
    while (!mergeStep(db, fts, 1000));
    recordMerged(db, fts, now);
  }
  return indexes;
}

/** Merges every index due a merge (isMergeDue) at once; the indexes merged. For the benchmark, and tests. */
export function mergeDueIndexes(db: Database, options: { now?: Date; limits?: MergeLimits } = {}): string[] {
  const now = options.now ?? new Date();
  return mergeNow(db, searchIndexes(db).filter((fts) => isMergeDue(db, fts, now, options.limits)), now);
}

/** The share of the library an import must add to merge the indexes at its end (mergeAfterImport). */
export const IMPORT_MERGE_SHARE = 0.1;

/**
 * After an import that added `IMPORT_MERGE_SHARE` of the library's articles or quotes or more
 * (`added`, of `before` rows): merges at once every index of `fromSegments` segments or more,
 * the week's interval ignored. A big import writes an index in many segments, and is followed by
 * searches, from the command line too, where no background merge runs; its rewrite is then a
 * small part of the import's own work. A smaller import leaves the indexes to the background
 * merge (it must not pay seconds for a library's older segments).
 */
export function mergeAfterImport(db: Database, growth: { before: number; added: number }[], options: { now?: Date; limits?: MergeLimits } = {}): string[] {
  if (!growth.some(({ before, added }) => added > 0 && added >= before * IMPORT_MERGE_SHARE)) return [];
  const { fromSegments } = options.limits ?? MERGE_LIMITS;
  return mergeNow(db, searchIndexes(db).filter((fts) => segmentCount(db, fts) >= fromSegments), options.now ?? new Date());
}

/** Background upkeep timing (ms), and how many pages a slice writes (100: ~7 ms measured at 20k articles). */
export interface MergeTiming {
  slicePages: number;
  pauseMs: number;
  /** The first look after the start (after the first searches, the warm-up and the common words), then how often. */
  firstCheckMs: number;
  checkEveryMs: number;
  /** After a slice found the library busy (an import, a restore): soon again. */
  busyRetryMs: number;
  /** While the user is at work (userIsActive): look again after this long. */
  userActiveRetryMs: number;
}

const MERGE_TIMING: MergeTiming = { slicePages: 100, pauseMs: 25, firstCheckMs: 30_000, checkEveryMs: 5 * 60_000, busyRetryMs: 1_000, userActiveRetryMs: 1_000 };

const logToStderr = (error: unknown) => process.stderr.write(`sourcebook: merging a search index failed, will retry: ${(error as Error).message}\n`);

/**
 * For the processes that stay open (the app, browser mode): merges the indexes due a merge
 * (isMergeDue), looked at 30 s after the start and every few minutes, one slice of ~100 pages at a
 * time on this thread with pauses between (as the other upkeeps run: a request waits at most a
 * slice), each slice a write that never waits for the lock (busy: again a second later). A merge
 * of a big library is seconds of work: it waits while the user is at work (`userIsActive`, a
 * request in the last moments), so that searches typed meanwhile do not share the cores with it.
 * Searches on other connections see the merge as it commits. Returns the stop function; never
 * keeps the process alive.
 */
export function startIndexMergeUpkeep(
  db: Database,
  options: { log?: (error: unknown) => void; limits?: MergeLimits; timing?: Partial<MergeTiming>; now?: () => Date; userIsActive?: () => boolean } = {},
): () => void {
  const log = options.log ?? logToStderr;
  const limits = options.limits ?? MERGE_LIMITS;
  const now = options.now ?? (() => new Date());
  const userIsActive = options.userIsActive ?? (() => false);
  const { slicePages, pauseMs, firstCheckMs, checkEveryMs, busyRetryMs, userActiveRetryMs } = { ...MERGE_TIMING, ...options.timing };
  let merging: string | null = null;
  return startBackgroundSteps(db, firstCheckMs, () => {
    if (userIsActive()) return userActiveRetryMs;
    try {
      merging ??= searchIndexes(db).find((fts) => isMergeDue(db, fts, now(), limits)) ?? null;
      if (!merging) return checkEveryMs;
      const fts = merging;
      const done = withoutWaitingForLock(db, () => {
        if (!mergeStep(db, fts, slicePages)) return false;
        recordMerged(db, fts, now());
        return true;
      });
      if (done === 'busy') return busyRetryMs;
      if (done) merging = null; // the next index, if one is due too
      return pauseMs;
    } catch (error) {
      merging = null;
      log(error);
      return checkEveryMs;
    }
  });
}
