import { describe, expect, it } from 'vitest';
import { useTempLibrary } from '../../../test/helpers/temp-library';
import { CommonWords } from './common-words';
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

    // "the" is left out of the ranking statement only; what matches is unchanged.
    const r = await l.ok('search.query', { query: '"the kelp harvest"', type: 'article', limit: 200 });
    expect(r.total).toBe(kelp.length);
    expect(r.hits.map((h) => h.id).sort()).toEqual([...kelp].sort());
    expect((await l.ok('search.query', { query: 'the kelp -harvest', type: 'article' })).total).toBe(0);
  });
});
