import { afterEach, describe, expect, it } from 'vitest';
import { createServices } from '../../composition';
import { hasRankFunction, rankExtensionPath } from '../../db/rank-extension';
import { parseQuery } from '../../../shared/search/parse-query';
import type { SearchResult } from '../../../shared/search/search-result';
import { useTempLibrary, type TempLibrary } from '../../../test/helpers/temp-library';
import { SearchThread } from './search-thread';
import { SearchWarmUp, warmUpQueries } from './search-warm-up';

const lib = useTempLibrary();
const threads: SearchThread[] = [];
afterEach(() => {
  for (const t of threads.splice(0)) t.close();
});

async function seed(l: TempLibrary): Promise<void> {
  const words = ['ferries', 'tides', 'harbour', 'dredging', 'pilots', 'cranes', 'tolls', 'moorings'];
  for (let i = 0; i < 16; i++) {
    const w = (k: number) => words[(i + k) % words.length];
    const a = await l.ok('articles.create', {
      title: `Council weighs ${w(0)} and ${w(2)} for the ${w(5)} plan ${i}`,
      // Articles with the same text are one article: the number keeps each one's text its own.
      text: `The council debated ${w(0)}, ${w(1)} and the ${w(2)} budget in meeting ${i}. Residents said ${w(1)} matter more than ${w(4)}.`,
      publishedAt: `2024-0${1 + (i % 9)}-11`,
    });
    await l.ok('quotes.create', { articleId: a.id, text: `Residents said ${w(1)} matter more than ${w(4)}`, speaker: i % 2 ? 'Ines Vale' : 'Tomas Reed' });
  }
}

const userSearch = (query: string) => ({ query, limit: 20, offset: 0, facets: true, prefixLastWord: true, countUpTo: 1000 });

describe('the idle search warm-up', () => {
  it('makes searches of every kind of the words of the newest titles, each a valid query', async () => {
    const l = lib();
    expect(warmUpQueries(l.app.services.ctx, 48)).toEqual([]);
    await seed(l);
    const queries = warmUpQueries(l.app.services.ctx, 48);
    expect(queries.length).toBeGreaterThanOrEqual(24);
    expect(queries.length).toBeLessThanOrEqual(48);
    for (const q of queries) expect(() => parseQuery(q)).not.toThrow();
    expect(queries.some((q) => /^"\S+ \S+"$/.test(q))).toBe(true);
    expect(queries.some((q) => /^\p{L}{4,}\*$/u.test(q))).toBe(true);
    expect(queries.some((q) => /^\p{L}+ \p{L}+$/u.test(q))).toBe(true);
    expect(queries.some((q) => /type:quote|type:article|after:\d{4}|speaker:"/.test(q))).toBe(true);
    // The newest titles come first: the last article's words are in the first searches.
    expect(queries[0]).toMatch(/^(council|weighs|ferries|tides|harbour|dredging|pilots|cranes|tolls|moorings|plan)$/);
    // A phrase is two words next to each other in a title, so it finds that article.
    const phrase = queries.find((q) => q.startsWith('"'))!;
    const found = await l.ok('search.query', { ...userSearch(phrase), type: 'article' });
    expect(found.total).toBeGreaterThan(0);
  });

  it('runs its searches on both threads and leaves the user’s results as they were', async () => {
    const l = lib();
    await seed(l);
    const before: SearchResult[] = [];
    const queries = ['harbour', '"the council"', 'dred*', 'tides type:quote', 'ferries speaker:"Ines Vale"'];
    for (const q of queries) before.push(await l.ok('search.query', userSearch(q)));

    const thread = new SearchThread({ dbPath: l.app.library.dbPath, rankExtension: hasRankFunction(l.app.db) ? rankExtensionPath() : null });
    threads.push(thread);
    // A library this small searches on one thread: the warm-up does not start the worker either.
    expect(await new SearchWarmUp(l.app.services.ctx, thread, { count: 4 }).run()).toMatchObject({ searches: 4, stopped: false });
    await new Promise((r) => setTimeout(r, 1000));
    expect(thread.isReady).toBe(false);
    // From 0 quotes: every warm-up search sends its quote half to the worker, as at 100k.
    const warmUp = new SearchWarmUp(l.app.services.ctx, thread, { count: 12, threadFromQuotes: 0 });
    const report = await warmUp.run();
    expect(thread.isReady).toBe(true);
    expect(report).toMatchObject({ searches: 12, stopped: false });
    expect(await warmUp.run()).toBe(report);

    for (const [i, q] of queries.entries()) {
      const again = await l.ok('search.query', userSearch(q));
      expect({ ...again, tookMs: 0 }).toEqual({ ...before[i], tookMs: 0 });
    }
  });

  it('is stopped by the user’s first search, and ends quietly when the library closes under it', async () => {
    const l = lib();
    await seed(l);
    const logged: unknown[] = [];
    // The app's own services on the same library file, as the desktop app and browser mode open it.
    const app = createServices(l.dir, { searchThread: true, warmUpSearch: true, log: (e) => logged.push(e) });
    try {
      const searched = await app.dispatch('search.query', userSearch('harbour'));
      expect(searched.ok).toBe(true);
      expect(await app.services.searchWarmUp!.run()).toMatchObject({ searches: 0, stopped: true });
    } finally {
      app.close();
    }

    const closing = createServices(l.dir, { searchThread: true, warmUpSearch: true, log: (e) => logged.push(e) });
    const running = closing.services.searchWarmUp!.run();
    // A search or two in, the app quits.
    await new Promise((r) => setImmediate(r));
    closing.close();
    expect((await running).stopped).toBe(true);
    expect(logged).toEqual([]);
  });
});
