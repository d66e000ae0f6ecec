import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { MIGRATIONS, LATEST_SCHEMA_VERSION } from './migrations';
import type { Migration } from './migrations/migration';

/** Marks a SQLite file as a Sourcebook library ('SBK1'), so a foreign database is not mistaken for one. */
export const APPLICATION_ID = 0x53424b31;

export interface MigrateResult {
  from: number;
  to: number;
  /** Where the pre-migration copy was written, when an existing library was upgraded. */
  backupPath: string | null;
}

/**
 * Bring the schema up to date. Refuses a library written by a newer app (`db/too-new`), copies an
 * existing library aside before changing it, and runs every pending step plus `user_version` in one
 * transaction, so a failure leaves the file exactly as it was.
 */
export function migrate(
  db: Database,
  options: { dbPath: string; backupDir: string; migrations?: readonly Migration[] },
): MigrateResult {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const from = assertCompatible(db, options.dbPath, latest);
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from, backupPath: null };

  let backupPath: string | null = null;
  if (from > 0) backupPath = copyAside(db, options.dbPath, options.backupDir, from);

  const runAll = db.transaction((): number => {
    // Another process (the app and the CLI opening a new library together) may have migrated
    // between the read above and this write lock: look again, and run only what is still missing.
    const current = assertCompatible(db, options.dbPath, latest);
    const steps = migrations.filter((m) => m.version > current);
    if (steps.length === 0) return current;
    for (const step of steps) step.up(db);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${latest}`);
    return current;
  });
  return { from: runAll.immediate(), to: latest, backupPath };
}

/**
 * Refuse a foreign database (`db/corrupt`) or a library written by a newer app (`db/too-new`), and
 * return the file's schema version. Only reads the header, so openLibrary calls it before setting
 * any pragma that would write to the file (journal_mode = WAL changes the header of a rollback-mode
 * file): a refused file must be left byte for byte as it was.
 */
export function assertCompatible(db: Database, dbPath: string, latest: number = LATEST_SCHEMA_VERSION): number {
  const from = db.pragma('user_version', { simple: true }) as number;
  const appId = db.pragma('application_id', { simple: true }) as number;

  // A fresh file has neither a version nor tables; anything else without our id belongs to another program.
  const isForeign =
    appId !== APPLICATION_ID &&
    (from > 0 || appId !== 0 || db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").get() !== undefined);
  if (isForeign) {
    throw new AppError(
      'db/corrupt',
      `${dbPath} is a SQLite database but not a Sourcebook library; point --library at another folder.`,
      { path: dbPath },
    );
  }
  if (from > latest) {
    throw new AppError(
      'db/too-new',
      `This library was written by a newer Sourcebook (schema ${from}; this app knows up to ${latest}). ` +
        'Update Sourcebook to open it; the file was not changed.',
      { path: dbPath, schemaVersion: from, supportedVersion: latest },
    );
  }
  return from;
}

/** A consistent copy of the library before an upgrade: checkpoint the WAL, then copy the file. */
function copyAside(db: Database, dbPath: string, backupDir: string, fromVersion: number): string {
  fs.mkdirSync(backupDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = path.join(backupDir, `sourcebook-before-migration-v${fromVersion}-${stamp}.db`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  // VACUUM INTO writes a transactionally consistent copy even if another process holds the file.
  db.prepare('VACUUM INTO ?').run(target);
  return target;
}

export { LATEST_SCHEMA_VERSION };
