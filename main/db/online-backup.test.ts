import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/temp-library';
import { copyDatabase } from './online-backup';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function walDb(file: string, rows: string[]) {
  const db = new BetterSqlite3(file);
  cleanups.push(() => db.open && db.close());
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE IF NOT EXISTS t (x TEXT)');
  for (const r of rows) db.prepare('INSERT INTO t VALUES (?)').run(r);
  return db;
}

describe('copyDatabase', () => {
  it('waits for a writer instead of "finishing" with nothing copied, as a bare db.backup does', async () => {
    const t = tempDir('sourcebook-online-');
    cleanups.push(t.cleanup);
    const live = walDb(path.join(t.dir, 'live.db'), ['old']);
    const source = walDb(path.join(t.dir, 'source.db'), ['restored']);
    const writer = new BetterSqlite3(path.join(t.dir, 'live.db'));
    cleanups.push(() => writer.close());
    writer.exec("BEGIN IMMEDIATE; INSERT INTO t VALUES ('pending')");

    // The better-sqlite3 behaviour the helper exists for: BUSY on the first step resolves at once.
    expect(await source.backup(path.join(t.dir, 'live.db'))).toEqual({ totalPages: 0, remainingPages: 0 });
    expect(live.prepare('SELECT x FROM t').pluck().all()).toEqual(['old']);

    setTimeout(() => writer.exec('COMMIT'), 200);
    let seenAtLock: string[] = [];
    const copied = copyDatabase(source, path.join(t.dir, 'live.db'), {
      // Inside the copy's write transaction: the writer's commit is there, nothing of the copy yet.
      onLocked: () => (seenAtLock = live.prepare('SELECT x FROM t').pluck().all() as string[]),
    });
    expect((await copied).pages).toBeGreaterThan(0);
    expect(seenAtLock).toEqual(['old', 'pending']);
    expect(live.prepare('SELECT x FROM t').pluck().all()).toEqual(['restored']);
  });

  it('gives up with a conflict, copying nothing, when the lock is never released', async () => {
    const t = tempDir('sourcebook-online-');
    cleanups.push(t.cleanup);
    const live = walDb(path.join(t.dir, 'live.db'), ['old']);
    const source = walDb(path.join(t.dir, 'source.db'), ['restored']);
    const writer = new BetterSqlite3(path.join(t.dir, 'live.db'));
    cleanups.push(() => writer.close());
    writer.exec('BEGIN IMMEDIATE');
    await expect(copyDatabase(source, path.join(t.dir, 'live.db'), { waitMs: 150 })).rejects.toMatchObject({ code: 'conflict' });
    writer.exec('ROLLBACK');
    expect(live.prepare('SELECT x FROM t').pluck().all()).toEqual(['old']);
  });

  it('rolls the destination back when the locked callback throws', async () => {
    const t = tempDir('sourcebook-online-');
    cleanups.push(t.cleanup);
    const live = walDb(path.join(t.dir, 'live.db'), ['old']);
    const source = walDb(path.join(t.dir, 'source.db'), ['restored']);
    await expect(copyDatabase(source, path.join(t.dir, 'live.db'), { onLocked: () => { throw new Error('stop here'); } })).rejects.toThrow('stop here');
    expect(live.prepare('SELECT x FROM t').pluck().all()).toEqual(['old']);
    live.prepare('INSERT INTO t VALUES (?)').run('still writable');
    expect(live.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
