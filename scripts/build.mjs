#!/usr/bin/env node
// `npm run build`: the renderer (Vite, vite.config.ts -> dist/renderer) and the Electron main +
// preload bundles (scripts/build-electron.mjs -> dist/electron), and the search ranking SQLite
// extension (scripts/build-sqlite-ext.mjs -> native/sqlite-ext). Browser mode serves dist/renderer.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildElectron, ROOT } from './build-electron.mjs';

export async function buildRenderer() {
  const configFile = path.join(ROOT, 'vite.config.ts');
  if (!fs.existsSync(configFile)) throw new Error(`${configFile} is missing: the renderer cannot be built without it.`);
  const { build } = await import('vite');
  // Vite resolves a config's relative `root`/`outDir` against the working directory.
  process.chdir(ROOT);
  await build({ configFile, logLevel: process.env.SOURCEBOOK_BUILD_QUIET ? 'warn' : 'info' });
  return path.join(ROOT, 'dist', 'renderer');
}

/** The search ranking extension (scripts/build-sqlite-ext.mjs; a no-op when up to date, never fails). */
function buildSqliteExtension() {
  spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-sqlite-ext.mjs'), '--quiet'], { stdio: 'inherit' });
}

export async function buildAll() {
  buildSqliteExtension();
  const renderer = await buildRenderer();
  const electron = await buildElectron();
  return { renderer, ...electron };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    await buildAll();
    console.log('build: dist/renderer and dist/electron are ready');
  } catch (error) {
    console.error(`build: failed: ${error.message.split('\n')[0]}`);
    process.exit(1);
  }
}
