import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTempLibrary, type TempLibrary } from '../../../test/helpers/temp-library';
import { MARK_END, MARK_START, splitSnippet } from '../../../shared/search/snippet-markers';
import { computeFacets } from './facets';
import { hasRankFunction, rankExtensionPath } from '../../db/rank-extension';
import { SearchService } from './search-service';

const lib = useTempLibrary();

/** Articles that do not mention the test's words, so bm25's IDF is positive (a word in over half the documents scores ~0). */
async function filler(l: TempLibrary, count = 12): Promise<void> {
  const topics = ['rail timetables', 'school lunches', 'bridge repairs', 'museum hours', 'bus lanes', 'library fines'];
  for (let i = 0; i < count; i++) {
    await l.ok('articles.create', { title: `Council notes ${i}`, text: `The council discussed ${topics[i % topics.length]} and adjourned at ${i + 6} pm without a vote.` });
  }
}

const ids = (r: { hits: { id: string }[] }) => r.hits.map((h) => h.id);

describe('search.query: ranking', () => {
  it('ranks a title match above a body match', async () => {
    const l = lib();
    await filler(l);
    const body = await l.ok('articles.create', { title: 'Weekly roundup', text: 'Among other things, the desalination plant was mentioned once in passing by the council.' });
    const title = await l.ok('articles.create', { title: 'Desalination plant opens', text: 'The new facility on the coast started delivering water to the city this week.' });
    const r = await l.ok('search.query', { query: 'desalination', type: 'article' });
    expect(ids(r)).toEqual([title.id, body.id]);
    expect(r.hits[0]!.score).toBeGreaterThan(r.hits[1]!.score);
  });

  it('ranks quote text above a match in the quote note', async () => {
    const l = lib();
    await filler(l);
    const a = await l.ok('articles.create', { title: 'Interview', text: 'Ferries must run on time. Buses matter too, she added.' });
    const inNote = await l.ok('quotes.create', { articleId: a.id, text: 'Buses matter too', speaker: 'Lea Moss', note: 'said after the ferries answer' });
    const inText = await l.ok('quotes.create', { articleId: a.id, text: 'Ferries must run on time', speaker: 'Lea Moss' });
    expect(ids(await l.ok('search.query', { query: 'ferries', type: 'quote' }))).toEqual([inText.id, inNote.id]);
  });

  it('beyond the ranking window, ranks the newest titleWindow title matches', async () => {
    const l = lib();
    const titled: string[] = [];
    for (let i = 0; i < 3; i++) titled.push((await l.ok('articles.create', { title: `Peat bogs ${i}`, text: `Wetland piece ${i}.` })).id);
    for (let i = 0; i < 10; i++) await l.ok('articles.create', { title: `Item ${i}`, text: `Draining peat releases carbon, report ${i} says, among many other things about farming.` });
    const search = (titleWindow: number) =>
      new SearchService(l.app.services.ctx, { rankWindow: 3, titleWindow }).query({ query: 'peat', type: 'article', limit: 10, offset: 0, facets: false, prefixLastWord: false });
    const narrow = (await search(2)).hits.map((h) => h.id);
    expect(narrow).toEqual(expect.arrayContaining([titled[2], titled[1]]));
    expect(narrow).not.toContain(titled[0]);
    expect((await search(50)).hits.map((h) => h.id)).toEqual(expect.arrayContaining(titled));
  });

  it('ranks a phrase in the window and its older title matches as FTS5’s bm25 ranks them by the phrase’s words', async () => {
    const l = lib();
    const titled: string[] = [];
    for (let i = 0; i < 3; i++) titled.push((await l.ok('articles.create', { title: `Peat bogs ${i}`, text: `Wetland piece ${i}: peat bogs hold carbon.` })).id);
    for (let i = 0; i < 10; i++) await l.ok('articles.create', { title: `Item ${i}`, text: `Draining peat bogs releases carbon, report ${i} says${', again'.repeat(i)}.` });
    const ranked = async (useRankExtension: boolean) =>
      (await new SearchService(l.app.services.ctx, { rankWindow: 3, titleWindow: 2, useRankExtension }).query({ query: '"peat bogs"', type: 'article', limit: 5, offset: 0, facets: false, prefixLastWord: false }))
        .hits.map((h) => `${h.id} ${h.score}`);
    const withExtension = await ranked(true);
    expect(withExtension).toHaveLength(5);
    // The two newest of the old titled ones come in beyond the window, and first.
    expect(withExtension.slice(0, 2).map((h) => h.split(' ')[0]).sort()).toEqual([titled[1], titled[2]].sort());
    expect(withExtension).toEqual(await ranked(false));
  });

  it('breaks ties by recency', async () => {
    const l = lib();
    await filler(l);
    const older = await l.ok('notes.create', { title: 'Kelp forests', body: 'same words' });
    const newer = await l.ok('notes.create', { title: 'Kelp forests', body: 'same words' });
    expect(ids(await l.ok('search.query', { query: 'kelp' }))).toEqual([newer.id, older.id]);
  });

  it('keeps the ranking window exact for totals and lets old title matches through', async () => {
    const l = lib();
    const titled = await l.ok('articles.create', { title: 'Peat bogs', text: 'An old piece about wetlands.' });
    for (let i = 0; i < 30; i++) await l.ok('articles.create', { title: `Item ${i}`, text: `Draining peat releases carbon, report ${i} says, among many other things about farming.` });
    for (let i = 0; i < 10; i++) await l.ok('articles.create', { title: `Other ${i}`, text: `Nothing relevant here ${i}.` });
    const search = new SearchService(l.app.services.ctx, { rankWindow: 5 });
    const r = await search.query({ query: 'peat', type: 'article', limit: 5, offset: 0, facets: false, prefixLastWord: false });
    expect(r.total).toBe(31);
    expect(r.hits).toHaveLength(5);
    expect(r.hits[0]!.id).toBe(titled.id);
  });
});

describe('search.query: counting up to a limit', () => {
  it('counts exactly up to countUpTo, then reports a lower bound, with and without filters', async () => {
    const l = lib();
    for (let i = 0; i < 12; i++) await l.ok('articles.create', { title: `Item ${i}`, text: `Draining peat releases carbon, report ${i} says.`, tags: i % 2 ? ['odd'] : [] });
    const search = new SearchService(l.app.services.ctx, { rankWindow: 3 });
    const run = (query: string, countUpTo?: number) =>
      search.query({ query, type: 'article', limit: 3, offset: 0, facets: false, prefixLastWord: false, ...(countUpTo ? { countUpTo } : {}) });

    const exact = await run('peat');
    expect([exact.total, exact.isTotalExact]).toEqual([12, true]);
    const capped = await run('peat', 4);
    expect([capped.total, capped.isTotalExact]).toEqual([4, false]);
    expect(capped.hits).toHaveLength(3);
    // The type facet carries the same lower bound.
    const facets = computeFacets([{ type: 'article', candidates: [], total: 4, isTotalExact: false }], []);
    expect(facets.type).toEqual([expect.objectContaining({ value: 'article', count: 4, isAtLeast: true })]);
    // Under the limit the count is exact even when asked to stop early.
    expect(await run('peat', 50)).toMatchObject({ total: 12, isTotalExact: true });

    // A filter read as a rowid set (checked in JS, in chunks) and one without words.
    expect(await run('peat tag:odd')).toMatchObject({ total: 6, isTotalExact: true });
    expect(await run('peat tag:odd', 4)).toMatchObject({ total: 4, isTotalExact: false });
    expect(await run('peat -tag:odd', 50)).toMatchObject({ total: 6, isTotalExact: true });
    expect(await run('tag:odd', 4)).toMatchObject({ total: 4, isTotalExact: false });
    expect(await run('tag:odd')).toMatchObject({ total: 6, isTotalExact: true });
  });
});

describe('search.query: language', () => {
  it('stems words, matches phrases, prefixes, OR and exclusions', async () => {
    const l = lib();
    await filler(l);
    const a = await l.ok('articles.create', { title: 'Running water', text: 'Engineers are running new pipes under the old town square.' });
    const b = await l.ok('articles.create', { title: 'Town runs', text: 'The old town square hosts a weekly market for runners.' });
    expect(ids(await l.ok('search.query', { query: 'runs', type: 'article' })).sort()).toEqual([a.id, b.id].sort());
    expect(ids(await l.ok('search.query', { query: '"new pipes"' }))).toEqual([a.id]);
    expect(ids(await l.ok('search.query', { query: '"pipes new"' }))).toEqual([]);
    expect(ids(await l.ok('search.query', { query: 'marke*' }))).toEqual([b.id]);
    expect(ids(await l.ok('search.query', { query: 'pipes OR market' })).sort()).toEqual([a.id, b.id].sort());
    expect(ids(await l.ok('search.query', { query: 'square -market' }))).toEqual([a.id]);
    expect(ids(await l.ok('search.query', { query: 'engineer', prefixLastWord: true }))).toEqual([a.id]);
  });

  it('finds with a prefix written out as words exactly what FTS5’s own prefix finds, and marks those words', async () => {
    const l = lib();
    await filler(l);
    const texts = ['Policy makers met.', 'Police arrived late.', 'Political parties disagree.', 'The polis of Athens.', 'Polite applause followed.', 'A pole fell over.'];
    for (const [i, text] of texts.entries()) await l.ok('articles.create', { title: `Item ${i}`, text });
    const a = await l.ok('articles.create', { title: 'Interview', text: 'Police spokesmen and policy analysts spoke.' });
    await l.ok('quotes.create', { articleId: a.id, text: 'Police spokesmen', speaker: 'Ada Poll' });
    await l.ok('quotes.create', { articleId: a.id, text: 'policy analysts', speaker: 'Ada Poll' });
    const ftsRowids = (fts: string, match: string) => (l.app.db.prepare(`SELECT rowid FROM ${fts} WHERE ${fts} MATCH ? ORDER BY rowid`).pluck().all(match) as number[]);
    const rowidOf = (table: string, id: string) => l.app.db.prepare(`SELECT rowid FROM ${table} WHERE id = ?`).pluck().get(id) as number;
    // "polic*" is stemmed by FTS5 to "polic*", "polite*" to "polit*", "pol*" to "pol*": each written out differs.
    for (const prefix of ['polic', 'polit', 'pol', 'polis', 'polx']) {
      for (const [type, table, fts] of [['article', 'articles', 'articles_fts'], ['quote', 'quotes', 'quotes_fts']] as const) {
        const r = await l.ok('search.query', { query: `${prefix}*`, type, limit: 100 });
        const found = r.hits.map((h: { id: string }) => rowidOf(table, h.id)).sort((x: number, y: number) => x - y);
        expect(found, `${prefix}* in ${type}s`).toEqual(ftsRowids(fts, `"${prefix}"*`));
        expect(r.total).toBe(found.length);
        for (const hit of r.hits) expect(hit.snippet, `${prefix}* snippet`).toContain(MARK_START);
      }
    }
  });

  it('finds the word being typed even when its stem is shorter than what was typed', async () => {
    const l = lib();
    await filler(l);
    const a = await l.ok('articles.create', { title: 'Coalition talks', text: 'The government and the opposition met for political talks. Both emphasized trust.' });
    expect(ids(await l.ok('search.query', { query: 'governm', prefixLastWord: true }))).toEqual([a.id]);
    // The index holds "emphas" for "emphasized", a stem that porter itself shortens further when
    // it is written in a query: the prefix cannot be written out as that word.
    expect(ids(await l.ok('search.query', { query: 'emphasized', prefixLastWord: true }))).toEqual([a.id]);
    expect(ids(await l.ok('search.query', { query: 'emphasize*' }))).toEqual([a.id]);
    // …nor as an alternative of the word being typed: given as a prefix where nothing else matches.
    for (const typed of ['emphasi', 'emphasiz', 'emphasize']) {
      const r = await l.ok('search.query', { query: typed, prefixLastWord: true });
      expect([typed, ids(r), r.didYouMean]).toEqual([typed, [a.id], undefined]);
    }
    expect(ids(await l.ok('search.query', { query: 'politic', prefixLastWord: true }))).toEqual([a.id]);
  });

  it('lists by filters alone, newest first, and supports exclusions without words', async () => {
    const l = lib();
    const a = await l.ok('articles.create', { title: 'First', text: 'Alpha text.', tags: ['energy'] });
    const b = await l.ok('articles.create', { title: 'Second', text: 'Beta text.', tags: ['energy'] });
    await l.ok('articles.create', { title: 'Third', text: 'Gamma text.' });
    expect(ids(await l.ok('search.query', { query: 'tag:energy' }))).toEqual([b.id, a.id]);
    expect(ids(await l.ok('search.query', { query: 'tag:energy -beta' }))).toEqual([a.id]);
  });

  it('finds CJK words inside unspaced text through the trigram index', async () => {
    const l = lib();
    const a = await l.ok('articles.create', { title: '经济新闻', text: '我们在北京讨论经济政策的未来发展方向。专家认为需要更多投资。' });
    const q = await l.ok('quotes.create', { articleId: a.id, text: '专家认为需要更多投资' });
    expect(ids(await l.ok('search.query', { query: '北京' }))).toEqual([a.id]);
    const r = await l.ok('search.query', { query: '需要更多' });
    expect(ids(r).sort()).toEqual([a.id, q.id].sort());
    expect(r.hits.find((h) => h.id === q.id)!.snippet).toContain(`${MARK_START}需要更多${MARK_END}`);
  });

  it('falls back to substrings of titles and names when no word matches', async () => {
    const l = lib();
    const a = await l.ok('articles.create', { title: 'Facebook moderation report', text: 'Content rules were revised.' });
    const s = await l.ok('speakers.create', { name: 'Anneliese Vandermolen' });
    expect(ids(await l.ok('search.query', { query: 'ebook' }))).toEqual([a.id]);
    expect(ids(await l.ok('search.query', { query: 'dermol' }))).toEqual([s.id]);
    // Exclusions still look at the whole text, not just the titles the trigram index holds.
    expect(ids(await l.ok('search.query', { query: 'ebook -rules' }))).toEqual([]);
    // A search that finds nothing because of an exclusion is not "rescued" by substrings.
    expect(ids(await l.ok('search.query', { query: 'moderation -revised' }))).toEqual([]);
  });
});

describe('search.query: filters', () => {
  async function corpus(l: TempLibrary) {
    await filler(l, 6);
    const a1 = await l.ok('articles.create', {
      title: 'Carbon tax debate', text: 'The carbon tax will fund rail. Farmers fear the carbon tax. Economists like a carbon price.',
      siteName: 'The Guardian', url: 'https://www.theguardian.com/a1', publishedAt: '2021-03-04', tags: ['climate'], collection: 'Thesis',
    });
    const a2 = await l.ok('articles.create', {
      title: 'Fuel prices', text: 'A carbon levy raised fuel prices, drivers said. The minister defended the carbon levy.',
      siteName: 'Reuters', url: 'https://reuters.com/a2', publishedAt: '2018-07-01',
    });
    const q1 = await l.ok('quotes.create', { articleId: a1.id, text: 'The carbon tax will fund rail', speaker: 'Nora Lind', saidAt: '2021-03-04' });
    const q2 = await l.ok('quotes.create', { articleId: a1.id, text: 'Farmers fear the carbon tax', speaker: 'Piet Mol', saidAt: '2021-03-05' });
    const q3 = await l.ok('quotes.create', { articleId: a2.id, text: 'The minister defended the carbon levy', speaker: 'Nora Lind', saidAt: '2018-07-01' });
    await l.ok('stances.set', { subjectType: 'quote', subjectId: q1.id, topic: 'Carbon pricing', value: 'supports' });
    await l.ok('stances.set', { subjectType: 'quote', subjectId: q2.id, topic: 'Carbon pricing', value: 'opposes' });
    await l.ok('stances.set', { subjectType: 'quote', subjectId: q3.id, topic: 'Fuel duty', value: 'supports' });
    await l.ok('tags.add', { itemId: q2.id, tag: 'farming' });
    return { a1, a2, q1, q2, q3 };
  }

  it('applies each filter', async () => {
    const l = lib();
    const { a1, a2, q1, q2, q3 } = await corpus(l);
    const find = async (query: string) => ids(await l.ok('search.query', { query, limit: 50 })).sort();
    expect(await find('carbon type:quote')).toEqual([q1.id, q2.id, q3.id].sort());
    expect(await find('carbon type:article,quote -type:quote')).toEqual([a1.id, a2.id].sort());
    expect(await find('carbon speaker:"nora lind"')).toEqual([q1.id, q3.id].sort());
    expect(await find('carbon speaker:lind')).toEqual([q1.id, q3.id].sort());
    expect(await find('carbon speaker:mol')).toEqual([q2.id]);
    expect(await find('carbon -speaker:mol type:quote')).toEqual([q1.id, q3.id].sort());
    expect(await find('carbon stance:supports')).toEqual([q1.id, q3.id].sort());
    expect(await find('carbon stance:supports topic:"carbon pricing"')).toEqual([q1.id]);
    expect(await find('carbon topic:"fuel duty"')).toEqual([q3.id]);
    expect(await find('carbon tag:climate')).toEqual([a1.id]);
    expect(await find('carbon tag:farming')).toEqual([q2.id]);
    expect(await find('carbon site:reuters.com')).toEqual([a2.id, q3.id].sort());
    expect(await find('carbon site:guardian')).toEqual([a1.id, q1.id, q2.id].sort());
    expect(await find('carbon collection:thesis')).toEqual([a1.id]);
    expect(await find('carbon before:2020')).toEqual([a2.id, q3.id].sort());
    expect(await find('carbon after:2020 -type:topic')).toEqual([a1.id, q1.id, q2.id].sort());
    expect(await find('carbon said:2021-03-05')).toEqual([q2.id]);
    expect(await find('carbon speaker:nobody')).toEqual([]);
  });

  it('gives the same answers whether a filter is read as a set or checked on each match', async () => {
    const l = lib();
    const { q1, q2, q3 } = await corpus(l);
    // Named and hosted alike, so the site's article list holds it twice (UNION ALL).
    const wide = await l.ok('articles.create', {
      title: 'Harbour budget', text: 'Harbour dues rose. Kelp farms grew. Ferries ran late.', siteName: 'coastpost.example', url: 'https://coastpost.example/budget', publishedAt: '2022-01-01',
    });
    for (let i = 0; i < 6; i++) {
      const q = await l.ok('quotes.create', { articleId: wide.id, text: 'Ferries ran late' });
      await l.ok('stances.set', { subjectType: 'quote', subjectId: q.id, topic: 'Carbon pricing', value: 'opposes' });
    }
    const kelp = await l.ok('quotes.create', { articleId: wide.id, text: 'Kelp farms grew', saidAt: '2022-01-02' });
    await l.ok('stances.set', { subjectType: 'quote', subjectId: kelp.id, topic: 'Carbon pricing', value: 'supports' });
    // SET_ROW_COST 0: every filter with a per-rowid form is read as a set (a bitmap in C with the search
    // extension, a JS Set without it); Infinity: each is probed per match.
    const ways = [{ setRowCost: 0 }, { setRowCost: 0, useRankExtension: false }, { setRowCost: Infinity }].map((o) => new SearchService(l.app.services.ctx, o));
    const queries = [
      'carbon site:reuters.com', 'carbon site:"The Guardian"', 'carbon -site:reuters.com', 'carbon site:reuters.com site:theguardian.com',
      'carbon stance:supports', 'carbon -stance:supports', 'carbon stance:supports topic:"carbon pricing"', 'carbon topic:"fuel duty"',
      'carbon before:2020', 'carbon after:2020', 'carbon -before:2020', 'kelp OR carbon after:2021 site:coastpost.example', 'kelp OR carbon stance:opposes', 'harbour site:coastpost.example',
    ];
    const expected: Record<string, string[]> = {
      'carbon stance:supports type:quote': [q1.id, q3.id].sort(),
      'carbon -stance:supports type:quote': [q2.id],
      'kelp OR carbon after:2021 site:coastpost.example type:quote': [kelp.id],
      'harbour site:coastpost.example type:article': [wide.id],
    };
    for (const query of queries) {
      for (const type of ['quote', 'article'] as const) {
        const answers = await Promise.all(ways.map(async (s) => ids(await s.query({ query, type, limit: 50, offset: 0, facets: false, prefixLastWord: false })).sort()));
        expect(answers[1], `${query} type:${type}, JS set`).toEqual(answers[0]);
        expect(answers[2], `${query} type:${type}, probed`).toEqual(answers[0]);
        const known = expected[`${query} type:${type}`];
        if (known) expect(answers[0]).toEqual(known);
      }
    }
  });

  it.skipIf(!fs.existsSync(rankExtensionPath()))('ranks the same with the rank extension as with FTS5’s bm25, scores and snippets and all, as the library changes', async () => {
    const l = lib();
    expect(hasRankFunction(l.app.db)).toBe(true);
    await corpus(l);
    const withCounts = new SearchService(l.app.services.ctx, { useRankExtension: true });
    const builtIn = new SearchService(l.app.services.ctx, { useRankExtension: false });
    const queries = ['carbon', 'carbon tax', '"carbon tax"', 'carb', 'carbon OR kelp -harbour', 'harbour budget', 'ferr*', 'carbon stance:supports', 'farmers', 'rail OR levy'];
    const answer = async (s: SearchService, query: string) =>
      // Snippets too: with the extension a page's snippets are cut in one statement, without it hit by hit.
      (await s.query({ query, limit: 50, offset: 0, facets: false, prefixLastWord: true })).hits.map((h) => `${h.id} ${h.score} ${h.snippet}`);
    const compare = async () => {
      for (const query of queries) expect(await answer(withCounts, query), query).toEqual(await answer(builtIn, query));
    };
    await compare();
    // Items added after the counts were kept: counted on the next search.
    for (let i = 0; i < 3; i++) await l.ok('articles.create', { title: `Carbon ferry ${i}`, text: 'Carbon tax on the harbour ferry, said the budget office.' });
    await compare();
  });

  it('says of a quote hit whether its words are still as marked in its source', async () => {
    const l = lib();
    const { q1, q2 } = await corpus(l);
    l.app.db.prepare("UPDATE quotes SET anchor_status = 'fuzzy' WHERE id = ?").run(q2.id);
    const hits = (await l.ok('search.query', { query: 'carbon tax', type: 'quote' })).hits;
    expect(hits.find((h) => h.id === q1.id)?.anchorStatus).toBe('exact');
    expect(hits.find((h) => h.id === q2.id)?.anchorStatus).toBe('fuzzy');
  });

  it('counts facets and gives the filter text for each value', async () => {
    const l = lib();
    await corpus(l);
    const r = await l.ok('search.query', { query: 'carbon', facets: true });
    const f = r.facets!;
    expect(f.isExact).toBe(true);
    expect(f.type).toEqual([
      { value: 'quote', label: 'Quotes', count: 3, filter: 'type:quote' },
      { value: 'article', label: 'Articles', count: 2, filter: 'type:article' },
      // The topic "Carbon pricing" itself.
      { value: 'topic', label: 'Topics', count: 1, filter: 'type:topic' },
    ]);
    expect(f.speaker).toEqual([
      { value: 'Nora Lind', label: 'Nora Lind', count: 2, filter: 'speaker:"Nora Lind"' },
      { value: 'Piet Mol', label: 'Piet Mol', count: 1, filter: 'speaker:"Piet Mol"' },
    ]);
    expect(f.stance.map((x) => [x.value, x.count])).toEqual([['supports', 2], ['opposes', 1]]);
    expect(f.topic.map((x) => [x.value, x.count, x.filter])).toEqual([['Carbon pricing', 2, 'topic:"Carbon pricing"'], ['Fuel duty', 1, 'topic:"Fuel duty"']]);
    expect(f.tag.map((x) => [x.value, x.count])).toEqual([['climate', 1], ['farming', 1]]);
    expect(f.site.map((x) => [x.value, x.count])).toEqual([['The Guardian', 3], ['Reuters', 2]]);
    // Years of the articles and quotes, and of the topic (created by the test clock in 2026).
    expect(f.year.map((x) => [x.value, x.count, x.filter])).toEqual([
      ['2026', 1, 'after:2025 before:2027'], ['2021', 3, 'after:2020 before:2022'], ['2018', 2, 'after:2017 before:2019'],
    ]);
    // A facet's filter text narrows the search to exactly its count.
    for (const value of [...f.speaker, ...f.stance, ...f.site, ...f.year, ...f.type]) {
      expect((await l.ok('search.query', { query: `carbon ${value.filter}` })).total).toBe(value.count);
    }
    expect((await l.ok('search.query', { query: 'carbon' })).facets).toBeNull();

    // A topic in the trash leaves the stance and topic facets with its stances.
    const fuelDuty = l.app.db.prepare("SELECT id FROM topics WHERE title = 'Fuel duty'").pluck().get() as string;
    await l.ok('items.trash', { id: fuelDuty });
    const after = (await l.ok('search.query', { query: 'carbon', facets: true })).facets!;
    expect(after.topic.map((x) => [x.value, x.count])).toEqual([['Carbon pricing', 2]]);
    expect(after.stance.map((x) => x.count).reduce((a, b) => a + b, 0)).toBe(2);
  });

  it('pages through results without overlap', async () => {
    const l = lib();
    await filler(l, 4);
    for (let i = 0; i < 7; i++) await l.ok('notes.create', { title: `Estuary note ${i}`, body: 'estuary' });
    const pages = [];
    for (let offset = 0; offset < 7; offset += 3) pages.push(...ids(await l.ok('search.query', { query: 'estuary', limit: 3, offset })));
    expect(new Set(pages).size).toBe(7);
    expect((await l.ok('search.query', { query: 'estuary', limit: 3, offset: 6 })).total).toBe(7);
  });
});

describe('search.query: snippets and hits', () => {
  it('marks matches with control characters and fills the hit fields', async () => {
    const l = lib();
    await filler(l);
    const a = await l.ok('articles.create', {
      title: 'Reef survey', siteName: 'Nature', publishedAt: '2022-05-06',
      text: `${'Background sentence about boats. '.repeat(20)}Divers counted bleached corals on the northern reef. ${'More about the boats. '.repeat(20)}`,
    });
    const q = await l.ok('quotes.create', { articleId: a.id, text: 'Divers counted bleached corals', speaker: 'Ana Reyes' });
    const r = await l.ok('search.query', { query: 'bleached corals' });
    const article = r.hits.find((h) => h.type === 'article')!;
    expect(article).toMatchObject({ id: a.id, title: 'Reef survey', siteName: 'Nature', articleId: a.id, date: '2022-05-06' });
    expect(article.snippet).toContain(`${MARK_START}bleached${MARK_END} ${MARK_START}corals${MARK_END}`);
    expect(article.snippet.length).toBeLessThan(400);
    expect(splitSnippet(article.snippet).filter((p) => p.isMatch).map((p) => p.text)).toEqual(['bleached', 'corals']);
    const quote = r.hits.find((h) => h.type === 'quote')!;
    expect(quote).toMatchObject({ id: q.id, articleId: a.id, speakerName: 'Ana Reyes', title: 'Reef survey' });
    expect(quote.snippet).toContain(`${MARK_START}bleached${MARK_END}`);
  });

  it('shows the start of an article’s text for a hit without matched words (a filter alone)', async () => {
    const l = lib();
    await filler(l);
    const a = await l.ok('articles.create', { title: 'Tide tables', siteName: 'Harbour Gazette', text: `High water at dawn on Friday.   ${'The pilots checked the charts. '.repeat(20)}` });
    const r = await l.ok('search.query', { query: 'site:"Harbour Gazette"' });
    const hit = r.hits.find((h) => h.id === a.id)!;
    expect(hit.snippet.startsWith('High water at dawn on Friday. The pilots checked the charts.')).toBe(true);
    expect(hit.snippet.endsWith('…')).toBe(true);
    expect(hit.snippet.length).toBe(201);
  });
});

describe('search.query: did you mean', () => {
  it('suggests the closest word the library holds for a word that matches nothing', async () => {
    const l = lib();
    await filler(l);
    await l.ok('articles.create', { title: 'Referendum results', text: 'The referendum on independence failed narrowly.' });
    const r = await l.ok('search.query', { query: 'refrendum independence' });
    expect(r.total).toBe(0);
    expect(r.didYouMean).toEqual({ query: 'referendum independence', corrections: [{ from: 'refrendum', to: 'referendum' }] });
    expect((await l.ok('search.query', { query: r.didYouMean!.query })).total).toBe(1);
    expect((await l.ok('search.query', { query: 'referendum' })).didYouMean).toBeUndefined();
  });

  it('suggests a word of the library, not its stem, when the stem is not one a query can name', async () => {
    const l = lib();
    await filler(l);
    // "emphasized" is indexed as "emphas", which a query would read as "empha"; "emphatic" shares that prefix.
    await l.ok('articles.create', { title: 'Speech', text: 'An emphatic speech. The minister emphasized trust.' });
    const r = await l.ok('search.query', { query: 'emphasised' });
    expect(r.didYouMean?.corrections).toEqual([{ from: 'emphasised', to: 'emphasized' }]);
    expect((await l.ok('search.query', { query: r.didYouMean!.query })).total).toBe(1);
  });

  it('finds the correction for a slip in the second letter as for one later in the word', async () => {
    const l = lib();
    await filler(l);
    await l.ok('articles.create', { title: 'Harbour dredging', text: 'The harbour dredging contract was signed; the hardware arrives in May.' });
    // "hrabour": nothing starts with "hr", so the search widens to every word starting with "h".
    expect((await l.ok('search.query', { query: 'hrabour' })).didYouMean?.corrections).toEqual([{ from: 'hrabour', to: 'harbour' }]);
    expect((await l.ok('search.query', { query: 'harbout' })).didYouMean?.corrections).toEqual([{ from: 'harbout', to: 'harbour' }]);
  });
});

describe('search.saved and search.quickOpenIndex', () => {
  it('saves, replaces by name, lists and deletes searches', async () => {
    const l = lib();
    const one = await l.ok('search.saved.save', { name: 'Carbon quotes', query: 'carbon type:quote' });
    await l.ok('search.saved.save', { name: 'Alpha', query: 'alpha' });
    const again = await l.ok('search.saved.save', { name: 'carbon QUOTES', query: 'carbon type:quote stance:supports' });
    expect(again.id).toBe(one.id);
    expect((await l.ok('search.saved.list', {})).map((s) => [s.name, s.query])).toEqual([
      ['Alpha', 'alpha'],
      ['carbon QUOTES', 'carbon type:quote stance:supports'],
    ]);
    expect((await l.fail('search.saved.save', { name: 'Bad', query: 'a OR' })).code).toBe('search/invalid-query');
    await l.ok('search.saved.delete', { id: one.id });
    expect((await l.fail('search.saved.delete', { id: one.id })).code).toBe('not-found');
    expect((await l.ok('search.saved.list', {})).map((s) => s.name)).toEqual(['Alpha']);
  });

  it('lists titles, speakers, topics, tags and collections for quick open', async () => {
    const l = lib();
    const a = await l.ok('articles.create', { title: 'Old piece', text: 'x', siteName: 'Reuters', tags: ['energy'], collection: 'Thesis' });
    await l.ok('articles.create', { title: 'New piece', text: 'y' });
    await l.ok('speakers.create', { name: 'Kim Lee', role: 'mayor', aliases: ['K. Lee'] });
    await l.ok('topics.create', { title: 'Congestion charge' });
    await l.ok('notes.create', { title: 'Reading list' });
    const index = await l.ok('search.quickOpenIndex', {});
    const entries = index.map((e) => `${e.type}:${e.title}:${e.extra}`).sort();
    expect(entries).toEqual([
      `article:New piece:`, `article:Old piece:Reuters`, 'collection:Thesis:', 'note:Reading list:', 'speaker:Kim Lee:mayor · K. Lee', 'tag:energy:', 'topic:Congestion charge:',
    ].sort());
    const capped = await l.ok('search.quickOpenIndex', { maxArticles: 1 });
    expect(capped.filter((e) => e.type === 'article').map((e) => e.title)).toEqual(['New piece']);
    expect(capped.some((e) => e.id === a.id)).toBe(false);
  });
});

describe('search.query: hostile input', () => {
  const HOSTILE = [
    'x'.repeat(10_000),
    Array.from({ length: 2000 }, (_, i) => `w${i}`).join(' ').slice(0, 10_000),
    'OR AND NOT',
    'AND',
    '- - -',
    '"unbalanced',
    'a "b c',
    '((a)',
    'a))',
    '😀🔥💥',
    '🔥fire🔥',
    "'; DROP TABLE articles; --",
    'title:x OR 1=1',
    '" OR ""="',
    'NEAR(a b, 2)',
    'NEAR(',
    '*',
    '**',
    'a*b*',
    '^start',
    '{title}: x',
    'unknown:filter',
    'tag:',
    'type:everything',
    'before:2020-02-30',
    '\u0000\u0001\u0002',
    '\\',
    '%_%',
    '-',
    '"" ""',
    'a OR -b',
  ];

  it('answers every hostile query with a result or search/invalid-query and leaves the library intact', async () => {
    const l = lib();
    await filler(l, 3);
    const a = await l.ok('articles.create', { title: 'Survivor', text: 'This article must survive every query.' });
    const before = await l.ok('library.info', {});
    for (const query of HOSTILE) {
      for (const prefixLastWord of [false, true]) {
        const r = await l.dispatch('search.query', { query, prefixLastWord, facets: true });
        if (r.ok) {
          expect(r.value.total).toBeGreaterThanOrEqual(0);
        } else {
          expect(r.error.code, `${JSON.stringify(query)}: ${r.error.message}`).toBe('search/invalid-query');
          expect(r.error.message).not.toMatch(/sqlite|fts5|syntax error near/i);
          const position = r.error.details?.position as number;
          expect(position).toBeGreaterThanOrEqual(0);
          expect(position).toBeLessThanOrEqual(query.length);
        }
      }
    }
    expect(await l.ok('library.info', {})).toEqual(before);
    expect((await l.ok('articles.get', { id: a.id })).title).toBe('Survivor');
    const check = await l.ok('library.check', {});
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
  });

  it('refuses input that is not a query with a validation error', async () => {
    const l = lib();
    expect((await l.fail('search.query', { query: 42 })).code).toBe('validation');
    expect((await l.fail('search.query', { query: 'x', limit: 0 })).code).toBe('validation');
    expect((await l.fail('search.query', { query: 'x', type: 'tag' })).code).toBe('validation');
    expect((await l.fail('search.query', { query: 'x', extra: true })).code).toBe('validation');
    expect((await l.fail('search.query', { query: 'x'.repeat(20_001) })).code).toBe('validation');
  });
});
