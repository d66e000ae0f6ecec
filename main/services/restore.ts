import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { AppError, isAppError } from '../../shared/errors';
import { BUSY_TIMEOUT_MS, DB_FILE_NAME, backupDirOf, openLibrary } from '../db/open-database';
import { resolveNativeBinding } from '../db/native-binding';
import { copyDatabase } from '../db/online-backup';
import { checkCopy, copyBackup } from './restore-check';
import { SNAPSHOT_DIR } from './snapshots';

/**
 * Restore a library's database from a backup — safely while the app, browser mode or another
 * `sourcebook` command has the library open and writes to it.
 *
 * 1. Copy the backup (SQLite's online backup) into a private folder inside the library and check
 *    that copy: a Sourcebook library, not newer than this app, `integrity_check` ok. What is checked
 *    is exactly what gets restored, so the backup file changing or vanishing meanwhile cannot
 *    matter. The copy is then migrated to this app's schema, so processes that have the library
 *    open keep working on it.
 * 2. Write the copy INTO the live database with SQLite's backup API, as one write transaction:
 *    every other connection sees the old database or the new one whole, never half of it, and keeps
 *    using the same file (nothing is renamed under it, so no write can land in a file set aside).
 * 3. Inside that transaction — the write lock held, nothing committed — copy the current database
 *    aside to `backups/sourcebook-replaced-*.db` (VACUUM INTO: a consistent snapshot). No other
 *    writer can commit between that snapshot and the restore, so every write another process saw
 *    committed is either in the kept copy or was made on top of the restored library.
 * Any failure before the commit rolls the transaction back: the library is exactly as it was.
 *
 * A file that is not a database at all (a garbage header) cannot be open in anyone's app; it is
 * copied aside as it is and replaced by a rename. A missing file is created from the copy.
 */

export type RestoreStep = 'copying' | 'checking' | 'keeping' | 'writing';

export interface RestoreOptions {
  /** Told before each step (the CLI could show progress; tests use it to break things mid-way). */
  onStep?: (step: RestoreStep) => void;
  now?: () => Date;
}

export interface RestoreResult {
  restoredFrom: string;
  /** The library as it was just before the restore, in the backups folder; null when there was none. */
  previousKeptAt: string | null;
  /** The replaced file was damaged, so it was kept byte for byte rather than as a clean copy. */
  previousWasDamaged: boolean;
  /** From a `backup --with-files` folder: how many image and snapshot files the library lacked and got back. */
  filesRestored?: number;
}

/** The folders of files beside the database that `backup --with-files` copies (library-service.ts). */
export const LIBRARY_FILE_FOLDERS = ['assets', SNAPSHOT_DIR] as const;

const WORK_PREFIX = '.restore-';
const STALE_WORK_MS = 60 * 60 * 1000;
const SQLITE_HEADER = 'SQLite format 3\0';
const isCorruption = (error: unknown) => /^SQLITE_(CORRUPT|NOTADB)/.test((error as { code?: string }).code ?? '');

/**
 * `backup` may be a database file or a folder written by `backup --with-files`: then its
 * `sourcebook.db` is restored as above and, once that succeeded, the image and snapshot files it
 * holds that the library lacks are copied in (files are named by content, so one already there is
 * the same file; nothing is overwritten or removed).
 */
export async function restoreLibrary(libraryDir: string, backup: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const given = path.resolve(backup);
  const isFolder = fs.existsSync(given) && fs.statSync(given).isDirectory();
  const result = await restoreDatabase(libraryDir, isFolder ? path.join(given, DB_FILE_NAME) : given, options);
  return isFolder ? { ...result, restoredFrom: given, filesRestored: copyMissingFiles(given, path.resolve(libraryDir)) } : result;
}

async function restoreDatabase(libraryDir: string, backupFile: string, options: RestoreOptions): Promise<RestoreResult> {
  const source = path.resolve(backupFile);
  const dir = path.resolve(libraryDir);
  const target = path.join(dir, DB_FILE_NAME);
  if (!isFile(source)) throw new AppError('not-found', `No backup file at ${source}.`, { path: source });
  refuseOwnFile(source, target);

  let work: string;
  try {
    fs.mkdirSync(dir, { recursive: true });
    removeStaleWork(dir);
    work = fs.mkdtempSync(path.join(dir, WORK_PREFIX));
  } catch (error) {
    throw new AppError('db/unwritable', `Cannot write in the library folder ${dir} (${(error as Error).message}); nothing was changed. Check its permissions and free space.`, { path: dir });
  }
  const copy = path.join(work, DB_FILE_NAME);
  let prepared: Database | null = null;
  try {
    options.onStep?.('copying');
    await copyBackup(source, copy);
    options.onStep?.('checking');
    checkCopy(copy, source);
    prepared = openLibrary(work).db;
    const keptAt = keptPath(dir, options.now?.() ?? new Date());
    const state = liveState(target);
    if (state === 'missing') {
      prepared.close();
      // A WAL left without its database would be replayed into the restored one: set it aside.
      for (const suffix of ['-wal', '-shm']) {
        if (fs.existsSync(target + suffix)) {
          fs.mkdirSync(path.dirname(keptAt), { recursive: true });
          fs.renameSync(target + suffix, keptAt + suffix);
        }
      }
      fs.renameSync(copy, target);
      return { restoredFrom: source, previousKeptAt: null, previousWasDamaged: false };
    }
    if (state === 'sqlite') {
      try {
        return { restoredFrom: source, ...(await writeIntoLive(prepared, target, keptAt, options)) };
      } catch (error) {
        // SQLite could not even read the live file's first page: nobody can be using it either.
        if (!isCorruption(error)) throw error;
      }
    }
    prepared.close();
    replaceDamaged(copy, target, keptAt);
    return { restoredFrom: source, previousKeptAt: keptAt, previousWasDamaged: true };
  } finally {
    if (prepared?.open) prepared.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Restoring the library's own file would copy it onto itself: refuse, with nothing touched. */
function refuseOwnFile(source: string, target: string): void {
  const same = (() => {
    try {
      const a = fs.statSync(source);
      const b = fs.statSync(target);
      return a.dev === b.dev && a.ino === b.ino;
    } catch {
      return false;
    }
  })();
  if (same) {
    throw new AppError(
      'validation',
      `${source} is this library's own database, not a backup of it. Choose a file from ${backupDirOf(path.dirname(target))} (list them with \`sourcebook backups\`).`,
      { path: source },
    );
  }
}

function liveState(target: string): 'missing' | 'sqlite' | 'not-sqlite' {
  let fd: number;
  try {
    fd = fs.openSync(target, 'r');
  } catch {
    return 'missing';
  }
  try {
    const header = Buffer.alloc(16);
    const read = fs.readSync(fd, header, 0, 16, 0);
    // An empty file is an empty database to SQLite (a library being created has one for a moment).
    return read === 0 || (read === 16 && header.toString('latin1') === SQLITE_HEADER) ? 'sqlite' : 'not-sqlite';
  } finally {
    fs.closeSync(fd);
  }
}

interface Kept {
  path: string | null;
  isDamaged: boolean;
}

/**
 * Steps 2 and 3 above: the online backup into the live file, keeping the current one first.
 *
 * Other processes' writes wait for the restore in SQLite's busy handler (15 s; a longer restore of
 * a very large library fails them with a `conflict` they report, never silently). Within this
 * process, better-sqlite3 runs the backup's steps one event-loop turn apart while the lock is held:
 * a write on the app's own connection arriving in that one turn waits the same way, blocking the
 * loop, and fails with `conflict` after the busy timeout; the restore then completes.
 */
async function writeIntoLive(prepared: Database, target: string, keptAt: string, options: RestoreOptions): Promise<Omit<RestoreResult, 'restoredFrom'>> {
  fs.mkdirSync(path.dirname(keptAt), { recursive: true });
  const nativeBinding = resolveNativeBinding();
  const reader = new BetterSqlite3(target, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS, ...(nativeBinding ? { nativeBinding } : {}) });
  const done: { kept: Kept | null } = { kept: null };
  try {
    await copyDatabase(prepared, target, {
      onLocked: () => {
        options.onStep?.('keeping');
        done.kept = keepCurrent(reader, target, keptAt);
        options.onStep?.('writing');
      },
    });
  } catch (error) {
    if (done.kept?.path) removeKept(done.kept.path);
    // Unreadable before anything was kept or written: the caller replaces the damaged file.
    if (!done.kept && isCorruption(error) && isUnreadable(reader)) throw error;
    throw restoreWriteError(error, target);
  } finally {
    reader.close();
  }
  return { previousKeptAt: done.kept?.path ?? null, previousWasDamaged: done.kept?.isDamaged ?? false };
}

/** SQLite cannot read the file's schema: no app can have it open as a library either. */
function isUnreadable(reader: Database): boolean {
  try {
    reader.prepare('SELECT count(*) FROM sqlite_master').get();
    return false;
  } catch (error) {
    return isCorruption(error);
  }
}

/**
 * The current database, copied aside while the restore holds the write lock. VACUUM INTO reads
 * one consistent snapshot (the last commit; no other commit can follow until the restore ends) and
 * runs synchronously, as it must inside better-sqlite3's progress callback. A file SQLite cannot
 * read whole is copied byte for byte instead: damaged, but it is the user's data.
 */
function keepCurrent(reader: Database, target: string, keptAt: string): Kept {
  const partial = `${keptAt}.partial`;
  try {
    if ((reader.pragma('page_count', { simple: true }) as number) === 0) return { path: null, isDamaged: false };
    reader.prepare('VACUUM INTO ?').run(partial);
    fs.renameSync(partial, keptAt);
    return { path: keptAt, isDamaged: false };
  } catch (error) {
    removeQuietly(partial);
    if (!isCorruption(error)) {
      throw new AppError('io/failed', `Could not keep a copy of the current library in ${path.dirname(keptAt)} (${(error as Error).message}), so nothing was restored or changed.`, { path: keptAt });
    }
    copyRaw(target, keptAt);
    return { path: keptAt, isDamaged: true };
  }
}

function restoreWriteError(error: unknown, target: string): AppError {
  if (isAppError(error)) return error;
  const code = (error as { code?: string }).code ?? '';
  const message = (error as Error).message ?? String(error);
  if (code === 'SQLITE_FULL') return new AppError('io/failed', `The disk holding ${target} is full, so the restore was undone; the library is as it was. Free some space and try again.`, { path: target });
  if (code.startsWith('SQLITE_READONLY')) {
    return new AppError('db/unwritable', `${target} cannot be written (${message}); the library is as it was. Check the folder's permissions.`, { path: target });
  }
  return new AppError('io/failed', `Writing the backup into ${target} failed (${message}), so the restore was undone; the library is as it was.`, { path: target });
}

/** The live file is not a database SQLite can open: keep it byte for byte, then put the copy in its place. */
function replaceDamaged(copy: string, target: string, keptAt: string): void {
  fs.mkdirSync(path.dirname(keptAt), { recursive: true });
  copyRaw(target, keptAt);
  // Its WAL and shared-memory files belong to the damaged file: SQLite would replay them into the new one.
  for (const suffix of ['-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
  fs.renameSync(copy, target);
}

function copyRaw(target: string, keptAt: string): void {
  fs.copyFileSync(target, keptAt);
  if (fs.existsSync(`${target}-wal`)) fs.copyFileSync(`${target}-wal`, `${keptAt}-wal`);
}

function removeKept(file: string): void {
  for (const suffix of ['', '-wal']) removeQuietly(file + suffix);
}

/** Tidying up after a failure must not hide the failure itself. */
function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // The folder itself is what failed (not a folder, unreadable): nothing was written there.
  }
}

function keptPath(dir: string, now: Date): string {
  const base = path.join(backupDirOf(dir), `sourcebook-replaced-${now.toISOString().replace(/[:.]/g, '-')}`);
  let file = `${base}.db`;
  for (let n = 2; fs.existsSync(file); n++) file = `${base}-${n}.db`;
  return file;
}

function copyMissingFiles(from: string, dir: string): number {
  let copied = 0;
  for (const folder of LIBRARY_FILE_FOLDERS) {
    const source = path.join(from, folder);
    if (!fs.existsSync(source)) continue;
    for (const entry of fs.readdirSync(source, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath, entry.name);
      const target = path.join(dir, folder, path.relative(source, file));
      if (fs.existsSync(target)) continue;
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(file, target, fs.constants.COPYFILE_EXCL);
      copied += 1;
    }
  }
  return copied;
}

const isFile = (file: string) => {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

/** A restore killed mid-way leaves its private folder behind; clear ones older than an hour. */
function removeStaleWork(dir: string): void {
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(WORK_PREFIX)) continue;
    const file = path.join(dir, name);
    try {
      if (Date.now() - fs.statSync(file).mtimeMs > STALE_WORK_MS) fs.rmSync(file, { recursive: true, force: true });
    } catch {
      // Another process removed it meanwhile.
    }
  }
}
