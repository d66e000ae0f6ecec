import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { AppError, isAppError } from '../../shared/errors';
import { assertCompatible, migrate, type MigrateResult } from './migrate';
import { resolveNativeBinding } from './native-binding';
import { fillPairsOnWrite } from './phrase-pairs';
import { loadRankExtension } from './rank-extension';
import { BUSY_TIMEOUT_MS } from './read-only';

export const DB_FILE_NAME = 'sourcebook.db';
export { BUSY_TIMEOUT_MS } from './read-only';
const SQLITE_HEADER = 'SQLite format 3\0';

export interface OpenedLibrary {
  db: Database;
  dbPath: string;
  libraryDir: string;
  migration: MigrateResult;
}

export function backupDirOf(libraryDir: string): string {
  return path.join(libraryDir, 'backups');
}

/**
 * Open (creating if needed) the library in `libraryDir`: check the folder is writable and the file
 * really is a SQLite database before SQLite touches it, set the connection pragmas, and migrate.
 * Every failure is an AppError whose message says what to do next; the file is never reset.
 */
export function openLibrary(libraryDir: string): OpenedLibrary {
  const dir = path.resolve(libraryDir);
  ensureWritableDir(dir);
  const dbPath = path.join(dir, DB_FILE_NAME);
  assertNotLost(dir, dbPath);
  assertLooksLikeSqlite(dbPath);

  let db: Database | undefined;
  try {
    const nativeBinding = resolveNativeBinding();
    // The wait applies from the first statement: the header check and `journal_mode = WAL` below
    // already need a lock that a process migrating this library holds (better-sqlite3's default is 5 s).
    db = new BetterSqlite3(dbPath, { timeout: BUSY_TIMEOUT_MS, ...(nativeBinding ? { nativeBinding } : {}) });
    // Before any pragma that writes: a too-new or foreign file must stay byte for byte as it was.
    assertCompatible(db, dbPath);
    configureConnection(db);
    loadRankExtension(db);
    const migration = migrate(db, { dbPath, backupDir: backupDirOf(dir), onUpgrade: (from, to) => tellUpgrade(dbPath, from, to) });
    fillPairsOnWrite(db);
    return { db, dbPath, libraryDir: dir, migration };
  } catch (error) {
    db?.close();
    throw toOpenError(error, dbPath);
  }
}

/**
 * One line on stderr before an upgrade: the command or app start waits for it, up to half a minute
 * for a big library when a step rewrites a table, and should not look hung meanwhile.
 */
function tellUpgrade(dbPath: string, from: number, to: number): void {
  process.stderr.write(`sourcebook: upgrading ${dbPath} from schema ${from} to ${to}, once (a copy goes to backups/ first)…\n`);
}

/** The library connection's SQLite page cache, in KiB. */
const PAGE_CACHE_KIB = 4000;

export function configureConnection(db: Database): void {
  switchToWal(db);
  db.pragma('foreign_keys = ON');
  // Another process (the app and the CLI at once) may hold the write lock briefly; wait, don't fail.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('synchronous = NORMAL');
  // better-sqlite3 builds SQLite with a 16 MB page cache per connection. The operating system
  // caches the same pages, so 4 MB reads as fast: search p95 on the 100k benchmark library and the
  // ingest rate of 20k articles were unchanged within noise, and the searching process kept
  // 8-13 MB less (RSS).
  db.pragma(`cache_size = ${-PAGE_CACHE_KIB}`);
}

/**
 * `journal_mode = WAL` needs the file to itself for a moment, and while another process is switching
 * the same new library SQLite answers BUSY at once, without waiting through the busy handler (seen
 * with three processes creating one library: test/concurrency.test.ts). So: try again, briefly.
 */
function switchToWal(db: Database): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
      Atomics.wait(pause, 0, 0, 10);
    }
  }
}

function ensureWritableDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new AppError('db/unwritable', `Cannot create the library folder ${dir}: ${(error as Error).message}. Choose another folder with --library.`, { path: dir });
  }
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new AppError('db/unwritable', `The library folder ${dir} is not writable. Fix its permissions or choose another folder with --library.`, { path: dir });
  }
}

/**
 * A folder that has held a library (its backups are there) but no longer has its database: the file
 * was moved or deleted. Opening would silently start an empty library in its place; say so instead.
 */
function assertNotLost(dir: string, dbPath: string): void {
  if (fs.existsSync(dbPath)) return;
  let backups: string[] = [];
  try {
    backups = fs.readdirSync(backupDirOf(dir)).filter((name) => name.endsWith('.db'));
  } catch {
    return; // no backups folder: a new library
  }
  if (backups.length === 0) return;
  throw new AppError(
    'db/corrupt',
    `The library folder ${dir} has backups but no ${DB_FILE_NAME}: the database was moved or deleted, and nothing was created in its place. ` +
      `Put the file back, or restore a backup (\`sourcebook backups list --library DIR\`, then \`sourcebook backups restore NAME --library DIR\`), or open another folder with --library.`,
    { path: dbPath, backups: backups.length },
  );
}

function assertLooksLikeSqlite(dbPath: string): void {
  let fd: number;
  try {
    fd = fs.openSync(dbPath, 'r');
  } catch {
    return; // a new library
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (size === 0) return;
    const header = Buffer.alloc(16);
    const read = fs.readSync(fd, header, 0, 16, 0);
    if (read < 16 || header.toString('latin1') !== SQLITE_HEADER) {
      throw corrupt(dbPath, 'it is not a SQLite database (the header is wrong)');
    }
  } finally {
    fs.closeSync(fd);
  }
}

function corrupt(dbPath: string, why: string): AppError {
  const backups = backupDirOf(path.dirname(dbPath));
  return new AppError(
    'db/corrupt',
    `The library file ${dbPath} is damaged: ${why}. It was left untouched. Restore a copy from ${backups} ` +
      '(`sourcebook restore-backup FILE --library DIR`) or open another folder with --library.',
    { path: dbPath, backups },
  );
}

/** What a failure to open (or upgrade) the library tells the user; exported for its test. */
export function toOpenError(error: unknown, dbPath: string): AppError {
  if (isAppError(error)) return error;
  const code = (error as { code?: string }).code ?? '';
  const message = (error as Error).message ?? String(error);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || /malformed|not a database/i.test(message)) {
    return corrupt(dbPath, message);
  }
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') {
    return new AppError('db/unwritable', `Cannot open ${dbPath} for writing (${message}). Check the folder's permissions.`, { path: dbPath });
  }
  if (code === 'SQLITE_FULL') {
    return new AppError('io/failed', `The disk holding ${dbPath} is full. Free some space and try again; nothing was changed.`, { path: dbPath });
  }
  if (code === 'SQLITE_BUSY') {
    // Another process held the write lock past the busy timeout: most likely it is upgrading the
    // library (a table rewrite takes about half a minute at 100k articles), else a long import.
    return new AppError(
      'conflict',
      `The library ${dbPath} is busy: another Sourcebook process has been writing to it for over ${BUSY_TIMEOUT_MS / 1000} s (an upgrade of a big library takes up to a minute, once). Try again when it is done; nothing was changed.`,
      { path: dbPath },
    );
  }
  return new AppError('internal', `Could not open the library ${dbPath}: ${message}`, { path: dbPath });
}
