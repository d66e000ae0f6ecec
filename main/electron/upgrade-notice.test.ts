import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import { DB_FILE_NAME, backupDirOf, configureConnection } from '../db/open-database';
import { tempDir } from '../../test/helpers/temp-library';
import { slowUpgradeAhead, upgradeNoticeHtml } from './upgrade-notice';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** A library folder whose database has the migrations below `version` (all of them if none). */
function libraryAt(version?: number): string {
  const { dir, cleanup } = tempDir('sourcebook-upgrade-notice-');
  cleanups.push(cleanup);
  const dbPath = path.join(dir, DB_FILE_NAME);
  const db = new BetterSqlite3(dbPath);
  try {
    configureConnection(db);
    migrate(db, { dbPath, backupDir: backupDirOf(dir), migrations: version === undefined ? MIGRATIONS : MIGRATIONS.filter((m) => m.version < version) });
  } finally {
    db.close();
  }
  return dir;
}

const latest = MIGRATIONS[MIGRATIONS.length - 1]!.version;

describe('slowUpgradeAhead', () => {
  it('is due for a big library whose upgrade rewrites a table (0180), from its version to the latest', () => {
    const dir = libraryAt(180);
    expect(slowUpgradeAhead(dir, MIGRATIONS, 1)).toEqual({ from: 170, to: latest, megabytes: expect.any(Number) });
  });

  it('is not due for a small library, a current one, one whose pending steps rewrite nothing, or no library', () => {
    expect(slowUpgradeAhead(libraryAt(180))).toBeNull(); // a few hundred KB: over in a moment
    expect(slowUpgradeAhead(libraryAt(), MIGRATIONS, 1)).toBeNull();
    expect(slowUpgradeAhead(libraryAt(190), MIGRATIONS, 1)).toBeNull(); // only 0190 (an index) to come
    const { dir, cleanup } = tempDir('sourcebook-upgrade-notice-');
    cleanups.push(cleanup);
    expect(slowUpgradeAhead(path.join(dir, 'none'), MIGRATIONS, 1)).toBeNull();
  });

  it('leaves a file that is not a database to the opening that reports it', () => {
    const { dir, cleanup } = tempDir('sourcebook-upgrade-notice-');
    cleanups.push(cleanup);
    fs.writeFileSync(path.join(dir, DB_FILE_NAME), 'not a database');
    expect(slowUpgradeAhead(dir, MIGRATIONS, 1)).toBeNull();
    expect(fs.readFileSync(path.join(dir, DB_FILE_NAME), 'utf8')).toBe('not a database');
  });
});

describe('upgradeNoticeHtml', () => {
  it('says what is happening, to screen readers too, with no script and nothing loaded', () => {
    const html = upgradeNoticeHtml({ from: 170, to: latest, megabytes: 2800 });
    expect(html).toContain('role="status"');
    expect(html).toContain('Upgrading your library');
    expect(html).toContain('(2.8 GB)');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|src=|href=/i);
    expect(upgradeNoticeHtml({ from: 170, to: latest, megabytes: 320 })).toContain('(320 MB)');
  });
});
