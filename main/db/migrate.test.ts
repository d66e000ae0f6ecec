import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/temp-library';
import { isAppError } from '../../shared/errors';
import { APPLICATION_ID, LATEST_SCHEMA_VERSION, migrate } from './migrate';
import { MIGRATIONS } from './migrations';
import type { Migration } from './migrations/migration';
import { DB_FILE_NAME, backupDirOf, configureConnection, openLibrary } from './open-database';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function libraryDir(): string {
  const t = tempDir('sourcebook-migrate-');
  cleanups.push(t.cleanup);
  return t.dir;
}
function rawOpen(file: string): Database {
  const db = new BetterSqlite3(file);
  cleanups.push(() => db.open && db.close());
  return db;
}

const FIRST = MIGRATIONS[0]!;
/** A test-only step after every real one: a new column filled from existing data, and a new table. */
const extraStep: Migration = {
  version: LATEST_SCHEMA_VERSION + 10,
  name: 'test-reading-minutes',
  up(db) {
    db.exec(`
      ALTER TABLE articles ADD COLUMN reading_minutes INTEGER NOT NULL DEFAULT 0;
      UPDATE articles SET reading_minutes = max(1, word_count / 200);
      CREATE TABLE test_extra (id INTEGER PRIMARY KEY, note TEXT);
    `);
  },
};

/**
 * A real library at the first schema version only, holding two articles and a quote with its
 * speaker. Rows are written with raw SQL against that schema (a shipped migration never changes),
 * not through today's services, which expect the latest schema.
 */
function buildFirstVersionLibrary(dir: string): void {
  const dbPath = path.join(dir, DB_FILE_NAME);
  const db = rawOpen(dbPath);
  configureConnection(db);
  const told: unknown[] = [];
  expect(migrate(db, { dbPath, backupDir: backupDirOf(dir), migrations: [FIRST], onUpgrade: (...a) => told.push(a) })).toEqual({ from: 0, to: FIRST.version, backupPath: null });
  // A new library is created, not upgraded: nothing to tell.
  expect(told).toEqual([]);
  const now = '2025-06-01T10:00:00.000Z';
  const article = db.prepare(
    `INSERT INTO articles (id, title, html, text, word_count, content_hash, clipped_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const tramText = 'The council said the tram line will open in May. Critics disagree.';
  article.run('a1', 'Tram line', `<p>${tramText}</p>`, tramText, 12, 'hash-1', now, now, now);
  article.run('a2', 'Harbour', '<p>Ferries run twice a day.</p>', 'Ferries run twice a day.', 5, 'hash-2', now, now, now);
  db.prepare('INSERT INTO speakers (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run('s1', 'Ana Ruiz', now, now);
  const start = tramText.indexOf('the tram line');
  db.prepare(
    `INSERT INTO quotes (id, article_id, text, start_offset, end_offset, speaker_id, created_at, updated_at)
     VALUES ('q1', 'a1', 'the tram line will open in May', ?, ?, 's1', ?, ?)`,
  ).run(start, start + 'the tram line will open in May'.length, now, now);
  db.close();
}

describe('migrate', () => {
  it('gives a fresh library the latest user_version and the application id, with no backup', () => {
    const dir = libraryDir();
    const lib = openLibrary(dir);
    try {
      expect(lib.migration).toEqual({ from: 0, to: LATEST_SCHEMA_VERSION, backupPath: null });
      expect(lib.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(lib.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.version);
      expect(fs.existsSync(backupDirOf(dir))).toBe(false);
    } finally {
      lib.db.close();
    }
  });

  it('does nothing (and copies nothing) when reopening an up-to-date library', () => {
    const dir = libraryDir();
    openLibrary(dir).db.close();
    const again = openLibrary(dir);
    try {
      expect(again.migration).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION, backupPath: null });
      expect(fs.existsSync(backupDirOf(dir))).toBe(false);
    } finally {
      again.db.close();
    }
  });

  it('upgrades an older file through every real step plus a later one: data survives, user_version moves, a copy lands in backups/', () => {
    const dir = libraryDir();
    buildFirstVersionLibrary(dir);
    const dbPath = path.join(dir, DB_FILE_NAME);

    const db = rawOpen(dbPath);
    configureConnection(db);
    const told: unknown[] = [];
    const result = migrate(db, { dbPath, backupDir: backupDirOf(dir), migrations: [...MIGRATIONS, extraStep], onUpgrade: (...a) => told.push(a) });
    expect(told).toEqual([[FIRST.version, extraStep.version]]);
    expect(result.from).toBe(FIRST.version);
    expect(result.to).toBe(extraStep.version);
    expect(result.backupPath).not.toBeNull();
    expect(path.dirname(result.backupPath!)).toBe(backupDirOf(dir));

    expect(db.pragma('user_version', { simple: true })).toBe(extraStep.version);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    const rows = db.prepare('SELECT id, title, reading_minutes FROM articles ORDER BY title').all() as { id: string; title: string; reading_minutes: number }[];
    expect(rows).toEqual([
      { id: 'a2', title: 'Harbour', reading_minutes: 1 },
      { id: 'a1', title: 'Tram line', reading_minutes: 1 },
    ]);
    expect(db.prepare('SELECT text, speaker_id FROM quotes WHERE id = ?').get('q1')).toEqual({ text: 'the tram line will open in May', speaker_id: 's1' });
    expect(db.prepare('SELECT type FROM items WHERE id = ?').get('q1')).toEqual({ type: 'quote' });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();

    // The copy is the library as it was before the change: first schema, same rows, no new column.
    const backup = rawOpen(result.backupPath!);
    expect(backup.pragma('user_version', { simple: true })).toBe(FIRST.version);
    expect(backup.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(backup.prepare('SELECT count(*) AS n FROM articles').get()).toEqual({ n: 2 });
    expect((backup.pragma('table_info(articles)') as { name: string }[]).map((c) => c.name)).not.toContain('reading_minutes');
    expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('a failing step leaves the file exactly as it was', () => {
    const dir = libraryDir();
    buildFirstVersionLibrary(dir);
    const dbPath = path.join(dir, DB_FILE_NAME);
    const before = fs.readFileSync(dbPath);

    const failing: Migration = {
      version: extraStep.version + 10,
      name: 'test-failing',
      up(db) {
        db.exec("CREATE TABLE half_done (x); UPDATE articles SET title = 'clobbered';");
        throw new Error('step failed halfway');
      },
    };
    const db = rawOpen(dbPath);
    configureConnection(db);
    expect(() => migrate(db, { dbPath, backupDir: backupDirOf(dir), migrations: [...MIGRATIONS, extraStep, failing] })).toThrow('step failed halfway');
    expect(db.pragma('user_version', { simple: true })).toBe(FIRST.version);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('half_done', 'test_extra')").get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT count(*) AS n FROM articles WHERE title = 'clobbered'").get()).toEqual({ n: 0 });
    db.close();

    expect(fs.readFileSync(dbPath).equals(before)).toBe(true);
    expect(fs.existsSync(`${dbPath}-wal`)).toBe(false);
  });

  it('a step that rewrites a referenced table runs with foreign keys unenforced, then checked: a new dangling row rolls it back', () => {
    const dir = libraryDir();
    buildFirstVersionLibrary(dir);
    const dbPath = path.join(dir, DB_FILE_NAME);
    // Left over from before (as `sourcebook check` would report it): it must not keep the library closed.
    const raw = rawOpen(dbPath);
    raw.pragma('foreign_keys = OFF');
    raw.prepare("UPDATE quotes SET speaker_id = 'gone' WHERE id = 'q1'").run();
    raw.close();
    const before = fs.readFileSync(dbPath);

    let enforcedDuringStep: unknown = null;
    const orphaning: Migration = {
      version: extraStep.version + 10,
      name: 'test-orphaning-rewrite',
      rewritesReferencedTable: true,
      up(db) {
        enforcedDuringStep = db.pragma('foreign_keys', { simple: true });
        // Unenforced, this leaves the quote's article missing instead of failing or cascading.
        db.exec("DELETE FROM articles WHERE id = 'a1'");
      },
    };
    const db = rawOpen(dbPath);
    configureConnection(db);
    const attempt = () => migrate(db, { dbPath, backupDir: backupDirOf(dir), migrations: [...MIGRATIONS, extraStep, orphaning] });
    expect(attempt).toThrowError(expect.objectContaining({ code: 'db/corrupt', message: expect.stringMatching(/1 row\(s\) pointing at missing rows \(first: quotes \d+ → articles/) }));
    expect(enforcedDuringStep).toBe(0);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(FIRST.version);
    db.close();
    expect(fs.readFileSync(dbPath).equals(before)).toBe(true);

    // The same rewrite without the orphan goes through, old dangling speaker and all; enforcement is back on after.
    const harmless: Migration = { ...orphaning, up: (db) => db.exec('CREATE TABLE test_harmless (x)') };
    const again = rawOpen(dbPath);
    configureConnection(again);
    expect(migrate(again, { dbPath, backupDir: backupDirOf(dir), migrations: [...MIGRATIONS, extraStep, harmless] }).to).toBe(harmless.version);
    expect(again.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(again.prepare("SELECT speaker_id FROM quotes WHERE id = 'q1'").pluck().get()).toBe('gone');
  });

  it('refuses a library newer than the app with db/too-new', () => {
    const dir = libraryDir();
    const db = rawOpen(path.join(dir, DB_FILE_NAME));
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${extraStep.version + 5}`);
    const attempt = () => migrate(db, { dbPath: path.join(dir, DB_FILE_NAME), backupDir: backupDirOf(dir), migrations: [...MIGRATIONS, extraStep] });
    expect(attempt).toThrowError(
      expect.objectContaining({ code: 'db/too-new', details: expect.objectContaining({ schemaVersion: extraStep.version + 5, supportedVersion: extraStep.version }) }),
    );
    expect(db.pragma('user_version', { simple: true })).toBe(extraStep.version + 5);
    expect(fs.existsSync(backupDirOf(dir))).toBe(false);
  });

  it('refuses a foreign database (another application id) with db/corrupt', () => {
    const dir = libraryDir();
    const db = rawOpen(path.join(dir, DB_FILE_NAME));
    db.exec('CREATE TABLE notes (body TEXT)');
    db.pragma('application_id = 1234');
    db.pragma('user_version = 3');
    try {
      migrate(db, { dbPath: path.join(dir, DB_FILE_NAME), backupDir: backupDirOf(dir) });
      expect.unreachable('migrate accepted a foreign database');
    } catch (error) {
      expect(isAppError(error) && error.code).toBe('db/corrupt');
    }
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'items'").get()).toEqual({ n: 0 });
  });
});
