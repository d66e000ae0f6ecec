import BetterSqlite3, { type Database } from 'better-sqlite3';
import { resolveNativeBinding } from './native-binding';

/**
 * How long a connection waits for another process's lock (the app and the CLI at once, or several
 * processes creating one new library while the first one migrates it) before SQLITE_BUSY.
 */
export const BUSY_TIMEOUT_MS = 15_000;

/**
 * A read-only connection to a library file (a backup being checked, the search worker's). Kept
 * apart from open-database.ts, which brings every migration with it.
 */
export function openReadOnly(file: string): Database {
  return new BetterSqlite3(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS, ...nativeBindingOption() });
}

/** A private in-memory database, for scratch work that must not count as a change to the library (search's stemmer). */
export function openScratch(): Database {
  return new BetterSqlite3(':memory:', nativeBindingOption());
}

function nativeBindingOption(): { nativeBinding?: string } {
  const nativeBinding = resolveNativeBinding();
  return nativeBinding ? { nativeBinding } : {};
}
