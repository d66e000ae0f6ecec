import { describe, expect, it } from 'vitest';
import { useTempLibrary } from '../../test/helpers/temp-library';

const lib = useTempLibrary();

const article = (title: string) => lib().ok('articles.create', { title, text: `${title}: some body text.` });

describe('tags', () => {
  it('adds (creating the tag once, any case), removes, and lists with counts', async () => {
    const a = await article('One');
    const b = await article('Two');
    expect(await lib().ok('tags.add', { itemId: a.id, tag: '  Export   controls ' })).toEqual({ itemId: a.id, tags: ['Export controls'] });
    expect((await lib().ok('tags.add', { itemId: b.id, tag: 'export controls' })).tags).toEqual(['Export controls']);
    await lib().ok('tags.add', { itemId: b.id, tag: 'chips' });
    await lib().ok('tags.add', { itemId: b.id, tag: 'chips' }); // twice is once

    const tags = await lib().ok('tags.list', {});
    expect(tags.map((t) => [t.name, t.count])).toEqual([['chips', 1], ['Export controls', 2]]);
    expect((await lib().ok('tags.list', { contains: 'EXP' })).map((t) => t.name)).toEqual(['Export controls']);

    expect(await lib().ok('tags.remove', { itemId: b.id, tag: 'EXPORT CONTROLS' })).toEqual({ itemId: b.id, tags: ['chips'] });
    expect((await lib().ok('tags.list', {})).map((t) => [t.name, t.count])).toEqual([['chips', 1], ['Export controls', 1]]);
    expect((await lib().fail('tags.remove', { itemId: b.id, tag: 'never-there' })).code).toBe('not-found');
    expect((await lib().fail('tags.add', { itemId: 'nope', tag: 'x' })).code).toBe('not-found');
    expect((await lib().fail('tags.add', { itemId: a.id, tag: '   ' })).code).toBe('validation');
  });

  it('counts only items that are not in the trash', async () => {
    const a = await article('One');
    const b = await article('Two');
    await lib().ok('tags.add', { itemId: a.id, tag: 'chips' });
    await lib().ok('tags.add', { itemId: b.id, tag: 'chips' });
    await lib().ok('items.trash', { id: a.id });
    expect((await lib().ok('tags.list', {})).map((t) => [t.name, t.count])).toEqual([['chips', 1]]);
    expect((await lib().ok('articles.list', { tag: 'chips' })).total).toBe(1);
    await lib().ok('items.restore', { id: a.id });
    expect((await lib().ok('tags.list', {})).map((t) => t.count)).toEqual([2]);
  });

  it('renames, refusing a name another tag has (conflict)', async () => {
    const a = await article('One');
    await lib().ok('tags.add', { itemId: a.id, tag: 'chips' });
    await lib().ok('tags.add', { itemId: a.id, tag: 'trade' });
    const [chips] = (await lib().ok('tags.list', { contains: 'chips' }));
    expect((await lib().fail('tags.rename', { id: chips!.id, name: 'TRADE' })).code).toBe('conflict');
    expect(await lib().ok('tags.rename', { id: chips!.id, name: 'Chips' })).toMatchObject({ id: chips!.id, name: 'Chips', count: 1 });
    expect((await lib().ok('articles.get', { id: a.id })).tags).toEqual(['Chips', 'trade']);
    expect((await lib().fail('tags.rename', { id: 'nope', name: 'x' })).code).toBe('not-found');
  });

  it('deletes a tag by name or id, taking it off every item, and says how many', async () => {
    const a = await article('One');
    const b = await article('Two');
    await lib().ok('tags.add', { itemId: a.id, tag: 'chips' });
    await lib().ok('tags.add', { itemId: b.id, tag: 'chips' });
    await lib().ok('tags.add', { itemId: a.id, tag: 'unused-soon' });
    await lib().ok('tags.remove', { itemId: a.id, tag: 'unused-soon' });
    const unused = (await lib().ok('tags.list', { contains: 'unused' }))[0]!;
    expect(await lib().ok('tags.delete', { tag: unused.id })).toEqual({ id: unused.id, name: 'unused-soon', untagged: 0 });
    expect(await lib().ok('tags.delete', { tag: 'CHIPS' })).toMatchObject({ name: 'chips', untagged: 2 });
    expect(await lib().ok('tags.list', {})).toEqual([]);
    expect((await lib().ok('articles.get', { id: a.id })).tags).toEqual([]);
    expect((await lib().ok('articles.list', { tag: 'chips' })).total).toBe(0);
    expect((await lib().fail('tags.delete', { tag: 'chips' })).code).toBe('not-found');
  });

  it('lists tags by name, a window at a time', async () => {
    const a = await article('One');
    for (const tag of ['delta', 'alpha', 'charlie', 'bravo']) await lib().ok('tags.add', { itemId: a.id, tag });
    const names = async (page: { limit?: number; offset?: number }) => (await lib().ok('tags.list', page)).map((t) => t.name);
    expect(await names({})).toEqual(['alpha', 'bravo', 'charlie', 'delta']);
    expect(await names({ limit: 2 })).toEqual(['alpha', 'bravo']);
    expect(await names({ limit: 2, offset: 2 })).toEqual(['charlie', 'delta']);
    expect(await names({ offset: 3 })).toEqual(['delta']);
    expect((await lib().fail('tags.list', { limit: 0 })).code).toBe('validation');
  });
});

describe('collections', () => {
  it('creates, adds and removes items, and refuses a duplicate name (any case)', async () => {
    const a = await article('One');
    const b = await article('Two');
    const c = await lib().ok('collections.create', { name: 'Tram dossier', description: 'all about trams' });
    expect(c).toMatchObject({ name: 'Tram dossier', description: 'all about trams', itemCount: 0 });
    expect((await lib().fail('collections.create', { name: 'tram DOSSIER' })).code).toBe('conflict');

    expect((await lib().ok('collections.addItems', { collectionId: c.id, itemIds: [a.id, b.id, a.id] })).itemCount).toBe(2);
    expect((await lib().ok('items.get', { id: a.id })).collections).toEqual([{ id: c.id, name: 'Tram dossier' }]);
    expect((await lib().ok('collections.removeItems', { collectionId: c.id, itemIds: [a.id] })).itemCount).toBe(1);
    expect((await lib().ok('articles.list', { collectionId: c.id })).items.map((x) => x.id)).toEqual([b.id]);

    expect((await lib().fail('collections.addItems', { collectionId: c.id, itemIds: ['nope'] })).code).toBe('not-found');
    expect((await lib().fail('collections.addItems', { collectionId: 'nope', itemIds: [a.id] })).code).toBe('not-found');
    const other = await lib().ok('collections.create', { name: 'Other' });
    expect((await lib().fail('collections.update', { id: other.id, name: 'TRAM dossier' })).code).toBe('conflict');
    expect((await lib().ok('collections.update', { id: c.id, name: 'Tram Dossier' })).name).toBe('Tram Dossier');
    expect((await lib().ok('collections.list', {})).items.map((x) => x.name)).toEqual(['Other', 'Tram Dossier']);
  });

  it('counts only items that are not in the trash', async () => {
    const a = await article('One');
    const b = await article('Two');
    const c = await lib().ok('collections.create', { name: 'Dossier' });
    await lib().ok('collections.addItems', { collectionId: c.id, itemIds: [a.id, b.id] });
    await lib().ok('items.trash', { id: a.id });
    expect((await lib().ok('collections.get', { id: c.id })).itemCount).toBe(1);
    expect((await lib().ok('articles.list', { collectionId: c.id })).total).toBe(1);
  });
});

describe('notes', () => {
  it('creates and updates; updatedAt always moves forward', async () => {
    const a = await article('One');
    const n = await lib().ok('notes.create', { title: 'Lead', body: 'Call the mayor', attachedId: a.id });
    expect(n).toMatchObject({ title: 'Lead', body: 'Call the mayor', attachedId: a.id, tags: [] });
    const u = await lib().ok('notes.update', { id: n.id, body: 'Called the mayor', expectedUpdatedAt: n.updatedAt });
    expect(u.body).toBe('Called the mayor');
    expect(u.title).toBe('Lead');
    expect(u.updatedAt > n.updatedAt).toBe(true);
    expect((await lib().ok('notes.list', { attachedId: a.id })).items.map((x) => x.id)).toEqual([n.id]);
    expect((await lib().ok('notes.list', { contains: 'called' })).total).toBe(1);
    expect((await lib().fail('notes.create', { body: 'x', attachedId: 'nope' })).code).toBe('not-found');
    expect((await lib().fail('notes.get', { id: 'nope' })).code).toBe('not-found');
  });

  it('a stale expectedUpdatedAt is a conflict carrying the stored note, and changes nothing', async () => {
    const n = await lib().ok('notes.create', { body: 'v1' });
    const fromWindowA = await lib().ok('notes.update', { id: n.id, body: 'v2 from A', expectedUpdatedAt: n.updatedAt });
    const e = await lib().fail('notes.update', { id: n.id, body: 'v2 from B', expectedUpdatedAt: n.updatedAt });
    expect(e.code).toBe('conflict');
    expect(e.details?.current).toEqual(fromWindowA);
    expect((await lib().ok('notes.get', { id: n.id })).body).toBe('v2 from A');
  });

  it('updatedAt moves forward even when the clock stands still', async () => {
    const frozen = lib(); // the helper's clock steps; use the services' own write path with a fixed time instead
    const n = await frozen.ok('notes.create', { body: 'v1' });
    frozen.app.services.ctx.now = () => n.updatedAt;
    const u1 = await frozen.ok('notes.update', { id: n.id, body: 'v2', expectedUpdatedAt: n.updatedAt });
    const u2 = await frozen.ok('notes.update', { id: n.id, body: 'v3', expectedUpdatedAt: u1.updatedAt });
    expect(u1.updatedAt > n.updatedAt).toBe(true);
    expect(u2.updatedAt > u1.updatedAt).toBe(true);
  });
});
