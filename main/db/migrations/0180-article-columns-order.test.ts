import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../shared/domain/entities';
import { searchIndexDrift } from '../../services/search/index-check';
import { ARTICLE_SORT } from '../repositories/articles';
import { useLibraryBefore } from '../../../test/helpers/library-before';

const before0180 = useLibraryBefore(180);
const NOW = '2026-01-01T10:00:00.000Z';
/** More than one step of the rewrite (500 rows), with HTML long enough to need overflow pages (~5 KB a row). */
const ARTICLES = 2_100;
const bodyOf = (i: number) => `Article ${i} on the harbour dredging plan, which the council debated again. `.repeat(10);

/** Articles (one in the trash), a quote with a speaker and a stance, as a library one step before 0180 holds them. */
function fill(db: Database): void {
  const article = db.prepare(
    `INSERT INTO articles (id, title, site_name, html, text, word_count, content_hash, clipped_at, created_at, updated_at, deleted_at, trash_batch)
     VALUES (?, ?, 'harbour.example', ?, ?, 120, ?, ?, ?, ?, ?, ?)`,
  );
  for (let i = 1; i <= ARTICLES; i++) {
    const text = bodyOf(i);
    const trashed = i === 7 ? NOW : null;
    article.run(`a${i}`, trashed ? 'Sealed minutes' : `Dredging report ${i}`, `<p>${text}</p>`.repeat(6), text, `h${i}`, NOW, NOW, NOW, trashed, trashed && 'batch-7');
  }
  db.prepare(`INSERT INTO speakers (id, name, created_at, updated_at) VALUES ('s1', 'Ada Marsh', ?, ?)`).run(NOW, NOW);
  const quoted = 'the harbour dredging plan';
  const start = bodyOf(3).indexOf(quoted);
  db.prepare(
    `INSERT INTO quotes (id, article_id, text, start_offset, end_offset, speaker_id, created_at, updated_at) VALUES ('q1', 'a3', ?, ?, ?, 's1', ?, ?)`,
  ).run(quoted, start, start + quoted.length, NOW, NOW);
  db.prepare(`INSERT INTO topics (id, title, created_at, updated_at) VALUES ('t1', 'Dredging', ?, ?)`).run(NOW, NOW);
  db.prepare(`INSERT INTO stances (id, topic_id, subject_type, subject_id, value, set_at, created_at) VALUES ('st1', 't1', 'article', 'a3', 'supports', ?, ?)`).run(NOW, NOW);
}

const rowsOf = (db: Database) => db.prepare('SELECT rowid AS rid, * FROM articles ORDER BY rowid').all() as Record<string, unknown>[];
const sorted = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)));
const attachedSql = (db: Database) =>
  db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'articles' AND sql IS NOT NULL AND type != 'table' ORDER BY name").all();
const schemaBesideArticles = (db: Database) =>
  db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE tbl_name != 'articles' AND sql IS NOT NULL ORDER BY name").all();

describe('migration 0180: articles keep their text and HTML last', () => {
  it('rewrites the table with the same rows, rowids, indexes and triggers, and everything built on it keeps working', async () => {
    let rowsBefore: Record<string, unknown>[] = [];
    let attachedBefore: unknown[] = [];
    let otherSchemaBefore: unknown[] = [];
    let pagesBefore = 0;
    const { app, call } = before0180((db) => {
      fill(db);
      rowsBefore = rowsOf(db).map(sorted);
      attachedBefore = attachedSql(db);
      otherSchemaBefore = schemaBesideArticles(db);
      pagesBefore = db.pragma('page_count', { simple: true }) as number;
    });
    const db = app.db;

    const columns = (db.pragma('table_info(articles)') as { name: string }[]).map((c) => c.name);
    expect(columns.slice(-2)).toEqual(['text', 'html']);
    expect(columns.indexOf('deleted_at')).toBeLessThan(columns.indexOf('text'));
    expect(rowsOf(db).map(sorted)).toEqual(rowsBefore);
    const added = ['articles_live_site', 'articles_live_words'];
    expect(attachedSql(db).filter((o) => !added.includes((o as { name: string }).name))).toEqual(attachedBefore);
    // The other tables' foreign keys, triggers and the views still name `articles` as they did
    // (objects of later migrations aside).
    const namesBefore = new Set(otherSchemaBefore.map((o) => (o as { name: string }).name));
    expect(schemaBesideArticles(db).filter((o) => namesBefore.has((o as { name: string }).name))).toEqual(otherSchemaBefore);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name LIKE '%before_0180%'").pluck().get()).toBe(0);

    // Copied in steps that reuse the pages they free: the file grew by about one step (500 of
    // 2,100 rows), not by a second table.
    const articlePages = db.prepare("SELECT count(*) FROM dbstat WHERE name = 'articles'").pluck().get() as number;
    const pagesAfter = db.pragma('page_count', { simple: true }) as number;
    expect(pagesAfter - pagesBefore).toBeLessThan(articlePages / 3);

    const check = await call<CheckReport>('library.check', {});
    expect(check.problems).toEqual([]);
    expect(searchIndexDrift(db)).toEqual([]);

    // Search reads the rows through the new table: words, snippets, the trash left out, filters.
    const search = (query: string) => call<{ total: number; hits: { id: string; snippet: string }[] }>('search.query', { query, limit: 5 });
    expect((await search('"dredging report 2100"')).hits.map((h) => h.id)).toEqual(['a2100']);
    expect((await search('type:article dredging')).total).toBe(ARTICLES - 1);
    expect((await search('sealed')).total).toBe(0);
    expect((await search('stance:supports')).hits.map((h) => h.id)).toEqual(['a3']);
    const hit = (await search('"article 3 on the harbour"')).hits.find((h) => h.id === 'a3');
    expect(hit?.snippet).toMatch(/harbour/i);

    // The recreated triggers keep the index in step; the foreign keys still hold and cascade.
    await call('articles.update', { id: 'a5', title: 'Silt survey' });
    expect((await search('silt')).hits.map((h) => h.id)).toEqual(['a5']);
    expect(() =>
      db.prepare(`INSERT INTO quotes (id, article_id, text, start_offset, end_offset, created_at, updated_at) VALUES ('q2', 'no-such-article', 'x', 0, 1, ?, ?)`).run(NOW, NOW),
    ).toThrow(/FOREIGN KEY/);
    await call('items.trash', { id: 'a3' });
    await call('trash.purge', { id: 'a3' });
    expect(db.prepare("SELECT count(*) FROM quotes WHERE id = 'q1'").pluck().get()).toBe(0);
    expect((await call<CheckReport>('library.check', {})).problems).toEqual([]);
    expect(searchIndexDrift(db)).toEqual([]);
  });

  it("gives every sort of the article list an index, so a page never sorts the whole table", () => {
    const { app } = before0180(() => {});
    for (const [sort, key] of Object.entries(ARTICLE_SORT)) {
      for (const order of ['ASC', 'DESC']) {
        const plan = app.db
          .prepare(`EXPLAIN QUERY PLAN SELECT a.id FROM articles a WHERE a.deleted_at IS NULL ORDER BY ${key} ${order}, a.id ${order} LIMIT 60`)
          .all()
          .map((r) => (r as { detail: string }).detail)
          .join(' / ');
        expect(plan, `${sort} ${order}`).toMatch(/USING (COVERING )?INDEX articles_live_/);
        expect(plan, `${sort} ${order}`).not.toMatch(/TEMP B-TREE/);
      }
    }
  });
});
