import { describe, expect, it, vi } from 'vitest';
import type { TermNode } from '../../../shared/search/query-ast';
import { useTempLibrary } from '../../../test/helpers/temp-library';
import { DidYouMeanFinder } from './did-you-mean';
import { PhraseDocCounts } from './phrase-doc-counts';
import { MAX_EXPANDED_TERMS, PrefixExpander } from './prefix-expansion';
import { StatementCache } from './statement-cache';
import { TYPE_SPECS } from './type-specs';

const lib = useTempLibrary();
const term = (text: string): TermNode => ({ kind: 'term', text, isPrefix: true, isAutoPrefix: false, span: { start: 0, end: text.length } });

describe('PrefixExpander', () => {
  function expanderFor(db: ConstructorParameters<typeof StatementCache>[0]) {
    const statements = new StatementCache(db);
    return new PrefixExpander(statements, new DidYouMeanFinder(db, statements));
  }

  it('lists the index words a prefix stands for, read for its stem', async () => {
    const l = lib();
    await l.ok('articles.create', { title: 'Notes', text: 'Policy, police and politics; a pole and a polar bear.' });
    const expander = expanderFor(l.app.db);
    // FTS5 stems the prefix: "policies" → "polici", which only "policy" (stem "polici") starts with.
    expect(expander.termsFor('articles_fts', term('policies'))).toEqual(['polici']);
    expect(expander.termsFor('articles_fts', term('pole'))).toEqual(['pole']);
    expect(expander.termsFor('articles_fts', term('poli'))).toEqual(['polic', 'polici', 'polit']);
    // Two or three letters: FTS5's own prefix index answers at once.
    expect(expander.termsFor('articles_fts', term('pol'))).toBeNull();
    expect(expander.termsFor('articles_fts', term('zebra'))).toEqual([]);
    // Two words for the tokenizer: left to FTS5.
    expect(expander.termsFor('articles_fts', term('pol-ice'))).toBeNull();
  });

  it('leaves a prefix with more than MAX_EXPANDED_TERMS words to FTS5', async () => {
    const l = lib();
    const words = Array.from({ length: MAX_EXPANDED_TERMS + 1 }, (_, i) => `zqxw${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}x`);
    await l.ok('articles.create', { title: 'Many words', text: words.join(' ') });
    const expander = expanderFor(l.app.db);
    expect(expander.termsFor('articles_fts', term('zqxw'))).toBeNull();
    expect(expander.termsFor('articles_fts', term('zqxwa'))!.length).toBeLessThanOrEqual(MAX_EXPANDED_TERMS);
  });

  it('keeps the words’ document counts it reads with them, so ranking does not count them again', async () => {
    const l = lib();
    await l.ok('articles.create', { title: 'Notes', text: 'Policy, police and politics.' });
    await l.ok('articles.create', { title: 'More', text: 'The police said so. Police again.' });
    const statements = new StatementCache(l.app.db);
    const counts = new PhraseDocCounts(statements);
    const expander = new PrefixExpander(statements, new DidYouMeanFinder(l.app.db, statements), counts);
    expect(expander.termsFor('articles_fts', term('poli'))).toEqual(['polic', 'polici', 'polit']);
    const get = vi.spyOn(statements, 'get');
    expect(counts.countsFor(TYPE_SPECS.article, '"polic" OR "polici" OR "polit"')).toBe('2 1 1');
    expect(get.mock.calls.map(([sql]) => sql).filter((sql) => /count\(\*\)/.test(sql))).toEqual([]);
  });

  it('keeps what it read while the library is unchanged, and reads again after any change', async () => {
    const l = lib();
    await l.ok('articles.create', { title: 'Notes', text: 'Policy, police and politics.' });
    const statements = new StatementCache(l.app.db);
    const expander = new PrefixExpander(statements, new DidYouMeanFinder(l.app.db, statements));
    const reads = vi.spyOn(statements, 'get');
    const vocabularyReads = () => reads.mock.calls.filter(([sql]) => /search_vocab_articles_fts/.test(sql)).length;
    expander.sync();
    expect(expander.termsFor('articles_fts', term('poli'))).toEqual(['polic', 'polici', 'polit']);
    expander.sync();
    expect(expander.termsFor('articles_fts', term('poli'))).toEqual(['polic', 'polici', 'polit']);
    expect(vocabularyReads()).toBe(1);
    await l.ok('articles.create', { title: 'Health', text: 'A polio vaccine.' });
    expander.sync();
    expect(expander.termsFor('articles_fts', term('poli'))).toEqual(['polic', 'polici', 'polio', 'polit']);
  });

  it('takes a prefix left a prefix to be in at least its commonest word’s documents; from half the rows on, as good as its count', async () => {
    const l = lib();
    // "zqxwcommon" in three articles of four, and more words starting with zqxw than are written out.
    const many = Array.from({ length: MAX_EXPANDED_TERMS + 1 }, (_, i) => `zqxw${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}x`);
    await l.ok('articles.create', { title: 'Many words', text: `${many.join(' ')} zqxwcommon` });
    await l.ok('articles.create', { title: 'Two', text: 'zqxwcommon and a second zqxwcommon' });
    await l.ok('articles.create', { title: 'Three', text: 'zqxwcommon once' });
    await l.ok('articles.create', { title: 'Four', text: 'nothing here' });
    const statements = new StatementCache(l.app.db);
    const counts = new PhraseDocCounts(statements);
    const expander = new PrefixExpander(statements, new DidYouMeanFinder(l.app.db, statements), counts);
    expect(expander.termsFor('articles_fts', term('zqxw'))).toBeNull();
    const get = vi.spyOn(statements, 'get');
    const kept = counts.countsFor(TYPE_SPECS.article, '"zqxw"*');
    expect(get.mock.calls.map(([sql]) => sql).filter((sql) => /count\(\*\)/.test(sql))).toEqual([]);
    // Any count from half the rows on gives bm25's scores: the idf is clamped to its least.
    const scores = (rank: string) => l.app.db.prepare(`SELECT rowid, ${rank} AS r FROM articles_fts WHERE articles_fts MATCH '"zqxw"*' ORDER BY rowid`).all({ counts: kept });
    expect(scores('sourcebook_bm25(articles_fts, @counts, 10.0, 3.0, 2.0, 1.0)')).toEqual(scores('bm25(articles_fts, 10.0, 3.0, 2.0, 1.0)'));

    // Under half the rows, a lower bound is no count: such a prefix is counted.
    await l.ok('articles.create', { title: 'Five', text: 'zqxwrare words' });
    for (const n of ['one', 'two', 'three', 'four']) await l.ok('articles.create', { title: `More ${n}`, text: `zqxwrare again, ${n}` });
    for (const n of ['five', 'six', 'seven', 'eight', 'nine', 'ten']) await l.ok('articles.create', { title: `Other ${n}`, text: `nothing, ${n}` });
    const fresh = new PhraseDocCounts(statements);
    const rarely = new PrefixExpander(statements, new DidYouMeanFinder(l.app.db, statements), fresh);
    expect(rarely.termsFor('articles_fts', term('zqxw'))).toBeNull();
    get.mockClear();
    expect(fresh.countsFor(TYPE_SPECS.article, '"zqxw"*')).toBe('8');
    expect(get.mock.calls.map(([sql]) => sql).filter((sql) => /count\(\*\)/.test(sql))).toHaveLength(1);
  });
});
