import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, useTempLibrary, type TempLibrary } from '../../../test/helpers/temp-library';
import { createServices } from '../../composition';
import { migrate } from '../../db/migrate';
import { migration0010 } from '../../db/migrations/0010-initial';
import { DB_FILE_NAME, configureConnection } from '../../db/open-database';
import { searchIndexDrift } from './index-check';
import { rankExtensionPath } from '../../db/rank-extension';

const lib = useTempLibrary();

/** Ids of everything a query finds, by type. */
async function found(l: TempLibrary, query: string): Promise<string[]> {
  const r = await l.ok('search.query', { query, limit: 200 });
  return r.hits.map((h) => `${h.type}:${h.id}`).sort();
}

const FILLER = 'Parliament debated the budget for a long afternoon, and nothing else happened that day.';

describe('search index triggers', () => {
  it('indexes new items of every type and follows updates', async () => {
    const l = lib();
    const a = await l.ok('articles.create', { title: 'Harbour dredging plan', text: `The harbour authority approved dredging. ${FILLER}` });
    const n = await l.ok('notes.create', { title: 'Call the harbourmaster', body: 'Ask about silt volumes.' });
    const t = await l.ok('topics.create', { title: 'Dredging permits', description: 'Whether ports may deepen channels.' });
    const s = await l.ok('speakers.create', { name: 'Ines Okafor', role: 'harbourmaster', affiliation: 'Port of Lagos', aliases: ['I. Okafor'] });
    expect(await found(l, 'dredging')).toEqual([`article:${a.id}`, `topic:${t.id}`].sort());
    expect(await found(l, 'silt')).toEqual([`note:${n.id}`]);
    expect(await found(l, 'harbourmaster')).toEqual([`note:${n.id}`, `speaker:${s.id}`].sort());
    expect(await found(l, 'lagos')).toEqual([`speaker:${s.id}`]);

    await l.ok('articles.update', { id: a.id, title: 'Channel deepening plan' });
    await l.ok('notes.update', { id: n.id, body: 'Ask about sediment volumes.' });
    await l.ok('topics.update', { id: t.id, description: 'Whether ports may widen channels.' });
    await l.ok('speakers.update', { id: s.id, role: 'port director' });
    expect(await found(l, 'deepening')).toEqual([`article:${a.id}`]);
    expect(await found(l, 'silt')).toEqual([]);
    expect(await found(l, 'sediment')).toEqual([`note:${n.id}`]);
    expect(await found(l, 'widen')).toEqual([`topic:${t.id}`]);
    expect(await found(l, 'director')).toEqual([`speaker:${s.id}`]);
    expect(await found(l, 'harbourmaster')).toEqual([`note:${n.id}`]);
    // The dates the filters read per rowid follow too.
    const q = await l.ok('quotes.create', { articleId: a.id, text: 'approved dredging', saidAt: '2020-01-02' });
    await l.ok('quotes.update', { id: q.id, saidAt: '2019-05-06' });
    await l.ok('articles.update', { id: a.id, publishedAt: '2018-03-04' });
    expect(await found(l, 'dredging before:2019')).toEqual([`article:${a.id}`]);
    expect(await found(l, 'dredging after:2018 type:quote')).toEqual([`quote:${q.id}`]);
    // …and the site its quotes are filtered by, which is the article's.
    await l.ok('articles.update', { id: a.id, siteName: 'Port Gazette', url: 'https://www.portgazette.example/dredging' });
    expect(searchIndexDrift(l.app.db)).toEqual([]);
    expect(await found(l, 'dredging site:portgazette.example')).toEqual([`article:${a.id}`, `quote:${q.id}`].sort());
    expect(searchIndexDrift(l.app.db)).toEqual([]);
  });

  it('hides trashed items, brings them back on restore, and forgets them when purged', async () => {
    const l = lib();
    const a = await l.ok('articles.create', { title: 'Glacier retreat', text: `Scientists measured the glacier retreat again. ${FILLER}` });
    const q = await l.ok('quotes.create', { articleId: a.id, text: 'measured the glacier retreat', speaker: 'Mara Lind' });
    const n = await l.ok('notes.create', { title: 'glacier follow-up' });
    expect(await found(l, 'glacier')).toEqual([`article:${a.id}`, `note:${n.id}`, `quote:${q.id}`].sort());

    await l.ok('items.trash', { id: a.id });
    await l.ok('items.trash', { id: n.id });
    expect(await found(l, 'glacier')).toEqual([]);
    expect(searchIndexDrift(l.app.db)).toEqual([]);

    await l.ok('items.restore', { id: a.id });
    expect(await found(l, 'glacier')).toEqual([`article:${a.id}`, `quote:${q.id}`].sort());

    await l.ok('items.trash', { id: a.id });
    await l.ok('trash.purge', { id: a.id });
    await l.ok('trash.purge', { id: n.id });
    expect(await found(l, 'glacier')).toEqual([]);
    expect(searchIndexDrift(l.app.db)).toEqual([]);
    expect((await l.ok('library.check', {})).ok).toBe(true);
  });

  it('keeps tag: filters in step with tagging, untagging, renaming, deleting tags and purging items', async () => {
    const l = lib();
    const a = await l.ok('articles.create', { title: 'Kelp farms', text: `Kelp farms spread along the coast. ${FILLER}`, tags: ['ocean'] });
    const q = await l.ok('quotes.create', { articleId: a.id, text: 'Kelp farms spread', speaker: 'Ines Vale' });
    const n = await l.ok('notes.create', { title: 'kelp reading list' });
    await l.ok('tags.add', { itemId: q.id, tag: 'Ocean' });
    await l.ok('tags.add', { itemId: n.id, tag: 'ocean' });
    expect(await found(l, 'kelp tag:ocean')).toEqual([`article:${a.id}`, `note:${n.id}`, `quote:${q.id}`].sort());
    expect(await found(l, 'kelp -tag:ocean')).toEqual([]);

    await l.ok('tags.remove', { itemId: q.id, tag: 'ocean' });
    expect(await found(l, 'kelp tag:ocean')).toEqual([`article:${a.id}`, `note:${n.id}`].sort());
    const [ocean] = await l.ok('tags.list', { contains: 'ocean' });
    await l.ok('tags.rename', { id: ocean!.id, name: 'seas' });
    expect(await found(l, 'kelp tag:seas')).toEqual([`article:${a.id}`, `note:${n.id}`].sort());
    expect(searchIndexDrift(l.app.db)).toEqual([]);

    // Purged for good: its taggings go, and a new article given the same rowid is not tagged by them.
    await l.ok('items.trash', { id: a.id });
    await l.ok('trash.purge', { id: a.id });
    const next = await l.ok('articles.create', { title: 'Kelp again', text: `Kelp farms again. ${FILLER}` });
    expect(await found(l, 'kelp tag:seas')).toEqual([`note:${n.id}`]);
    expect(await found(l, 'kelp')).toContain(`article:${next.id}`);
    await l.ok('tags.delete', { tag: 'seas' });
    expect(await found(l, 'kelp tag:seas')).toEqual([]);
    expect(searchIndexDrift(l.app.db)).toEqual([]);
  });

  it("keeps quotes findable by their speaker's current name and aliases", async () => {
    const l = lib();
    const a = await l.ok('articles.create', { title: 'Budget night', text: `The deficit will narrow next year, she said. ${FILLER}` });
    const q = await l.ok('quotes.create', { articleId: a.id, text: 'The deficit will narrow next year', speaker: 'Rosa Delgado' });
    const rosa = (await l.ok('speakers.resolve', { name: 'Rosa Delgado' })).id;
    expect(await found(l, 'delgado type:quote')).toEqual([`quote:${q.id}`]);

    // Rename: the old name stays as an alias, so both find the quote.
    await l.ok('speakers.update', { id: rosa, name: 'Rosa Delgado-Ruiz', aliases: ['Finance Minister'] });
    expect(await found(l, 'ruiz type:quote')).toEqual([`quote:${q.id}`]);
    expect(await found(l, '"finance minister" type:quote')).toEqual([`quote:${q.id}`]);
    expect(searchIndexDrift(l.app.db)).toEqual([]);

    // Aliases replaced: the dropped one no longer finds it.
    await l.ok('speakers.update', { id: rosa, aliases: ['RDR'] });
    expect(await found(l, '"finance minister" type:quote')).toEqual([]);
    expect(await found(l, 'rdr type:quote')).toEqual([`quote:${q.id}`]);

    // Merge into another speaker: the quote now carries both names.
    const other = await l.ok('speakers.create', { name: 'Office of the Treasury' });
    await l.ok('speakers.merge', { fromId: rosa, intoId: other.id });
    expect(await found(l, 'treasury type:quote')).toEqual([`quote:${q.id}`]);
    expect(await found(l, 'delgado type:quote')).toEqual([`quote:${q.id}`]);
    expect(searchIndexDrift(l.app.db)).toEqual([]);

    // Purging the speaker leaves the quote, without a name.
    await l.ok('items.trash', { id: other.id });
    expect(await found(l, 'treasury type:speaker')).toEqual([]);
    await l.ok('trash.purge', { id: other.id });
    expect(await found(l, 'treasury')).toEqual([]);
    expect(await found(l, 'deficit')).toEqual([`article:${a.id}`, `quote:${q.id}`].sort());
    expect(searchIndexDrift(l.app.db)).toEqual([]);
    expect((await l.ok('library.check', {})).ok).toBe(true);
  });

  it('keeps the current-stance table equal to the stance set last for each subject and topic', async () => {
    const l = lib();
    const a = await l.ok('articles.create', { title: 'Wind farms', text: `Offshore wind is cheap now. ${FILLER}` });
    const q = await l.ok('quotes.create', { articleId: a.id, text: 'Offshore wind is cheap now', speaker: 'Tom Berg' });
    await l.ok('stances.set', { subjectType: 'quote', subjectId: q.id, topic: 'Offshore wind', value: 'supports', setAt: '2020-01-01' });
    await l.ok('stances.set', { subjectType: 'quote', subjectId: q.id, topic: 'Offshore wind', value: 'mixed', setAt: '2021-01-01' });
    // Set last, so current, though dated earliest (StanceService's notion of current).
    await l.ok('stances.set', { subjectType: 'quote', subjectId: q.id, topic: 'Offshore wind', value: 'opposes', setAt: '2019-01-01' });
    expect(await found(l, 'stance:opposes')).toEqual([`quote:${q.id}`]);
    expect(await found(l, 'stance:supports')).toEqual([]);
    expect(await found(l, 'stance:mixed')).toEqual([]);
    const rows = l.app.db.prepare('SELECT subject_id, value, subject_rowid FROM search_current_stances').all();
    expect(rows).toEqual([{ subject_id: q.id, value: 'opposes', subject_rowid: l.app.db.prepare('SELECT rowid FROM quotes WHERE id = ?').pluck().get(q.id) }]);
    expect(searchIndexDrift(l.app.db)).toEqual([]);

    // `sourcebook check` notices a current-stance row that disagrees with the stances.
    l.app.db.prepare(`UPDATE search_current_stances SET value = 'mixed' WHERE subject_id = ?`).run(q.id);
    expect(searchIndexDrift(l.app.db)).toEqual(['search_current_stances']);
    expect((await l.ok('library.check', {})).problems.join('\n')).toContain('search_current_stances');
  });

  it('keeps each current stance’s subject rowid when the stance comes before its subject, and drops it with the subject', async () => {
    const l = lib();
    const a = await l.ok('articles.create', { title: 'Heat pumps', text: `Heat pumps save energy. ${FILLER}` });
    const topic = await l.ok('topics.create', { title: 'Heat pump subsidies' });
    const now = '2024-05-01T00:00:00.000Z';
    // As an import may write them: the stance first, its quote after.
    l.app.db.prepare(`INSERT INTO stances (id, topic_id, subject_type, subject_id, value, set_at, created_at) VALUES ('st1', ?, 'quote', 'q-later', 'supports', ?, ?)`).run(topic.id, now, now);
    expect(l.app.db.prepare(`SELECT subject_rowid FROM search_current_stances WHERE subject_id = 'q-later'`).pluck().get()).toBeNull();
    l.app.db.prepare(`INSERT INTO quotes (id, article_id, text, start_offset, end_offset, created_at, updated_at) VALUES ('q-later', ?, 'Heat pumps save energy', 0, 22, ?, ?)`).run(a.id, now, now);
    expect(await found(l, 'stance:supports')).toEqual(['quote:q-later']);
    expect(await found(l, 'heat type:quote topic:"pump subsidies"')).toEqual(['quote:q-later']);
    l.app.db.prepare(`DELETE FROM quotes WHERE id = 'q-later'`).run();
    // Gone with its stances, or kept without a rowid: never pointing at a row that may be reused.
    expect(l.app.db.prepare(`SELECT subject_rowid FROM search_current_stances WHERE subject_id = 'q-later'`).pluck().get() ?? null).toBeNull();
    expect(await found(l, 'stance:supports')).toEqual([]);
  });

  it('notices an index that drifted from its content (the checker itself works)', async () => {
    const l = lib();
    await l.ok('articles.create', { title: 'Tidal power', text: `Tidal turbines were tested. ${FILLER}` });
    expect(searchIndexDrift(l.app.db)).toEqual([]);
    l.app.db.prepare("INSERT INTO notes_fts(rowid, title, body) VALUES (999, 'ghost', 'not in the notes table')").run();
    expect(searchIndexDrift(l.app.db)).toEqual(['notes_fts']);
    l.app.db.prepare("UPDATE search_article_facts SET date = '1900-01-01'").run();
    expect(searchIndexDrift(l.app.db)).toEqual(['notes_fts', 'search_article_facts']);
  });

  it.skipIf(!fs.existsSync(rankExtensionPath()))('notices a pair index that drifted, and leaves out the rows still waiting for their pairs', async () => {
    const l = lib();
    const a = await l.ok('articles.create', { title: 'Tidal power', text: `Tidal turbines were tested. ${FILLER}` });
    // Changed by a connection without the search extension: the row waits for its pairs, and the
    // pair index still holds its old ones, which a refill would not: not drift, work to do.
    const plain = new BetterSqlite3(path.join(l.dir, DB_FILE_NAME));
    plain.prepare('UPDATE articles SET text = ? WHERE id = ?').run(`Wave turbines were tested. ${FILLER}`, a.id);
    plain.close();
    expect(l.app.db.prepare('SELECT count(*) FROM articles_pairs_stale').pluck().get()).toBe(1);
    expect(searchIndexDrift(l.app.db)).toEqual([]);
    l.app.db.prepare("INSERT INTO quotes_pairs(rowid, pairs) VALUES (999, 'ghost_pair')").run();
    expect(searchIndexDrift(l.app.db)).toEqual(['quotes_pairs']);
  });

  it('backfills the index when an existing library is upgraded', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const dbPath = path.join(dir, DB_FILE_NAME);
      const old = new BetterSqlite3(dbPath);
      configureConnection(old);
      migrate(old, { dbPath, backupDir: path.join(dir, 'backups'), migrations: [migration0010] });
      const now = '2024-05-01T00:00:00.000Z';
      old.exec(`
        INSERT INTO articles (id, title, text, content_hash, clipped_at, created_at, updated_at) VALUES
          ('a1', 'Lighthouse keepers', 'The last lighthouse keepers retired in 1998.', 'h1', '${now}', '${now}', '${now}'),
          ('a2', 'Trashed lighthouse', 'A lighthouse article in the trash.', 'h2', '${now}', '${now}', '${now}');
        UPDATE articles SET deleted_at = '${now}', trash_batch = 'b1' WHERE id = 'a2';
        INSERT INTO speakers (id, name, created_at, updated_at) VALUES ('s1', 'Ada Quill', '${now}', '${now}');
        INSERT INTO speaker_aliases (speaker_id, alias) VALUES ('s1', 'Keeper Quill');
        INSERT INTO quotes (id, article_id, text, start_offset, end_offset, speaker_id, created_at, updated_at)
          VALUES ('q1', 'a1', 'lighthouse keepers', 9, 27, 's1', '${now}', '${now}');
      `);
      old.close();

      const app = createServices(dir);
      try {
        const r = await app.dispatch('search.query', { query: 'lighthouse', limit: 50 });
        expect(r.ok && r.value.hits.map((h) => h.id).sort()).toEqual(['a1', 'q1']);
        const bySpeaker = await app.dispatch('search.query', { query: 'keeper quill type:quote' });
        expect(bySpeaker.ok && bySpeaker.value.hits.map((h) => h.id)).toEqual(['q1']);
        expect(searchIndexDrift(app.db)).toEqual([]);
        // Migration 0090's probes are filled for what was already there.
        expect(app.db.prepare("SELECT f.date, f.site_name, f.host FROM search_quote_facts f JOIN quotes q ON q.rowid = f.quote_rowid WHERE q.id = 'q1'").raw().all())
          .toEqual([[now, null, '']]);
        expect(app.db.prepare("SELECT rowid FROM articles_title_fts WHERE articles_title_fts MATCH 'keepers'").pluck().all()).toEqual(
          app.db.prepare("SELECT rowid FROM articles WHERE id = 'a1'").pluck().all(),
        );
      } finally {
        app.close();
      }
    } finally {
      cleanup();
    }
  });
});
