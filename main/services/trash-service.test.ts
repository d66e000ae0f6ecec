import { describe, expect, it } from 'vitest';
import { useTempLibrary } from '../../test/helpers/temp-library';

const lib = useTempLibrary();

async function articleWithQuotes() {
  const a = await lib().ok('articles.create', { title: 'Tram vote', text: 'The mayor said the tram is coming. Tom Berg said it is not. The council voted yes.' });
  const q1 = await lib().ok('quotes.create', { articleId: a.id, text: 'the tram is coming', speaker: 'Maria Lopez' });
  const q2 = await lib().ok('quotes.create', { articleId: a.id, text: 'it is not', speaker: 'Tom Berg' });
  return { a, q1, q2 };
}

describe('trash', () => {
  it('trashing an article takes its quotes in one batch, listed as one entry', async () => {
    const { a, q1, q2 } = await articleWithQuotes();
    const r = await lib().ok('items.trash', { id: a.id });
    expect(r).toMatchObject({ id: a.id, count: 3 });
    expect(r.batchId).toBeTruthy();

    for (const id of [q1.id, q2.id]) expect((await lib().fail('quotes.get', { id })).code).toBe('not-found');
    expect((await lib().ok('quotes.list', {})).total).toBe(0);
    const items = await lib().fail('items.get', { id: a.id });
    expect(items).toMatchObject({ code: 'not-found', details: { id: a.id, trashed: true } });

    const trash = await lib().ok('trash.list', {});
    expect(trash.total).toBe(1);
    expect(trash.items).toEqual([{ id: a.id, type: 'article', title: 'Tram vote', deletedAt: expect.any(String), batchId: r.batchId, batchSize: 2 }]);
    expect((await lib().ok('library.info', {})).counts).toMatchObject({ articles: 0, quotes: 0, trash: 1 });
    // The speakers stay; their quotes no longer count.
    expect((await lib().ok('speakers.list', {})).items.map((s) => s.quoteCount)).toEqual([0, 0]);
  });

  it('restoring any member of the batch (a quote) brings the article and all its quotes back', async () => {
    const { a, q1, q2 } = await articleWithQuotes();
    await lib().ok('items.trash', { id: a.id });
    expect(await lib().ok('items.restore', { id: q2.id })).toEqual({ id: q2.id, count: 3 });
    expect((await lib().ok('articles.get', { id: a.id })).quoteCount).toBe(2);
    expect((await lib().ok('quotes.get', { id: q1.id })).deletedAt).toBeNull();
    expect((await lib().ok('trash.list', {})).total).toBe(0);
  });

  it('restoring a quote trashed on its own before its article also restores the article', async () => {
    const { a, q1, q2 } = await articleWithQuotes();
    await lib().ok('items.trash', { id: q1.id });
    await lib().ok('items.trash', { id: a.id });
    expect((await lib().ok('trash.list', {})).items.map((t) => [t.type, t.batchSize])).toEqual([['article', 1], ['quote', 0]]);
    await lib().ok('items.restore', { id: q1.id });
    expect((await lib().ok('articles.get', { id: a.id })).quoteCount).toBe(2);
    expect((await lib().ok('quotes.get', { id: q2.id })).id).toBe(q2.id);
  });

  it('restoring an article leaves a quote trashed earlier on its own in the trash', async () => {
    const { a, q1 } = await articleWithQuotes();
    await lib().ok('items.trash', { id: q1.id });
    await lib().ok('items.trash', { id: a.id });
    expect(await lib().ok('items.restore', { id: a.id })).toEqual({ id: a.id, count: 2 });
    expect((await lib().fail('quotes.get', { id: q1.id })).code).toBe('not-found');
    expect((await lib().ok('trash.list', {})).items.map((t) => t.id)).toEqual([q1.id]);
  });

  it('purge deletes the batch for good and cleans taggings, links and stances', async () => {
    const { a, q1 } = await articleWithQuotes();
    const other = await lib().ok('articles.create', { title: 'Other', text: 'Another article about trams.' });
    await lib().ok('tags.add', { itemId: a.id, tag: 'trams' });
    await lib().ok('tags.add', { itemId: q1.id, tag: 'promises' });
    await lib().ok('links.create', { type: 'cites', fromId: other.id, toId: a.id });
    await lib().ok('links.create', { type: 'supports', fromId: q1.id, toUrl: 'https://example.org/plan' });
    await lib().ok('stances.set', { subjectType: 'quote', subjectId: q1.id, topic: 'Build the tram', value: 'supports' });
    await lib().ok('stances.set', { subjectType: 'article', subjectId: a.id, topic: 'Build the tram', value: 'mixed' });

    await lib().ok('items.trash', { id: a.id });
    expect(await lib().ok('trash.purge', { id: a.id })).toEqual({ count: 3 });

    const db = lib().app.db;
    const count = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM articles WHERE id = ?', a.id)).toBe(0);
    expect(count('SELECT count(*) AS n FROM quotes WHERE article_id = ?', a.id)).toBe(0);
    expect(count('SELECT count(*) AS n FROM items WHERE id = ? OR id = ?', a.id, q1.id)).toBe(0);
    expect(count('SELECT count(*) AS n FROM taggings')).toBe(0);
    expect(count('SELECT count(*) AS n FROM links')).toBe(0);
    expect(count('SELECT count(*) AS n FROM stances')).toBe(0);
    expect((await lib().fail('items.get', { id: a.id })).code).toBe('not-found');
    expect((await lib().ok('trash.list', {})).total).toBe(0);
    expect((await lib().ok('tags.list', {})).map((t) => t.count)).toEqual([0, 0]);
    expect((await lib().ok('items.get', { id: other.id })).links).toEqual([]);
    expect((await lib().ok('library.check', {})).ok).toBe(true);
  });

  it('refuses: trashing twice (conflict), a tag (validation), unknown ids (not-found), restore/purge of live items (conflict)', async () => {
    const { a } = await articleWithQuotes();
    await lib().ok('tags.add', { itemId: a.id, tag: 'trams' });
    const [tag] = await lib().ok('tags.list', {});
    expect((await lib().fail('items.restore', { id: a.id })).code).toBe('conflict');
    expect((await lib().fail('trash.purge', { id: a.id })).code).toBe('conflict');
    await lib().ok('items.trash', { id: a.id });
    expect((await lib().fail('items.trash', { id: a.id })).code).toBe('conflict');
    expect((await lib().fail('items.trash', { id: tag!.id })).code).toBe('validation');
    for (const method of ['items.trash', 'items.restore', 'trash.purge'] as const) {
      expect((await lib().fail(method, { id: 'nope' })).code).toBe('not-found');
    }
  });

  it('lists by type and pages', async () => {
    const n1 = await lib().ok('notes.create', { body: 'first note' });
    const n2 = await lib().ok('notes.create', { body: 'second note' });
    const t = await lib().ok('topics.create', { title: 'Fares' });
    for (const id of [n1.id, n2.id, t.id]) await lib().ok('items.trash', { id });
    expect((await lib().ok('trash.list', { type: 'note' })).items.map((x) => x.id)).toEqual([n2.id, n1.id]);
    const page = await lib().ok('trash.list', { limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 3, offset: 1, limit: 1 });
    expect(page.items.map((x) => x.id)).toEqual([n2.id]);
  });
});
