import { describe, expect, it } from 'vitest';
import { useTempLibrary } from '../../../test/helpers/temp-library';
import { PhraseDocCounts, phrasesOf, RECOUNT_AFTER_MS } from './phrase-doc-counts';
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
});
