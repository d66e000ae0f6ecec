import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '..');
const SUFFIX = { win32: 'dll', darwin: 'dylib' }[process.platform as string] ?? 'so';
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of the script and the C source in a project of their own (its node_modules: the repo's), so builds there leave the repo's extension alone. */
function project() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-ext-build-'));
  dirs.push(root);
  for (const file of ['scripts/build-sqlite-ext.mjs', 'main/sqlite-ext/sourcebook-rank.c']) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.copyFileSync(path.join(REPO, file), path.join(root, file));
  }
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const source = path.join(root, 'main/sqlite-ext/sourcebook-rank.c');
  const built = path.join(root, 'native/sqlite-ext', `sourcebook-rank.${SUFFIX}`);
  const build = () => execFileSync(process.execPath, [path.join(root, 'scripts/build-sqlite-ext.mjs')], { encoding: 'utf8' }).trim();
  return { source, built, build };
}

const hasCompiler = (() => {
  try {
    execFileSync(process.env.CC || 'cc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasCompiler)('build-sqlite-ext (needs a C compiler)', () => {
  it('builds once, then only when the source changes, whatever its date says', () => {
    const p = project();
    expect(p.build()).toBe(`sourcebook: built native/sqlite-ext/sourcebook-rank.${SUFFIX}`);
    const db = new BetterSqlite3(':memory:');
    try {
      db.loadExtension(p.built);
      expect(db.prepare('SELECT sourcebook_size_cache()').pluck().get()).toBeTypeOf('number');
    } finally {
      db.close();
    }
    expect(p.build()).toBe('');

    // Dated tomorrow (a clock set wrong, an archive from elsewhere): the same text, no rebuild.
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    fs.utimesSync(p.source, tomorrow, tomorrow);
    expect(p.build()).toBe('');
    // An older file put back (a checkout): changed text under an old date is built.
    fs.appendFileSync(p.source, '\n/* edited */\n');
    const lastYear = new Date(Date.now() - 365 * 24 * 3600_000);
    fs.utimesSync(p.source, lastYear, lastYear);
    expect(p.build()).toMatch(/^sourcebook: built /);
    expect(p.build()).toBe('');
  });
});
