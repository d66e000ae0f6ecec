import { describe, expect, it } from 'vitest';
import { useTempLibrary } from '../../test/helpers/temp-library';

const ARTICLE = [
  'Chip export row',
  '"We should allow the sales," said Dana Whitfield, a trade adviser.',
  '"Selling them is a grave mistake," said Omar Haddad, a senator.',
  '"I have changed my mind; we should not allow it," Whitfield said later.',
].join('\n\n');

describe('stance analysis: the topic matrix and speaker positions', () => {
  const lib = useTempLibrary();

  async function seed() {
    const article = await lib().ok('articles.create', { title: 'Chip export row', text: ARTICLE, siteName: 'Harbour Times', publishedAt: '2026-01-10' });
    const allow = await lib().ok('quotes.create', { articleId: article.id, text: 'We should allow the sales,', speaker: 'Dana Whitfield', saidAt: '2026-01-05' });
    const mistake = await lib().ok('quotes.create', { articleId: article.id, text: 'Selling them is a grave mistake,', speaker: 'Omar Haddad', saidAt: '2026-01-06' });
    const changed = await lib().ok('quotes.create', { articleId: article.id, text: 'I have changed my mind; we should not allow it,', speaker: 'Whitfield', saidAt: '2026-01-09' });
    const topic = await lib().ok('topics.create', { title: 'Allow chip sales' });
    await lib().ok('stances.set', { subjectType: 'quote', subjectId: allow.id, topicId: topic.id, value: 'supports' });
    await lib().ok('stances.set', { subjectType: 'quote', subjectId: mistake.id, topicId: topic.id, value: 'opposes' });
    await lib().ok('stances.set', { subjectType: 'quote', subjectId: changed.id, topicId: topic.id, value: 'opposes' });
    return { article, allow, mistake, changed, topic };
  }

  it('groups evidence by speaker and stance, derives positions from the newest quote, and keeps a timeline', async () => {
    const { topic, allow, changed } = await seed();
    const matrix = await lib().ok('topics.matrix', { id: topic.id });
    expect(matrix.totals).toEqual({ supports: 1, opposes: 2, neutral: 0, mixed: 0 });
    const whitfield = matrix.speakers.find((r) => r.label === 'Dana Whitfield')!;
    // The surname alone resolved to the same speaker, so both quotes are hers.
    expect(whitfield.counts).toEqual({ supports: 1, opposes: 1, neutral: 0, mixed: 0 });
    expect(whitfield.evidence.supports.map((e) => e.subjectId)).toEqual([allow.id]);
    // Each quote's evidence says whether its words are still as marked in the source.
    expect(whitfield.evidence.supports.map((e) => e.anchorStatus)).toEqual(['exact']);
    expect(whitfield.current).toBe('opposes');
    expect(whitfield.isDerived).toBe(true);
    expect(matrix.speakers.find((r) => r.label === 'Omar Haddad')!.current).toBe('opposes');
    expect(matrix.outlets.map((o) => [o.label, o.counts.opposes])).toEqual([['Harbour Times', 2]]);
    expect(matrix.timeline.map((e) => e.date.slice(0, 10))).toEqual(['2026-01-05', '2026-01-06', '2026-01-09']);
    expect(matrix.timeline.at(-1)!.subjectId).toBe(changed.id);
  });

  it('a stance set directly on the speaker wins over the derived one, and history stays', async () => {
    const { topic } = await seed();
    const whitfield = await lib().ok('speakers.resolve', { name: 'Dana Whitfield' });
    await lib().ok('stances.set', { subjectType: 'speaker', subjectId: whitfield.id, topicId: topic.id, value: 'mixed', setAt: '2026-01-20' });
    const matrix = await lib().ok('topics.matrix', { id: topic.id });
    const row = matrix.speakers.find((r) => r.speakerId === whitfield.id)!;
    expect(row.current).toBe('mixed');
    expect(row.isDerived).toBe(false);

    const positions = await lib().ok('speakers.stances', { id: whitfield.id });
    expect(positions).toHaveLength(1);
    expect(positions[0]).toMatchObject({ topicTitle: 'Allow chip sales', current: 'mixed', isDerived: false });
    expect(positions[0]!.history.map((h) => h.value)).toEqual(['supports', 'opposes', 'mixed']);
  });

  it('dates quote stances by the quote’s said-at as it is now, and a re-set stance replaces the old one', async () => {
    const { topic, allow, mistake } = await seed();
    const whitfield = await lib().ok('speakers.resolve', { name: 'Dana Whitfield' });
    // Her early quote turns out to be her latest words: the derived position follows the said-at edit.
    await lib().ok('quotes.update', { id: allow.id, saidAt: '2026-01-20' });
    let matrix = await lib().ok('topics.matrix', { id: topic.id });
    expect(matrix.speakers.find((r) => r.speakerId === whitfield.id)).toMatchObject({ current: 'supports', isDerived: true });
    expect(matrix.timeline.map((e) => [e.subjectId, e.date])).toEqual([
      [mistake.id, '2026-01-06'],
      [expect.any(String), '2026-01-09'],
      [allow.id, '2026-01-20'],
    ]);

    // Re-classifying that quote (after its said-at moved) makes the new value current everywhere.
    await lib().ok('stances.set', { subjectType: 'quote', subjectId: allow.id, topicId: topic.id, value: 'mixed' });
    matrix = await lib().ok('topics.matrix', { id: topic.id });
    const row = matrix.speakers.find((r) => r.speakerId === whitfield.id)!;
    expect(row).toMatchObject({ current: 'mixed', isDerived: true });
    expect(row.counts).toEqual({ supports: 0, opposes: 1, neutral: 0, mixed: 1 });
    expect(matrix.totals).toEqual({ supports: 0, opposes: 2, neutral: 0, mixed: 1 });
    // The timeline keeps the replaced value, marked, before the new one on the same date.
    expect(matrix.timeline.filter((e) => e.subjectId === allow.id).map((e) => [e.value, e.date, e.isCurrent])).toEqual([
      ['supports', '2026-01-20', false],
      ['mixed', '2026-01-20', true],
    ]);
    const positions = await lib().ok('speakers.stances', { id: whitfield.id });
    expect(positions[0]).toMatchObject({ current: 'mixed', isDerived: true });
    expect(positions[0]!.history.map((h) => [h.value, h.isCurrent])).toEqual([['opposes', true], ['supports', false], ['mixed', true]]);
  });

  it('a speaker’s own stance set last is their position, even when dated before an earlier one', async () => {
    const { topic } = await seed();
    const whitfield = await lib().ok('speakers.resolve', { name: 'Dana Whitfield' });
    await lib().ok('stances.set', { subjectType: 'speaker', subjectId: whitfield.id, topicId: topic.id, value: 'mixed', setAt: '2026-02-01' });
    await lib().ok('stances.set', { subjectType: 'speaker', subjectId: whitfield.id, topicId: topic.id, value: 'supports', setAt: '2026-01-15' });
    const row = (await lib().ok('topics.matrix', { id: topic.id })).speakers.find((r) => r.speakerId === whitfield.id)!;
    expect(row).toMatchObject({ current: 'supports', isDerived: false });
    const [position] = await lib().ok('speakers.stances', { id: whitfield.id });
    expect(position).toMatchObject({ current: 'supports', isDerived: false });
    // History in time order: both of her own stances kept, the replaced one marked.
    expect(position!.history.map((h) => [h.subjectType, h.value, h.date.slice(0, 10), h.isCurrent])).toEqual([
      ['quote', 'supports', '2026-01-05', true],
      ['quote', 'opposes', '2026-01-09', true],
      ['speaker', 'supports', '2026-01-15', true],
      ['speaker', 'mixed', '2026-02-01', false],
    ]);
  });

  it('trashed quotes drop out of the matrix and come back on restore', async () => {
    const { topic, mistake } = await seed();
    await lib().ok('items.trash', { id: mistake.id });
    expect((await lib().ok('topics.matrix', { id: topic.id })).speakers.map((r) => r.label)).toEqual(['Dana Whitfield']);
    await lib().ok('items.restore', { id: mistake.id });
    expect((await lib().ok('topics.matrix', { id: topic.id })).speakers).toHaveLength(2);
  });

  it('unknown topic or speaker is not-found', async () => {
    expect((await lib().fail('topics.matrix', { id: 'nope' })).code).toBe('not-found');
    expect((await lib().fail('speakers.stances', { id: 'nope' })).code).toBe('not-found');
  });
});

describe('the item graph', () => {
  const lib = useTempLibrary();

  it('shows an article with its quotes, their speaker, and typed links both ways', async () => {
    const a = await lib().ok('articles.create', { title: 'Source', text: 'Intro.\n\n"Ports need dredging," said Ines Moreau.' });
    const b = await lib().ok('articles.create', { title: 'Follow-up', text: 'The follow-up report on the harbour dredging plan.' });
    const q = await lib().ok('quotes.create', { articleId: a.id, text: 'Ports need dredging,', speaker: 'Ines Moreau' });
    await lib().ok('links.create', { type: 'cites', fromId: b.id, toId: a.id });
    await lib().ok('links.create', { type: 'cites', fromId: a.id, toUrl: 'https://example.org/report' });

    const graph = await lib().ok('items.graph', { id: a.id, depth: 2 });
    const types = new Set(graph.nodes.map((n) => n.type));
    expect(types).toEqual(new Set(['article', 'quote', 'speaker', 'url']));
    expect(graph.edges.map((e) => e.type).sort()).toEqual(['cites', 'cites', 'quote-of', 'said-by']);
    expect(graph.nodes.find((n) => n.id === q.id)?.title).toContain('Ports need dredging');

    await lib().ok('items.trash', { id: b.id });
    const after = await lib().ok('items.graph', { id: a.id, depth: 1 });
    expect(after.nodes.some((n) => n.id === b.id)).toBe(false);
    expect((await lib().fail('items.graph', { id: b.id, depth: 1 })).code).toBe('not-found');
  });
});
