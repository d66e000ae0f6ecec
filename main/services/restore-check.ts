import fs from 'node:fs';
import type { Database } from 'better-sqlite3';
import { AppError, isAppError } from '../../shared/errors';
import { APPLICATION_ID, LATEST_SCHEMA_VERSION } from '../db/migrate';
import { openReadOnly } from '../db/read-only';
import { copyDatabase } from '../db/online-backup';

/**
 * The first step of a restore (restore.ts): take our own copy of a backup and check that copy —
 * what is checked is then exactly what gets restored. Every refusal names the user's file and
 * says nothing was changed.
 */

/** Our own consistent copy of the backup (it may itself be a library in use, with a WAL). */
export async function copyBackup(source: string, copy: string): Promise<void> {
  let db: Database | undefined;
  try {
    db = openReadOnly(source);
    assertOurs(db, source);
    await copyDatabase(db, copy);
  } catch (error) {
    throw asBackupError(error, source);
  } finally {
    db?.close();
  }
}

export function checkCopy(copy: string, source: string): void {
  let db: Database | undefined;
  try {
    db = openReadOnly(copy);
    assertOurs(db, source);
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    if (problems.length > 0) {
      throw new AppError('db/corrupt', `The backup ${source} is damaged (${problems.slice(0, 3).join('; ')}); choose another one. Nothing was changed.`, { path: source });
    }
  } catch (error) {
    // Our copy is read here, not the user's file: whether that still exists does not matter.
    throw asBackupError(error, source, false);
  } finally {
    db?.close();
  }
}

function assertOurs(db: Database, source: string): void {
  if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) {
    throw new AppError('validation', `${source} is not a Sourcebook library backup. Nothing was changed.`, { path: source });
  }
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > LATEST_SCHEMA_VERSION) {
    throw new AppError('db/too-new', `The backup ${source} was written by a newer Sourcebook (schema ${version}; this app knows up to ${LATEST_SCHEMA_VERSION}). Update Sourcebook to restore it. Nothing was changed.`, {
      path: source, schemaVersion: version, supportedVersion: LATEST_SCHEMA_VERSION,
    });
  }
}

function asBackupError(error: unknown, source: string, mayHaveVanished = true): AppError {
  if (isAppError(error)) return error;
  if (mayHaveVanished && !fs.existsSync(source)) return new AppError('not-found', `The backup ${source} disappeared while it was being read. Nothing was changed.`, { path: source });
  return new AppError('db/corrupt', `The backup ${source} cannot be read as a library (${(error as Error).message}); choose another one. Nothing was changed.`, { path: source });
}

