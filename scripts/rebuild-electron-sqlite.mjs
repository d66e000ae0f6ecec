#!/usr/bin/env node
// `npm run rebuild:electron-sqlite`: compile better-sqlite3 for the installed Electron's ABI into
// native/electron-<abi>-<platform>-<arch>/better_sqlite3.node, which main/db/native-binding.ts loads
// (through better-sqlite3's `nativeBinding` option) when the app runs unpackaged under Electron.
//
// node_modules/better-sqlite3/build is NEVER touched: tests, the CLI and browser mode keep using the
// Node build. The package is copied to a temp folder and node-gyp compiles the copy against
// Electron's headers (downloaded from https://electronjs.org/headers: this step needs internet once;
// node-gyp caches the headers). Same approach as @electron/rebuild, minus its in-place rebuild.
//
// The Electron ABI comes from node_modules/electron/abi_version (shipped by the electron package),
// else from node-abi (installed with better-sqlite3's prebuild-install).
//
// Options (for other targets or a dry run):
//   --electron VERSION   Electron version (default: node_modules/electron/package.json)
//   --abi N              ABI (default: abi_version / node-abi)
//   --arch ARCH          default: process.arch
//   --out DIR            output folder (default: native/electron-<abi>-<platform>-<arch>)
//   --runtime node --target X --nodedir DIR
//                        build against Node headers instead (only to test this script offline)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const HEADERS_URL = process.env.SOURCEBOOK_ELECTRON_HEADERS_URL || 'https://electronjs.org/headers';

class RebuildError extends Error {}

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i += 1) {
    const [key, inline] = argv[i].split('=', 2);
    if (!key.startsWith('--')) throw new RebuildError(`unexpected argument ${argv[i]}`);
    const value = inline ?? argv[(i += 1)];
    if (value === undefined) throw new RebuildError(`${key} needs a value`);
    options[key.slice(2)] = value;
  }
  return options;
}

export function electronVersion(root = ROOT) {
  const file = path.join(root, 'node_modules', 'electron', 'package.json');
  if (!fs.existsSync(file)) throw new RebuildError('the electron package is not installed (run `npm install`).');
  return JSON.parse(fs.readFileSync(file, 'utf8')).version;
}

export function electronAbi(version, root = ROOT) {
  const abiFile = path.join(root, 'node_modules', 'electron', 'abi_version');
  if (fs.existsSync(abiFile)) {
    const abi = fs.readFileSync(abiFile, 'utf8').trim();
    if (/^\d+$/.test(abi)) return abi;
  }
  try {
    return String(require('node-abi').getAbi(version, 'electron'));
  } catch (error) {
    throw new RebuildError(
      `cannot tell Electron ${version}'s ABI: node_modules/electron/abi_version is missing and node-abi does not know it (${error.message}). Pass --abi N.`,
    );
  }
}

/** npm bundles node-gyp; under `npm run`, npm_execpath points at npm-cli.js next to it. */
export function findNodeGyp(env = process.env) {
  const candidates = [];
  if (env.npm_config_node_gyp) candidates.push(env.npm_config_node_gyp);
  if (env.npm_execpath) candidates.push(path.join(path.dirname(env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  try {
    candidates.push(require.resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    /* not a project dependency */
  }
  const npmRoot = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['root', '-g'], { encoding: 'utf8', shell: process.platform === 'win32' });
  if (npmRoot.status === 0) candidates.push(path.join(npmRoot.stdout.trim(), 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  return candidates.find((file) => fs.existsSync(file));
}

/**
 * node-gyp reads npm_config_* from the environment. A machine-wide `nodedir` (this machine has
 * nodedir=/usr) would make it compile against Node's headers and produce a module Electron cannot
 * load, so every npm_config_* that steers headers or targets is removed for the child.
 */
export function cleanEnv(env = process.env) {
  const steering = /^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch|build_from_source|devdir)$/i;
  return Object.fromEntries(Object.entries(env).filter(([key]) => !steering.test(key)));
}

export async function rebuildElectronSqlite(options = {}) {
  const runtime = options.runtime ?? 'electron';
  const version = options.target ?? (runtime === 'electron' ? options.electron ?? electronVersion() : process.versions.node);
  const abi = options.abi ?? (runtime === 'electron' ? electronAbi(version) : process.versions.modules);
  const arch = options.arch ?? process.arch;
  const outDir = path.resolve(options.out ?? path.join(ROOT, 'native', `electron-${abi}-${process.platform}-${arch}`));

  const source = path.dirname(require.resolve('better-sqlite3/package.json'));
  const sqliteVersion = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8')).version;
  const nodeGyp = findNodeGyp();
  if (!nodeGyp) throw new RebuildError('node-gyp was not found (it comes with npm); run this through `npm run rebuild:electron-sqlite`.');

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sourcebook-sqlite-'));
  const copy = path.join(work, 'better-sqlite3');
  try {
    // Copy the package without its Node build (build/) and nested node_modules.
    fs.cpSync(source, copy, {
      recursive: true,
      filter: (file) => {
        const rel = path.relative(source, file).split(path.sep);
        return rel[0] !== 'build' && rel[0] !== 'node_modules';
      },
    });
    const args = [nodeGyp, 'rebuild', '--release', `--target=${version}`, `--arch=${arch}`];
    if (runtime === 'electron') args.push(`--runtime=electron`, `--dist-url=${HEADERS_URL}`);
    else if (options.nodedir) args.push(`--nodedir=${options.nodedir}`);
    console.log(`rebuild: compiling better-sqlite3 ${sqliteVersion} for ${runtime} ${version} (ABI ${abi}, ${process.platform}-${arch}); takes a few minutes...`);
    const result = spawnSync(process.execPath, args, { cwd: copy, env: cleanEnv(), stdio: ['ignore', 'inherit', 'inherit'] });
    if (result.error) throw new RebuildError(`node-gyp could not start: ${result.error.message}`);
    if (result.status !== 0) {
      throw new RebuildError(
        runtime === 'electron'
          ? `node-gyp failed (exit ${result.status}). It needs internet once to download Electron ${version}'s headers from ${HEADERS_URL}, plus a C++ toolchain (python3, make, g++ / Xcode / Visual Studio Build Tools).`
          : `node-gyp failed (exit ${result.status}).`,
      );
    }
    const built = path.join(copy, 'build', 'Release', 'better_sqlite3.node');
    if (!fs.existsSync(built)) throw new RebuildError(`node-gyp finished but ${built} is missing.`);
    fs.mkdirSync(outDir, { recursive: true });
    const target = path.join(outDir, 'better_sqlite3.node');
    // Copy then rename: a running app never sees a half-written module.
    fs.copyFileSync(built, `${target}.tmp`);
    fs.renameSync(`${target}.tmp`, target);
    fs.writeFileSync(
      path.join(outDir, 'build-info.json'),
      `${JSON.stringify({ betterSqlite3: sqliteVersion, runtime, version, abi, platform: process.platform, arch, builtAt: new Date().toISOString() }, null, 2)}\n`,
    );
    return target;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    const target = await rebuildElectronSqlite(parseArgs(process.argv.slice(2)));
    console.log(`rebuild: wrote ${path.relative(process.cwd(), target)} (node_modules/better-sqlite3 untouched)`);
  } catch (error) {
    console.error(`rebuild: could not build better-sqlite3 for Electron: ${error.message}`);
    process.exit(1);
  }
}
