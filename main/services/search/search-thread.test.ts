import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROJECT_ROOT } from '../../paths';
import { tempDir, useTempLibrary, type TempLibrary } from '../../../test/helpers/temp-library';
import { createServices } from '../../composition';
import type { SearchQuery } from '../../../shared/api/methods-search';
import { hasRankFunction, rankExtensionPath } from '../../db/rank-extension';
import { SearchService } from './search-service';
import { SearchThread, SearchThreadUnavailable } from './search-thread';
import type { TypeJob } from './type-job';
import { hitsByKey } from './hit-details';
import { StatementCache } from './statement-cache';

const lib = useTempLibrary();
const threads: SearchThread[] = [];
afterEach(() => {
  for (const t of threads.splice(0)) t.close();
});

function threadFor(l: TempLibrary, entry?: URL): SearchThread {
  const thread = new SearchThread({ dbPath: l.app.library.dbPath, rankExtension: hasRankFunction(l.app.db) ? rankExtensionPath() : null }, entry);
  threads.push(thread);
  return thread;
}

async function untilReady(thread: SearchThread): Promise<void> {
  thread.start();
  await vi.waitFor(() => expect(thread.isReady).toBe(true), { timeout: 20_000, interval: 20 });
}

/** A seeded library and its search worker, started and ready (from `entry` when given). */
async function seededThread(entry?: URL): Promise<{ l: TempLibrary; thread: SearchThread }> {
  const l = lib();
  await seed(l);
  const thread = threadFor(l, entry);
  await untilReady(thread);
  return { l, thread };
}

/** A quote search for the worker, as SearchService would send it, for a compiled MATCH. */
const quoteJob = (match: string, facets = false): TypeJob => ({
  type: 'quote', mode: { kind: 'words', match, exclude: null }, conditions: [], params: { values: {}, next: 0 }, limit: 5, options: { countLimit: null }, facets,
});

/** Articles with quotes, tags, sites and stances: every part of a search has something to do. */
async function seed(l: TempLibrary): Promise<void> {
  const sites = ['Harbour Post', 'Valley Times', 'Coast Weekly'];
  const words = ['ferries', 'tides', 'harbour', 'dredging', 'pilots', 'cranes', 'tolls'];
  for (let i = 0; i < 24; i++) {
    const w = (k: number) => words[(i + k) % words.length];
    const a = await l.ok('articles.create', {
      title: `${w(0)} and ${w(3)} report ${i}`,
      text: `The council debated ${w(0)}, ${w(1)} and the ${w(2)} budget. Residents said ${w(1)} matter more than ${w(4)}.`,
      siteName: sites[i % sites.length],
      publishedAt: `20${10 + (i % 12)}-03-0${1 + (i % 9)}`,
    });
    if (i % 3 === 0) await l.ok('tags.add', { itemId: a.id, tag: i % 2 ? 'port' : 'budget' });
    if (i % 4 === 0) await l.ok('stances.set', { subjectType: 'article', subjectId: a.id, topic: 'Harbour expansion', value: i % 8 ? 'opposes' : 'supports' });
    const q = await l.ok('quotes.create', { articleId: a.id, text: `Residents said ${w(1)} matter more than ${w(4)}`, speaker: i % 2 ? 'Ines Vale' : 'Tomas Reed' });
    if (i % 2) await l.ok('stances.set', { subjectType: 'quote', subjectId: q.id, topic: 'Harbour expansion', value: 'neutral' });
    if (i % 5 === 0) await l.ok('tags.add', { itemId: q.id, tag: 'port' });
  }
}

const QUERIES = [
  'ferries', 'tides harbour', '"matter more"', 'dred*', 'ferries OR tolls', 'harbour -cranes', 'tides site:"Valley Times"', 'residents tag:port',
  'matter stance:neutral', 'council after:2015', 'speaker:"Ines Vale"', 'type:quote tides', 'zzzunknownword', 'harbor',
];

describe('search on two threads', () => {
  it('gives the same results, facets and totals as one thread, with the quote search run by the worker', async () => {
    const { l, thread } = await seededThread();
    const run = vi.spyOn(thread, 'run');
    const oneThread = new SearchService(l.app.services.ctx);
    const twoThreads = new SearchService(l.app.services.ctx, { thread, threadFromQuotes: 0 });
    for (const query of QUERIES) {
      for (const countUpTo of [undefined, 3]) {
        const input: SearchQuery = { query, limit: 5, offset: 0, facets: true, prefixLastWord: false, ...(countUpTo ? { countUpTo } : {}) };
        const { tookMs: _a, ...expected } = await oneThread.query(input);
        const { tookMs: _b, ...actual } = await twoThreads.query(input);
        expect(actual, `${query} (countUpTo ${countUpTo})`).toEqual(expected);
      }
    }
    // Every query that searched both articles and quotes sent its quote half to the worker.
    expect(run.mock.calls.length).toBeGreaterThanOrEqual(QUERIES.length);
    expect(run.mock.calls.every(([job]) => job.type === 'quote')).toBe(true);
    const answered = await Promise.allSettled(run.mock.results.map((r) => r.value));
    expect(answered.every((a) => a.status === 'fulfilled')).toBe(true);
  });

  it('walks a phrase among the articles half on each thread, and all here should the worker fail', async () => {
    // Three words: a phrase of two is found in the pair index instead, with no walk to split.
    const { l, thread } = await seededThread();
    const scan = vi.spyOn(thread, 'scan');
    const oneThread = new SearchService(l.app.services.ctx);
    const twoThreads = new SearchService(l.app.services.ctx, { thread, threadFromQuotes: 0 });
    const input: SearchQuery = { query: '"matter more than"', type: 'article', limit: 5, offset: 0, facets: true, prefixLastWord: false };
    const { tookMs: _a, ...expected } = await oneThread.query(input);
    expect(expected.total).toBeGreaterThan(0);
    const { tookMs: _b, ...split } = await twoThreads.query({ ...input, type: undefined });
    const { tookMs: _c, ...together } = await oneThread.query({ ...input, type: undefined });
    expect(split).toEqual(together);
    expect(scan).toHaveBeenCalledTimes(1);
    expect(String(scan.mock.calls[0]![0])).toMatch(/rowid < @p\d+ ORDER BY/);
    // The worker failing, or the part taken back before it starts: walked here, the same results.
    scan.mockImplementation(() => ({ value: Promise.reject(new Error('worker gone')), takeBack: () => false }));
    const { tookMs: _d, ...fallback } = await twoThreads.query({ ...input, type: undefined });
    expect(fallback).toEqual(together);
    scan.mockImplementation(() => ({ value: new Promise(() => {}), takeBack: () => true }));
    const { tookMs: _e, ...takenBack } = await twoThreads.query({ ...input, type: undefined });
    expect(takenBack).toEqual(together);
  });

  it('keeps small libraries on one thread', async () => {
    const { l, thread } = await seededThread();
    const run = vi.spyOn(thread, 'run');
    const search = new SearchService(l.app.services.ctx, { thread });
    expect((await search.query({ query: 'ferries', limit: 5, offset: 0, facets: true, prefixLastWord: false })).total).toBeGreaterThan(0);
    expect(run).not.toHaveBeenCalled();
  });

  it('searches on one thread when the worker cannot start, and says so once', async () => {
    const l = lib();
    await seed(l);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const thread = threadFor(l, new URL('file:///nonexistent/search-worker.mjs'));
      thread.start();
      await vi.waitFor(() => expect(stderr).toHaveBeenCalledWith(expect.stringMatching(/search worker .*searches run on one thread/)), { timeout: 10_000 });
      await expect(thread.run({} as never)).rejects.toBeInstanceOf(SearchThreadUnavailable);
      const search = new SearchService(l.app.services.ctx, { thread, threadFromQuotes: 0 });
      const oneThread = new SearchService(l.app.services.ctx);
      const input: SearchQuery = { query: 'tides', limit: 5, offset: 0, facets: true, prefixLastWord: false };
      const { tookMs: _a, ...expected } = await oneThread.query(input);
      const { tookMs: _b, ...actual } = await search.query(input);
      expect(actual).toEqual(expected);
      expect(stderr.mock.calls.filter(([text]) => /search worker/.test(String(text)))).toHaveLength(1);
    } finally {
      stderr.mockRestore();
    }
  });

  it('reads facet rows sent to the worker exactly once: there, or here when taken back before the worker starts them', async () => {
    const { l, thread } = await seededThread();
    const rids = l.app.db.prepare('SELECT rowid FROM articles ORDER BY rowid').pluck().all() as number[];
    expect(rids.length).toBeGreaterThan(3);
    const outcomes = new Set<boolean>();
    for (let i = 0; i < 30; i++) {
      // A search first, so that the worker is sometimes still busy when the facet job is taken back.
      const busy = i % 2 ? thread.run(quoteJob('"residents"', true)) : null;
      const onWorker = thread.facetRows({ type: 'article', rids });
      const tookBack = i % 3 === 2 ? onWorker.takeBack() : false;
      const rows = await onWorker.value;
      expect(rows === null).toBe(tookBack);
      if (rows) expect(rows.rows).toHaveLength(rids.length);
      // Too late once the worker has it: taking it back now fails.
      if (!tookBack) expect(onWorker.takeBack()).toBe(false);
      await busy;
      outcomes.add(tookBack);
    }
    expect(outcomes.has(false)).toBe(true);
  });

  it('cuts the hits of its best candidates when asked, as this thread would cut them', async () => {
    const { l, thread } = await seededThread();
    const job = { ...quoteJob('"matter more"'), hits: { count: 3, text: null } };
    const answer = await thread.run(job);
    const cut = await answer.hits!.value;
    expect(cut).not.toBeNull();
    const best = answer.result.candidates.slice(0, 3);
    expect(best.length).toBe(3);
    const here = hitsByKey(new StatementCache(l.app.db), best, () => answer.mode, null, hasRankFunction(l.app.db));
    expect([...cut!.entries()]).toEqual([...here.entries()]);
  });

  it('runs the idle warm-up’s searches on a connection of their own, let go at its end, with the same answers', async () => {
    const { thread } = await seededThread();
    const plain = await thread.run(quoteJob('"residents"', true));
    const warmUp = await thread.run({ ...quoteJob('"residents"', true), warmUp: true });
    expect(warmUp.result).toEqual(plain.result);
    expect(await warmUp.facetRows).toEqual(await plain.facetRows);
    thread.endWarmUp();
    // A warm-up job after the end (none is sent, but it would not fail): a connection made afresh.
    const again = await thread.run({ ...quoteJob('"residents"'), warmUp: true });
    expect(again.result).toEqual((await thread.run(quoteJob('"residents"'))).result);
  });

  it('passes SQLite errors back with their code, so the search service reports them as it would', async () => {
    const { thread } = await seededThread();
    await expect(thread.run(quoteJob('"unterminated'))).rejects.toMatchObject({ code: 'SQLITE_ERROR', message: expect.stringMatching(/unterminated|syntax/i) });
    // With facets asked for, their answer comes too (an error), so nothing is left waiting to hold the process.
    await expect(thread.run(quoteJob('"unterminated', true))).rejects.toMatchObject({ code: 'SQLITE_ERROR' });
    await vi.waitFor(() => expect((thread as unknown as { pending: Map<number, unknown> }).pending.size).toBe(0));
    // The worker is still there for the next job.
    const ok = await thread.run(quoteJob('"tides"'));
    expect(ok.result.total).toBeGreaterThan(0);
  });

  it('starts from the sources through tsx where esbuild is missing (the last resort of worker-entry.ts)', async () => {
    const { thread } = await seededThread(new URL('./search-worker-boot.mjs', import.meta.url));
    const answer = await thread.run(quoteJob('"tides"', true));
    expect(answer.result.total).toBeGreaterThan(0);
    // The ranking answers first; the facet rows follow.
    expect(answer.facetRows).toBeInstanceOf(Promise);
    expect(await answer.facetRows).toMatchObject({ rows: expect.any(Array) });
  });

  it('does not keep a process alive once its searches are answered', () => {
    const l = lib();
    const script = `
      import { SearchThread } from ${JSON.stringify(path.join(PROJECT_ROOT, 'main/services/search/search-thread.ts'))};
      const thread = new SearchThread({ dbPath: ${JSON.stringify(l.app.library.dbPath)}, rankExtension: null });
      thread.start();
      while (!thread.isReady) await new Promise((r) => setTimeout(r, 10));
      const r = await thread.run({ type: 'quote', mode: { kind: 'words', match: '"tides"', exclude: null }, conditions: [], params: { values: {}, next: 0 }, limit: 5, options: { countLimit: null }, facets: false });
      console.log('answered', r.result.total);
      // No close(): the process must end by itself.
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe('answered 0\n');
    expect(child.status).toBe(0);
  });

  it('is opened for long-lived processes only, and not at all with SOURCEBOOK_SEARCH_THREAD=off', () => {
    const { dir, cleanup } = tempDir();
    try {
      const opened = (options: Parameters<typeof createServices>[1]) => {
        const app = createServices(dir, options);
        const hasThread = app.services.searchThread !== null;
        app.close();
        return hasThread;
      };
      expect(opened({})).toBe(false);
      expect(opened({ searchThread: true })).toBe(true);
      vi.stubEnv('SOURCEBOOK_SEARCH_THREAD', 'off');
      expect(opened({ searchThread: true })).toBe(false);
    } finally {
      vi.unstubAllEnvs();
      cleanup();
    }
  });
});
