import { describe, expect, it, vi } from 'vitest';
import { useTempLibrary } from '../../../test/helpers/temp-library';
import { CommonWords, REJUDGE_AFTER_MS } from './common-words';
import { StatementCache } from './statement-cache';
import { TYPE_SPECS } from './type-specs';

const lib = useTempLibrary();

describe('CommonWords', () => {
  it('finds the words in most of an index, and the search still ranks by the others', { timeout: 60_000 }, async () => {
    const l = lib();
    const kelp: string[] = [];
    for (let i = 0; i < 300; i++) {
      const topic = i % 3 === 0 ? 'kelp harvest' : 'bus timetable';
      const a = await l.ok('articles.create', { title: `Report ${i}`, text: `The council heard the ${topic} report number ${i} at the town hall.` });
      if (i % 3 === 0) kelp.push(a.id);
    }
    const words = new CommonWords(new StatementCache(l.app.db));
    expect(words.isCommon(TYPE_SPECS.article, 'the')).toBe(true);
    expect(words.isCommon(TYPE_SPECS.article, 'council')).toBe(true);
    expect(words.isCommon(TYPE_SPECS.article, 'kelp')).toBe(false);
    // Fewer documents than the sample: never common.
    expect(words.isCommon(TYPE_SPECS.quote, 'the')).toBe(false);
    expect(words.shareOf(TYPE_SPECS.quote, 'the')).toBe(0);
    // "the" is in every article; "kelp" in 100, fewer than the sample.
    expect(words.shareOf(TYPE_SPECS.article, 'the')).toBe(1);
    expect(words.shareOf(TYPE_SPECS.article, 'kelp')).toBe(0);

    // "the" is left out of the ranking statement only; what matches is unchanged.
    const r = await l.ok('search.query', { query: '"the kelp harvest"', type: 'article', limit: 200 });
    expect(r.total).toBe(kelp.length);
    expect(r.hits.map((h) => h.id).sort()).toEqual([...kelp].sort());
    expect((await l.ok('search.query', { query: 'the kelp -harvest', type: 'article' })).total).toBe(0);
  });

  it('keeps a judgement between searches, until it is old or the table has grown by a tenth', async () => {
    const l = lib();
    const add = async (n: number, text: string) => {
      for (let i = 0; i < n; i++) await l.ok('articles.create', { title: `Memo ${Math.random()}`, text: `${text} ${Math.random()}` });
    };
    await add(260, 'kelp beds');
    let clock = 0;
    const statements = new StatementCache(l.app.db);
    const words = new CommonWords(statements, () => clock);
    const measures = vi.spyOn(statements, 'get');
    const judged = () => measures.mock.calls.filter(([sql]) => /ORDER BY rowid DESC LIMIT/.test(sql)).length;
    expect(words.isCommon(TYPE_SPECS.article, 'kelp')).toBe(true);
    expect(words.isCommon(TYPE_SPECS.article, 'kelp')).toBe(true);
    expect(judged()).toBe(1);
    // Grown by more than a tenth with articles without it: judged again, and no longer common.
    await add(300, 'bus timetable');
    expect(words.isCommon(TYPE_SPECS.article, 'kelp')).toBe(false);
    // Its newest 256 documents now span 256 + 300 rowids (the share is kept with the judgement).
    expect(words.shareOf(TYPE_SPECS.article, 'kelp')).toBeCloseTo(256 / 556, 3);
    expect(judged()).toBe(2);
    clock += REJUDGE_AFTER_MS;
    words.isCommon(TYPE_SPECS.article, 'kelp');
    expect(judged()).toBe(3);
  });
});
