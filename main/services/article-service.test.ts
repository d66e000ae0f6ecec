import { describe, expect, it } from 'vitest';
import { useTempLibrary } from '../../test/helpers/temp-library';

const lib = useTempLibrary();

describe('articles', () => {
  it('creates an article from pasted text, with paragraphs, a word count and the clock’s time', async () => {
    const a = await lib().ok('articles.create', {
      title: '  Tram line approved ',
      text: 'The council voted on Tuesday.\n\nThe line opens in May.\nCritics disagree.',
      authors: ['Ana Ruiz'],
      siteName: 'City Paper',
      publishedAt: '2026-01-15',
    });
    expect(a).toMatchObject({
      title: 'Tram line approved',
      authors: ['Ana Ruiz'],
      siteName: 'City Paper',
      publishedAt: '2026-01-15',
      sourceKind: 'paste',
      version: 1,
      quoteCount: 0,
      tags: [],
      deletedAt: null,
      // Blank lines separate paragraphs; a single line break is a hard wrap.
      text: 'The council voted on Tuesday.\n\nThe line opens in May. Critics disagree.',
      wordCount: 12,
    });
    expect(a.html).toMatch(/<p>The council voted on Tuesday\.<\/p>\s*<p>The line opens in May\.\s+Critics disagree\.<\/p>/);
    expect(a.clippedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    expect(await lib().ok('articles.get', { id: a.id })).toEqual(a);
  });

  it('takes the title from the first line when none is given', async () => {
    const a = await lib().ok('articles.create', { text: 'Harbour ferries cut\n\nFerries will run twice a day.' });
    expect(a.title).toBe('Harbour ferries cut');
  });

  it('escapes markup in pasted text instead of keeping it', async () => {
    const a = await lib().ok('articles.create', { text: '<script>alert(1)</script> & more' });
    expect(a.html).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>');
    expect(a.html).not.toMatch(/<script/i);
    expect(a.text).toBe('<script>alert(1)</script> & more');
  });

  it('refuses an article with no text', async () => {
    const e = await lib().fail('articles.create', { title: 'Empty', text: ' \n\n ' });
    expect(e.code).toBe('validation');
    expect(e.message).toMatch(/^text:/);
  });

  it('ignores a blank typed title', async () => {
    const a = await lib().ok('articles.create', { title: '   ', text: 'Ferry times\n\nFerries will run twice a day.' });
    expect(a.title).toBe('Ferry times');
  });

  it('stores tags and a collection (created on first use) with the article', async () => {
    const a = await lib().ok('articles.create', { text: 'Chips go east.', tags: ['chips', 'Export controls'], collection: 'Trade' });
    expect(a.tags).toEqual(['chips', 'Export controls']);
    const collections = await lib().ok('collections.list', {});
    expect(collections.items.map((c) => [c.name, c.itemCount])).toEqual([['Trade', 1]]);
  });

  it('get and update of an unknown id are not-found', async () => {
    expect((await lib().fail('articles.get', { id: 'no-such-id' })).code).toBe('not-found');
    expect((await lib().fail('articles.update', { id: 'no-such-id', title: 'x' })).code).toBe('not-found');
  });

  it('updates fields, clears nullable ones and moves updatedAt', async () => {
    const a = await lib().ok('articles.create', { title: 'Draft', text: 'Body text.', siteName: 'Wire' });
    const u = await lib().ok('articles.update', { id: a.id, title: 'Final', authors: ['B. Writer', 'C. Writer'], siteName: null, publishedAt: '2025-12-31T08:00:00Z', url: 'https://example.com/final' });
    expect(u).toMatchObject({ title: 'Final', authors: ['B. Writer', 'C. Writer'], siteName: null, publishedAt: '2025-12-31T08:00:00Z', url: 'https://example.com/final', text: 'Body text.' });
    expect(u.updatedAt > a.updatedAt).toBe(true);
    expect(u.createdAt).toBe(a.createdAt);
  });

  describe('list', () => {
    const titles = ['Charlie', 'alpha', 'Bravo', 'delta', 'Echo'];
    async function seed() {
      const ids: Record<string, string> = {};
      for (const [i, title] of titles.entries()) {
        const a = await lib().ok('articles.create', { title, text: `${title} body text number ${i}.`, siteName: i % 2 ? 'Wire' : 'Paper', tags: i < 2 ? ['first-two'] : [] });
        ids[title] = a.id;
      }
      return ids;
    }

    it('pages with offset/limit/total, newest clipped first by default', async () => {
      await seed();
      const page = await lib().ok('articles.list', { limit: 2, offset: 1 });
      expect(page.total).toBe(5);
      expect(page.offset).toBe(1);
      expect(page.limit).toBe(2);
      expect(page.items.map((a) => a.title)).toEqual(['delta', 'Bravo']);
      const all = await lib().ok('articles.list', {});
      expect(all.items.map((a) => a.title)).toEqual([...titles].reverse());
      expect(all.limit).toBe(50);
      const past = await lib().ok('articles.list', { offset: 10 });
      expect(past).toMatchObject({ items: [], total: 5 });
    });

    it('sorts by title (case-insensitively) and by clippedAt, both directions', async () => {
      await seed();
      const by = async (sort: 'title' | 'clippedAt', order: 'asc' | 'desc') => (await lib().ok('articles.list', { sort, order })).items.map((a) => a.title);
      expect(await by('title', 'asc')).toEqual(['alpha', 'Bravo', 'Charlie', 'delta', 'Echo']);
      expect(await by('title', 'desc')).toEqual(['Echo', 'delta', 'Charlie', 'Bravo', 'alpha']);
      expect(await by('clippedAt', 'asc')).toEqual(titles);
      expect(await by('clippedAt', 'desc')).toEqual([...titles].reverse());
    });

    it('filters by title substring (wildcards literal), tag, collection and site', async () => {
      const ids = await seed();
      const titlesOf = async (input: Record<string, unknown>) => (await lib().ok('articles.list', { sort: 'title', order: 'asc', ...input })).items.map((a) => a.title);
      expect(await titlesOf({ contains: 'HARL' })).toEqual(['Charlie']);
      expect(await titlesOf({ contains: 'a' })).toEqual(['alpha', 'Bravo', 'Charlie', 'delta']);
      expect(await titlesOf({ contains: '%' })).toEqual([]);
      expect(await titlesOf({ contains: '_' })).toEqual([]);
      expect(await titlesOf({ tag: 'FIRST-TWO' })).toEqual(['alpha', 'Charlie']);
      expect(await titlesOf({ siteName: 'wire' })).toEqual(['alpha', 'delta']);
      const c = await lib().ok('collections.create', { name: 'Picks' });
      await lib().ok('collections.addItems', { collectionId: c.id, itemIds: [ids.Echo!, ids.Bravo!] });
      expect(await titlesOf({ collectionId: c.id })).toEqual(['Bravo', 'Echo']);
      const page = await lib().ok('articles.list', { collectionId: c.id, limit: 1 });
      expect(page.total).toBe(2);
    });

    it('leaves trashed articles out', async () => {
      const ids = await seed();
      await lib().ok('items.trash', { id: ids.alpha! });
      const page = await lib().ok('articles.list', {});
      expect(page.total).toBe(4);
      expect(page.items.map((a) => a.title)).not.toContain('alpha');
      expect((await lib().fail('articles.get', { id: ids.alpha! })).code).toBe('not-found');
    });
  });
});
