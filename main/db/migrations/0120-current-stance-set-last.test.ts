import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices, type App } from '../../composition';
import { searchFactsDrift } from '../../services/search/index-check';
import { tempDir } from '../../../test/helpers/temp-library';
import { migrate } from '../migrate';
import { DB_FILE_NAME, backupDirOf, configureConnection } from '../open-database';
import { MIGRATIONS } from '.';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

const TEXT = 'The council said the tram line will open in May. Critics disagree.';

/**
 * A library one step before 0120, holding the audit's case as the old code wrote it: a quote's
 * stance set, then the quote's said-at moved to 2025-06-01, then a new stance whose `set_at` is a
 * copy of that said-at — so by `set_at` the user's newer choice looks older.
 */
function buildLibraryBefore0120(dir: string): void {
  const dbPath = path.join(dir, DB_FILE_NAME);
  const db = new BetterSqlite3(dbPath);
  try {
    configureConnection(db);
    migrate(db, { dbPath, backupDir: backupDirOf(dir), migrations: MIGRATIONS.filter((m) => m.version < 120) });
    const now = '2026-01-01T10:00:00.000Z';
    db.prepare(
      `INSERT INTO articles (id, title, html, text, word_count, content_hash, clipped_at, created_at, updated_at) VALUES ('a1', 'Tram line', '', ?, 12, 'h1', ?, ?, ?)`,
    ).run(TEXT, now, now, now);
    const start = TEXT.indexOf('the tram line');
    db.prepare(
      `INSERT INTO quotes (id, article_id, text, start_offset, end_offset, said_at, created_at, updated_at)
       VALUES ('q1', 'a1', 'the tram line will open in May', ?, ?, '2025-06-01', ?, ?)`,
    ).run(start, start + 'the tram line will open in May'.length, now, now);
    db.prepare(`INSERT INTO topics (id, title, created_at, updated_at) VALUES ('t1', 'Open the tram', ?, ?)`).run(now, now);
    const stance = db.prepare(`INSERT INTO stances (id, topic_id, subject_type, subject_id, value, set_at, created_at) VALUES (?, 't1', 'quote', 'q1', ?, ?, ?)`);
    stance.run('st-1', 'supports', '2026-01-01T10:00:01.000Z', '2026-01-01T10:00:01.000Z');
    stance.run('st-2', 'opposes', '2025-06-01', '2026-01-02T09:00:00.000Z');
    // The old triggers took the latest set_at: the first stance.
    expect(db.prepare(`SELECT value FROM search_current_stances WHERE subject_id = 'q1'`).pluck().get()).toBe('supports');
  } finally {
    db.close();
  }
}

describe('migration 0120: the current stance is the one set last', () => {
  it('re-derives search_current_stances on upgrade, and its triggers keep the new order', async () => {
    const { dir, cleanup } = tempDir('sourcebook-migrate-0120-');
    cleanups.push(cleanup);
    buildLibraryBefore0120(dir);

    const app: App = createServices(dir);
    cleanups.unshift(() => app.close());
    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const r = await app.dispatch(method as never, input as never);
      if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
      return r.value as T;
    };
    type StanceRow = { id: string; value: string; isCurrent: boolean; setAt: string };
    type Hits = { hits: { id: string }[] };

    const history = await call<StanceRow[]>('stances.list', { subjectId: 'q1', includeHistory: true });
    expect(history.map((s) => [s.id, s.value, s.isCurrent, s.setAt])).toEqual([
      ['st-1', 'supports', false, '2025-06-01'],
      ['st-2', 'opposes', true, '2025-06-01'],
    ]);
    expect(app.db.prepare(`SELECT value FROM search_current_stances WHERE subject_id = 'q1'`).pluck().get()).toBe('opposes');
    expect((await call<Hits>('search.query', { query: 'stance:opposes' })).hits.map((h) => h.id)).toEqual(['q1']);
    expect(searchFactsDrift(app.db)).toEqual([]);

    // A stance set now is current at once, though its stored set_at is older than both.
    await call('stances.set', { subjectType: 'quote', subjectId: 'q1', topicId: 't1', value: 'mixed', setAt: '2020-01-01' });
    expect((await call<Hits>('search.query', { query: 'stance:mixed' })).hits.map((h) => h.id)).toEqual(['q1']);
    expect((await call<Hits>('search.query', { query: 'stance:opposes' })).hits).toEqual([]);
    expect(searchFactsDrift(app.db)).toEqual([]);
  });
});
