import { describe, expect, it } from 'vitest';
import { formatEmbed } from '../../../shared/notes/embed-syntax';
import type { ResolvedQuote } from '../../../shared/notes/resolved';
import { useTempLibrary } from '../../../test/helpers/temp-library';
import { makeNotesLibrary, memoBody } from '../../../test/fixtures/notes/make-notes-library';

describe('notes: live embeds, backlinks, topics, conflicts', () => {
  const lib = useTempLibrary();

  it('resolves embeds at render time, so a speaker change shows in every note', async () => {
    const f = await makeNotesLibrary(lib());
    await lib().ok('notes.create', { title: 'Memo', body: formatEmbed({ type: 'quote', id: f.q1.id, isEmbed: true }) });
    const before = (await lib().ok('notes.embeds.get', { ids: [f.q1.id] }))[f.q1.id] as ResolvedQuote;
    expect(before).toMatchObject({ status: 'ok', type: 'quote', speakerName: 'Ana Silva', speakerRole: 'Mayor of Lisbon', text: 'We will build the tram by 2030,' });
    expect(before.stances).toEqual([{ topicId: f.topic.id, topicTitle: 'Build the tram', value: 'supports' }]);
    expect(before.source).toMatchObject({ title: 'City council approves tram line', siteName: 'The Daily Post', url: 'https://news.example.com/2026/03/tram', publishedAt: '2026-03-14' });

    await lib().ok('quotes.update', { id: f.q1.id, speaker: 'Rui Moreira', speakerRole: 'Former mayor' });
    const after = (await lib().ok('notes.embeds.get', { ids: [f.q1.id] }))[f.q1.id] as ResolvedQuote;
    expect(after).toMatchObject({ speakerName: 'Rui Moreira', speakerRole: 'Former mayor' });

    await lib().ok('speakers.update', { id: after.speakerId!, name: 'Rui Moreira Jr.' });
    expect((await lib().ok('notes.embeds.get', { ids: [f.q1.id] }))[f.q1.id]).toMatchObject({ speakerName: 'Rui Moreira Jr.' });
  });

  it('resolves a trashed item as missing and restorable, and a purged or unknown one as gone', async () => {
    const f = await makeNotesLibrary(lib());
    await lib().ok('items.trash', { id: f.q2.id });
    const r = await lib().ok('notes.embeds.get', { ids: [f.q2.id, 'no-such-id', f.topic.id] });
    expect(r[f.q2.id]).toMatchObject({ status: 'missing', type: 'quote', isTrashed: true, title: 'It is a waste of money & time,' });
    expect(r['no-such-id']).toMatchObject({ status: 'missing', type: null, isTrashed: false });
    expect(r[f.topic.id]).toMatchObject({ status: 'ok', type: 'topic', title: 'Build the tram', totals: { supports: 1, opposes: 0, neutral: 0, mixed: 0 } });
    await lib().ok('items.restore', { id: f.q2.id });
    expect((await lib().ok('notes.embeds.get', { ids: [f.q2.id] }))[f.q2.id]).toMatchObject({ status: 'ok', speakerName: 'Tom Berg' });
  });

  it('keeps backlinks in step with every save, through quotes for articles and speakers', async () => {
    const f = await makeNotesLibrary(lib());
    const a = await lib().ok('notes.create', { title: 'A', body: memoBody(f) });
    const b = await lib().ok('notes.create', { title: 'B', body: `See [[article:${f.blog.id}]].` });
    const titles = async (itemId: string) => (await lib().ok('notes.backlinks.list', { itemId })).map((n) => n.title).sort();

    expect(await titles(f.q1.id)).toEqual(['A']);
    expect(await titles(f.blog.id)).toEqual(['A', 'B']); // A through q3, B directly
    expect(await titles(f.silva.id)).toEqual(['A']);
    const viaArticle = (await lib().ok('notes.backlinks.list', { itemId: f.tram.id })).find((n) => n.noteId === a.id)!;
    expect(viaArticle.via.map((v) => v.id).sort()).toEqual([f.q1.id, f.q2.id, f.tram.id].sort());
    // The code span's token is text, not an embed.
    expect(viaArticle.via.find((v) => v.id === f.q1.id)).toMatchObject({ isEmbed: true, count: 1 });

    await lib().ok('notes.update', { id: a.id, body: 'Nothing embedded any more.' });
    expect(await titles(f.q1.id)).toEqual([]);
    expect(await titles(f.blog.id)).toEqual(['B']);
    await lib().ok('items.trash', { id: b.id });
    expect(await titles(f.blog.id)).toEqual([]);
    await lib().ok('items.restore', { id: b.id });
    expect(await titles(f.blog.id)).toEqual(['B']);
  });

  it('indexes notes written behind the service’s back (an import) before answering backlinks', async () => {
    const f = await makeNotesLibrary(lib());
    const note = await lib().ok('notes.create', { title: 'Imported', body: '' });
    lib().app.db.prepare("UPDATE notes SET body = ?, updated_at = '2030-01-01T00:00:00.000Z' WHERE id = ?").run(`![[quote:${f.q3.id}]]`, note.id);
    expect((await lib().ok('notes.backlinks.list', { itemId: f.q3.id })).map((n) => n.noteId)).toEqual([note.id]);
  });

  it('answers a stale save with conflict carrying the stored note, and never loses either text', async () => {
    const note = await lib().ok('notes.create', { title: 'Shared', body: 'v1' });
    const windowA = await lib().ok('notes.get', { id: note.id });
    const windowB = await lib().ok('notes.get', { id: note.id });
    const savedA = await lib().ok('notes.update', { id: note.id, body: 'v1 + A', expectedUpdatedAt: windowA.updatedAt });
    const conflict = await lib().fail('notes.update', { id: note.id, body: 'v1 + B', expectedUpdatedAt: windowB.updatedAt });
    expect(conflict.code).toBe('conflict');
    expect((conflict.details as { current: { body: string; updatedAt: string } }).current).toMatchObject({ body: 'v1 + A', updatedAt: savedA.updatedAt });
    // B merges and saves against the version it was shown.
    const merged = await lib().ok('notes.update', { id: note.id, body: 'v1 + A + B', expectedUpdatedAt: savedA.updatedAt });
    expect(merged.body).toBe('v1 + A + B');
  });

  it('records the topics a note is about, and its collections and attachment', async () => {
    const f = await makeNotesLibrary(lib());
    const note = await lib().ok('notes.create', { title: 'About trams', body: '', attachedId: f.q1.id });
    const c = await lib().ok('collections.create', { name: 'Tram briefing' });
    await lib().ok('collections.addItems', { collectionId: c.id, itemIds: [note.id] });
    const meta = await lib().ok('notes.topics.set', { id: note.id, topicIds: [f.topic.id, f.topic.id] });
    expect(meta).toMatchObject({ topics: [{ id: f.topic.id, title: 'Build the tram' }], collections: [{ id: c.id, name: 'Tram briefing' }], attached: { id: f.q1.id, type: 'quote' } });
    expect((await lib().ok('notes.topics.set', { id: note.id, topicIds: [] })).topics).toEqual([]);
    expect((await lib().fail('notes.topics.set', { id: note.id, topicIds: [f.q1.id] })).code).toBe('validation');
  });

  it('lists quotes, articles, speakers, topics and notes for the [[ picker', async () => {
    const f = await makeNotesLibrary(lib());
    const entries = await lib().ok('notes.embedIndex.list', {});
    const byId = new Map(entries.map((e) => [e.id, e]));
    expect(byId.get(f.q1.id)).toMatchObject({ type: 'quote', title: 'We will build the tram by 2030,', extra: 'Ana Silva · The Daily Post' });
    expect(byId.get(f.silva.id)).toMatchObject({ type: 'speaker', extra: 'Mayor of Lisbon' });
    expect(byId.get(f.topic.id)?.type).toBe('topic');
    expect(byId.get(f.blog.id)).toMatchObject({ type: 'article', extra: 'Climate Notes' });
  });

  it('validates input', async () => {
    expect((await lib().fail('notes.citations.get', { ids: [], style: 'apa' })).code).toBe('validation');
    expect((await lib().fail('notes.citations.get', { ids: ['x'], style: 'mla' })).code).toBe('validation');
    expect((await lib().fail('notes.export', { format: 'md' })).code).toBe('validation');
    expect((await lib().fail('notes.export', { id: 'nope', format: 'md' })).code).toBe('not-found');
  });
});
