import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices, type App } from '../composition';
import { APPLICATION_ID, LATEST_SCHEMA_VERSION, migrate } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import { DB_FILE_NAME, backupDirOf, configureConnection } from '../db/open-database';
import { catchUpPairs, hasStalePairs } from '../db/phrase-pairs';
import { tempDir } from '../../test/helpers/temp-library';
import { restoreLibrary, type RestoreStep } from './restore';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function folder(prefix = 'sourcebook-restore-'): string {
  const t = tempDir(prefix);
  cleanups.push(t.cleanup);
  return t.dir;
}
function open(dir: string): App {
  const app = createServices(dir, { log: () => {} });
  cleanups.push(() => app.close());
  return app;
}
async function call<T>(app: App, method: string, input: unknown): Promise<T> {
  const result = await app.dispatch(method, input);
  if (!result.ok) throw Object.assign(new Error(`${method}: ${result.error.code}: ${result.error.message}`), { code: result.error.code });
  return result.value as T;
}
const titles = async (app: App) => (await call<{ items: { title: string }[] }>(app, 'articles.list', { limit: 100 })).items.map((a) => a.title).sort();
const create = (app: App, title: string, text = `${title}: the council met and voted.`) => call(app, 'articles.create', { title, text });
/** The articles whose pair index holds `pair` (migration 0150), by title. */
const titlesWithPair = (app: App, pair: string) =>
  app.db.prepare('SELECT a.title FROM articles_pairs p JOIN articles a ON a.rowid = p.rowid WHERE articles_pairs MATCH ? ORDER BY a.title').pluck().all(`"${pair}"`);
const hash = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const dbOf = (dir: string) => path.join(dir, DB_FILE_NAME);
/** The library folder holds nothing but what it held before (no leftover work folder, no kept copy). */
const entries = (dir: string) => fs.readdirSync(dir).filter((n) => !n.endsWith('-wal') && !n.endsWith('-shm') && n !== 'snapshots').sort();

function rawTitles(file: string): string[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return (db.prepare('SELECT title FROM articles ORDER BY title').pluck().all() as string[]);
  } finally {
    db.close();
  }
}

/** A library with one article ("In the backup") backed up to `backup.db`, then one more ("After the backup"). */
async function libraryWithBackup(): Promise<{ dir: string; app: App; backup: string }> {
  const dir = folder();
  const app = open(dir);
  await create(app, 'In the backup');
  const backup = path.join(folder('sourcebook-backup-'), 'backup.db');
  await app.services.library.backup(backup);
  await create(app, 'After the backup');
  return { dir, app, backup };
}

describe('restoreLibrary, while the library is open', () => {
  it('writes the backup into the open database: the open connection reads it at once and keeps working', async () => {
    const { dir, app, backup } = await libraryWithBackup();
    const steps: RestoreStep[] = [];
    const result = await restoreLibrary(dir, backup, { onStep: (s) => steps.push(s) });

    expect(steps).toEqual(['copying', 'checking', 'keeping', 'writing']);
    expect(result).toMatchObject({ restoredFrom: backup, previousWasDamaged: false });
    expect(result.previousKeptAt).toMatch(new RegExp(`^${backupDirOf(dir)}/sourcebook-replaced-.*\\.db$`));
    // The same connection, never closed or reopened.
    expect(await titles(app)).toEqual(['In the backup']);
    await create(app, 'Written after the restore');
    expect(await titles(app)).toEqual(['In the backup', 'Written after the restore']);
    // The connection still fills the pair index as it writes (its TEMP triggers outlive the restore).
    expect(hasStalePairs(app.db)).toBe(false);
    expect(titlesWithPair(app, 'council_met')).toEqual(['In the backup', 'Written after the restore']);
    expect((await app.services.library.check()).problems).toEqual([]);
    // The library as it was, whole, in the kept copy.
    expect(rawTitles(result.previousKeptAt!)).toEqual(['After the backup', 'In the backup']);
    // Nothing left behind but the kept copy.
    expect(entries(dir)).toEqual(['backups', DB_FILE_NAME]);
  });

  it('waits for another connection\'s write; that write is in the kept copy, not lost', async () => {
    const { dir, app, backup } = await libraryWithBackup();
    const other = new BetterSqlite3(dbOf(dir));
    cleanups.push(() => other.close());
    other.exec("BEGIN IMMEDIATE; UPDATE articles SET title = 'Renamed by another window' WHERE title = 'After the backup'");
    setTimeout(() => other.exec('COMMIT'), 300);
    const result = await restoreLibrary(dir, backup);
    expect(rawTitles(result.previousKeptAt!)).toEqual(['In the backup', 'Renamed by another window']);
    expect(await titles(app)).toEqual(['In the backup']);
  });

  it('an article being added as the restore lands: a clear error, and the article is in the kept copy', async () => {
    const { dir, app, backup } = await libraryWithBackup();
    // The restore commits between the article's own write and the title given with it.
    const update = app.services.articles.update.bind(app.services.articles);
    let keptAt: string | null = null;
    app.services.articles.update = async (input) => {
      keptAt = (await restoreLibrary(dir, backup)).previousKeptAt;
      return update(input);
    };
    const failed = await app.dispatch('articles.create', { title: 'Added during the restore', text: 'The ferry timetable changed again.' });
    expect(failed).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/^The library was replaced by a backup while this article was being saved/) } });
    expect(await titles(app)).toEqual(['In the backup']);
    expect(rawTitles(keptAt!)).toContain('Added during the restore');
  });

  it('migrates an older backup first, so the open app keeps working on the restored library', async () => {
    const dir = folder();
    const app = open(dir);
    await create(app, 'Current');
    const old = path.join(folder('sourcebook-old-'), 'old.db');
    const db = new BetterSqlite3(old);
    configureConnection(db);
    migrate(db, { dbPath: old, backupDir: path.join(path.dirname(old), 'backups'), migrations: [MIGRATIONS[0]!] });
    const now = '2025-06-01T10:00:00.000Z';
    db.prepare(`INSERT INTO articles (id, title, html, text, word_count, content_hash, clipped_at, created_at, updated_at) VALUES ('0190a1b2-0000-7000-8000-000000000001', 'From an old version', '<p>Old.</p>', 'Old.', 1, 'h', ?, ?, ?)`).run(now, now, now);
    db.close();

    await restoreLibrary(dir, old);
    expect(app.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(await titles(app)).toEqual(['From an old version']);
    await create(app, 'New after restore');
    expect((await app.services.library.check()).problems).toEqual([]);
    // The old article waits for its pairs (migration 0150 marked it) until the catch-up fills them.
    expect(titlesWithPair(app, 'new_after')).toEqual(['New after restore']);
    expect(titlesWithPair(app, 'from_an')).toEqual([]);
    expect(catchUpPairs(app.db, 100)).toBe(1);
    expect(hasStalePairs(app.db)).toBe(false);
    expect(titlesWithPair(app, 'from_an')).toEqual(['From an old version']);
  });
});

describe('restoreLibrary refuses, touching nothing', () => {
  it('refuses the library\'s own database file, however it is spelled', async () => {
    const { dir, app } = await libraryWithBackup();
    app.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = hash(dbOf(dir));
    const hardLink = path.join(folder(), 'hard-link.db');
    fs.linkSync(dbOf(dir), hardLink);
    const symlink = path.join(folder(), 'symlink.db');
    fs.symlinkSync(dbOf(dir), symlink);
    for (const spelling of [dbOf(dir), path.join(dir, '.', DB_FILE_NAME), path.join(dir, '..', path.basename(dir), DB_FILE_NAME), hardLink, symlink]) {
      await expect(restoreLibrary(dir, spelling)).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/own database/) });
    }
    expect(hash(dbOf(dir))).toBe(before);
    expect(entries(dir)).toEqual([DB_FILE_NAME]);
    expect(await titles(app)).toEqual(['After the backup', 'In the backup']);
  });

  it('refuses what is not a sound Sourcebook library of this version', async () => {
    const { dir, app } = await libraryWithBackup();
    const other = folder('sourcebook-bad-');
    const text = path.join(other, 'text.db');
    fs.writeFileSync(text, 'plain text, not a database');
    const foreign = path.join(other, 'foreign.db');
    new BetterSqlite3(foreign).exec('CREATE TABLE t (x)').close();
    const tooNew = path.join(other, 'too-new.db');
    const raw = new BetterSqlite3(tooNew);
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();
    // A real backup with a damaged page: its integrity check fails.
    const damaged = path.join(other, 'damaged.db');
    await app.services.library.backup(damaged);
    const fd = fs.openSync(damaged, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0xab), 0, 4096, 4096 * 3);
    fs.closeSync(fd);

    await expect(restoreLibrary(dir, text)).rejects.toMatchObject({ code: 'db/corrupt' });
    await expect(restoreLibrary(dir, foreign)).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/not a Sourcebook library backup/) });
    await expect(restoreLibrary(dir, tooNew)).rejects.toMatchObject({ code: 'db/too-new' });
    await expect(restoreLibrary(dir, damaged)).rejects.toMatchObject({ code: 'db/corrupt', message: expect.stringMatching(/damaged/) });
    await expect(restoreLibrary(dir, path.join(other, 'missing.db'))).rejects.toMatchObject({ code: 'not-found' });
    expect(entries(dir)).toEqual([DB_FILE_NAME]);
    expect(await titles(app)).toEqual(['After the backup', 'In the backup']);
  });
});

describe('restoreLibrary failing mid-way leaves the library as it was', () => {
  it('the backup vanishes or is cut short while it is being copied', async () => {
    const { dir, app, backup } = await libraryWithBackup();
    const cut = `${backup}.cut`;
    fs.copyFileSync(backup, cut);
    await expect(restoreLibrary(dir, backup, { onStep: (s) => s === 'copying' && fs.rmSync(backup) })).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/disappeared/) });
    await expect(restoreLibrary(dir, cut, { onStep: (s) => s === 'copying' && fs.truncateSync(cut, 4096 * 2) })).rejects.toMatchObject({ code: 'db/corrupt' });
    expect(entries(dir)).toEqual([DB_FILE_NAME]);
    expect(await titles(app)).toEqual(['After the backup', 'In the backup']);
    await create(app, 'Still writable');
  });

  it('the current library cannot be kept aside (backups folder unwritable): undone under the lock, nothing lost', async () => {
    const { dir, app, backup } = await libraryWithBackup();
    const sabotage = (step: RestoreStep) => {
      if (step !== 'keeping') return;
      fs.rmSync(backupDirOf(dir), { recursive: true, force: true });
      fs.writeFileSync(backupDirOf(dir), 'a file where the backups folder should be');
    };
    await expect(restoreLibrary(dir, backup, { onStep: sabotage })).rejects.toMatchObject({ code: 'io/failed', message: expect.stringMatching(/nothing was restored/) });
    expect(await titles(app)).toEqual(['After the backup', 'In the backup']);
    // The restore's write lock is gone: the library takes writes again at once.
    await create(app, 'Still writable');
    expect((await app.services.library.check()).problems).toEqual([]);
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('.restore-'))).toEqual([]);
  });
});

describe('restoreLibrary onto a damaged or missing library', () => {
  it('keeps a file that is not a database byte for byte, then replaces it', async () => {
    const { dir, app, backup } = await libraryWithBackup();
    app.close();
    fs.writeFileSync(dbOf(dir), 'garbage where the library was');
    fs.writeFileSync(`${dbOf(dir)}-wal`, 'a stale WAL');
    const result = await restoreLibrary(dir, backup);
    expect(result.previousWasDamaged).toBe(true);
    expect(fs.readFileSync(result.previousKeptAt!, 'utf8')).toBe('garbage where the library was');
    expect(fs.readFileSync(`${result.previousKeptAt!}-wal`, 'utf8')).toBe('a stale WAL');
    expect(fs.existsSync(`${dbOf(dir)}-wal`)).toBe(false);
    expect(await titles(open(dir))).toEqual(['In the backup']);
  });

  it('keeps a truncated database as it is and restores over it in place', async () => {
    const dir = folder();
    const app = open(dir);
    for (let i = 0; i < 40; i++) await create(app, `Article ${i}`, `Paragraph ${i}. `.repeat(400));
    const backup = path.join(folder('sourcebook-backup-'), 'backup.db');
    const small = open(folder());
    await create(small, 'In the backup');
    await small.services.library.backup(backup);
    app.close();
    const size = fs.statSync(dbOf(dir)).size;
    fs.truncateSync(dbOf(dir), Math.floor(size / 2 / 4096) * 4096);

    const result = await restoreLibrary(dir, backup);
    expect(result.previousWasDamaged).toBe(true);
    expect(fs.statSync(result.previousKeptAt!).size).toBe(Math.floor(size / 2 / 4096) * 4096);
    const reopened = open(dir);
    expect(await titles(reopened)).toEqual(['In the backup']);
    expect((await reopened.services.library.check()).problems).toEqual([]);
  });

  it('creates a missing library file from the backup, keeping nothing', async () => {
    const { backup } = await libraryWithBackup();
    const dir = path.join(folder(), 'new-library');
    const result = await restoreLibrary(dir, backup);
    expect(result.previousKeptAt).toBeNull();
    expect(await titles(open(dir))).toEqual(['In the backup']);
  });
});
