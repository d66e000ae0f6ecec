import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { searchFactsDrift } from '../../services/search/index-check';
import { useLibraryBefore } from '../../../test/helpers/library-before';

const before0160 = useLibraryBefore(160);
const NOW = '2026-01-01T10:00:00.000Z';
const TEXT = 'The mayor said the ferry will run all winter. The harbour master said it will not.';

/** Two quotes with speakers, one without, as a library one step before 0160 holds them. */
function fill(db: Database): void {
  db.prepare(
    `INSERT INTO articles (id, title, html, text, word_count, content_hash, clipped_at, created_at, updated_at) VALUES ('a1', 'Winter ferry', '', ?, 16, 'h1', ?, ?, ?)`,
  ).run(TEXT, NOW, NOW, NOW);
  const speaker = db.prepare(`INSERT INTO speakers (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)`);
  speaker.run('s-mayor', 'Ana Mayor', NOW, NOW);
  speaker.run('s-master', 'Bo Harbour', NOW, NOW);
  const quote = db.prepare(
    `INSERT INTO quotes (id, article_id, text, start_offset, end_offset, speaker_id, created_at, updated_at) VALUES (?, 'a1', ?, ?, ?, ?, ?, ?)`,
  );
  for (const [id, text, speakerId] of [
    ['q1', 'the ferry will run all winter', 's-mayor'],
    ['q2', 'it will not', 's-master'],
    ['q3', 'The harbour master said', null],
  ] as const) {
    const start = TEXT.indexOf(text);
    quote.run(id, text, start, start + text.length, speakerId, NOW, NOW);
  }
}

describe('migration 0160: each quote’s speaker in its search facts', () => {
  it('fills the speakers of existing quotes, and its triggers follow every change of speaker', async () => {
    const { app, call } = before0160(fill);
    const speakersOf = () =>
      Object.fromEntries(
        app.db
          .prepare('SELECT q.id, s.name FROM search_quote_facts f JOIN quotes q ON q.rowid = f.quote_rowid LEFT JOIN speakers s ON s.rowid = f.speaker_rowid ORDER BY q.id')
          .raw()
          .all() as [string, string | null][],
      );
    type Facets = { facets: { speaker: { value: string; count: number }[] } };
    const speakerFacet = async () => (await call<Facets>('search.query', { query: 'type:quote', facets: true })).facets.speaker.map((f) => [f.value, f.count]);

    expect(speakersOf()).toEqual({ q1: 'Ana Mayor', q2: 'Bo Harbour', q3: null });
    expect(searchFactsDrift(app.db)).toEqual([]);
    expect(await speakerFacet()).toEqual([['Ana Mayor', 1], ['Bo Harbour', 1]]);

    // Assigned, changed, cleared; a new quote; two speakers merged; a speaker trashed.
    await call('quotes.update', { id: 'q3', speakerId: 's-master' });
    await call('quotes.update', { id: 'q1', speakerId: null });
    expect(speakersOf()).toEqual({ q1: null, q2: 'Bo Harbour', q3: 'Bo Harbour' });
    const added = await call<{ id: string }>('quotes.create', { articleId: 'a1', text: 'the ferry will run', speakerId: 's-mayor' });
    expect(speakersOf()[added.id]).toBe('Ana Mayor');
    await call('speakers.merge', { fromId: 's-master', intoId: 's-mayor' });
    expect(speakersOf()).toEqual({ q1: null, q2: 'Ana Mayor', q3: 'Ana Mayor', [added.id]: 'Ana Mayor' });
    expect(await speakerFacet()).toEqual([['Ana Mayor', 3]]);
    expect(searchFactsDrift(app.db)).toEqual([]);

    await call('items.trash', { id: 's-mayor' });
    expect(await speakerFacet()).toEqual([]);
    expect(searchFactsDrift(app.db)).toEqual([]);
    // Purged: its quotes lose their speaker (ON DELETE SET NULL), the facts with them.
    await call('trash.purge', { id: 's-mayor' });
    expect(speakersOf()).toEqual({ q1: null, q2: null, q3: null, [added.id]: null });
    expect(searchFactsDrift(app.db)).toEqual([]);
  });

  it('is what `sourcebook check` compares: a wrong speaker in the facts is a drift', () => {
    const { app } = before0160(fill);
    app.db.prepare(`UPDATE search_quote_facts SET speaker_rowid = (SELECT rowid FROM speakers WHERE id = 's-master') WHERE speaker_rowid IS NULL`).run();
    expect(searchFactsDrift(app.db)).toEqual(['search_quote_facts']);
  });
});
