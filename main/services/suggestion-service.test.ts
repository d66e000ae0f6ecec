/**
 * Suggestions against a real library: what the user decided stays decided (across "Find again"
 * and new versions of the article), existing quotes take the passages they cover, edits on
 * accept, and library organisations never taking "she said".
 */
import { describe, expect, it } from 'vitest';
import { useTempLibrary } from '../../test/helpers/temp-library';

const page = (paragraphs: string[]) =>
  `<!doctype html><html lang="en"><head><title>Pier closure</title></head><body><article><h1>Pier closure</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;

const PIER = [
  'The eastern pier will close for repairs in May, the harbour board said on Monday.',
  'The harbour master told The New York Times that the pilings were rotten. According to Reuters, two ferries have already moved berth.',
  '“We have patched it for a decade and the patches are now the problem,” said Marta Kowalczyk, the harbour director.',
  'Fishermen told the Guardian they had not been consulted.',
];

describe('suggestion service', () => {
  const lib = useTempLibrary();
  const clipPier = (paragraphs = PIER) =>
    lib().ok('articles.clip', { source: { kind: 'html', html: page(paragraphs), url: 'https://news.example/pier' } });
  const pending = async (articleId: string) => lib().ok('suggestions.list', { articleId });

  it('finds an outlet written with a lower-case article ("told the Guardian")', async () => {
    const article = await clipPier();
    expect((await pending(article.id)).sources.map((s) => s.name)).toEqual(['Reuters', 'The Guardian', 'The New York Times']);
  });

  it('does not offer again a source accepted or dismissed, after "Find again" or in a new version', async () => {
    const article = await clipPier();
    const { sources } = await pending(article.id);
    await lib().ok('suggestions.dismiss', { id: sources.find((s) => s.name === 'The New York Times')!.id });
    await lib().ok('suggestions.acceptSource', { id: sources.find((s) => s.name === 'Reuters')!.id });

    const rerun = await lib().ok('suggestions.rerun', { articleId: article.id });
    expect(rerun.sources.map((s) => s.name)).toEqual(['The Guardian']);

    // A re-clip with changed text is a new version of the same article: still decided.
    const v2 = await clipPier([...PIER.slice(0, 3), 'Fishermen told the Guardian they had not been consulted, and said so again on Tuesday.']);
    expect(v2).toMatchObject({ id: article.id, version: 2 });
    expect((await pending(article.id)).sources.map((s) => s.name)).toEqual(['The Guardian']);
    const all = await lib().ok('suggestions.list', { articleId: article.id, includeDone: true });
    expect(all.sources.map((s) => `${s.name}:${s.status}`).sort()).toEqual(['Reuters:accepted', 'The Guardian:pending', 'The New York Times:dismissed']);
  });

  it('does not offer a source the article already cites by a link', async () => {
    const article = await clipPier();
    const links = [{ href: 'https://www.reuters.com/world/ferries/', text: 'two ferries' }];
    const reuters = lib().app.services.suggestions.compute('According to Reuters, two ferries moved.', links).sources;
    expect(reuters).toEqual([{ name: 'Reuters', url: 'https://www.reuters.com/world/ferries/' }]);
    await lib().ok('links.create', { type: 'cites', fromId: article.id, toUrl: 'https://reuters.com/world/ferries' });
    lib().app.db.transaction(() => lib().app.services.suggestions.storeInTransaction(article.id, { quotes: [], sources: reuters }))();
    expect((await pending(article.id)).sources).toEqual([]);
  });

  it('does not offer a quotation accepted or dismissed before, even at new offsets in a new version', async () => {
    const article = await clipPier();
    const [kowalczyk] = (await pending(article.id)).quotes;
    expect(kowalczyk!.speaker).toBe('Marta Kowalczyk');
    await lib().ok('suggestions.dismiss', { id: kowalczyk!.id });
    await clipPier(['A new first paragraph moves every offset along.', ...PIER]);
    expect((await pending(article.id)).quotes).toEqual([]);
  });

  it('hides a suggestion that a quote already takes, and accepting it returns that quote instead of a duplicate', async () => {
    const article = await clipPier();
    const [suggestion] = (await pending(article.id)).quotes;
    // The user marked the same passage in the reader, one character shorter.
    const own = await lib().ok('quotes.create', { articleId: article.id, text: suggestion!.text.slice(0, -1), start: suggestion!.start, kind: 'direct' });
    expect((await pending(article.id)).quotes).toEqual([]);

    // A stale panel (or the CLI) accepts it anyway: the existing quote is the answer.
    const accepted = await lib().ok('suggestions.accept', { id: suggestion!.id, kind: 'highlight' });
    expect(accepted).toMatchObject({ id: own.id, kind: 'direct' });
    expect((await lib().ok('quotes.list', { articleId: article.id })).items).toHaveLength(1);
    const all = await lib().ok('suggestions.list', { articleId: article.id, includeDone: true });
    expect(all.quotes).toMatchObject([{ id: suggestion!.id, status: 'accepted', quoteId: own.id }]);
    expect((await lib().ok('suggestions.rerun', { articleId: article.id })).quotes).toEqual([]);
  });

  it('offers the suggestion again when the quote that took it goes to the trash, but not beside a paragraph-wide highlight', async () => {
    const article = await clipPier();
    const [suggestion] = (await pending(article.id)).quotes;
    const own = await lib().ok('quotes.create', { articleId: article.id, text: suggestion!.text, start: suggestion!.start, kind: 'direct' });
    expect((await pending(article.id)).quotes).toEqual([]);
    await lib().ok('items.trash', { id: own.id });
    expect((await pending(article.id)).quotes.map((q) => q.id)).toEqual([suggestion!.id]);

    const paragraph = PIER.slice(0, 3).join('\n\n');
    await lib().ok('quotes.create', { articleId: article.id, text: paragraph, kind: 'highlight' });
    expect((await pending(article.id)).quotes.map((q) => q.id)).toEqual([suggestion!.id]);
  });

  it('accepts with another kind and a trimmed passage, found within the suggested one', async () => {
    const article = await clipPier();
    const [suggestion] = (await pending(article.id)).quotes;
    const trimmed = 'the patches are now the problem';
    // Through the API, as the panel sends it.
    const quote = await lib().ok('suggestions.accept', { id: suggestion!.id, kind: 'paraphrase', text: `  ${trimmed} ` });
    expect(quote).toMatchObject({ text: trimmed, kind: 'paraphrase', speakerName: 'Marta Kowalczyk', speakerRole: 'harbour director', origin: 'suggestion' });
    expect(quote.start).toBe(suggestion!.start + suggestion!.text.indexOf(trimmed));
    expect(quote.end).toBe(quote.start + trimmed.length);
  });

  it('refuses an edited passage that is not inside the suggested one, and keeps the suggestion', async () => {
    const article = await clipPier();
    const [suggestion] = (await pending(article.id)).quotes;
    const accept = (text: string) => lib().app.services.suggestions.accept(suggestion!.id, { text });
    // Words outside the passage (in the article, but not in the suggestion), and changed words.
    await expect(accept('said Marta Kowalczyk')).rejects.toMatchObject({ code: 'validation', details: { field: 'text' } });
    await expect(accept('We have fixed it for a decade')).rejects.toMatchObject({ code: 'validation' });
    await expect(accept('   ')).rejects.toMatchObject({ code: 'validation' });
    expect((await pending(article.id)).quotes.map((q) => q.id)).toEqual([suggestion!.id]);
    expect((await lib().ok('quotes.list', { articleId: article.id })).items).toEqual([]);
  });

  it('gives another speaker no suggested role, and accepts once only', async () => {
    const article = await clipPier();
    const [suggestion] = (await pending(article.id)).quotes;
    const quote = await lib().app.services.suggestions.accept(suggestion!.id, { speaker: 'Anna Kowalczyk' });
    expect(quote).toMatchObject({ speakerName: 'Anna Kowalczyk', speakerRole: null });
    await expect(lib().app.services.suggestions.accept(suggestion!.id, {})).rejects.toMatchObject({ code: 'conflict' });
  });

  it('never attributes "she said" to an outlet accepted as a source (an organisation speaker)', async () => {
    const article = await lib().ok('articles.clip', {
      source: {
        kind: 'text',
        title: 'Channel depth',
        text: 'Channel depth\n\nDana Whitlock has piloted ships on the river for twenty years. Reuters asked her about the new channel on Monday, according to Reuters.\n\n“It is too shallow for the ships they are building now,” she said.',
      },
    });
    const { sources } = await pending(article.id);
    await lib().ok('suggestions.acceptSource', { id: sources.find((s) => s.name === 'Reuters')!.id });
    const rerun = await lib().ok('suggestions.rerun', { articleId: article.id });
    expect(rerun.quotes.map((q) => q.speaker)).toEqual(['Dana Whitlock']);
  });
});
