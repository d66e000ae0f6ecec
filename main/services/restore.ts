import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { APPLICATION_ID } from '../db/migrate';
import { DB_FILE_NAME, backupDirOf } from '../db/open-database';
import { resolveNativeBinding } from '../db/native-binding';

/**
 * Replace the library's database with a backup. The backup is checked first (a Sourcebook library
 * that passes SQLite's integrity check); the current file, with its WAL, is moved aside into the
 * backups folder rather than deleted. Run it while the app is closed.
 */
export async function restoreLibrary(libraryDir: string, backupFile: string): Promise<{ restoredFrom: string; previousKeptAt: string | null }> {
  const source = path.resolve(backupFile);
  if (!fs.existsSync(source)) throw new AppError('not-found', `No backup file at ${source}.`, { path: source });
  verifyBackup(source);
  const dir = path.resolve(libraryDir);
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, DB_FILE_NAME);
  let previousKeptAt: string | null = null;
  if (fs.existsSync(target)) {
    const keep = backupDirOf(dir);
    fs.mkdirSync(keep, { recursive: true });
    previousKeptAt = path.join(keep, `sourcebook-replaced-${new Date().toISOString().replace(/[:.]/g, '-')}.db`);
    fs.renameSync(target, previousKeptAt);
    for (const suffix of ['-wal', '-shm']) {
      if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, previousKeptAt + suffix);
    }
  }
  // Copy to a temporary name first so a crash never leaves a half-written library file.
  const partial = `${target}.restoring`;
  fs.copyFileSync(source, partial);
  fs.renameSync(partial, target);
  return { restoredFrom: source, previousKeptAt };
}

function verifyBackup(file: string): void {
  let db: BetterSqlite3.Database | undefined;
  try {
    const nativeBinding = resolveNativeBinding();
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const appId = db.pragma('application_id', { simple: true });
    if (appId !== APPLICATION_ID) throw new AppError('validation', `${file} is not a Sourcebook library backup.`, { path: file });
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new AppError('db/corrupt', `The backup ${file} is damaged (${String(check)}); choose another one.`, { path: file });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('db/corrupt', `The backup ${file} cannot be read as a library: ${(error as Error).message}`, { path: file });
  } finally {
    db?.close();
  }
}
