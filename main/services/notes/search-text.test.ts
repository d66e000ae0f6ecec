import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir, useTempLibrary, type TempLibrary } from '../../../test/helpers/temp-library';
import { createServices } from '../../composition';
import { migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { DB_FILE_NAME, backupDirOf, configureConnection } from '../../db/open-database';
import { makeNotesLibrary, type NotesFixture } from '../../../test/fixtures/notes/make-notes-library';
import { searchIndexDrift } from '../search/index-check';
import { noteSearchBody } from './search-text';

const lib = useTempLibrary();

async function noteHits(l: TempLibrary, query: string) {
  const r = await l.ok('search.query', { query: `${query} type:note`, limit: 50 });
  return r.hits;
}

const memo = (f: NotesFixture) =>
  `About [[speaker:${f.silva.id}]] and the vote.\n\n![[quote:${f.q1.id}]]\n\nSee [[article:${f.tram.id}|the council story]] on [[topic:${f.topic.id}]].`;

/** The first dash-separated piece of a UUID: what unicode61 makes a word of. */
const idWord = (id: string) => id.split('-')[0]!;

describe('notes are searched by readable text, not embed tokens (migration 0110)', () => {
  it('tokens become labels and item names; their syntax and ids match nothing', async () => {
    const l = lib();
    const f = await makeNotesLibrary(l);
    const note = await l.ok('notes.create', { title: 'Tram memo', body: memo(f) });

    for (const word of ['speaker', 'quote', 'article', 'topic', idWord(f.silva.id), idWord(f.q1.id)]) {
      expect(await noteHits(l, word), word).toEqual([]);
    }
    const bySpeaker = await noteHits(l, 'Silva');
    expect(bySpeaker.map((h) => h.id)).toEqual([note.id]);
    expect(bySpeaker[0]!.snippet).toContain('About Ana \u0002Silva\u0003 and the vote.');
    for (const query of ['"council story"', 'tram 2030', '"build the tram"']) {
      expect((await noteHits(l, query)).map((h) => h.id), query).toEqual([note.id]);
    }
    // Snippets cut by FTS and the plain ones (filters alone) alike show no token syntax.
    for (const hit of [...(await noteHits(l, 'vote')), ...(await l.ok('search.query', { query: 'type:note' })).hits]) {
      expect(hit.snippet).not.toMatch(/\[\[|\]\]/);
    }
    expect(searchIndexDrift(l.app.db)).toEqual([]);
  });

  it('stays in step through edits, the trash and renames (sourcebook check agrees)', async () => {
    const l = lib();
    const f = await makeNotesLibrary(l);
    const note = await l.ok('notes.create', { title: 'Tram memo', body: memo(f) });
    await l.ok('notes.update', { id: note.id, body: `Only [[speaker:${f.silva.id}|the mayor]] now.` });
    expect(await noteHits(l, 'Silva')).toEqual([]);
    expect((await noteHits(l, 'mayor')).map((h) => h.id)).toEqual([note.id]);
    await l.ok('items.trash', { id: note.id });
    expect(await noteHits(l, 'mayor')).toEqual([]);
    await l.ok('items.restore', { id: note.id });
    expect((await noteHits(l, 'mayor')).map((h) => h.id)).toEqual([note.id]);
    // A rename reaches the notes that name the item at once, without their being saved again.
    await l.ok('notes.update', { id: note.id, body: `About [[speaker:${f.silva.id}]].` });
    const savedAt = (await l.ok('notes.get', { id: note.id })).updatedAt;
    await l.ok('speakers.update', { id: f.silva.id, name: 'Ana Moreno' });
    expect((await noteHits(l, 'Moreno')).map((h) => h.id)).toEqual([note.id]);
    expect(await noteHits(l, 'Silva')).toEqual([]);
    // The note itself did not change: no conflict for an editor holding it.
    expect((await l.ok('notes.get', { id: note.id })).updatedAt).toBe(savedAt);
    expect(searchIndexDrift(l.app.db)).toEqual([]);
  });

  it('renamed topics, retitled articles and notes, merged speakers and items deleted for good reach the notes naming them', async () => {
    const l = lib();
    const f = await makeNotesLibrary(l);
    const cited = await l.ok('notes.create', { title: 'Depot plan', body: 'Background.' });
    const note = await l.ok('notes.create', { title: 'Tram memo', body: `${memo(f)}\n\nAlso [[note:${cited.id}]].` });
    const found = async (query: string) => (await noteHits(l, query)).map((h) => h.id);

    await l.ok('topics.update', { id: f.topic.id, title: 'Light rail' });
    expect(await found('"light rail"')).toEqual([note.id]);
    await l.ok('articles.update', { id: f.tram.id, title: 'Streetcar budget approved' });
    // A label the writer gave stays: the article's title was never the note's text.
    expect(await found('streetcar')).toEqual([]);
    expect(await found('"council story"')).toEqual([note.id]);
    await l.ok('notes.update', { id: cited.id, title: 'Depot relocation' });
    // The cited note by its own title, and the note citing it.
    expect((await found('relocation')).sort()).toEqual([cited.id, note.id].sort());

    const other = await l.ok('speakers.create', { name: 'Rui Costa' });
    await l.ok('speakers.merge', { fromId: f.silva.id, intoId: other.id });
    expect(await found('Costa')).toEqual([note.id]);
    expect(await found('Silva')).toEqual([]);

    await l.ok('items.trash', { id: other.id });
    expect(await found('Costa')).toEqual([note.id]);
    await l.ok('trash.purge', { id: other.id });
    expect(await found('Costa')).toEqual([]);
    expect(searchIndexDrift(l.app.db)).toEqual([]);
  });

  it('a note written without its search text (an import) is indexed without token words, then filled in', async () => {
    const l = lib();
    const f = await makeNotesLibrary(l);
    const now = '2026-02-01T00:00:00.000Z';
    l.app.db
      .prepare('INSERT INTO notes (id, title, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run('imported-note', 'Imported', memo(f), now, now);
    expect(await noteHits(l, 'speaker')).toEqual([]);
    expect(searchIndexDrift(l.app.db)).toEqual([]);
    // Until the notes service sees it, ids are still words of the note…
    expect((await noteHits(l, idWord(f.silva.id))).map((h) => h.id)).toEqual(['imported-note']);
    await l.ok('notes.list', {});
    // …and after, it reads like any other note.
    expect(await noteHits(l, idWord(f.silva.id))).toEqual([]);
    expect((await noteHits(l, 'Silva')).map((h) => h.id)).toEqual(['imported-note']);
    expect(searchIndexDrift(l.app.db)).toEqual([]);
  });

  it('noteSearchBody: labels win, deleted items leave a space, code stays literal, plain text is untouched', async () => {
    const l = lib();
    const f = await makeNotesLibrary(l);
    const db = l.app.db;
    expect(noteSearchBody(db, 'No tokens here.')).toBe('No tokens here.');
    expect(noteSearchBody(db, `a [[speaker:${f.silva.id}|the mayor]] b`)).toBe('a the mayor b');
    expect(noteSearchBody(db, `a ![[quote:${f.q1.id}]] b`)).toBe('a “We will build the tram by 2030,” b');
    expect(noteSearchBody(db, 'a[[note:gone-for-good]]b')).toBe('a b');
    expect(noteSearchBody(db, `\`[[speaker:${f.silva.id}]]\` [[topic:${f.topic.id}]]`)).toBe(`\`[[speaker:${f.silva.id}]]\` Build the tram`);
  });
});

describe('migration 0110 on a real older library', () => {
  it('fills the search text of existing notes (trashed ones too) and rebuilds the notes index', () => {
    const { dir, cleanup } = tempDir('sourcebook-0110-');
    try {
      const dbPath = path.join(dir, DB_FILE_NAME);
      const db = new BetterSqlite3(dbPath);
      configureConnection(db);
      migrate(db, { dbPath, backupDir: backupDirOf(dir), migrations: MIGRATIONS.filter((m) => m.version < 110) });
      const now = '2025-06-01T10:00:00.000Z';
      db.prepare('INSERT INTO speakers (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run('s1', 'Ana Ruiz', now, now);
      const note = db.prepare('INSERT INTO notes (id, title, body, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?)');
      note.run('n1', 'Live', 'Ask [[speaker:s1]] about the tram.', now, now, null);
      note.run('n2', 'Trashed', 'Ask [[speaker:s1|her]] again.', now, now, now);
      const matches = (word: string) => db.prepare('SELECT rowid FROM notes_fts WHERE notes_fts MATCH ?').pluck().all(word).length;
      expect(matches('speaker')).toBe(1);
      db.close();

      const app = createServices(dir);
      try {
        expect(app.db.prepare('SELECT id, search_body FROM notes ORDER BY id').all()).toEqual([
          { id: 'n1', search_body: 'Ask Ana Ruiz about the tram.' },
          { id: 'n2', search_body: 'Ask her again.' },
        ]);
        const words = (word: string) => app.db.prepare('SELECT rowid FROM notes_fts WHERE notes_fts MATCH ?').pluck().all(word).length;
        expect(words('speaker')).toBe(0);
        expect(words('s1')).toBe(0);
        expect(words('ruiz')).toBe(1);
        expect(searchIndexDrift(app.db)).toEqual([]);
        // The trashed note comes back with its readable text (as restoring from the trash does).
        app.db.prepare('UPDATE notes SET deleted_at = NULL WHERE id = ?').run('n2');
        expect(words('her')).toBe(1);
        expect(searchIndexDrift(app.db)).toEqual([]);
      } finally {
        app.close();
      }
    } finally {
      cleanup();
    }
  });
});
