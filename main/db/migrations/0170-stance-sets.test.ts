import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { searchFactsDrift } from '../../services/search/index-check';
import { useLibraryBefore } from '../../../test/helpers/library-before';

const before0170 = useLibraryBefore(170);
const NOW = '2026-01-01T10:00:00.000Z';
const TEXT = 'The bridge toll pays for the new bus lanes, the minister said. The drivers say it does not.';

/** Two quotes with stances toward two topics, and one toward a topic before its subject exists, as a library one step before 0170 holds them. */
function fill(db: Database): void {
  db.prepare(
    `INSERT INTO articles (id, title, html, text, word_count, content_hash, clipped_at, created_at, updated_at) VALUES ('a1', 'Bridge toll', '', ?, 18, 'h1', ?, ?, ?)`,
  ).run(TEXT, NOW, NOW, NOW);
  const quote = db.prepare(`INSERT INTO quotes (id, article_id, text, start_offset, end_offset, created_at, updated_at) VALUES (?, 'a1', ?, ?, ?, ?, ?)`);
  for (const [id, text] of [['q1', 'The bridge toll pays for the new bus lanes'], ['q2', 'it does not']] as const) {
    const start = TEXT.indexOf(text);
    quote.run(id, text, start, start + text.length, NOW, NOW);
  }
  const topic = db.prepare(`INSERT INTO topics (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)`);
  topic.run('t-toll', 'Bridge toll', NOW, NOW);
  topic.run('t-bus', 'Bus lanes', NOW, NOW);
  const stance = db.prepare(`INSERT INTO stances (id, topic_id, subject_type, subject_id, value, set_at, created_at) VALUES (?, ?, 'quote', ?, ?, ?, ?)`);
  stance.run('st1', 't-toll', 'q1', 'supports', NOW, NOW);
  stance.run('st2', 't-toll', 'q2', 'opposes', NOW, NOW);
  stance.run('st3', 't-bus', 'q1', 'supports', NOW, NOW);
  // A stance whose quote is not there yet (as an import may write them): no rowid, no set row.
  stance.run('st4', 't-bus', 'q-later', 'opposes', NOW, NOW);
}

describe('migration 0170: the current stances as small filter rows', () => {
  it('fills them on upgrade, and its triggers follow stances, subjects and topics', async () => {
    const { app, call } = before0170(fill);
    const found = async (query: string) => (await call<{ hits: { id: string }[] }>('search.query', { query })).hits.map((h) => h.id).sort();
    const sets = () =>
      app.db
        .prepare('SELECT s.value, t.title, q.id FROM search_stance_sets s JOIN topics t ON t.rowid = s.topic_rowid JOIN quotes q ON q.rowid = s.subject_rowid ORDER BY 1, 2, 3')
        .raw()
        .all();

    expect(sets()).toEqual([['opposes', 'Bridge toll', 'q2'], ['supports', 'Bridge toll', 'q1'], ['supports', 'Bus lanes', 'q1']]);
    expect(searchFactsDrift(app.db)).toEqual([]);
    expect(await found('stance:supports')).toEqual(['q1']);
    expect(await found('stance:opposes topic:"bridge"')).toEqual(['q2']);

    // A new stance replaces the current one; the late quote arrives and gets its stance's row.
    await call('stances.set', { subjectType: 'quote', subjectId: 'q2', topicId: 't-toll', value: 'mixed' });
    const start = TEXT.indexOf('The drivers say');
    app.db
      .prepare(`INSERT INTO quotes (id, article_id, text, start_offset, end_offset, created_at, updated_at) VALUES ('q-later', 'a1', 'The drivers say', ?, ?, ?, ?)`)
      .run(start, start + 'The drivers say'.length, NOW, NOW);
    expect(sets()).toEqual([['mixed', 'Bridge toll', 'q2'], ['opposes', 'Bus lanes', 'q-later'], ['supports', 'Bridge toll', 'q1'], ['supports', 'Bus lanes', 'q1']]);
    expect(await found('stance:opposes')).toEqual(['q-later']);
    expect(searchFactsDrift(app.db)).toEqual([]);

    // A topic in the trash keeps its rows, left out by the filter; deleted for good, they go.
    await call('items.trash', { id: 't-bus' });
    expect(await found('stance:opposes')).toEqual([]);
    expect(await found('stance:supports')).toEqual(['q1']);
    await call('trash.purge', { id: 't-bus' });
    expect(sets()).toEqual([['mixed', 'Bridge toll', 'q2'], ['supports', 'Bridge toll', 'q1']]);
    expect(searchFactsDrift(app.db)).toEqual([]);

    // A quote deleted for good takes its rows.
    await call('items.trash', { id: 'q1' });
    await call('trash.purge', { id: 'q1' });
    expect(sets()).toEqual([['mixed', 'Bridge toll', 'q2']]);
    expect(searchFactsDrift(app.db)).toEqual([]);
  });

  it('is what `sourcebook check` compares: a row that disagrees with the current stances is a drift', () => {
    const { app } = before0170(fill);
    app.db.prepare(`UPDATE search_stance_sets SET value = 'neutral' WHERE value = 'opposes'`).run();
    expect(searchFactsDrift(app.db)).toEqual(['search_stance_sets']);
  });
});
