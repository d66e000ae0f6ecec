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
  options: {
    dbPath: string;
    backupDir: string;
    migrations?: readonly Migration[];
    /** Told before an existing library is copied and upgraded (which can take a while on a big one). */
    onUpgrade?: (from: number, to: number) => void;
  },
): MigrateResult {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const from = assertCompatible(db, options.dbPath, latest);
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from, backupPath: null };

  let backupPath: string | null = null;
  if (from > 0) {
    options.onUpgrade?.(from, latest);
    backupPath = copyAside(db, options.dbPath, options.backupDir, from);
  }

  // Can only change outside a transaction, so for every step of this run, not just the one that needs it.
  const keysWereEnforced = db.pragma('foreign_keys', { simple: true }) === 1;
  const suspendKeys = keysWereEnforced && pending.some((m) => m.rewritesReferencedTable);
  const runAll = db.transaction((): number => {
    // Another process (the app and the CLI opening a new library together) may have migrated
    // between the read above and this write lock: look again, and run only what is still missing.
    const current = assertCompatible(db, options.dbPath, latest);
    const steps = migrations.filter((m) => m.version > current);
    if (steps.length === 0) return current;
    const brokenBefore = suspendKeys ? foreignKeyViolations(db) : null;
    for (const step of steps) step.up(db);
    if (brokenBefore) assertNoNewViolations(db, options.dbPath, brokenBefore);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${latest}`);
    return current;
  });
  if (suspendKeys) db.pragma('foreign_keys = OFF');
  try {
    return { from: runAll.immediate(), to: latest, backupPath };
  } finally {
    if (suspendKeys) db.pragma('foreign_keys = ON');
  }
}

/** Each row that points at a missing row, as `table rowid → parent (key n)`. */
function foreignKeyViolations(db: Database): Set<string> {
  const rows = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string; fkid: number }[];
  return new Set(rows.map((r) => `${r.table} ${r.rowid} → ${r.parent} (key ${r.fkid})`));
}

/**
 * What enforcement would have refused while it was off rolls the upgrade back. Rows that pointed at
 * missing rows before (`sourcebook check` reports them) do not keep the library from opening.
 */
function assertNoNewViolations(db: Database, dbPath: string, before: Set<string>): void {
  const added = [...foreignKeyViolations(db)].filter((v) => !before.has(v));
  if (added.length === 0) return;
  throw new AppError(
    'db/corrupt',
    `Upgrading ${dbPath} would leave ${added.length} row(s) pointing at missing rows (first: ${added[0]}); the file was not changed.`,
    { path: dbPath, violations: added.length },
  );
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
