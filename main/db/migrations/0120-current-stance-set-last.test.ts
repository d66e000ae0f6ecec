import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { searchFactsDrift } from '../../services/search/index-check';
import { useLibraryBefore } from '../../../test/helpers/library-before';

const before0120 = useLibraryBefore(120);
const TEXT = 'The council said the tram line will open in May. Critics disagree.';

/**
 * The audit's case as the old code wrote it, in a library one step before 0120: a quote's
 * stance set, then the quote's said-at moved to 2025-06-01, then a new stance whose `set_at` is a
 * copy of that said-at — so by `set_at` the user's newer choice looks older.
 */
function fill(db: Database): void {
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
}

describe('migration 0120: the current stance is the one set last', () => {
  it('re-derives search_current_stances on upgrade, and its triggers keep the new order', async () => {
    const { app, call } = before0120(fill);
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
