import type { Database } from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';

/** What every service needs: the connection, the library folder, a clock and an id source. */
export interface ServiceContext {
  db: Database;
  libraryDir: string;
  dbPath: string;
  now(): string;
  newId(): string;
  /** Runs `fn` in one write transaction (BEGIN IMMEDIATE, so a busy writer waits instead of failing). */
  write<T>(fn: () => T): T;
}

export function createServiceContext(db: Database, libraryDir: string, dbPath: string, clock?: () => Date): ServiceContext {
  const now = clock ? () => clock().toISOString() : () => new Date().toISOString();
  return {
    db,
    libraryDir,
    dbPath,
    now,
    newId: () => uuidv7(),
    write: <T>(fn: () => T): T => db.transaction(fn).immediate(),
  };
}
