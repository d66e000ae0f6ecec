import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSourcebook, stderrLines, type CliResult } from '../../../test/helpers/cli';
import { tempDir } from '../../../test/helpers/temp-library';
import { createServices } from '../../composition';

// Each spawn costs about a second (tsx start-up), so independent commands run side by side.
const SLOW = { timeout: 120_000 };
let root: { dir: string; cleanup(): void };
beforeAll(() => {
  root = tempDir('sourcebook-cli-backup-');
});
afterAll(() => root.cleanup());

const ok = (r: CliResult) => {
  expect(r.stderr.split('\n').filter((l) => l.startsWith('error:')), r.stderr).toEqual([]);
  expect(r.code, r.stderr).toBe(0);
  return r;
};

/** A library holding `titles`, written through the services (faster than one spawn per article). */
async function library(name: string, titles: string[]): Promise<string> {
  const dir = path.join(root.dir, name);
  const app = createServices(dir);
  try {
    for (const title of titles) await app.dispatch('articles.create', { title, text: `${title}: the council met on Tuesday.` });
  } finally {
    app.close();
  }
  return dir;
}

describe('backups and restore-backup on a damaged library', () => {
  it('lists and restores without opening the library, and says what it kept', SLOW, async () => {
    const dir = await library('damaged', ['In the backup']);
    const sb = (...args: string[]) => runSourcebook(['--library', dir, ...args]);
    const made = JSON.parse(ok(await sb('backups', 'now', '--json')).stdout) as { created: string };
    const name = path.basename(made.created);
    fs.writeFileSync(path.join(dir, 'sourcebook.db'), 'this is no longer a database');

    const [info, list, listJson] = await Promise.all([sb('info'), sb('backups'), sb('backups', 'list', '--json')]);
    // Opening is refused with guidance, never a reset...
    expect(info.code).toBe(1);
    expect(stderrLines(info)).toEqual([expect.stringMatching(/^error: db\/corrupt: .*restore-backup FILE/)]);
    // ...and the backups are still listed.
    expect(ok(list).stdout).toMatch(new RegExp(`^${name.replace(/\./g, '\\.')}  auto  \\d+ bytes  `, 'm'));
    expect((JSON.parse(ok(listJson).stdout) as { backups: { name: string }[] }).backups.map((b) => b.name)).toEqual([name]);

    const restored = ok(await sb('backups', 'restore', name));
    expect(restored.stdout).toMatch(new RegExp(`^Restored the library from ${name.replace(/\./g, '\\.')}\\. The library as it was is kept as .*sourcebook-replaced-.*\\.db \\(it was damaged\\)\\.`));
    const kept = /kept as (\S+\.db)/.exec(restored.stdout)![1]!;
    expect(fs.readFileSync(kept, 'utf8')).toBe('this is no longer a database');
    const after = JSON.parse(ok(await sb('info', '--json')).stdout) as { counts: { articles: number } };
    expect(after.counts.articles).toBe(1);
  });

  it('restore-backup works on a damaged library too', SLOW, async () => {
    const dir = await library('damaged-2', ['Only one']);
    const backup = path.join(root.dir, 'damaged-2-copy.db');
    ok(await runSourcebook(['--library', dir, 'backup', backup]));
    fs.truncateSync(path.join(dir, 'sourcebook.db'), 100);
    const r = ok(await runSourcebook(['--library', dir, 'restore-backup', backup, '--json']));
    expect(JSON.parse(r.stdout)).toMatchObject({ restoredFrom: backup, previousWasDamaged: true });
    expect((JSON.parse(ok(await runSourcebook(['--library', dir, 'info', '--json'])).stdout) as { counts: { articles: number } }).counts.articles).toBe(1);
  });
});

describe('restore-backup refuses, leaving the library as it was', () => {
  it('the library\'s own file, and a backup that is not there', SLOW, async () => {
    const dir = await library('refuse', ['First', 'Second']);
    const own = path.join(dir, 'sourcebook.db');
    const [self, missing] = await Promise.all([
      runSourcebook(['--library', dir, 'restore-backup', own]),
      runSourcebook(['--library', dir, 'restore-backup', path.join(root.dir, 'no-such-backup.db')]),
    ]);
    expect(self.code).toBe(2);
    expect(stderrLines(self)).toEqual([expect.stringMatching(/^error: validation: .*sourcebook\.db is this library's own database, not a backup of it/)]);
    expect(missing.code).toBe(2);
    expect(stderrLines(missing)).toEqual([expect.stringMatching(/^error: not-found: No backup file at /)]);
    const info = JSON.parse(ok(await runSourcebook(['--library', dir, 'info', '--json'])).stdout) as { counts: { articles: number } };
    expect(info.counts.articles).toBe(2);
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });
});

describe('backup --with-files', () => {
  it('writes a folder with the database, assets/ and snapshots/ that opens as a library and restores whole; plain backup is unchanged', SLOW, async () => {
    const dir = await library('with-files', ['Kept with its image']);
    const image = path.join(dir, 'assets', '0190a1b2-0000-7000-8000-000000000001', '0123456789abcdef0123.png');
    fs.mkdirSync(path.dirname(image), { recursive: true });
    fs.writeFileSync(image, 'not really a png');
    const snapshots = fs.readdirSync(path.join(dir, 'snapshots'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
    expect(snapshots).toBeGreaterThan(0);
    const out = path.join(root.dir, 'with-files-copy');
    const dbOnly = path.join(root.dir, 'db-only.db');

    const [withFiles, plain, help, taken] = await Promise.all([
      runSourcebook(['--library', dir, 'backup', out, '--with-files', '--json']),
      runSourcebook(['--library', dir, 'backup', dbOnly]),
      runSourcebook(['backup', '--help']),
      runSourcebook(['--library', dir, 'backup', dir, '--with-files']),
    ]);
    const r = JSON.parse(ok(withFiles).stdout) as { path: string; bytes: number; files: number };
    expect(r.path).toBe(out);
    expect(r.files).toBe(1 + snapshots);
    expect(fs.readFileSync(path.join(out, 'assets', '0190a1b2-0000-7000-8000-000000000001', '0123456789abcdef0123.png'), 'utf8')).toBe('not really a png');
    expect(fs.existsSync(path.join(out, 'snapshots'))).toBe(true);
    expect(fs.readdirSync(root.dir).filter((n) => n.includes('.partial'))).toEqual([]);
    expect(ok(plain).stdout).toMatch(/^Backed up to .*db-only\.db \(\d+ bytes\)\.\n$/);
    expect(ok(help).stdout).toMatch(/--with-files/);
    expect(help.stdout).toMatch(/Without --with-files the backup is the database only/);
    // A folder given with --with-files gets a dated backup folder inside it.
    expect(ok(taken).stdout).toMatch(/^Backed up the database and \d+ files to .*with-files\/sourcebook-[\dT-]+Z \(\d+ bytes\)\.$/m);

    const copy = JSON.parse(ok(await runSourcebook(['--library', out, 'info', '--json'])).stdout) as { counts: { articles: number } };
    expect(copy.counts.articles).toBe(1);

    // Restoring the folder brings back the database and the files the library lost since.
    fs.rmSync(path.dirname(image), { recursive: true });
    const app = createServices(dir);
    await app.dispatch('articles.create', { title: 'After the backup', text: 'Goes away with the restore.' });
    app.close();
    const restored = ok(await runSourcebook(['--library', dir, 'restore-backup', out]));
    expect(restored.stdout).toMatch(/^Restored .*with-files-copy; the previous file was kept at .*sourcebook-replaced-.*\.db\. Copied back 1 image and snapshot files the library lacked\.$/m);
    expect(fs.readFileSync(image, 'utf8')).toBe('not really a png');
    const info = JSON.parse(ok(await runSourcebook(['--library', dir, 'info', '--json'])).stdout) as { counts: { articles: number } };
    expect(info.counts.articles).toBe(1);
  });
});
