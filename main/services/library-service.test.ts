import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir, useTempLibrary } from '../../test/helpers/temp-library';
import { APPLICATION_ID, LATEST_SCHEMA_VERSION } from '../db/migrate';
import { APP_VERSION } from '../app-version';
import { hasRankFunction } from '../db/rank-extension';

const lib = useTempLibrary();

/** One of everything, linked together. */
async function seed() {
  const a = await lib().ok('articles.create', { title: 'Tram vote', text: 'The mayor said the tram is coming. Critics said it is not.', tags: ['trams'], collection: 'Dossier' });
  const b = await lib().ok('articles.create', { title: 'Follow-up', text: 'A follow-up on the tram vote.' });
  const q = await lib().ok('quotes.create', { articleId: a.id, text: 'the tram is coming', speaker: 'Maria Lopez' });
  const speaker = await lib().ok('speakers.resolve', { name: 'Maria Lopez' });
  const stance = await lib().ok('stances.set', { subjectType: 'quote', subjectId: q.id, topic: 'Build the tram', value: 'supports' });
  const topic = await lib().ok('topics.get', { id: stance.topicId });
  const link = await lib().ok('links.create', { type: 'responds-to', fromId: b.id, toId: a.id });
  const note = await lib().ok('notes.create', { title: 'Lead', body: 'Call the mayor', attachedId: a.id });
  const [tag] = await lib().ok('tags.list', {});
  const [collection] = (await lib().ok('collections.list', {})).items;
  return { a, b, q, speaker, stance, topic, link, note, tag: tag!, collection: collection! };
}

describe('items.get', () => {
  it('returns every type of item with what hangs off it', async () => {
    const s = await seed();
    const get = (id: string) => lib().ok('items.get', { id });

    const article = await get(s.a.id);
    expect(article).toMatchObject({ type: 'article', id: s.a.id, title: 'Tram vote', tags: ['trams'], collections: [{ id: s.collection.id, name: 'Dossier' }] });
    expect(article.quotes.map((x) => x.id)).toEqual([s.q.id]);
    expect(article.backlinks.map((x) => x.id)).toEqual([s.link.id]);

    const quote = await get(s.q.id);
    expect(quote).toMatchObject({ type: 'quote', title: 'the tram is coming' });
    expect(quote.stances.map((x) => x.id)).toEqual([s.stance.id]);

    const speaker = await get(s.speaker.id);
    expect(speaker).toMatchObject({ type: 'speaker', title: 'Maria Lopez' });
    expect(speaker.quotes.map((x) => x.id)).toEqual([s.q.id]);

    const topic = await get(s.topic.id);
    expect(topic).toMatchObject({ type: 'topic', title: 'Build the tram' });
    expect(topic.stances.map((x) => x.id)).toEqual([s.stance.id]);

    expect(await get(s.note.id)).toMatchObject({ type: 'note', title: 'Lead', item: { body: 'Call the mayor' } });
    expect(await get(s.collection.id)).toMatchObject({ type: 'collection', title: 'Dossier', item: { itemCount: 1 } });
    expect(await get(s.tag.id)).toMatchObject({ type: 'tag', title: 'trams', item: { name: 'trams', count: 1 } });
    expect(await get(s.stance.id)).toMatchObject({ type: 'stance', item: { id: s.stance.id, value: 'supports', topicTitle: 'Build the tram' } });
    expect(await get(s.link.id)).toMatchObject({ type: 'link', item: { id: s.link.id, type: 'responds-to', fromId: s.b.id, toId: s.a.id } });

    expect((await lib().fail('items.get', { id: 'nope' })).code).toBe('not-found');
  });
});

describe('library', () => {
  it('info reports the paths, schema, version and live counts', async () => {
    await seed();
    const info = await lib().ok('library.info', {});
    expect(info).toEqual({
      path: lib().dir,
      dbPath: path.join(lib().dir, 'sourcebook.db'),
      schemaVersion: LATEST_SCHEMA_VERSION,
      appVersion: APP_VERSION,
      counts: { articles: 2, quotes: 1, speakers: 1, topics: 1, notes: 1, collections: 1, tags: 1, links: 1, trash: 0 },
    });
  });

  it('check is ok on a healthy library', async () => {
    await seed();
    const report = await lib().ok('library.check', {});
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.name)).toEqual(expect.arrayContaining(['integrity', 'foreign keys', 'id registry', 'quote anchors', 'articles have text', 'suggested quotes']));
  });

  it('check --deep finds a search index row that the items do not explain, which the plain check cannot see', async () => {
    await seed();
    const deep = await lib().ok('library.check', { deep: true });
    expect(deep.problems).toEqual([]);
    expect(deep.checks.map((c) => c.name)).toContain('search indexes rebuilt');
    // A row the external-content quote index holds without a quote behind it (written around the triggers).
    lib().app.db.prepare("INSERT INTO quotes_fts(rowid, text, speaker, note) VALUES (987654, 'phantom words', '', '')").run();
    expect((await lib().ok('library.check', {})).ok).toBe(true);
    const report = await lib().ok('library.check', { deep: true });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.stringMatching(/^search indexes rebuilt: quotes_fts differ from a rebuild/)]);
  });

  it('check reports a quote whose offsets were corrupted behind its back', async () => {
    const s = await seed();
    lib().app.db.prepare('UPDATE quotes SET start_offset = start_offset + 3, end_offset = end_offset + 3 WHERE id = ?').run(s.q.id);
    const report = await lib().ok('library.check', {});
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.stringMatching(/^quote anchors: 1 quotes/)]);
    expect(report.checks.find((c) => c.name === 'quote anchors')).toMatchObject({ ok: false });
  });

  it('check reports an article left without its suggested quotes, and only that', async () => {
    const l = lib();
    const text = 'The council met on Monday. "We will build the tram by 2027," the mayor said. Critics were not convinced.';
    const clipped = await l.ok('articles.create', { title: 'Tram vote', text });
    expect((await l.ok('suggestions.list', { articleId: clipped.id })).quotes.length).toBeGreaterThan(0);
    // Not partial: an imported stand-in (imports store no suggestions) and an article with a quote.
    const imported = await l.ok('articles.create', { title: 'Imported', text: `Imported. ${text}` });
    const quoted = await l.ok('articles.create', { title: 'Quoted', text: `${text} More.` });
    await l.ok('quotes.create', { articleId: quoted.id, text: 'We will build the tram by 2027' });
    l.app.db.prepare("UPDATE articles SET source_kind = 'import' WHERE id = ?").run(imported.id);
    l.app.db.prepare('DELETE FROM quote_suggestions WHERE article_id IN (?, ?)').run(imported.id, quoted.id);
    expect((await l.ok('library.check', {})).problems).toEqual([]);

    l.app.db.prepare('DELETE FROM quote_suggestions WHERE article_id = ?').run(clipped.id);
    const report = await l.ok('library.check', {});
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.stringMatching(new RegExp(`^suggested quotes: 1 articles have quotations .*first: ${clipped.id}.*sourcebook suggest`))]);
    expect(report.checks.find((c) => c.name === 'suggested quotes')).toMatchObject({ ok: false });
    // What the message says to do mends it.
    await l.ok('suggestions.rerun', { articleId: clipped.id });
    expect((await l.ok('library.check', {})).ok).toBe(true);
  });

  it('check reports an article whose text or HTML is blank', async () => {
    const s = await seed();
    lib().app.db.prepare("UPDATE articles SET html = ' \n ' WHERE id = ?").run(s.b.id);
    expect((await lib().ok('library.check', {})).problems).toEqual(['articles have text: 1 articles have no text']);
  });

  it('check counts quote offsets the way the app does (UTF-16 units), so text after an emoji is no false alarm', async () => {
    const a = await lib().ok('articles.create', { title: 'Party', text: 'Party 🎉🎉 time. The mayor said the tram is coming soon.' });
    const q = await lib().ok('quotes.create', { articleId: a.id, text: 'the tram is coming' });
    expect((await lib().ok('library.check', {})).problems).toEqual([]);
    lib().app.db.prepare('UPDATE quotes SET start_offset = start_offset - 1, end_offset = end_offset - 1 WHERE id = ?').run(q.id);
    expect((await lib().ok('library.check', {})).problems).toEqual([expect.stringMatching(/^quote anchors: 1 quotes/)]);
  });

  it('check reports search facts that drifted from their items', async () => {
    await seed();
    lib().app.db.prepare("UPDATE search_quote_facts SET host = 'elsewhere.example'").run();
    const report = await lib().ok('library.check', {});
    expect(report.problems).toEqual([expect.stringMatching(/^search facts: search_quote_facts differ/)]);
  });

  it('check reports an item missing from the id registry', async () => {
    const s = await seed();
    lib().app.db.prepare('DELETE FROM items WHERE id = ?').run(s.note.id);
    const report = await lib().ok('library.check', {});
    expect(report.problems).toEqual([expect.stringMatching(/^id registry:/)]);
  });

  it('optimize merges each search index into one segment and finds the same', async () => {
    const l = lib();
    for (let i = 0; i < 24; i++) await l.ok('articles.create', { title: `Tide table ${i}`, text: `High water at ${i} o'clock; the harbour master posted it.` });
    const segments = () => l.app.db.prepare('SELECT count(DISTINCT segid) FROM articles_fts_idx').pluck().get() as number;
    const search = async () => (await l.ok('search.query', { query: 'harbour master', limit: 50 })).hits.map((h) => h.id).sort();
    const before = await search();
    expect(segments()).toBeGreaterThan(1);
    // An article edited by a process without the search extension waits for its phrase pairs: optimize fills them.
    const plain = new BetterSqlite3(path.join(l.dir, 'sourcebook.db'));
    plain.exec('INSERT INTO articles_pairs_stale(rid) SELECT rowid FROM articles LIMIT 3');
    plain.close();
    const r = await l.ok('library.optimize', {});
    expect(r.indexes).toEqual(expect.arrayContaining(['articles_fts', 'articles_title_fts', 'quotes_fts', 'articles_tri', 'articles_pairs']));
    expect(r.pairsFilled).toBe(hasRankFunction(l.app.db) ? 3 : 0);
    expect(segments()).toBe(1);
    expect(await search()).toEqual(before);
    expect(before).toHaveLength(24);
    expect((await l.ok('library.check', {})).ok).toBe(true);
  });

  it('backup writes a readable, consistent copy; an existing file is a conflict, a folder gets a dated file', async () => {
    await seed();
    const out = tempDir('sourcebook-backup-');
    try {
      const target = path.join(out.dir, 'copy.db');
      const r = await lib().ok('library.backup', { path: target });
      expect(r).toEqual({ path: target, bytes: fs.statSync(target).size });
      expect(r.bytes).toBeGreaterThan(0);
      const copy = new BetterSqlite3(target, { readonly: true });
      try {
        expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(copy.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
        expect(copy.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
        expect(copy.prepare('SELECT title FROM articles ORDER BY title').all()).toEqual([{ title: 'Follow-up' }, { title: 'Tram vote' }]);
      } finally {
        copy.close();
      }
      const before = fs.readFileSync(target);
      const e = await lib().fail('library.backup', { path: target });
      expect(e.code).toBe('conflict');
      expect(fs.readFileSync(target).equals(before)).toBe(true);
      expect((await lib().fail('library.backup', { path: path.join(out.dir, 'missing-folder', 'x.db') })).code).toBe('io/failed');
      // A folder, existing or written with a trailing separator, gets a dated file inside it.
      const inFolder = await lib().ok('library.backup', { path: out.dir });
      expect(path.dirname(inFolder.path)).toBe(out.dir);
      expect(path.basename(inFolder.path)).toMatch(/^sourcebook-\d{4}-\d\d-\d\dT.*\.db$/);
      expect((await lib().fail('library.backup', { path: `${path.join(out.dir, 'not-yet')}${path.sep}` })).code).toBe('io/failed');
      expect(fs.existsSync(path.join(out.dir, 'not-yet'))).toBe(false);
    } finally {
      out.cleanup();
    }
  });
});
