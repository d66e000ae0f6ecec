#!/usr/bin/env node
// Bundle the Electron main process and preload with esbuild (`npm run build:electron`).
//
//   dist/electron/main.mjs     ESM, platform node. Every runtime `dependencies` entry of package.json
//                              stays external: better-sqlite3 (native .node), jsdom (resolves worker
//                              and data files at run time) must; the rest ship in node_modules of the
//                              package anyway (electron-builder copies production dependencies), so
//                              bundling them would only store them twice.
//   dist/electron/search-worker.mjs
//                              The search worker thread (main/services/search/search-thread.ts finds
//                              it beside main.mjs), built like main.mjs.
//   dist/electron/exchange-worker.mjs
//                              The thread big exports and imports run on (main/services/exchange/
//                              exchange-jobs.ts), built like main.mjs.
//   dist/electron/preload.cjs  ONE CommonJS file whose only require is 'electron': a sandboxed
//                              preload gets a tiny `require` (electron, events, timers, url) and
//                              cannot load other files. platform 'browser' makes any Node import fail
//                              the build instead of failing in the window.
//
// Usage: node scripts/build-electron.mjs [--outdir DIR]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function mainExternals(root = ROOT) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  // esbuild: main/services/worker-entry.ts imports it only when run from the sources
  // (the app has its built worker bundles beside main.mjs).
  return ['electron', 'esbuild', ...Object.keys(pkg.dependencies ?? {})];
}

/** esbuild options for every bundle; exported so tests build exactly what the app ships. */
export function electronBuildOptions({ root = ROOT, outdir = path.join(root, 'dist', 'electron') } = {}) {
  const common = {
    absWorkingDir: root,
    bundle: true,
    sourcemap: true,
    logLevel: 'warning',
    legalComments: 'none',
    // tsconfig paths/jsx settings are not needed; TypeScript is only stripped here (tsc checks types).
    tsconfig: path.join(root, 'tsconfig.main.json'),
  };
  // Electron 45 ships Node 22+.
  const nodeBundle = (entry, file) => ({
    ...common,
    entryPoints: [path.join(root, ...entry)],
    outfile: path.join(outdir, file),
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: mainExternals(root),
  });
  return {
    main: nodeBundle(['main', 'electron', 'main.ts'], 'main.mjs'),
    searchWorker: nodeBundle(['main', 'services', 'search', 'search-worker.ts'], 'search-worker.mjs'),
    exchangeWorker: nodeBundle(['main', 'services', 'exchange', 'exchange-worker.ts'], 'exchange-worker.mjs'),
    preload: {
      ...common,
      entryPoints: [path.join(root, 'main', 'electron', 'preload.ts')],
      outfile: path.join(outdir, 'preload.cjs'),
      platform: 'browser',
      format: 'cjs',
      target: 'es2022',
      external: ['electron'],
    },
  };
}

export async function buildElectron(options = {}) {
  const { main, searchWorker, exchangeWorker, preload } = electronBuildOptions(options);
  await Promise.all([build(main), build(searchWorker), build(exchangeWorker), build(preload)]);
  // The browser clipper's page is served from beside the bundle (main/server/clipper-routes.ts).
  const root = options.root ?? ROOT;
  fs.cpSync(path.join(root, 'main', 'server', 'clipper-page'), path.join(path.dirname(main.outfile), 'clipper-page'), { recursive: true });
  return { main: main.outfile, preload: preload.outfile };
}

function parseArgs(argv) {
  const index = argv.indexOf('--outdir');
  return index >= 0 && argv[index + 1] ? { outdir: path.resolve(argv[index + 1]) } : {};
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    const out = await buildElectron(parseArgs(process.argv.slice(2)));
    console.log(`electron: built ${path.relative(process.cwd(), out.main)} and ${path.relative(process.cwd(), out.preload)}`);
  } catch (error) {
    // esbuild has already printed the located errors.
    console.error(`electron: build failed (${error.message.split('\n')[0]})`);
    process.exit(1);
  }
}
