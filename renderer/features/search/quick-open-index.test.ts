import { describe, expect, it } from 'vitest';
import type { QuickOpenEntry } from '../../../shared/search/search-result';
import { buildPaletteIndex, searchPalette } from './quick-open-index';

const entries: QuickOpenEntry[] = [
  { id: 's1', type: 'speaker', title: 'Angela Merkel', extra: 'chancellor' },
  { id: 's2', type: 'speaker', title: 'Emmanuel Macron', extra: 'president' },
  { id: 't1', type: 'topic', title: 'Carbon tax', extra: '' },
  { id: 'g1', type: 'tag', title: 'to-read', extra: '' },
  { id: 'c1', type: 'collection', title: 'Thesis chapter 2', extra: '' },
  { id: 'a1', type: 'article', title: 'The Economist on carbon pricing', extra: 'The Economist' },
  { id: 'a2', type: 'article', title: 'Running water in Lagos', extra: 'BBC News' },
];
const index = buildPaletteIndex(entries);
const ids = (input: string) => searchPalette(index, input).map((e) => e.id);

describe('quick-open index (lunr)', () => {
  it('matches words, prefixes and typos', () => {
    expect(ids('merkel')).toEqual(['s1']);
    expect(ids('merk')).toEqual(['s1']);
    expect(ids('merkle')).toEqual(['s1']);
    expect(ids('macrn')).toEqual(['s2']);
    expect(ids('carbon')[0]).toBe('t1');
    expect(ids('carbon').sort()).toEqual(['a1', 't1']);
    expect(ids('runs')).toEqual(['a2']);
  });

  it('needs every typed word to match', () => {
    expect(ids('carbon econ')).toEqual(['a1']);
    expect(ids('carbon merkel')).toEqual([]);
    expect(ids('thesis 2')).toEqual(['c1']);
  });

  it('lists articles (newest first, as the API sends them) for an empty input and survives lunr syntax', () => {
    expect(ids('').slice(0, 3)).toEqual(['a1', 'a2', 's1']);
    for (const input of ['*', '~', 'a:b', '+-', '^2', 'title:x']) expect(() => searchPalette(index, input)).not.toThrow();
  });
});
