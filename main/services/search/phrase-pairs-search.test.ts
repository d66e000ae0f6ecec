import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SearchQuery } from '../../../shared/api/methods-search';
import { useTempLibrary, type TempLibrary } from '../../../test/helpers/temp-library';
import { DB_FILE_NAME } from '../../db/open-database';
import { catchUpPairs } from '../../db/phrase-pairs';
import { rankExtensionPath } from '../../db/rank-extension';
import { SearchService } from './search-service';
import { StatementCache } from './statement-cache';

const isBuilt = fs.existsSync(rankExtensionPath());
const lib = useTempLibrary();
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const SITES = ['Valley Times', 'Harbour Post', 'Coast Daily'];
const WORDS = ['ferries', 'tolls', 'tides', 'cranes', 'dredging', 'piers'];

/** Articles and quotes where "after the", "the council" and friends are everywhere, and a few rarer phrases. */
async function seed(l: TempLibrary): Promise<void> {
  for (let i = 0; i < 48; i++) {
    const w = (k: number) => WORDS[(i + k) % WORDS.length]!;
    const a = await l.ok('articles.create', {
      title: `${w(0)} after the vote ${i}`,
      text: `The council met after the storm. After the vote the ${w(1)} and the ${w(2)} were discussed.${i % 4 ? '' : ' Café olé, said the e-mail policy.'} The council${' of the port'.repeat(i % 3)} adjourned ${w(3)}.`,
      siteName: SITES[i % SITES.length],
      publishedAt: `20${10 + (i % 12)}-03-0${1 + (i % 9)}`,
    });
    if (i % 3 === 0) await l.ok('tags.add', { itemId: a.id, tag: 'port' });
    await l.ok('quotes.create', { articleId: a.id, text: `After the vote the ${w(1)} and the ${w(2)} were discussed.`, speaker: i % 2 ? 'Ines Vale' : 'Tomas Reed', note: i % 5 ? undefined : 'after the storm' });
  }
}

const QUERIES = [
  '"after the"', '"The council"', '"the council"', '"ferries after"', '"Ines Vale"', '"café olé"', '"cafe ole"', '"e-mail policy"', '"of the"',
  '"after the" site:"Valley Times"', '"after the" tag:port', '"the council" after:2015', '"after the" type:quote', '"after the" speaker:"Ines Vale"',
  '"adjourned ferries"', '"vote 7"', '"storm after"', '"nowhere near"', '"tolls the"',
];

const input = (query: string, countUpTo?: number, offset = 0): SearchQuery => ({ query, limit: 7, offset, facets: true, prefixLastWord: false, ...(countUpTo ? { countUpTo } : {}) });

async function results(search: SearchService, query: string) {
  const out = [];
  for (const countUpTo of [undefined, 5]) {
    for (const offset of [0, 7]) {
      const { tookMs: _, ...r } = await search.query(input(query, countUpTo, offset));
      out.push(r);
    }
  }
  return out;
}

/** The SQL run through search statement caches while `run` runs. */
async function sqlWhile(run: () => Promise<unknown>): Promise<string[]> {
  const get = vi.spyOn(StatementCache.prototype, 'get');
  await run();
  const sql = get.mock.calls.map(([s]) => s);
  get.mockRestore();
  return sql;
}

describe.skipIf(!isBuilt)('search: a two-word phrase found in the pair index', () => {
  it('finds, counts, ranks, pages and facets exactly as the word index does', { timeout: 60_000 }, async () => {
    const l = lib();
    await seed(l);
    vi.stubEnv('SOURCEBOOK_PHRASE_PAIRS', 'off');
    const withoutPairs = new SearchService(l.app.services.ctx);
    vi.unstubAllEnvs();
    const withPairs = new SearchService(l.app.services.ctx);
    let matched = 0;
    for (const query of QUERIES) {
      const expected = await results(withoutPairs, query);
      expect(await results(withPairs, query), query).toEqual(expected);
      matched += expected[0]!.total;
    }
    expect(matched).toBeGreaterThan(200);
    // The pair index was used for two-word phrases, and only for them.
    expect((await sqlWhile(() => withPairs.query(input('"after the"')))).some((s) => /articles_pairs MATCH/.test(s))).toBe(true);
    expect((await sqlWhile(() => withPairs.query(input('"after the"')))).some((s) => /quotes_pairs MATCH/.test(s))).toBe(true);
    expect((await sqlWhile(() => withPairs.query(input('"e-mail policy"')))).some((s) => /_pairs MATCH/.test(s))).toBe(false);
    expect((await sqlWhile(() => withoutPairs.query(input('"after the"')))).some((s) => /_pairs MATCH/.test(s))).toBe(false);
  });

  it('ranks the rows it finds the same whether FTS5 looks each up or walks past them', { timeout: 60_000 }, async () => {
    const l = lib();
    await seed(l);
    const lookedUp = new SearchService(l.app.services.ctx, { lookupDocCost: 0 });
    const walked = new SearchService(l.app.services.ctx, { lookupDocCost: Infinity });
    for (const query of [...QUERIES, 'ferries', 'tolls tag:port', 'piers stance:supports']) {
      expect(await results(lookedUp, query), query).toEqual(await results(walked, query));
    }
    // Each way was taken: one statement looks the listed rows up, the other bounds a walk by their span.
    const ranking = (sql: string[]) => sql.filter((s) => /sourcebook_bm25\(articles_fts/.test(s));
    expect(ranking(await sqlWhile(() => lookedUp.query(input('"after the"')))).some((s) => /rowid IN \(SELECT value FROM json_each/.test(s))).toBe(true);
    expect(ranking(await sqlWhile(() => walked.query(input('"after the"')))).some((s) => /rowid BETWEEN/.test(s))).toBe(true);
  });

  it('finds phrases without it while a row waits for its pairs, then with it again', { timeout: 60_000 }, async () => {
    const l = lib();
    await seed(l);
    const search = new SearchService(l.app.services.ctx);
    const before = await search.query(input('"storm surge"'));
    expect(before.total).toBe(0);
    // Another process without the search extension edits an article: its pairs are stale.
    const plain = new BetterSqlite3(path.join(l.dir, DB_FILE_NAME));
    try {
      plain.prepare("UPDATE articles SET text = 'A storm surge flooded the piers.' WHERE rowid = 3").run();
    } finally {
      plain.close();
    }
    const stale = await sqlWhile(async () => expect((await search.query(input('"storm surge"'))).total).toBe(1));
    expect(stale.some((s) => /articles_pairs MATCH/.test(s))).toBe(false);
    expect(catchUpPairs(l.app.db, 100)).toBe(1);
    const caughtUp = await sqlWhile(async () => expect((await search.query(input('"storm surge"'))).total).toBe(1));
    expect(caughtUp.some((s) => /articles_pairs MATCH/.test(s))).toBe(true);
  });
});
