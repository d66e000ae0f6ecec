import { describe, expect, it } from 'vitest';
import { useTempLibrary } from '../../test/helpers/temp-library';

const page = (body: string, extra = '') => `<!doctype html><html lang="en"><head><title>Pier report</title>
  <link rel="canonical" href="https://news.example/pier">${extra}</head><body><article><h1>Pier report</h1>${body}</article>
  <script>window.evil = 1</script></body></html>`;
const BODY_V1 = `<p>The harbour board met on Monday to discuss the eastern pier and its long delays.</p>
  <p>"We will finish the pier before winter," said Marta Kowalczyk, the harbour director.</p>
  <p>The board also approved a smaller budget for dredging the northern channel this year.</p>`;
const BODY_V2 = `<p>The harbour board met on Monday to discuss the eastern pier and its long, costly delays.</p>
  <p>"We will finish the pier before winter," said Marta Kowalczyk, the harbour director.</p>
  <p>The board later rejected the dredging budget after a heated debate.</p>`;

describe('clipping: dedupe, versions, re-anchoring, snapshots', () => {
  const lib = useTempLibrary();
  const clip = (html: string, extra: Record<string, unknown> = {}) =>
    lib().ok('articles.clip', { source: { kind: 'html', html, url: 'https://news.example/pier?utm_source=x' }, ...extra });

  it('stores a clean article with its suggestions, and a second clip of the same text is a duplicate', async () => {
    const first = await clip(page(BODY_V1));
    expect(first.duplicate).toBe(false);
    expect(first.canonicalUrl).toBe('https://news.example/pier');
    expect(first.html).not.toContain('<script');
    expect(first.suggestedQuotes.map((q) => q.speaker)).toContain('Marta Kowalczyk');
    const stored = await lib().ok('suggestions.list', { articleId: first.id });
    expect(stored.quotes.map((q) => q.text)).toContain('We will finish the pier before winter,');

    const again = await clip(page(BODY_V1));
    expect(again).toMatchObject({ id: first.id, duplicate: true, version: 1 });
    expect((await lib().ok('articles.list', {})).total).toBe(1);
  });

  it('names an untitled clip by the title it is stored with', async () => {
    const clipped = await lib().app.services.clip.clip({ kind: 'text', text: 'Kelp farms are spreading along the north coast this year.' });
    const stored = await lib().ok('articles.get', { id: clipped.id });
    expect(stored.title).not.toBe('');
    expect(clipped.title).toBe(stored.title);
    expect((await lib().app.services.clip.clip({ kind: 'text', text: 'Kelp farms are spreading along the north coast this year.' })).title).toBe(stored.title);
  });

  it('a changed page becomes version 2, keeps version 1, re-anchors quotes and orphans lost ones', async () => {
    const first = await clip(page(BODY_V1));
    const kept = await lib().ok('quotes.create', { articleId: first.id, text: 'We will finish the pier before winter,', speaker: 'Marta Kowalczyk' });
    const lost = await lib().ok('quotes.create', { articleId: first.id, text: 'approved a smaller budget for dredging' });
    const second = await clip(page(BODY_V2));
    expect(second).toMatchObject({ id: first.id, duplicate: false, updated: true, version: 2 });

    const versions = await lib().ok('articles.versions', { id: first.id });
    expect(versions.map((v) => [v.version, v.isCurrent])).toEqual([[2, true], [1, false]]);
    const diff = await lib().ok('articles.diff', { id: first.id, from: 1, to: 2 });
    expect(diff.parts.filter((p) => p.added).map((p) => p.value).join(' ')).toContain('costly');
    expect(diff.parts.filter((p) => p.removed).map((p) => p.value).join(' ')).toContain('approved');

    const moved = await lib().ok('quotes.get', { id: kept.id });
    const article = await lib().ok('articles.get', { id: first.id });
    expect(article.text.slice(moved.start, moved.end)).toBe(moved.text);
    expect(moved.anchorStatus).toBe('moved');
    expect((await lib().ok('quotes.get', { id: lost.id })).anchorStatus).toBe('orphan');
    expect((await lib().ok('quotes.list', { orphansOnly: true })).items.map((q) => q.id)).toEqual([lost.id]);
  });

  it('keeps the raw page as a snapshot, viewed sanitized, and re-extracts from it', async () => {
    const first = await clip(page(BODY_V1));
    const snapshot = await lib().ok('articles.snapshot', { id: first.id });
    expect(snapshot.html).toContain('Pier report');
    expect(snapshot.html).not.toContain('window.evil');
    const again = await lib().ok('articles.reextract', { id: first.id });
    expect(again).toMatchObject({ id: first.id, duplicate: true });
  });

  it('the browser selection becomes a quote once; text not in the article is kept as an orphan quote, with the reason', async () => {
    const withSelection = await clip(page(BODY_V1), { selection: 'approved a smaller budget' });
    expect(withSelection.quoteId).toBeTruthy();
    expect(withSelection.selection).toEqual({ status: 'quoted', quoteId: withSelection.quoteId, message: 'Your selection was saved as a quote.' });
    const quote = await lib().ok('quotes.get', { id: withSelection.quoteId! });
    expect(quote).toMatchObject({ text: 'approved a smaller budget', kind: 'highlight', origin: 'browser', anchorStatus: 'exact' });

    // The bookmarklet clicked again with the same selection (white space as the browser gives it).
    const again = await clip(page(BODY_V1), { selection: '  approved  a smaller\nbudget ' });
    expect(again).toMatchObject({ duplicate: true, quoteId: quote.id, selection: { status: 'already-quoted', quoteId: quote.id } });
    expect(again.selection!.message).toMatch(/already a quote/);
    expect((await lib().ok('quotes.list', { articleId: withSelection.id })).total).toBe(1);

    const missing = await lib().ok('articles.clip', {
      source: { kind: 'html', html: page(BODY_V1.replace('Monday', 'Tuesday')), url: 'https://news.example/other' },
      selection: 'words that are nowhere in the page',
    });
    expect(missing.quoteId).toBeNull();
    expect(missing.selection).toMatchObject({ status: 'not-in-article', quoteId: expect.any(String) });
    expect(missing.selection!.message).toMatch(/not in the article text.*Not found in source/s);
    const orphans = await lib().ok('quotes.list', { articleId: missing.id, orphansOnly: true });
    expect(orphans.items.map((q) => [q.id, q.text, q.anchorStatus, q.origin])).toEqual([[missing.selection!.quoteId, 'words that are nowhere in the page', 'orphan', 'browser']]);
    // Kept once, however often the same selection is sent.
    const missingAgain = await lib().ok('articles.clip', {
      source: { kind: 'html', html: page(BODY_V1.replace('Monday', 'Tuesday')), url: 'https://news.example/other' },
      selection: 'words that are nowhere in the page',
    });
    expect(missingAgain.selection).toEqual(missing.selection);
    expect((await lib().ok('quotes.list', { articleId: missing.id, orphansOnly: true })).total).toBe(1);
  });

  it('a selection that is only in the new version of a page is quoted in that version, in the same clip', async () => {
    const first = await clip(page(BODY_V1));
    const second = await clip(page(BODY_V2), { selection: 'rejected the dredging budget' });
    expect(second).toMatchObject({ id: first.id, updated: true, version: 2, selection: { status: 'quoted' } });
    const quote = await lib().ok('quotes.get', { id: second.quoteId! });
    const article = await lib().ok('articles.get', { id: first.id });
    expect(article.text.slice(quote.start, quote.end)).toBe('rejected the dredging budget');
  });

  it('a quote the user trashed is quoted again when the same selection is clipped', async () => {
    const first = await clip(page(BODY_V1), { selection: 'its long delays' });
    await lib().ok('items.trash', { id: first.quoteId! });
    const again = await clip(page(BODY_V1), { selection: 'its long delays' });
    expect(again.selection).toMatchObject({ status: 'quoted' });
    expect(again.quoteId).not.toBe(first.quoteId);
  });

  it('extract stores nothing; clipMany reports each failure and emits progress', async () => {
    const extracted = await lib().ok('articles.extract', { source: { kind: 'html', html: page(BODY_V1) } });
    expect(extracted.title).toBe('Pier report');
    expect((await lib().ok('articles.list', {})).total).toBe(0);

    const events: { done: number; total: number }[] = [];
    const result = await lib().app.services.clip.clipMany(
      [
        { kind: 'html', html: page(BODY_V1) },
        { kind: 'url', url: 'http://127.0.0.1:9/refused' },
        { kind: 'text', text: 'A plain note about the pier.\n\nIt has two paragraphs of text.', title: 'Pier note' },
      ],
      { concurrency: 2 },
      { onProgress: (e) => events.push(e) },
    );
    expect(result.results.map((r) => r.ok)).toEqual([true, false, true]);
    const failure = result.results[1]!;
    expect(!failure.ok && failure.error.code).toBe('clip/fetch-failed');
    expect(events.at(-1)).toMatchObject({ done: 3, total: 3 });
    expect((await lib().ok('articles.list', {})).total).toBe(2);
  });

  it('pasting empty text is a validation error naming the field', async () => {
    const error = await lib().fail('articles.create', { text: '   ' });
    expect(error).toMatchObject({ code: 'validation' });
    expect(error.message).toMatch(/^text:/);
  });
});

describe('suggestions: accept, edit, dismiss, sources', () => {
  const lib = useTempLibrary();

  it('accepting creates the quote and its speaker with the role; dismissing hides the suggestion', async () => {
    const article = await lib().ok('articles.clip', {
      source: {
        kind: 'text',
        title: 'Dredging',
        text: 'Dredging row\n\n"The channel is silting up fast," said Ines Moreau, a port engineer, according to Reuters.\n\n"We have no money for it," said Paul Brandt.',
      },
    });
    const { quotes, sources } = await lib().ok('suggestions.list', { articleId: article.id });
    const moreau = quotes.find((q) => q.speaker === 'Ines Moreau')!;
    const brandt = quotes.find((q) => q.speaker === 'Paul Brandt')!;
    const quote = await lib().ok('suggestions.accept', { id: moreau.id });
    expect(quote).toMatchObject({ speakerName: 'Ines Moreau', origin: 'suggestion', text: moreau.text });
    expect(quote.speakerRole).toMatch(/port engineer/);
    expect((await lib().fail('suggestions.accept', { id: moreau.id })).code).toBe('conflict');

    const edited = await lib().ok('suggestions.accept', { id: brandt.id, speaker: 'Paul A. Brandt' });
    expect(edited.speakerName).toBe('Paul A. Brandt');

    const reuters = sources.find((s) => s.name === 'Reuters')!;
    const link = await lib().ok('suggestions.acceptSource', { id: reuters.id });
    expect(link).toMatchObject({ type: 'cites', fromId: article.id, toType: 'speaker', toTitle: 'Reuters' });

    const left = await lib().ok('suggestions.list', { articleId: article.id });
    expect(left.quotes).toEqual([]);
    expect(left.sources).toEqual([]);
    const rerun = await lib().ok('suggestions.rerun', { articleId: article.id });
    // Accepted suggestions are not offered again.
    expect(rerun.quotes.map((q) => q.text)).not.toContain(moreau.text);
  });

  it('unknown suggestion ids are not-found', async () => {
    expect((await lib().fail('suggestions.dismiss', { id: 'nope' })).code).toBe('not-found');
    expect((await lib().fail('suggestions.list', { articleId: 'nope' })).code).toBe('not-found');
  });
});
