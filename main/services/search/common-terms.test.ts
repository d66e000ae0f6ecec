import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { tempDir, useTempLibrary, type TempLibrary } from '../../../test/helpers/temp-library';
import { GOLDEN_LIBRARY_JSON, writeLargeLibraryExport } from '../../../test/helpers/golden-library';
import { rankExtensionPath } from '../../db/rank-extension';
import { CommonTermCounts, CommonTermsCount, indexedRows, isStale, refreshCommonTerms, startCommonTermsUpkeep, type CommonTermLimits } from './common-terms';
import { CommonWords } from './common-words';
import { DidYouMeanFinder } from './did-you-mean';
import { PhraseDocCounts } from './phrase-doc-counts';
import { MERGE_LIMITS, searchIndexes, segmentCount } from './index-merge';
import { SearchService } from './search-service';
import { StatementCache } from './statement-cache';
import { TYPE_SPECS } from './type-specs';
import { parseQuery } from '../../../shared/search/parse-query';
import { positiveLeavesOf } from '../../../shared/search/query-ast';

const lib = useTempLibrary();
/** The search extension stems the words looked up; without it the search counts every word live. */
const hasExtension = fs.existsSync(rankExtensionPath());

/** Small enough for a test library: every index of 10 rows is counted, words from 5 documents. */
const LIMITS: CommonTermLimits = { minRows: 10, minDocs: 5, minShare: 0, addedShare: 0.1, removedShare: 0.02, maxAgeMs: 60_000 };
const articles = TYPE_SPECS.article;

/** 30 articles that all say "harbour", 10 of them "kelp", 3 "ferry"; 12 quotes. */
async function harbourLibrary(l: TempLibrary): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < 30; i++) {
    const extra = [i % 3 === 0 ? 'kelp beds' : 'bus lanes', i < 3 ? 'and the ferry' : ''].join(' ');
    ids.push((await l.ok('articles.create', { title: `Harbour report ${i}`, text: `The harbour board met about ${extra} on day ${i}. The harbour is ours, said the chair.` })).id);
  }
  for (let i = 0; i < 12; i++) await l.ok('quotes.create', { articleId: ids[i]!, text: 'The harbour is ours' });
  return ids;
}

/** Every word of `fts` in at least `min` documents, with its count, as FTS5's own vocabulary counts them. */
function vocabulary(db: Database.Database, fts: string, min: number): [string, number][] {
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.test_vocab_${fts} USING fts5vocab(main, ${fts}, row)`);
  return db.prepare(`SELECT term, doc FROM temp.test_vocab_${fts} WHERE doc >= ? ORDER BY term`).raw().all(min) as [string, number][];
}
const kept = (db: Database.Database, fts: string) => db.prepare('SELECT term, docs FROM search_common_terms WHERE fts = ? ORDER BY term').raw().all(fts) as [string, number][];
const stateRows = (db: Database.Database) => db.prepare('SELECT fts, up_to AS upTo, rows, min_docs AS minDocs FROM search_common_terms_state ORDER BY fts').all();
const setKept = (db: Database.Database, term: string, docs: number) => db.prepare("UPDATE search_common_terms SET docs = ? WHERE fts = 'articles_fts' AND term = ?").run(docs, term);

describe('common words counted and kept in the library', () => {
  it('keeps every word in at least minDocs documents with its count, as the index vocabulary counts it', async () => {
    const l = lib();
    await harbourLibrary(l);
    const db = l.app.db;
    expect(refreshCommonTerms(db, { limits: LIMITS })).toEqual(['articles_fts', 'quotes_fts']);
    expect(kept(db, 'articles_fts')).toEqual(vocabulary(db, 'articles_fts', 5));
    expect(kept(db, 'quotes_fts')).toEqual(vocabulary(db, 'quotes_fts', 5));
    expect(kept(db, 'articles_fts')).toContainEqual(['kelp', 10]);
    expect(kept(db, 'articles_fts').map(([term]) => term)).not.toContain('ferri'); // 3 documents
    expect(stateRows(db)).toEqual([
      { fts: 'articles_fts', upTo: 30, rows: 30, minDocs: 5 },
      { fts: 'quotes_fts', upTo: 12, rows: 12, minDocs: 5 },
    ]);
    // The threshold grows with the index (minShare) and never falls below minDocs.
    refreshCommonTerms(db, { limits: { ...LIMITS, minShare: 0.5 }, force: true });
    expect(kept(db, 'articles_fts')).toEqual(vocabulary(db, 'articles_fts', 15));
    // Too small an index is not counted.
    expect(refreshCommonTerms(db, { limits: { ...LIMITS, minRows: 31 }, force: true })).toEqual([]);
  });

  it('reads the words in slices, with the same result as at once, and saves only once all are read', async () => {
    const l = lib();
    await harbourLibrary(l);
    const db = l.app.db;
    const count = new CommonTermsCount(db, articles, LIMITS);
    expect(() => count.save()).toThrow(/not all read/);
    let steps = 1;
    while (!count.step(0)) steps++;
    expect(steps).toBeGreaterThan(10); // a word a slice
    count.save();
    const sliced = kept(db, 'articles_fts');
    refreshCommonTerms(db, { limits: LIMITS, force: true });
    expect(kept(db, 'articles_fts')).toEqual(sliced);
  });

  it('reads how many rows an index holds from FTS5\'s own count, as the live rows number them', async () => {
    const l = lib();
    const db = l.app.db;
    const live = (table: string) => db.prepare(`SELECT count(*) FROM ${table} WHERE deleted_at IS NULL`).pluck().get();
    expect([indexedRows(db, articles), indexedRows(db, TYPE_SPECS.quote)]).toEqual([0, 0]);
    const ids = await harbourLibrary(l);
    expect([indexedRows(db, articles), indexedRows(db, TYPE_SPECS.quote)]).toEqual([30, 12]);
    // Past one byte of varint (128 and up), and less the trashed.
    for (let i = 0; i < 200; i++) await l.ok('articles.create', { title: `Tide table ${i}`, text: `High water at ${i} past the hour.` });
    await l.ok('items.trash', { id: ids[0]! });
    expect(indexedRows(db, articles)).toBe(229);
    expect(live('articles')).toBe(229);
  });

  it('is stale once never counted, or enough rows were added or deleted since, or long ago', async () => {
    const l = lib();
    const ids = await harbourLibrary(l);
    const db = l.app.db;
    expect(isStale(db, articles, { ...LIMITS, minRows: 31 })).toBe(false);
    expect(isStale(db, articles, LIMITS)).toBe(true);
    refreshCommonTerms(db, { limits: LIMITS });
    expect(isStale(db, articles, LIMITS)).toBe(false);
    const add = async (n: number) => {
      for (let i = 0; i < n; i++) await l.ok('articles.create', { title: `Later ${i}`, text: `The harbour again, ${Math.random()}.` });
    };
    await add(3); // a tenth of 30 added: not more than addedShare
    expect(isStale(db, articles, LIMITS)).toBe(false);
    await add(1);
    expect(isStale(db, articles, LIMITS)).toBe(true);
    refreshCommonTerms(db, { limits: LIMITS });
    expect(isStale(db, articles, LIMITS)).toBe(false);
    await l.ok('items.trash', { id: ids[0]! }); // 1 of 34 gone: more than removedShare
    expect(isStale(db, articles, LIMITS)).toBe(true);
    refreshCommonTerms(db, { limits: LIMITS });
    expect(isStale(db, articles, LIMITS, Date.now() + LIMITS.maxAgeMs - 1000)).toBe(false);
    expect(isStale(db, articles, LIMITS, Date.now() + LIMITS.maxAgeMs + 1000)).toBe(true);
  });

  it.skipIf(!hasExtension)('gives a search a kept word its count plus the documents added since, other words their live count', async () => {
    const l = lib();
    await harbourLibrary(l);
    const db = l.app.db;
    refreshCommonTerms(db, { limits: LIMITS });
    // A kept count made unlike the index's: this proves where the count comes from.
    setKept(db, 'kelp', 400);
    const countsOf = (match: string) => {
      const statements = new StatementCache(db);
      const counts = new PhraseDocCounts(statements);
      counts.useVocabulary(new DidYouMeanFinder(db, statements));
      counts.useCommonTerms(new CommonTermCounts(statements));
      return counts.countsFor(articles, match);
    };
    expect(countsOf('"kelp" AND "ferry"')).toBe('400 3');
    for (let i = 0; i < 2; i++) await l.ok('articles.create', { title: `Kelp ${i}`, text: `More kelp and one more ferry, ${i}.` });
    expect(countsOf('"kelp" AND "ferry"')).toBe('402 5');
    // Without kept counts (never counted): every word counted live.
    db.prepare('DELETE FROM search_common_terms_state').run();
    expect(countsOf('"kelp" AND "ferry"')).toBe('12 5');
  });

  it.skipIf(!hasExtension)('tells a common word from the kept count, a rare one from the bound, and samples when neither answers', async () => {
    const l = lib();
    await harbourLibrary(l);
    const db = l.app.db;
    refreshCommonTerms(db, { limits: LIMITS });
    const statements = new StatementCache(db);
    const words = () => new CommonWords(statements, Date.now, new CommonTermCounts(statements));
    // "harbour" is in all 30, "kelp" in a third: kept counts over the 30 rows counted.
    expect(words().shareOf(articles, 'harbour')).toBe(1);
    expect(words().shareOf(articles, 'Kelp')).toBeCloseTo(10 / 30, 6);
    setKept(db, 'kelp', 27);
    expect(words().isCommon(articles, 'kelp')).toBe(true);
    // "ferry" is not kept (3 documents): at most minDocs of the 30, so not common, unsampled.
    expect(words().shareOf(articles, 'ferry')).toBeCloseTo(5 / 30, 6);
    // Once the bound no longer rules it out (a small index grown past it), the word is sampled
    // (fewer than 256 documents: 0, as without kept counts).
    db.prepare("UPDATE search_common_terms_state SET min_docs = 20 WHERE fts = 'articles_fts'").run();
    expect(words().shareOf(articles, 'ferry')).toBe(0);
    expect(new CommonWords(statements).shareOf(articles, 'harbour')).toBe(0);
  });

  it.skipIf(!hasExtension)('corrects a typo of a common word from the kept words, one of a rare word from the vocabulary, and keeps each correction while the library is unchanged', async () => {
    const l = lib();
    await harbourLibrary(l);
    for (let i = 0; i < 2; i++) await l.ok('articles.create', { title: `Seaweed ${i}`, text: `Seaweed farming grows, note ${i}.` });
    const db = l.app.db;
    refreshCommonTerms(db, { limits: LIMITS });
    const statements = new StatementCache(db);
    const vocabularyReads = () => spy.mock.calls.filter(([sql]) => /search_vocab_\w+ WHERE term >= @lo/.test(sql)).length;
    const spy = vi.spyOn(statements, 'get');
    const suggest = (finder: DidYouMeanFinder, word: string) => finder.suggest(word, positiveLeavesOf(parseQuery(word).text))?.query;
    const withKept = new DidYouMeanFinder(db, statements);
    withKept.useCommonTerms(new CommonTermCounts(statements));
    const withoutKept = new DidYouMeanFinder(db, new StatementCache(db));

    // "harbour" is kept (42 documents): one edit away, found without reading the vocabulary.
    expect(suggest(withKept, 'harbpur')).toBe('harbour');
    expect(vocabularyReads()).toBe(0);
    expect(suggest(withoutKept, 'harbpur')).toBe('harbour');
    // "seaweed" is in 2 documents, not kept: read from the vocabulary, as without kept words.
    expect(suggest(withKept, 'seawead')).toBe('seaweed');
    expect(vocabularyReads()).toBeGreaterThan(0);
    expect(suggest(withoutKept, 'seawead')).toBe('seaweed');

    // Asked again: the kept correction, nothing read; after a change, read again.
    const reads = vocabularyReads();
    expect(suggest(withKept, 'seawead')).toBe('seaweed');
    expect(vocabularyReads()).toBe(reads);
    await l.ok('articles.create', { title: 'Seawall', text: 'A seawall rises.' });
    expect(suggest(withKept, 'seawead')).toBe('seaweed');
    expect(vocabularyReads()).toBeGreaterThan(reads);
  });

  it('ranks every query the same with counts kept as with counts made live', async () => {
    const l = lib();
    await harbourLibrary(l);
    const db = l.app.db;
    refreshCommonTerms(db, { limits: LIMITS });
    const queries = ['harbour', 'kelp', 'harbour kelp', '"harbour board"', 'harb*', 'kelp -ferry', 'the ferry'];
    const run = async () => {
      const search = new SearchService(l.app.services.ctx);
      const out = [];
      for (const query of queries) {
        const r = await search.query({ query, limit: 50, offset: 0, facets: false, prefixLastWord: false });
        out.push([query, r.total, r.hits.map((h) => h.id)]);
      }
      return out;
    };
    const withKept = await run();
    db.prepare('DELETE FROM search_common_terms_state').run();
    expect(await run()).toEqual(withKept);
    expect(withKept[0]![1]).toBe(42);
  });

  it('counts in the background in slices, and saves once the library is free', async () => {
    const l = lib();
    await harbourLibrary(l);
    const db = l.app.db;
    // Another connection holds the write lock: the words are read (WAL), the save waits for it.
    const other = new Database(path.join(l.dir, 'sourcebook.db'));
    other.prepare('BEGIN IMMEDIATE').run();
    const errors: unknown[] = [];
    const stop = startCommonTermsUpkeep(db, { limits: LIMITS, log: (e) => errors.push(e), timing: { firstCheckMs: 0, sliceMs: 0, pauseMs: 0, busyRetryMs: 20, checkEveryMs: 50 } });
    try {
      await new Promise((r) => setTimeout(r, 300));
      expect(stateRows(db)).toEqual([]);
      other.prepare('COMMIT').run();
      for (let waited = 0; stateRows(db).length < 2 && waited < 5000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      expect(kept(db, 'articles_fts')).toEqual(vocabulary(db, 'articles_fts', 5));
      expect(kept(db, 'quotes_fts')).toEqual(vocabulary(db, 'quotes_fts', 5));
      expect(errors).toEqual([]);
    } finally {
      stop();
      other.close();
    }
  });

  it('optimize counts them, and an import that makes them stale counts them at its end (not counts stale before it), and merges the indexes it wrote in many segments', { timeout: 120_000 }, async () => {
    const l = lib();
    await harbourLibrary(l);
    // Below 5,000 rows nothing is counted.
    expect((await l.ok('library.optimize', {})).commonWordsCounted).toEqual([]);
    // Optimize noted its merges; what the import merges is noted afresh.
    l.app.db.prepare('DELETE FROM search_index_merges').run();
    const { dir, cleanup } = tempDir();
    try {
      const file = path.join(dir, 'big.json');
      writeLargeLibraryExport(file, 5000, 200);
      expect(fs.statSync(file).size).toBeGreaterThan(1024 * 1024);
      await l.ok('import.run', { path: file });
      const db = l.app.db;
      expect(stateRows(db)).toEqual([
        { fts: 'articles_fts', upTo: 5030, rows: 5030, minDocs: 64 },
        { fts: 'quotes_fts', upTo: 5012, rows: 5012, minDocs: 64 },
      ]);
      expect(kept(db, 'articles_fts')).toEqual(vocabulary(db, 'articles_fts', 64));
      // The import more than doubled the library and wrote its indexes in many segments: merged at its end (index-merge.ts).
      const merged = db.prepare('SELECT fts FROM search_index_merges ORDER BY fts').pluck().all() as string[];
      expect(merged).toEqual(expect.arrayContaining(['articles_fts', 'quotes_fts', 'articles_title_fts', 'articles_tri']));
      for (const fts of merged) expect([fts, segmentCount(db, fts)]).toEqual([fts, 1]);
      for (const fts of searchIndexes(db)) expect(segmentCount(db, fts)).toBeLessThan(MERGE_LIMITS.fromSegments);
      // Counts stale before an import are not the import's to make (the upkeep's, optimize's).
      db.prepare('DELETE FROM search_common_terms_state').run();
      await l.ok('import.run', { path: GOLDEN_LIBRARY_JSON });
      expect(stateRows(db)).toEqual([]);
      expect((await l.ok('library.optimize', {})).commonWordsCounted).toEqual(['articles_fts', 'quotes_fts']);
      expect(stateRows(db)).toHaveLength(2);
    } finally {
      cleanup();
    }
  });
});
