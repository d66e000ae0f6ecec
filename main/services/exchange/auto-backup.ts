import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import type { BackupEntry, BackupRestoreResult } from '../../../shared/api/methods-exchange';
import { backupDirOf } from '../../db/open-database';
import { copyDatabase } from '../../db/online-backup';
import { restoreLibrary, type RestoreOptions } from '../restore';

/**
 * Rolling automatic backups: at most one a day, `backups/auto-YYYY-MM-DD.db` (the local date),
 * written with SQLite's online backup (consistent while the app writes) to a temporary name and
 * renamed into place. Only the newest `keep` are kept; the copies `migrate()` leaves before an
 * upgrade (`sourcebook-before-migration-*.db`) are pruned to the same number. Copies the user made
 * themselves (`sourcebook backup FILE`) are never touched.
 */
export const DEFAULT_KEEP = 7;
const AUTO = /^auto-(\d{4}-\d{2}-\d{2})\.db$/;
const BEFORE_MIGRATION = /^sourcebook-before-migration-.*\.db$/;
const REPLACED = /^sourcebook-replaced-.*\.db$/;
const STALE_PARTIAL_MS = 60 * 60 * 1000;

const localDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export interface DailyBackupResult {
  created: string | null;
  pruned: string[];
}

export async function maybeDailyBackup(libraryDir: string, db: Database, options: { keep?: number; now?: Date } = {}): Promise<DailyBackupResult> {
  const keep = Math.max(1, options.keep ?? DEFAULT_KEEP);
  const now = options.now ?? new Date();
  const dir = backupDirOf(path.resolve(libraryDir));
  fs.mkdirSync(dir, { recursive: true });
  removeStalePartials(dir, now);
  const target = path.join(dir, `auto-${localDay(now)}.db`);
  let created: string | null = null;
  if (!fs.existsSync(target)) {
    // A unique temporary name: the app and a CLI run may both decide to back up at once; either copy is good.
    const partial = `${target}.${process.pid}-${randomBytes(4).toString('hex')}.partial`;
    try {
      await copyDatabase(db, partial);
      fs.renameSync(partial, target);
      created = target;
    } catch (error) {
      fs.rmSync(partial, { force: true });
      throw new AppError('io/failed', `The automatic backup to ${target} failed: ${(error as Error).message}`, { path: target });
    }
  }
  const pruned = [...prune(dir, AUTO, keep, (a, b) => a.name.localeCompare(b.name)), ...prune(dir, BEFORE_MIGRATION, keep, (a, b) => a.mtime - b.mtime || a.name.localeCompare(b.name))];
  return { created, pruned };
}

function removeStalePartials(dir: string, now: Date): void {
  for (const name of fs.readdirSync(dir)) {
    if (!/^auto-.*\.partial$/.test(name)) continue;
    const file = path.join(dir, name);
    try {
      if (now.getTime() - fs.statSync(file).mtimeMs > STALE_PARTIAL_MS) fs.rmSync(file, { force: true });
    } catch {
      // Another process finished or removed it meanwhile.
    }
  }
}

function prune(dir: string, pattern: RegExp, keep: number, order: (a: { name: string; mtime: number }, b: { name: string; mtime: number }) => number): string[] {
  const files = fs
    .readdirSync(dir)
    .filter((name) => pattern.test(name))
    .map((name) => ({ name, mtime: fs.statSync(path.join(dir, name)).mtimeMs }))
    .sort(order);
  const removed: string[] = [];
  for (const f of files.slice(0, Math.max(0, files.length - keep))) {
    const file = path.join(dir, f.name);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    removed.push(file);
  }
  return removed;
}

export function listBackups(libraryDir: string): { dir: string; backups: BackupEntry[] } {
  const dir = backupDirOf(path.resolve(libraryDir));
  if (!fs.existsSync(dir)) return { dir, backups: [] };
  const backups = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.db'))
    .flatMap((name): BackupEntry[] => {
      const file = path.join(dir, name);
      const stat = fs.statSync(file);
      if (!stat.isFile()) return [];
      const kind = AUTO.test(name) ? 'auto' : BEFORE_MIGRATION.test(name) ? 'migration' : REPLACED.test(name) ? 'replaced' : 'other';
      return [{ name, path: file, kind, bytes: stat.size, modifiedAt: stat.mtime.toISOString() }];
    })
    .sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt) || b.name.localeCompare(a.name));
  return { dir, backups };
}

/** A backup named as `listBackups` lists it (a file name in the backups folder), or a path. */
export function resolveBackup(libraryDir: string, name: string): string {
  const isBareName = !name.includes('/') && !name.includes('\\');
  const file = isBareName ? path.join(backupDirOf(path.resolve(libraryDir)), name) : path.resolve(name);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    throw new AppError('not-found', `No backup ${isBareName ? `named ${name} in ${backupDirOf(path.resolve(libraryDir))}` : `at ${file}`}. List them with \`sourcebook backups\`.`, { name });
  }
  return file;
}

/**
 * Replace the library with a backup, by name or path. restore.ts writes it into the open database
 * with SQLite's online backup (keeping the current one in the backups folder first), so this
 * process's connection — and any other process's — goes on working and reads the restored library
 * from its next statement: no restart, no reopening.
 */
export async function restoreFromBackup(libraryDir: string, name: string, options: RestoreOptions = {}): Promise<BackupRestoreResult> {
  const file = resolveBackup(libraryDir, name);
  const result = await restoreLibrary(libraryDir, file, options);
  const kept = result.previousKeptAt ? ` The library as it was is kept as ${result.previousKeptAt}${result.previousWasDamaged ? ' (it was damaged)' : ''}.` : '';
  return {
    restoredFrom: result.restoredFrom,
    previousKeptAt: result.previousKeptAt,
    restartRequired: false,
    message: `Restored the library from ${path.basename(file)}.${kept} Other open Sourcebook windows show the restored library when they next load their lists.`,
  };
}

export interface AutoBackupApp {
  db: Database;
  library: { libraryDir: string };
}

/**
 * Start the daily backup for a running app (Electron or `sourcebook serve`): one check now, then
 * every hour (so a session left open over midnight still gets the new day's backup). Failures are
 * logged, never thrown: a backup problem must not stop the app. Call `stop()` before closing.
 */
export function startAutoBackup(
  app: AutoBackupApp,
  options: { keep?: number; intervalMs?: number; log?: (message: string, error?: unknown) => void } = {},
): { stop(): void; firstRun: Promise<DailyBackupResult | null> } {
  const log = options.log ?? ((message: string, error?: unknown) => console.error(`[sourcebook] ${message}`, error ?? ''));
  let timer: NodeJS.Timeout | null = null;
  const tick = async (): Promise<DailyBackupResult | null> => {
    if (!app.db.open) {
      stop();
      return null;
    }
    try {
      return await maybeDailyBackup(app.library.libraryDir, app.db, { keep: options.keep ?? DEFAULT_KEEP });
    } catch (error) {
      log('automatic backup failed', error);
      return null;
    }
  };
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };
  const firstRun = tick();
  timer = setInterval(() => void tick(), options.intervalMs ?? 60 * 60 * 1000);
  timer.unref();
  return { stop, firstRun };
}
