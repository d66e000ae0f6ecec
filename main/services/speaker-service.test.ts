import { describe, expect, it } from 'vitest';
import { useTempLibrary } from '../../test/helpers/temp-library';

const lib = useTempLibrary();

const TEXT = 'Maria Lopez said the tram is coming. Her deputy said the money is there. Tom Berg said it is not.';

describe('speakers', () => {
  it('creates with aliases (cleaned, de-duplicated) and resolves by name or alias in any case', async () => {
    const s = await lib().ok('speakers.create', { name: '  Maria   Lopez ', kind: 'person', role: 'Mayor', aliases: ['Mayor Lopez', 'M. Lopez', 'M.  Lopez'] });
    expect(s).toMatchObject({ name: 'Maria Lopez', kind: 'person', role: 'Mayor', aliases: ['M. Lopez', 'Mayor Lopez'], quoteCount: 0 });
    expect((await lib().ok('speakers.resolve', { name: 'maria lopez' })).id).toBe(s.id);
    expect((await lib().ok('speakers.resolve', { name: 'MAYOR  LOPEZ' })).id).toBe(s.id);
    const e = await lib().fail('speakers.resolve', { name: 'Tom Berg' });
    expect(e.code).toBe('not-found');
    expect((await lib().fail('speakers.get', { id: 'nope' })).code).toBe('not-found');
  });

  it('a rename keeps the old name as an alias, so earlier mentions still resolve', async () => {
    const s = await lib().ok('speakers.create', { name: 'Maria Lopez' });
    const renamed = await lib().ok('speakers.update', { id: s.id, name: 'Maria Lopez-Garcia', affiliation: 'City Hall' });
    expect(renamed).toMatchObject({ name: 'Maria Lopez-Garcia', affiliation: 'City Hall', aliases: ['Maria Lopez'] });
    expect((await lib().ok('speakers.resolve', { name: 'Maria Lopez' })).id).toBe(s.id);
    const a = await lib().ok('articles.create', { text: TEXT });
    const q = await lib().ok('quotes.create', { articleId: a.id, text: 'the tram is coming', speaker: 'maria lopez' });
    expect(q.speakerId).toBe(s.id);
    expect(q.speakerName).toBe('Maria Lopez-Garcia');
  });

  it('lists by name, filters by name or alias, sorts by quote count', async () => {
    const a = await lib().ok('articles.create', { text: TEXT });
    const maria = await lib().ok('speakers.create', { name: 'Maria Lopez', aliases: ['The Mayor'] });
    const tom = await lib().ok('speakers.create', { name: 'Tom Berg', kind: 'person' });
    const org = await lib().ok('speakers.create', { name: 'City Council', kind: 'organization' });
    await lib().ok('quotes.create', { articleId: a.id, text: 'it is not', speakerId: tom.id });
    await lib().ok('quotes.create', { articleId: a.id, text: 'the money is there', speakerId: tom.id });
    await lib().ok('quotes.create', { articleId: a.id, text: 'the tram is coming', speakerId: maria.id });
    const names = async (input: Record<string, unknown>) => (await lib().ok('speakers.list', input)).items.map((s) => s.name);
    expect(await names({})).toEqual(['City Council', 'Maria Lopez', 'Tom Berg']);
    expect(await names({ contains: 'mayor' })).toEqual(['Maria Lopez']);
    expect(await names({ kind: 'organization' })).toEqual(['City Council']);
    expect(await names({ sort: 'quoteCount', order: 'desc' })).toEqual(['Tom Berg', 'Maria Lopez', 'City Council']);
    expect(org.kind).toBe('organization');
  });

  it('merge moves quotes, aliases and stances to the speaker that stays and removes the duplicate', async () => {
    const a = await lib().ok('articles.create', { text: TEXT });
    const keep = await lib().ok('speakers.create', { name: 'Maria Lopez', aliases: ['Mayor Lopez'] });
    const dup = await lib().ok('speakers.create', { name: 'M. Lopez', aliases: ['Lopez', 'Mayor Lopez'] });
    const q = await lib().ok('quotes.create', { articleId: a.id, text: 'the tram is coming', speakerId: dup.id });
    const stance = await lib().ok('stances.set', { subjectType: 'speaker', subjectId: dup.id, topic: 'Build the tram', value: 'supports' });
    await lib().ok('tags.add', { itemId: dup.id, tag: 'officials' });

    const merged = await lib().ok('speakers.merge', { fromId: dup.id, intoId: keep.id });
    expect(merged.id).toBe(keep.id);
    expect(merged.name).toBe('Maria Lopez');
    expect(merged.aliases).toEqual(['Lopez', 'M. Lopez', 'Mayor Lopez']);
    expect(merged.quoteCount).toBe(1);
    expect((await lib().ok('quotes.get', { id: q.id })).speakerId).toBe(keep.id);
    const stances = await lib().ok('stances.list', { subjectId: keep.id });
    expect(stances.map((s) => s.id)).toEqual([stance.id]);
    expect((await lib().ok('items.get', { id: keep.id })).tags).toEqual(['officials']);

    expect((await lib().fail('speakers.get', { id: dup.id })).code).toBe('not-found');
    expect((await lib().fail('items.get', { id: dup.id })).code).toBe('not-found');
    expect((await lib().ok('speakers.resolve', { name: 'M. Lopez' })).id).toBe(keep.id);
    expect((await lib().ok('speakers.list', {})).total).toBe(1);
    // Search's current-stance table followed the moved stance.
    expect((await lib().ok('search.query', { query: 'stance:supports type:speaker' })).hits.map((h) => h.id)).toEqual([keep.id]);
    expect((await lib().ok('library.check', {})).problems).toEqual([]);
  });

  it('merge points notes’ embeds and references of the duplicate at the speaker that stays', async () => {
    const keep = await lib().ok('speakers.create', { name: 'Kush Desai', role: 'White House spokesperson' });
    const dup = await lib().ok('speakers.create', { name: 'K. Desai' });
    const body = [
      `See ![[speaker:${dup.id}]]`,
      `As [[speaker:${dup.id}|the spokesman]] put it, and again [[speaker:${dup.id}]].`,
      `Also [[speaker:${keep.id}]]; the syntax is \`[[speaker:${dup.id}]]\` (code stays as typed).`,
    ].join('\n\n');
    const note = await lib().ok('notes.create', { title: 'Desai memo', body, attachedId: dup.id });
    const trashed = await lib().ok('notes.create', { title: 'Old draft', body: `Draft on ![[speaker:${dup.id}]]` });
    await lib().ok('items.trash', { id: trashed.id });

    await lib().ok('speakers.merge', { fromId: dup.id, intoId: keep.id });

    const after = await lib().ok('notes.get', { id: note.id });
    expect(after.body).toBe(
      [
        `See ![[speaker:${keep.id}]]`,
        `As [[speaker:${keep.id}|the spokesman]] put it, and again [[speaker:${keep.id}]].`,
        `Also [[speaker:${keep.id}]]; the syntax is \`[[speaker:${dup.id}]]\` (code stays as typed).`,
      ].join('\n\n'),
    );
    expect(after.attachedId).toBe(keep.id);
    // The note changed, so an editor holding the old text gets a conflict rather than writing it back.
    expect(after.updatedAt > note.updatedAt).toBe(true);
    expect((await lib().fail('notes.update', { id: note.id, body, expectedUpdatedAt: note.updatedAt })).code).toBe('conflict');

    const embeds = await lib().ok('notes.embeds.get', { ids: [keep.id, dup.id] });
    expect(embeds[keep.id]).toMatchObject({ status: 'ok', type: 'speaker', name: 'Kush Desai' });
    expect((await lib().ok('notes.backlinks.list', { itemId: keep.id })).map((b) => b.noteId)).toEqual([note.id]);
    const exported = await lib().ok('notes.export', { id: note.id, format: 'md' });
    const markdown = Buffer.from(exported.base64, 'base64').toString('utf8');
    expect(markdown).not.toContain('[missing speaker]');
    expect(markdown).toContain('Kush Desai');
    // Found by the new name through the notes' search index (kept by triggers).
    expect((await lib().ok('search.query', { query: 'spokesman type:note' })).hits.map((h) => h.id)).toEqual([note.id]);

    // A trashed note comes back whole.
    await lib().ok('items.restore', { id: trashed.id });
    expect((await lib().ok('notes.get', { id: trashed.id })).body).toBe(`Draft on ![[speaker:${keep.id}]]`);
    expect((await lib().ok('library.check', {})).problems).toEqual([]);
  });

  it('merge moves links without duplicating one the survivor has, or keeping one between the two', async () => {
    const a = await lib().ok('articles.create', { text: TEXT });
    const keep = await lib().ok('speakers.create', { name: 'Maria Lopez' });
    const dup = await lib().ok('speakers.create', { name: 'M. Lopez' });
    const kept = await lib().ok('links.create', { type: 'quotes-from', fromId: a.id, toId: keep.id });
    await lib().ok('links.create', { type: 'quotes-from', fromId: a.id, toId: dup.id });
    const moved = await lib().ok('links.create', { type: 'cites', fromId: a.id, toId: dup.id });
    const out = await lib().ok('links.create', { type: 'cites', fromId: dup.id, toUrl: 'https://example.org/bio' });
    await lib().ok('links.create', { type: 'same-as', fromId: dup.id, toId: keep.id });

    await lib().ok('speakers.merge', { fromId: dup.id, intoId: keep.id });
    const links = await lib().ok('links.list', { itemId: keep.id });
    expect(links.map((l) => [l.id, l.type, l.fromId, l.toId ?? l.toUrl]).sort()).toEqual(
      [
        [kept.id, 'quotes-from', a.id, keep.id],
        [moved.id, 'cites', a.id, keep.id],
        [out.id, 'cites', keep.id, 'https://example.org/bio'],
      ].sort(),
    );
    expect(lib().app.db.prepare('SELECT count(*) FROM links WHERE from_id = ? OR to_id = ?').pluck().get(dup.id, dup.id)).toBe(0);
  });

  it('refuses to merge a speaker into itself, or with an unknown one', async () => {
    const s = await lib().ok('speakers.create', { name: 'Maria Lopez' });
    const e = await lib().fail('speakers.merge', { fromId: s.id, intoId: s.id });
    expect(e.code).toBe('validation');
    expect(e.message).toMatch(/^fromId:/);
    expect((await lib().fail('speakers.merge', { fromId: 'nope', intoId: s.id })).code).toBe('not-found');
    expect((await lib().fail('speakers.merge', { fromId: s.id, intoId: 'nope' })).code).toBe('not-found');
    expect((await lib().ok('speakers.get', { id: s.id })).name).toBe('Maria Lopez');
  });
});

describe('topics', () => {
  it('have unique titles (case- and space-insensitive): a duplicate is a conflict', async () => {
    const t = await lib().ok('topics.create', { title: 'Build the tram', description: 'By 2027' });
    expect(t).toMatchObject({ title: 'Build the tram', description: 'By 2027', stanceCount: 0 });
    expect((await lib().fail('topics.create', { title: 'build  THE tram' })).code).toBe('conflict');
    const other = await lib().ok('topics.create', { title: 'Raise fares' });
    expect((await lib().fail('topics.update', { id: other.id, title: 'BUILD the tram' })).code).toBe('conflict');
    expect((await lib().ok('topics.update', { id: t.id, title: 'Build the Tram' })).title).toBe('Build the Tram');
    expect((await lib().ok('topics.list', {})).items.map((x) => x.title)).toEqual(['Build the Tram', 'Raise fares']);
    expect((await lib().fail('topics.get', { id: 'nope' })).code).toBe('not-found');
  });
});
