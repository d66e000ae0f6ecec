import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir, useTempLibrary } from '../../test/helpers/temp-library';
import { searchIndexDrift } from '../services/search/index-check';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';
import { BUSY_TIMEOUT_MS, configureConnection, DB_FILE_NAME } from './open-database';
import { catchUpPairs, hasStalePairs, PAIR_INDEXES, startPairCatchUp, tryCatchUpPairs } from './phrase-pairs';
import { loadRankExtension, rankExtensionPath } from './rank-extension';

const isBuilt = fs.existsSync(rankExtensionPath());
const lib = useTempLibrary();

/** The rowids whose pairs hold `pair` ("first_second"), in a pair table. */
const withPair = (db: Database, table: string, pair: string) =>
  db.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`).pluck().all(`"${pair}"`) as number[];
const rowidOf = (db: Database, table: string, id: string) => db.prepare(`SELECT rowid FROM ${table} WHERE id = ?`).pluck().get(id) as number;
const staleCount = (db: Database, table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe.skipIf(!isBuilt)('the pair indexes (migration 0150)', () => {
  it('follow every change of an article or quote, in the same statement', async () => {
    const l = lib();
    const db = l.app.db;
    const a = await l.ok('articles.create', { title: 'Harbour tolls', text: 'The council voted after the long debate.', siteName: 'Valley Times' });
    const rid = rowidOf(db, 'articles', a.id);
    expect(withPair(db, 'articles_pairs', 'after_the')).toEqual([rid]);
    expect(withPair(db, 'articles_pairs', 'harbour_toll')).toEqual([rid]);
    expect(withPair(db, 'articles_pairs', 'vallei_time')).toEqual([rid]);
    // No pair across two columns: the title's last word and the text's first.
    expect(withPair(db, 'articles_pairs', 'toll_the')).toEqual([]);

    await l.ok('articles.update', { id: a.id, title: 'Ferry fares' });
    expect(withPair(db, 'articles_pairs', 'harbour_toll')).toEqual([]);
    expect(withPair(db, 'articles_pairs', 'ferri_fare')).toEqual([rid]);

    const q = await l.ok('quotes.create', { articleId: a.id, text: 'voted after the long debate', speaker: 'Ines Vale' });
    const qrid = rowidOf(db, 'quotes', q.id);
    expect(withPair(db, 'quotes_pairs', 'after_the')).toEqual([qrid]);
    expect(withPair(db, 'quotes_pairs', 'in_vale')).toEqual([qrid]);
    await l.ok('quotes.update', { id: q.id, note: 'Said twice over' });
    expect(withPair(db, 'quotes_pairs', 'twice_over')).toEqual([qrid]);
    // A speaker's new name reaches the quotes' speaker column.
    await l.ok('speakers.update', { id: q.speakerId!, name: 'Ines Valero' });
    expect(withPair(db, 'quotes_pairs', 'in_valero')).toEqual([qrid]);
    // (The old name stays an alias: the word index finds it too.)
    const inWords = db.prepare(`SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH '"Ines Vale"'`).pluck().all();
    expect(withPair(db, 'quotes_pairs', 'in_vale')).toEqual(inWords);
    await l.ok('speakers.update', { id: q.speakerId!, name: 'Ada Quill' });
    expect(withPair(db, 'quotes_pairs', 'ada_quill')).toEqual([qrid]);

    // The trash leaves the pairs, as it leaves the word indexes; restored, they are back.
    await l.ok('items.trash', { id: a.id });
    expect(withPair(db, 'articles_pairs', 'after_the')).toEqual([]);
    expect(withPair(db, 'quotes_pairs', 'after_the')).toEqual([]);
    await l.ok('items.restore', { id: a.id });
    expect(withPair(db, 'articles_pairs', 'after_the')).toEqual([rid]);
    expect(withPair(db, 'quotes_pairs', 'after_the')).toEqual([qrid]);
    await l.ok('items.trash', { id: a.id });
    await l.ok('trash.purge', { id: a.id });
    expect(withPair(db, 'articles_pairs', 'ferri_fare')).toEqual([]);
    expect(hasStalePairs(db)).toBe(false);
  });

  it('are left stale by a connection without the extension, and caught up by one with it', async () => {
    const l = lib();
    const a = await l.ok('articles.create', { title: 'Tide tables', text: 'The tide turned before dawn.' });
    const rid = rowidOf(l.app.db, 'articles', a.id);
    const plain = new BetterSqlite3(path.join(l.dir, DB_FILE_NAME));
    try {
      plain.prepare("UPDATE articles SET text = 'The ferry left before noon.' WHERE rowid = ?").run(rid);
    } finally {
      plain.close();
    }
    expect(hasStalePairs(l.app.db)).toBe(true);
    expect(withPair(l.app.db, 'articles_pairs', 'befor_dawn')).toEqual([rid]); // as it was: stale
    expect(catchUpPairs(l.app.db, 10)).toBe(1);
    expect(hasStalePairs(l.app.db)).toBe(false);
    expect(withPair(l.app.db, 'articles_pairs', 'befor_dawn')).toEqual([]);
    expect(withPair(l.app.db, 'articles_pairs', 'befor_noon')).toEqual([rid]);
    expect(catchUpPairs(l.app.db, 10)).toBe(0);
  });

  it('are caught up in the background without waiting for a write lock another connection holds', async () => {
    const l = lib();
    const a = await l.ok('articles.create', { title: 'Tide tables', text: 'The tide turned before dawn.' });
    const rid = rowidOf(l.app.db, 'articles', a.id);
    const other = new BetterSqlite3(path.join(l.dir, DB_FILE_NAME));
    try {
      other.prepare("UPDATE articles SET text = 'The ferry left before noon.' WHERE rowid = ?").run(rid);
      // Held as a restore in this process holds it, by a connection this thread would have to wait for.
      other.exec('BEGIN IMMEDIATE');
      const started = performance.now();
      expect(tryCatchUpPairs(l.app.db, 10)).toBe('busy');
      expect(performance.now() - started).toBeLessThan(1000); // not the 15 s busy timeout
      expect(l.app.db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
      other.exec('COMMIT');
    } finally {
      other.close();
    }
    expect(tryCatchUpPairs(l.app.db, 10)).toBe(1);
    expect(withPair(l.app.db, 'articles_pairs', 'befor_noon')).toEqual([rid]);
  });

  it('are compared with a refill by the index check, rows still stale left out', async () => {
    const l = lib();
    const a = await l.ok('articles.create', { title: 'Tide tables', text: 'The tide turned before dawn.' });
    await l.ok('articles.create', { title: 'Ferry times', text: 'The ferry left before noon.' });
    const rid = rowidOf(l.app.db, 'articles', a.id);
    expect(searchIndexDrift(l.app.db)).toEqual([]);
    const plain = new BetterSqlite3(path.join(l.dir, DB_FILE_NAME));
    try {
      plain.prepare("UPDATE articles SET text = 'The tide came in at dusk.' WHERE rowid = ?").run(rid);
    } finally {
      plain.close();
    }
    expect(searchIndexDrift(l.app.db)).toEqual([]);
    catchUpPairs(l.app.db, 10);
    // Pairs lost without the row marked stale: drift.
    l.app.db.prepare('DELETE FROM articles_pairs WHERE rowid = ?').run(rid);
    expect(searchIndexDrift(l.app.db)).toEqual(['articles_pairs']);
  });

  it('are filled for a library that existed before them, in the background, a few rows at a time', async () => {
    const { dir, cleanup } = tempDir();
    const file = path.join(dir, DB_FILE_NAME);
    const db = new BetterSqlite3(file);
    try {
      configureConnection(db);
      migrate(db, { dbPath: file, backupDir: path.join(dir, 'backups'), migrations: MIGRATIONS.filter((m) => m.version < 150) });
      const now = '2026-01-01T00:00:00.000Z';
      const insert = db.prepare(`INSERT INTO articles (id, title, html, text, word_count, content_hash, clipped_at, created_at, updated_at) VALUES (?, ?, '<p>x</p>', ?, 4, ?, ?, ?, ?)`);
      for (let i = 0; i < 60; i++) insert.run(`0190a1b2-0000-7000-8000-${String(i).padStart(12, '0')}`, `Report ${i}`, `Pier number ${i} reopened.`, `h${i}`, now, now, now);
      migrate(db, { dbPath: file, backupDir: path.join(dir, 'backups') });
      // Migration 0150 writes no pairs itself (it cannot count on the extension): every row is stale.
      expect(staleCount(db, PAIR_INDEXES.article!.stale)).toBe(60);
      expect(loadRankExtension(db)).toBe(true);
      const stop = startPairCatchUp(db);
      for (let i = 0; i < 200 && hasStalePairs(db); i++) await new Promise((r) => setTimeout(r, 20));
      stop();
      expect(hasStalePairs(db)).toBe(false);
      expect(withPair(db, 'articles_pairs', 'pier_number')).toHaveLength(60);
    } finally {
      db.close();
      cleanup();
    }
  });
});
