import { describe, expect, it } from 'vitest';
import { useTempLibrary } from '../../test/helpers/temp-library';

const lib = useTempLibrary();

async function quoted() {
  const a = await lib().ok('articles.create', { title: 'Tram vote', text: 'The mayor said the tram will be built by 2027. Critics said it will not.', publishedAt: '2026-02-03' });
  const q = await lib().ok('quotes.create', { articleId: a.id, text: 'the tram will be built by 2027', speaker: 'Maria Lopez' });
  return { a, q };
}

describe('stances', () => {
  it('setting one by topic title creates the topic; a quote’s stance is dated by when it was said', async () => {
    const { q } = await quoted();
    const s = await lib().ok('stances.set', { subjectType: 'quote', subjectId: q.id, topic: 'Build the tram', value: 'supports', note: 'clear promise' });
    expect(s).toMatchObject({ subjectType: 'quote', subjectId: q.id, topicTitle: 'Build the tram', value: 'supports', note: 'clear promise', setAt: '2026-02-03', isCurrent: true });
    const topics = await lib().ok('topics.list', {});
    expect(topics.items.map((t) => [t.title, t.stanceCount])).toEqual([['Build the tram', 1]]);
    // The same title (any case) reuses the topic.
    const again = await lib().ok('stances.set', { subjectType: 'quote', subjectId: q.id, topic: 'BUILD THE TRAM', value: 'supports' });
    expect(again.topicId).toBe(s.topicId);
  });

  it('keeps history: a new value leaves the old one with isCurrent false', async () => {
    const { a } = await quoted();
    const topic = await lib().ok('topics.create', { title: 'Build the tram' });
    const first = await lib().ok('stances.set', { subjectType: 'article', subjectId: a.id, topicId: topic.id, value: 'supports' });
    const second = await lib().ok('stances.set', { subjectType: 'article', subjectId: a.id, topicId: topic.id, value: 'mixed' });
    expect(second.isCurrent).toBe(true);

    const current = await lib().ok('stances.list', { subjectId: a.id });
    expect(current.map((s) => [s.id, s.value, s.isCurrent])).toEqual([[second.id, 'mixed', true]]);
    const history = await lib().ok('stances.list', { subjectId: a.id, includeHistory: true });
    expect(history.map((s) => [s.id, s.value, s.isCurrent])).toEqual([
      [first.id, 'supports', false],
      [second.id, 'mixed', true],
    ]);
    // A window of the history, in the order set.
    expect((await lib().ok('stances.list', { subjectId: a.id, includeHistory: true, limit: 1, offset: 1 })).map((s) => s.id)).toEqual([second.id]);
    expect((await lib().ok('items.get', { id: topic.id })).stances).toHaveLength(2);
  });

  it('the stance set last is current, whatever date it was given; the date only places it in time', async () => {
    const s = await lib().ok('speakers.create', { name: 'Tom Berg' });
    const first = await lib().ok('stances.set', { subjectType: 'speaker', subjectId: s.id, topic: 'Raise fares', value: 'opposes', setAt: '2026-03-01' });
    const last = await lib().ok('stances.set', { subjectType: 'speaker', subjectId: s.id, topic: 'Raise fares', value: 'supports', setAt: '2024-05-01' });
    expect(last).toMatchObject({ isCurrent: true, setAt: '2024-05-01' });
    expect((await lib().ok('stances.list', { subjectId: s.id })).map((x) => x.id)).toEqual([last.id]);
    const history = await lib().ok('stances.list', { subjectId: s.id, includeHistory: true });
    expect(history.map((x) => [x.id, x.isCurrent])).toEqual([[first.id, false], [last.id, true]]);
  });

  it('a quote’s new stance is current even after its said-at was moved later (the audit’s repro)', async () => {
    const a = await lib().ok('articles.create', { title: 'Undated', text: 'The mayor said the tram will be built by 2027. Critics said it will not.' });
    const q = await lib().ok('quotes.create', { articleId: a.id, text: 'the tram will be built by 2027', speaker: 'Maria Lopez' });
    const before = await lib().ok('stances.set', { subjectType: 'quote', subjectId: q.id, topic: 'Build the tram', value: 'supports' });
    await lib().ok('quotes.update', { id: q.id, saidAt: '2025-06-01' });
    const after = await lib().ok('stances.set', { subjectType: 'quote', subjectId: q.id, topic: 'Build the tram', value: 'opposes' });
    expect(after).toMatchObject({ value: 'opposes', isCurrent: true, setAt: '2025-06-01' });

    const history = await lib().ok('stances.list', { subjectId: q.id, includeHistory: true });
    // Both are dated by the quote's said-at as it is now; the one set last is current.
    expect(history.map((x) => [x.id, x.value, x.isCurrent, x.setAt])).toEqual([
      [before.id, 'supports', false, '2025-06-01'],
      [after.id, 'opposes', true, '2025-06-01'],
    ]);
    expect((await lib().ok('items.get', { id: q.id })).stances.filter((x) => x.isCurrent).map((x) => x.value)).toEqual(['opposes']);

    // Moving the said-at again moves the dates, not which stance is current.
    await lib().ok('quotes.update', { id: q.id, saidAt: '2025-03-01' });
    expect((await lib().ok('stances.list', { subjectId: q.id, includeHistory: true })).map((x) => [x.value, x.isCurrent, x.setAt])).toEqual([
      ['supports', false, '2025-03-01'],
      ['opposes', true, '2025-03-01'],
    ]);
    // Search's current-stance table agrees, and `sourcebook check` finds nothing to complain about.
    const found = async (query: string) => (await lib().ok('search.query', { query })).hits.map((h) => h.id);
    expect(await found('stance:opposes')).toEqual([q.id]);
    expect(await found('stance:supports')).toEqual([]);
    expect((await lib().ok('library.check', {})).problems).toEqual([]);
  });

  it('an article’s stance is dated by the article’s date, else by when it was set, and follows edits', async () => {
    const a = await lib().ok('articles.create', { title: 'Editorial', text: 'We back the tram, and we say so plainly.' });
    const s = await lib().ok('stances.set', { subjectType: 'article', subjectId: a.id, topic: 'Build the tram', value: 'supports' });
    expect(s.setAt).toBe(s.createdAt);
    await lib().ok('articles.update', { id: a.id, publishedAt: '2025-11-02' });
    expect((await lib().ok('stances.list', { subjectId: a.id }))[0]).toMatchObject({ id: s.id, setAt: '2025-11-02', isCurrent: true });
  });

  it('stances toward different topics are independent', async () => {
    const { q } = await quoted();
    await lib().ok('stances.set', { subjectType: 'quote', subjectId: q.id, topic: 'Build the tram', value: 'supports' });
    await lib().ok('stances.set', { subjectType: 'quote', subjectId: q.id, topic: 'Cut the budget', value: 'opposes' });
    expect((await lib().ok('stances.list', { subjectId: q.id })).map((s) => s.topicTitle).sort()).toEqual(['Build the tram', 'Cut the budget']);
  });

  it('takes a topic by id, or by title in any case; a new title creates it, an unknown id never does', async () => {
    const { q } = await quoted();
    const topic = await lib().ok('topics.create', { title: 'Build the tram' });
    const byId = await lib().ok('stances.set', { subjectType: 'quote', subjectId: q.id, topic: topic.id, value: 'supports' });
    expect(byId).toMatchObject({ topicId: topic.id, topicTitle: 'Build the tram' });
    const byTitle = await lib().ok('stances.set', { subjectType: 'quote', subjectId: q.id, topic: '  build THE tram ', value: 'mixed' });
    expect(byTitle.topicId).toBe(topic.id);

    const unknownId = '01980000-0000-7000-8000-0000000000ab';
    const unknown = await lib().fail('stances.set', { subjectType: 'quote', subjectId: q.id, topic: unknownId, value: 'supports' });
    expect(unknown).toMatchObject({ code: 'not-found' });
    expect(unknown.message).toContain(`No topic with id ${unknownId}`);
    const notATopic = await lib().fail('stances.set', { subjectType: 'quote', subjectId: q.id, topic: q.id, value: 'supports' });
    expect(notATopic.code).toBe('not-found');
    expect(notATopic.message).toContain('is a quote, not a topic');
    const trashed = await lib().ok('topics.create', { title: 'Cut the budget' });
    await lib().ok('items.trash', { id: trashed.id });
    expect((await lib().fail('stances.set', { subjectType: 'quote', subjectId: q.id, topic: trashed.id, value: 'supports' })).message).toContain('in the trash');
    expect((await lib().ok('topics.list', {})).items.map((t) => t.title)).toEqual(['Build the tram']);

    // Anything else is a title, created on first use (scripts rely on it).
    const created = await lib().ok('stances.set', { subjectType: 'quote', subjectId: q.id, topic: 'Tram by 2027?', value: 'neutral' });
    expect(created.topicTitle).toBe('Tram by 2027?');
    expect((await lib().ok('topics.list', {})).total).toBe(2);
  });

  it('refuses an invalid value, a subject of the wrong type, and unknown subjects or topics', async () => {
    const { a, q } = await quoted();
    expect((await lib().fail('stances.set', { subjectType: 'quote', subjectId: q.id, topic: 'T', value: 'loves' })).code).toBe('validation');
    const wrongType = await lib().fail('stances.set', { subjectType: 'article', subjectId: q.id, topic: 'T', value: 'supports' });
    expect(wrongType.code).toBe('validation');
    expect(wrongType.message).toContain('is a quote');
    expect((await lib().fail('stances.set', { subjectType: 'speaker', subjectId: a.id, topic: 'T', value: 'supports' })).code).toBe('validation');
    expect((await lib().fail('stances.set', { subjectType: 'quote', subjectId: 'nope', topic: 'T', value: 'supports' })).code).toBe('not-found');
    expect((await lib().fail('stances.set', { subjectType: 'quote', subjectId: q.id, topicId: 'nope', value: 'supports' })).code).toBe('not-found');
    // Nothing was created by the refused calls.
    expect((await lib().ok('topics.list', {})).total).toBe(0);
  });

  it('hides the stances of a trashed subject until it is restored', async () => {
    const { a, q } = await quoted();
    const s = await lib().ok('stances.set', { subjectType: 'quote', subjectId: q.id, topic: 'Build the tram', value: 'supports' });
    await lib().ok('items.trash', { id: a.id });
    expect(await lib().ok('stances.list', { topicId: s.topicId })).toEqual([]);
    await lib().ok('items.restore', { id: a.id });
    expect((await lib().ok('stances.list', { topicId: s.topicId })).map((x) => x.id)).toEqual([s.id]);
  });
});

describe('links', () => {
  async function two() {
    const a = await lib().ok('articles.create', { title: 'Report', text: 'The report says fares will rise.' });
    const b = await lib().ok('articles.create', { title: 'Follow-up', text: 'A follow-up on the fares report.' });
    return { a, b };
  }

  it('links an item to another item and to a URL; the target sees a backlink', async () => {
    const { a, b } = await two();
    const toItem = await lib().ok('links.create', { type: 'responds-to', fromId: b.id, toId: a.id, note: 'rebuttal' });
    expect(toItem).toMatchObject({ type: 'responds-to', fromId: b.id, fromType: 'article', fromTitle: 'Follow-up', toId: a.id, toType: 'article', toTitle: 'Report', toUrl: null, note: 'rebuttal' });
    const toUrl = await lib().ok('links.create', { type: 'cites', fromId: a.id, toUrl: 'https://example.org/data.csv' });
    expect(toUrl).toMatchObject({ toId: null, toType: 'url', toUrl: 'https://example.org/data.csv', toTitle: 'https://example.org/data.csv' });

    const target = await lib().ok('items.get', { id: a.id });
    expect(target.backlinks.map((l) => l.id)).toEqual([toItem.id]);
    expect(target.links.map((l) => l.id)).toEqual([toUrl.id]);
    const source = await lib().ok('items.get', { id: b.id });
    expect(source.links.map((l) => l.id)).toEqual([toItem.id]);
    expect(source.backlinks).toEqual([]);
    expect((await lib().ok('links.list', { itemId: a.id, direction: 'incoming' })).map((l) => l.id)).toEqual([toItem.id]);
  });

  it('refuses a self-link (validation) and a duplicate (conflict); cycles are fine', async () => {
    const { a, b } = await two();
    expect((await lib().fail('links.create', { type: 'cites', fromId: a.id, toId: a.id })).code).toBe('validation');
    await lib().ok('links.create', { type: 'cites', fromId: a.id, toId: b.id });
    expect((await lib().fail('links.create', { type: 'cites', fromId: a.id, toId: b.id })).code).toBe('conflict');
    await lib().ok('links.create', { type: 'supports', fromId: a.id, toId: b.id });
    await lib().ok('links.create', { type: 'cites', fromId: b.id, toId: a.id });
    await lib().ok('links.create', { type: 'cites', fromId: a.id, toUrl: 'https://example.org/' });
    expect((await lib().fail('links.create', { type: 'cites', fromId: a.id, toUrl: 'https://example.org/' })).code).toBe('conflict');
    expect((await lib().fail('links.create', { type: 'cites', fromId: a.id, toId: 'nope' })).code).toBe('not-found');
  });

  it('updates a link\'s type and note, refusing a type the same two ends already have', async () => {
    const { a, b } = await two();
    const cites = await lib().ok('links.create', { type: 'cites', fromId: a.id, toId: b.id, note: 'first draft' });
    await lib().ok('links.create', { type: 'supports', fromId: a.id, toId: b.id });
    expect(await lib().ok('links.update', { id: cites.id, note: 'page 4' })).toMatchObject({ id: cites.id, type: 'cites', note: 'page 4' });
    expect((await lib().fail('links.update', { id: cites.id, type: 'supports' })).code).toBe('conflict');
    expect(await lib().ok('links.update', { id: cites.id, type: 'contradicts', note: '' })).toMatchObject({ type: 'contradicts', note: '', fromId: a.id, toId: b.id });
    expect((await lib().ok('links.list', { itemId: a.id, direction: 'outgoing' })).map((l) => l.type).sort()).toEqual(['contradicts', 'supports']);
    expect((await lib().fail('links.update', { id: '01a22716-0cc6-77a3-ba8b-0e6b2ba0e316', note: 'x' })).code).toBe('not-found');
  });

  it('refuses a link from an article to its own address or canonical URL (a self-link through a URL)', async () => {
    const a = await lib().ok('articles.create', { title: 'Fares', text: 'The report says fares will rise.', url: 'https://news.example.org/fares?id=7' });
    // A clipped page's canonical address (set by clipping; written directly here).
    lib().app.db.prepare('UPDATE articles SET canonical_url = ? WHERE id = ?').run('https://example.org/2026/fares/', a.id);
    for (const own of ['https://news.example.org/fares?id=7', 'https://NEWS.example.org:443/fares?id=7#top', 'https://example.org/2026/fares', 'https://example.org/2026/fares/']) {
      const e = await lib().fail('links.create', { type: 'cites', fromId: a.id, toUrl: own });
      expect(e.code, own).toBe('validation');
      expect(e.message).toContain('own address');
    }
    // Other addresses on the same sites are fine, and so is a quote citing its article's address.
    await lib().ok('links.create', { type: 'cites', fromId: a.id, toUrl: 'https://news.example.org/fares?id=8' });
    await lib().ok('links.create', { type: 'cites', fromId: a.id, toUrl: 'https://example.org/2026/' });
    const q = await lib().ok('quotes.create', { articleId: a.id, text: 'fares will rise' });
    await lib().ok('links.create', { type: 'quotes-from', fromId: q.id, toUrl: 'https://news.example.org/fares?id=7' });
  });

  it('hides a link to a trashed item until it is restored', async () => {
    const { a, b } = await two();
    const link = await lib().ok('links.create', { type: 'cites', fromId: a.id, toId: b.id });
    await lib().ok('items.trash', { id: b.id });
    expect(await lib().ok('links.list', { itemId: a.id })).toEqual([]);
    expect((await lib().ok('items.get', { id: a.id })).links).toEqual([]);
    expect((await lib().fail('links.create', { type: 'supports', fromId: a.id, toId: b.id })).code).toBe('not-found');
    await lib().ok('items.restore', { id: b.id });
    expect((await lib().ok('links.list', { itemId: a.id })).map((l) => l.id)).toEqual([link.id]);
  });

  it('links only linkable items (not stances or tags)', async () => {
    const { a } = await two();
    const s = await lib().ok('stances.set', { subjectType: 'article', subjectId: a.id, topic: 'Fares', value: 'neutral' });
    expect((await lib().fail('links.create', { type: 'cites', fromId: s.id, toId: a.id })).code).toBe('validation');
  });
});
