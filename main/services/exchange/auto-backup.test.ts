import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices } from '../../composition';
import { tempLibrary, type TempLibrary } from '../../../test/helpers/temp-library';
import { maybeDailyBackup, startAutoBackup } from './auto-backup';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function library(): TempLibrary {
  const lib = tempLibrary({ log: () => {} });
  cleanups.push(lib.cleanup);
  return lib;
}
const day = (iso: string) => new Date(`${iso}T12:00:00`);
const backupsOf = (lib: TempLibrary) => path.join(lib.dir, 'backups');
const names = (lib: TempLibrary) => fs.readdirSync(backupsOf(lib)).sort();

describe('rolling daily backups', () => {
  it('makes one backup a day and keeps the newest N, pruning pre-migration copies too but never the user\'s own', async () => {
    const lib = library();
    await lib.ok('articles.create', { title: 'Kept', text: 'An article that must be in every backup.' });
    const first = await maybeDailyBackup(lib.dir, lib.app.db, { keep: 3, now: day('2026-03-01') });
    expect(first.created).toBe(path.join(backupsOf(lib), 'auto-2026-03-01.db'));
    expect((await maybeDailyBackup(lib.dir, lib.app.db, { keep: 3, now: day('2026-03-01') })).created).toBeNull();

    fs.writeFileSync(path.join(backupsOf(lib), 'my-own-copy.db'), 'x');
    for (let v = 1; v <= 5; v++) {
      const file = path.join(backupsOf(lib), `sourcebook-before-migration-v${v * 10}-2026-0${v}-01T00-00-00-000Z.db`);
      fs.writeFileSync(file, 'x');
      fs.utimesSync(file, new Date(2026, v, 1), new Date(2026, v, 1));
    }
    let pruned: string[] = [];
    for (let d = 2; d <= 9; d++) pruned = pruned.concat((await maybeDailyBackup(lib.dir, lib.app.db, { keep: 3, now: day(`2026-03-0${d}`) })).pruned);
    expect(names(lib)).toEqual([
      'auto-2026-03-07.db', 'auto-2026-03-08.db', 'auto-2026-03-09.db', 'my-own-copy.db',
      'sourcebook-before-migration-v30-2026-03-01T00-00-00-000Z.db', 'sourcebook-before-migration-v40-2026-04-01T00-00-00-000Z.db',
      'sourcebook-before-migration-v50-2026-05-01T00-00-00-000Z.db',
    ]);
    expect(pruned.map((p) => path.basename(p)).sort()).toContain('auto-2026-03-01.db');

    // A backup is a whole, openable library.
    const copyDir = path.join(lib.dir, 'opened-copy');
    fs.mkdirSync(copyDir);
    fs.copyFileSync(path.join(backupsOf(lib), 'auto-2026-03-09.db'), path.join(copyDir, 'sourcebook.db'));
    const copy = createServices(copyDir);
    try {
      expect((await copy.services.library.info()).counts.articles).toBe(1);
    } finally {
      copy.close();
    }
  });

  it('startAutoBackup backs up at once and stops cleanly', async () => {
    const lib = library();
    const auto = startAutoBackup(lib.app, { keep: 2, log: () => {} });
    const result = await auto.firstRun;
    auto.stop();
    expect(result?.created).toMatch(/auto-\d{4}-\d{2}-\d{2}\.db$/);
    expect(names(lib).filter((n) => n.startsWith('auto-'))).toHaveLength(1);
  });
});

describe('backup.list and backup.restore', () => {
  it('lists backups by kind and restores one into the open library, keeping the replaced one; no restart', async () => {
    const lib = library();
    const kept = await lib.ok('articles.create', { title: 'Before', text: 'This article existed before the backup.' });
    const auto = await lib.ok('backup.auto', { keep: 7 });
    // Named by the local date of the library's clock (2026-01-01T00:00Z, which is 31 December west of UTC).
    expect(auto.created).toMatch(/auto-(2026-01-01|2025-12-31)\.db$/);
    const name = path.basename(auto.created!);
    await lib.ok('articles.create', { title: 'After', text: 'This article came after the backup and goes away on restore.' });
    const list = await lib.ok('backup.list', {});
    expect(list.backups.map((b) => [b.name, b.kind])).toEqual([[name, 'auto']]);

    const restored = await lib.ok('backup.restore', { name });
    expect(restored).toMatchObject({ restartRequired: false, restoredFrom: path.join(backupsOf(lib), name) });
    expect(restored.message).toMatch(/^Restored the library from auto-.*\.db\. The library as it was is kept as .*sourcebook-replaced-/);
    expect(restored.previousKeptAt).toMatch(/sourcebook-replaced-.*\.db$/);
    // The same connection reads the restored library and goes on writing to it.
    expect((await lib.ok('articles.list', {})).items.map((a) => a.id)).toEqual([kept.id]);
    await lib.ok('articles.create', { title: 'After the restore', text: 'Written by the same app, no restart.' });
    expect((await lib.ok('library.info', {})).counts.articles).toBe(2);
    expect((await lib.ok('backup.list', {})).backups.map((b) => b.kind).sort()).toEqual(['auto', 'replaced']);

    // The replaced library, with the article that came after the backup, is a whole library of its own.
    const copyDir = path.join(lib.dir, 'kept-copy');
    fs.mkdirSync(copyDir);
    fs.copyFileSync(restored.previousKeptAt!, path.join(copyDir, 'sourcebook.db'));
    const copy = createServices(copyDir);
    try {
      expect((await copy.services.library.info()).counts.articles).toBe(2);
    } finally {
      copy.close();
    }
  });

  it('refuses a file that is not a library backup and keeps the library open', async () => {
    const lib = library();
    fs.mkdirSync(backupsOf(lib), { recursive: true });
    fs.writeFileSync(path.join(backupsOf(lib), 'not-a-library.db'), 'plain text');
    const bad = await lib.fail('backup.restore', { name: 'not-a-library.db' });
    expect(['validation', 'db/corrupt']).toContain(bad.code);
    expect((await lib.fail('backup.restore', { name: 'nope.db' })).code).toBe('not-found');
    expect((await lib.ok('library.info', {})).counts.articles).toBe(0);
  });
});
