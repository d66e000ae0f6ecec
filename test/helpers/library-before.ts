import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterEach } from 'vitest';
import { createServices, type App } from '../../main/composition';
import { migrate } from '../../main/db/migrate';
import { MIGRATIONS } from '../../main/db/migrations';
import { DB_FILE_NAME, backupDirOf, configureConnection } from '../../main/db/open-database';
import { tempDir } from './temp-library';

export interface UpgradedLibrary {
  app: App;
  /** Call a method and return its value; fails the test with the error when the Result is not ok. */
  call<T>(method: string, input: unknown): Promise<T>;
}

/**
 * For a migration's test: `const before = useLibraryBefore(170)`, then in a test
 * `before((db) => { ...rows as the older schema held them })` gives a temp library migrated up to
 * just below that version and filled by `fill`, opened as the app opens it (which runs the rest of
 * the migrations). Closed and removed after each test.
 */
export function useLibraryBefore(version: number): (fill: (db: Database) => void) => UpgradedLibrary {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    while (cleanups.length) cleanups.pop()!();
  });
  return (fill) => {
    const { dir, cleanup } = tempDir(`sourcebook-migrate-${version}-`);
    cleanups.push(cleanup);
    const dbPath = path.join(dir, DB_FILE_NAME);
    const db = new BetterSqlite3(dbPath);
    try {
      configureConnection(db);
      migrate(db, { dbPath, backupDir: backupDirOf(dir), migrations: MIGRATIONS.filter((m) => m.version < version) });
      fill(db);
    } finally {
      db.close();
    }
    const app = createServices(dir);
    cleanups.push(() => app.close());
    return {
      app,
      async call<T>(method: string, input: unknown): Promise<T> {
        const r = await app.dispatch(method as never, input as never);
        if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
        return r.value as T;
      },
    };
  };
}
