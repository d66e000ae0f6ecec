import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useTempLibrary, type TempLibrary } from '../../../test/helpers/temp-library';
import { rankExtensionPath } from '../../db/rank-extension';
import { isMergeDue, mergeAfterImport, mergeDueIndexes, mergeStep, recordMerged, searchIndexes, segmentCount, startIndexMergeUpkeep, type MergeLimits } from './index-merge';

const lib = useTempLibrary();
/** Where the search extension is built, the phrase pair indexes exist: FTS5 tables with contentless delete (another structure record). */
const hasExtension = fs.existsSync(rankExtensionPath());

/** A test library's indexes are merged from 3 segments (the app's: 8), and again after an hour. */
const LIMITS: MergeLimits = { fromSegments: 3, minIntervalMs: 3600_000 };

/**
 * 22 articles with a quote each, one write each: every index a stack of segments (FTS5 merges four
 * at a time). `round` keeps a second round's texts new (the same text would be the same article).
 */
async function grownLibrary(l: TempLibrary, round = 0): Promise<void> {
  for (let i = 0; i < 22; i++) {
    const day = round * 100 + i;
    const a = await l.ok('articles.create', { title: `Harbour dredging report ${day}`, text: `The harbour board met on day ${day} about the dredging of the north quay. Residents asked about tolls ${day}.` });
    await l.ok('quotes.create', { articleId: a.id, text: `Residents asked about tolls ${day}`, speaker: i % 2 ? 'Ines Vale' : 'Tomas Reed' });
  }
}

const distinctSegments = (db: Database.Database, fts: string) => db.prepare(`SELECT count(DISTINCT segid) FROM ${fts}_idx`).pluck().get() as number;
const mergedAt = (db: Database.Database) => db.prepare('SELECT fts, merged_at FROM search_index_merges ORDER BY fts').raw().all() as [string, string][];

const QUERIES = ['harbour', '"north quay"', 'dredg*', 'tolls type:quote', 'residents speaker:"Ines Vale"', 'harb'];
async function results(l: TempLibrary): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const query of QUERIES) out.push({ ...(await l.ok('search.query', { query, limit: 50, facets: true, prefixLastWord: true })), tookMs: 0 });
  return out;
}

describe('search indexes merged in the background', () => {
  it('reads how many segments an index holds from its structure record', async () => {
    const l = lib();
    await grownLibrary(l);
    const db = l.app.db;
    const indexes = searchIndexes(db);
    expect(indexes).toEqual(expect.arrayContaining(['articles_fts', 'quotes_fts', 'articles_title_fts', 'articles_tri', 'speakers_fts']));
    if (hasExtension) expect(indexes).toEqual(expect.arrayContaining(['articles_pairs', 'quotes_pairs']));
    for (const fts of indexes) expect([fts, segmentCount(db, fts)]).toEqual([fts, distinctSegments(db, fts)]);
    expect(segmentCount(db, 'articles_fts')).toBeGreaterThanOrEqual(3);
    if (hasExtension) expect(segmentCount(db, 'articles_pairs')).toBeGreaterThanOrEqual(3);
  });

  it('merges an index slice by slice into one segment, its searches unchanged; due again only after minIntervalMs', async () => {
    const l = lib();
    await grownLibrary(l);
    const db = l.app.db;
    const before = await results(l);
    const now = new Date();
    expect(isMergeDue(db, 'articles_fts', now, LIMITS)).toBe(true);
    expect(isMergeDue(db, 'articles_fts', now, { ...LIMITS, fromSegments: 1000 })).toBe(false);

    for (let slice = 0; !mergeStep(db, 'articles_fts', 1); slice++) expect(slice).toBeLessThan(1000);
    expect(segmentCount(db, 'articles_fts')).toBe(1);
    // A merged index has nothing left to merge.
    expect(mergeStep(db, 'articles_fts', 1)).toBe(true);
    recordMerged(db, 'articles_fts', now);

    const merged = mergeDueIndexes(db, { now, limits: LIMITS });
    expect(merged).toContain('quotes_fts');
    expect(merged).not.toContain('articles_fts'); // one segment already
    for (const fts of merged) expect([fts, segmentCount(db, fts)]).toEqual([fts, 1]);
    for (const fts of searchIndexes(db)) expect(isMergeDue(db, fts, now, LIMITS)).toBe(false);
    expect(await results(l)).toEqual(before);
    // FTS5's own check of the merged index against its table (it throws on a difference).
    expect(() => db.prepare("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();

    // Grown again: not due within the interval, due after it.
    await grownLibrary(l, 1);
    expect(segmentCount(db, 'articles_fts')).toBeGreaterThanOrEqual(3);
    expect(isMergeDue(db, 'articles_fts', new Date(now.getTime() + 60_000), LIMITS)).toBe(false);
    expect(isMergeDue(db, 'articles_fts', new Date(now.getTime() + LIMITS.minIntervalMs), LIMITS)).toBe(true);
  });

  it('merges in the background while the library is free, and goes on where it stopped once another writer lets go', async () => {
    const l = lib();
    await grownLibrary(l);
    const db = l.app.db;
    const before = await results(l);
    const other = new Database(path.join(l.dir, 'sourcebook.db'));
    other.prepare('BEGIN IMMEDIATE').run();
    const errors: unknown[] = [];
    const stop = startIndexMergeUpkeep(db, { limits: LIMITS, log: (e) => errors.push(e), timing: { firstCheckMs: 0, slicePages: 1, pauseMs: 0, busyRetryMs: 20, checkEveryMs: 50 } });
    try {
      await new Promise((r) => setTimeout(r, 200));
      expect(mergedAt(db)).toEqual([]);
      other.prepare('COMMIT').run();
      const due = () => searchIndexes(db).filter((fts) => segmentCount(db, fts) >= LIMITS.fromSegments);
      for (let waited = 0; due().length > 0 && waited < 10_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      expect(due()).toEqual([]);
      for (let waited = 0; mergedAt(db).length < 2 && waited < 5000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      expect(mergedAt(db).map(([fts]) => fts)).toEqual(expect.arrayContaining(['articles_fts', 'quotes_fts']));
      expect(await results(l)).toEqual(before);
      expect(errors).toEqual([]);
    } finally {
      stop();
      other.close();
    }
  });

  it('waits while the user is at work', async () => {
    const l = lib();
    await grownLibrary(l);
    const db = l.app.db;
    let active = true;
    const stop = startIndexMergeUpkeep(db, { limits: LIMITS, userIsActive: () => active, timing: { firstCheckMs: 0, slicePages: 1, pauseMs: 0, userActiveRetryMs: 20, checkEveryMs: 50 } });
    try {
      const segments = segmentCount(db, 'articles_fts');
      await new Promise((r) => setTimeout(r, 300));
      expect(segmentCount(db, 'articles_fts')).toBe(segments);
      active = false;
      for (let waited = 0; segmentCount(db, 'articles_fts') > 1 && waited < 10_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      expect(segmentCount(db, 'articles_fts')).toBe(1);
    } finally {
      stop();
    }
  });

  it('after an import that added a tenth of the library or more, merges every index of many segments at once', async () => {
    const l = lib();
    await grownLibrary(l);
    const db = l.app.db;
    const now = new Date();
    const fragmented = searchIndexes(db).filter((fts) => segmentCount(db, fts) >= LIMITS.fromSegments);
    expect(fragmented).toEqual(expect.arrayContaining(['articles_fts', 'quotes_fts']));
    // Less than a tenth, or nothing added: left to the background merge.
    expect(mergeAfterImport(db, [{ before: 1000, added: 99 }, { before: 1000, added: 0 }], { now, limits: LIMITS })).toEqual([]);
    expect(mergeAfterImport(db, [{ before: 0, added: 0 }], { now, limits: LIMITS })).toEqual([]);
    expect(segmentCount(db, 'articles_fts')).toBeGreaterThanOrEqual(LIMITS.fromSegments);
    // A tenth of the articles (or of the quotes) or more: merged, the week's interval notwithstanding.
    recordMerged(db, 'articles_fts', now);
    expect(mergeAfterImport(db, [{ before: 1000, added: 0 }, { before: 200, added: 20 }], { now, limits: LIMITS })).toEqual(fragmented);
    for (const fts of fragmented) expect([fts, segmentCount(db, fts)]).toEqual([fts, 1]);
    expect(mergedAt(db).map(([fts]) => fts)).toEqual([...fragmented].sort());
  });

  it('optimize merges every index and notes it, so the background merge leaves them for the interval', async () => {
    const l = lib();
    await grownLibrary(l);
    const db = l.app.db;
    const report = await l.ok('library.optimize', {});
    expect(mergedAt(db).map(([fts]) => fts)).toEqual([...report.indexes].sort());
    await grownLibrary(l, 1);
    expect(segmentCount(db, 'articles_fts')).toBeGreaterThanOrEqual(3);
    // Noted at the library's clock (the test's: a stepping one).
    const noted = Date.parse(mergedAt(db).find(([fts]) => fts === 'articles_fts')![1]);
    expect(isMergeDue(db, 'articles_fts', new Date(noted + 60_000), LIMITS)).toBe(false);
    expect(isMergeDue(db, 'articles_fts', new Date(noted + LIMITS.minIntervalMs), LIMITS)).toBe(true);
  });
});
