import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/temp-library';
import { createServices } from '../composition';
import { AppError } from '../../shared/errors';
import { APPLICATION_ID, LATEST_SCHEMA_VERSION } from './migrate';
import { DB_FILE_NAME, backupDirOf, openLibrary, toOpenError } from './open-database';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function libraryDir(): string {
  const t = tempDir('sourcebook-open-');
  cleanups.push(t.cleanup);
  return t.dir;
}

/** Every file in the folder with a hash of its bytes, to prove a refused open changed nothing at all. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map((name) => [name, createHash('sha256').update(fs.readFileSync(path.join(dir, name))).digest('hex')]));
}

function openError(dir: string): AppError {
  try {
    openLibrary(dir).db.close();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('openLibrary unexpectedly succeeded');
}

/** A real library with some pages of data, closed (WAL checkpointed into the file); built once, copied per test. */
let fixture: { dir: string; cleanup(): void } | null = null;
afterAll(() => fixture?.cleanup());
function populatedLibrary(dir: string): void {
  if (!fixture) {
    fixture = tempDir('sourcebook-open-fixture-');
    const app = createServices(fixture.dir, { clock: () => new Date('2026-01-01T00:00:00Z') });
    for (let i = 0; i < 30; i++) {
      app.services.articles.insert({
        content: { html: '', text: `${'Lorem ipsum dolor sit amet. '.repeat(300)} ${i}`, title: `Article ${i}`, wordCount: 1500 },
        sourceKind: 'paste',
      });
    }
    app.close();
  }
  fs.copyFileSync(path.join(fixture.dir, DB_FILE_NAME), path.join(dir, DB_FILE_NAME));
}

describe('openLibrary', () => {
  it('sets WAL, foreign keys, busy_timeout, synchronous=NORMAL and a 4 MB page cache on the connection', () => {
    const lib = openLibrary(libraryDir());
    try {
      expect(lib.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(lib.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(lib.db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(5000);
      expect(lib.db.pragma('synchronous', { simple: true })).toBe(1);
      // Negative: KiB, not pages (SQLite's default here would be -16000).
      expect(lib.db.pragma('cache_size', { simple: true })).toBe(-4000);
      expect(lib.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    } finally {
      lib.db.close();
    }
  });

  it('creates a missing library folder', () => {
    const dir = path.join(libraryDir(), 'nested', 'library');
    const lib = openLibrary(dir);
    lib.db.close();
    expect(fs.existsSync(path.join(dir, DB_FILE_NAME))).toBe(true);
  });

  it('refuses a too-new library (written in rollback-journal mode) with db/too-new and leaves its bytes alone', () => {
    const dir = libraryDir();
    const raw = new BetterSqlite3(path.join(dir, DB_FILE_NAME));
    raw.exec('CREATE TABLE future_things (x)');
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 10}`);
    raw.close();
    const before = snapshot(dir);

    const error = openError(dir);
    expect(error.code).toBe('db/too-new');
    expect(error.message).toMatch(/newer Sourcebook/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a too-new library in WAL mode and leaves its bytes alone', () => {
    const dir = libraryDir();
    openLibrary(dir).db.close();
    const raw = new BetterSqlite3(path.join(dir, DB_FILE_NAME));
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();
    const before = snapshot(dir);
    expect(openError(dir).code).toBe('db/too-new');
    expect(snapshot(dir)).toEqual(before);
    // The same through the composition root every transport uses.
    expect(() => createServices(dir)).toThrowError(expect.objectContaining({ code: 'db/too-new' }));
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a garbage file named sourcebook.db with db/corrupt naming the backups folder, untouched', () => {
    const dir = libraryDir();
    const garbage = Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256));
    fs.writeFileSync(path.join(dir, DB_FILE_NAME), garbage);
    const before = snapshot(dir);
    const error = openError(dir);
    expect(error.code).toBe('db/corrupt');
    expect(error.message).toContain(backupDirOf(dir));
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses to start an empty library where the database went missing but backups remain', () => {
    const dir = libraryDir();
    fs.mkdirSync(backupDirOf(dir));
    populatedLibrary(dir);
    fs.renameSync(path.join(dir, DB_FILE_NAME), path.join(backupDirOf(dir), 'auto-2026-01-01.db'));
    const error = openError(dir);
    expect(error.code).toBe('db/corrupt');
    expect(error.message).toMatch(/has backups but no sourcebook\.db.*backups restore/);
    expect(fs.existsSync(path.join(dir, DB_FILE_NAME))).toBe(false);
    // An empty backups folder is no library lost: a new one starts.
    const fresh = libraryDir();
    fs.mkdirSync(backupDirOf(fresh));
    openLibrary(fresh).db.close();
    expect(fs.existsSync(path.join(fresh, DB_FILE_NAME))).toBe(true);
  });

  it('refuses a short text file with db/corrupt', () => {
    const dir = libraryDir();
    fs.writeFileSync(path.join(dir, DB_FILE_NAME), 'not a database\n');
    const before = snapshot(dir);
    expect(openError(dir).code).toBe('db/corrupt');
    expect(snapshot(dir)).toEqual(before);
  });

  it.each([
    ['at a page boundary', (size: number) => Math.floor(size / 2 / 4096) * 4096],
    ['mid-page', (size: number) => Math.floor(size / 2) + 123],
    ['to the first page', () => 4096],
    ['inside the header page', () => 100],
  ])('refuses a truncated library (%s) with db/corrupt naming the backups folder, untouched', (_label, cut) => {
    const dir = libraryDir();
    populatedLibrary(dir);
    const file = path.join(dir, DB_FILE_NAME);
    fs.truncateSync(file, cut(fs.statSync(file).size));
    const before = snapshot(dir);
    const error = openError(dir);
    expect(error.code).toBe('db/corrupt');
    expect(error.message).toContain(backupDirOf(dir));
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a foreign SQLite database (other application_id, user_version > 0) with db/corrupt, untouched', () => {
    const dir = libraryDir();
    const raw = new BetterSqlite3(path.join(dir, DB_FILE_NAME));
    raw.exec("CREATE TABLE moz_places (url TEXT); INSERT INTO moz_places VALUES ('https://example.com/')");
    raw.pragma('application_id = 42');
    raw.pragma('user_version = 7');
    raw.close();
    const before = snapshot(dir);
    const error = openError(dir);
    expect(error.code).toBe('db/corrupt');
    expect(error.message).toMatch(/not a Sourcebook library/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a foreign SQLite database that never set user_version (it has tables of its own)', () => {
    const dir = libraryDir();
    const raw = new BetterSqlite3(path.join(dir, DB_FILE_NAME));
    raw.exec('CREATE TABLE contacts (name TEXT)');
    raw.close();
    const before = snapshot(dir);
    expect(openError(dir).code).toBe('db/corrupt');
    expect(snapshot(dir)).toEqual(before);
  });

  it('tells a library held busy (another process upgrading it) apart from a bug', () => {
    const busy = toOpenError(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }), '/lib/sourcebook.db');
    expect(busy.code).toBe('conflict');
    expect(busy.message).toMatch(/^The library \/lib\/sourcebook\.db is busy: another Sourcebook process .* nothing was changed\.$/);
    expect(toOpenError(new Error('something else'), '/lib/sourcebook.db').code).toBe('internal');
  });

  it('reports db/unwritable when the library folder cannot be created (its parent is a file)', () => {
    const parent = path.join(libraryDir(), 'a-regular-file');
    fs.writeFileSync(parent, 'x');
    const error = openError(path.join(parent, 'library'));
    expect(error.code).toBe('db/unwritable');
    expect(error.message).toMatch(/--library/);
  });

  it.skipIf(process.getuid?.() === 0)('reports db/unwritable for a read-only folder (non-root only: root ignores mode bits)', () => {
    const dir = libraryDir();
    fs.chmodSync(dir, 0o555);
    cleanups.push(() => fs.chmodSync(dir, 0o755));
    expect(openError(dir).code).toBe('db/unwritable');
  });
});
