import { describe, expect, it, vi } from 'vitest';
import { useTempLibrary } from '../../../test/helpers/temp-library';
import { PhraseDocCounts, phrasesOf, RECOUNT_AFTER_MS } from './phrase-doc-counts';
import { DidYouMeanFinder } from './did-you-mean';
import { StatementCache } from './statement-cache';
import { TYPE_SPECS } from './type-specs';

const lib = useTempLibrary();

describe('phrasesOf', () => {
  it('lists the quoted phrases of a compiled MATCH in order, prefixes and doubled quotes kept', () => {
    expect(phrasesOf('("a" AND ("con"* OR "say ""no""")) NOT "b c"')).toEqual(['"a"', '"con"*', '"say ""no"""', '"b c"']);
    expect(phrasesOf('')).toEqual([]);
  });
});

describe('PhraseDocCounts', () => {
  it('counts once, then adds the documents added since, and recounts from scratch after a while', async () => {
    const l = lib();
    const spec = TYPE_SPECS.quote;
    const article = await l.ok('articles.create', { title: 'Harbour works', text: 'The harbour dredging starts in May. The ferry stays.' });
    const quote = async (note: string) => (await l.ok('quotes.create', { articleId: article.id, text: 'The harbour dredging starts in May', note })).id;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await quote(i < 3 ? 'kelp' : 'ferry'));

    let clock = 1_000;
    const statements = new StatementCache(l.app.db);
    const counts = new PhraseDocCounts(statements, () => clock);
    const trueCount = (phrase: string) => statements.get('SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH ?').pluck().get(phrase) as number;
    expect(counts.countsFor(spec, '"kelp" AND ("ferry" OR "harbour"*)')).toBe('3 2 5');

    // Added documents are counted without counting the rest again.
    await quote('kelp');
    await quote('kelp');
    expect(counts.countsFor(spec, '"kelp"')).toBe('5');
    expect(trueCount('"kelp"')).toBe(5);

    // A deleted one (not the newest: that would be noticed at once) is caught up by the next full recount.
    await l.ok('items.trash', { id: ids[0]! });
    await l.ok('trash.purge', { id: ids[0]! });
    expect(trueCount('"kelp"')).toBe(4);
    expect(counts.countsFor(spec, '"kelp"')).toBe('5');
    clock += RECOUNT_AFTER_MS;
    expect(counts.countsFor(spec, '"kelp"')).toBe('4');
  });

  it('counts a one-word phrase from the index vocabulary, and the same as count(*) does', async () => {
    const l = lib();
    const spec = TYPE_SPECS.article;
    for (let i = 0; i < 12; i++) {
      await l.ok('articles.create', { title: `Ferries ${i}`, text: `The ferries${i % 3 ? ' ran late' : ''}; "Harbour" e-mail ${i % 4 ? 'kelp' : 'dredging'}, notice ${i}.` });
    }
    const statements = new StatementCache(l.app.db);
    const counts = new PhraseDocCounts(statements);
    counts.useVocabulary(new DidYouMeanFinder(l.app.db, statements));
    const get = vi.spyOn(statements, 'get');
    const phrases = ['"ferry"', '"Ferries"', '"late"', '"kelp"', '"dredging"', '"nowhere"', '"e-mail"', '"ran late"', '"harbour"'];
    const counted = counts.countsFor(spec, phrases.join(' AND '));
    const fromVocabulary = get.mock.calls.filter(([sql]) => /search_vocab_articles_fts/.test(sql)).length;
    const matched = get.mock.calls.filter(([sql]) => /SELECT count\(\*\) FROM articles_fts WHERE articles_fts MATCH @phrase$/.test(sql)).length;
    get.mockRestore();
    const trueCount = (phrase: string) => statements.get('SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?').pluck().get(phrase) as number;
    expect(counted).toBe(phrases.map(trueCount).join(' '));
    expect(counted).toBe('12 12 8 9 3 0 12 8 12');
    // The one-word phrases from the vocabulary; the two that are two words ("e-mail" too) by matching.
    expect(fromVocabulary).toBe(7);
    expect(matched).toBe(2);
  });
});
