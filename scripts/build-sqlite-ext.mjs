#!/usr/bin/env node
// Builds the search ranking function (main/sqlite-ext/sourcebook-rank.c, a SQLite loadable
// extension) into native/sqlite-ext/, where main/db/rank-extension.ts loads it. `npm install` runs
// this (postinstall); `npm start` and `npm test` run it again, a no-op when the build was made from
// this very source and SQLite (a stamp beside it records their hash: a modification time would
// rebuild on every start when the source is dated in the future, and miss a checkout of an older one).
//
// Compiled against the SQLite headers better-sqlite3 ships (the SQLite it runs). A plain C shared
// library with no Node or Electron ABI in it: the same file serves the CLI, browser mode and the app.
// Without a C compiler it says so in one line and exits 0: search then ranks with FTS5's own bm25,
// the same order, slower on big libraries.
//
//   node scripts/build-sqlite-ext.mjs [--force] [--quiet]
//   CC=clang node scripts/build-sqlite-ext.mjs
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = path.join(ROOT, 'main', 'sqlite-ext', 'sourcebook-rank.c');
const OUT_DIR = path.join(ROOT, 'native', 'sqlite-ext');
// Keep in step with main/db/rank-extension.ts.
const SUFFIX = { win32: 'dll', darwin: 'dylib' }[process.platform] ?? 'so';
const OUT = path.join(OUT_DIR, `sourcebook-rank.${SUFFIX}`);
const STAMP = `${OUT}.stamp`;
const args = process.argv.slice(2);
const isQuiet = args.includes('--quiet');

function sqliteHeaders() {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('better-sqlite3/package.json')), 'deps', 'sqlite3');
}

/** What the build depends on: the C source and the SQLite headers it is compiled against. */
function fingerprint(include) {
  const hash = crypto.createHash('sha256');
  hash.update(fs.readFileSync(SOURCE));
  for (const header of ['sqlite3.h', 'sqlite3ext.h']) hash.update(fs.readFileSync(path.join(include, header)));
  return hash.digest('hex');
}

function isUpToDate(stamp) {
  try {
    return fs.existsSync(OUT) && fs.readFileSync(STAMP, 'utf8').trim() === stamp;
  } catch {
    return false;
  }
}

function compileCommand(include) {
  if (process.platform === 'win32') {
    // MSVC (a "Developer Command Prompt"); node-gyp needs the same toolchain for better-sqlite3.
    return { command: 'cl', args: ['/nologo', '/O2', '/LD', `/I${include}`, SOURCE, `/Fe:${OUT}`, `/Fo:${OUT_DIR}${path.sep}`] };
  }
  const cc = process.env.CC || 'cc';
  const shared = process.platform === 'darwin' ? ['-dynamiclib'] : ['-shared'];
  return { command: cc, args: ['-O2', '-fPIC', ...shared, '-I', include, SOURCE, '-o', OUT, '-lm'] };
}

function main() {
  let include;
  try {
    include = sqliteHeaders();
  } catch {
    console.warn('sourcebook: better-sqlite3 is not installed yet; the search ranking extension was not built (run npm install).');
    return 0;
  }
  const stamp = fingerprint(include);
  if (!args.includes('--force') && isUpToDate(stamp)) return 0;
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.rmSync(STAMP, { force: true });
  const { command, args: ccArgs } = compileCommand(include);
  const result = spawnSync(command, ccArgs, { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    const why = result.error ? result.error.message : (result.stderr || result.stdout || `exit ${result.status}`).trim().split('\n').slice(0, 3).join(' ');
    console.warn(`sourcebook: could not build the search ranking extension (${command}: ${why}); search will rank with FTS5's bm25, slower on big libraries.`);
    return 0;
  }
  fs.writeFileSync(STAMP, `${stamp}\n`);
  if (!isQuiet) console.log(`sourcebook: built ${path.relative(ROOT, OUT)}`);
  return 0;
}

process.exit(main());
