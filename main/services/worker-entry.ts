import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BuildOptions } from 'esbuild';
import { PROJECT_ROOT } from '../paths';

/** The worker threads the app starts, each with its bundle's name and its esbuild options' key. */
const WORKERS = {
  'search-worker': { build: 'searchWorker', boot: './search/search-worker-boot.mjs' },
  'exchange-worker': { build: 'exchangeWorker', boot: './exchange/exchange-worker-boot.mjs' },
} as const;

export type WorkerName = keyof typeof WORKERS;

/**
 * A worker thread's entry file (search-thread.ts and exchange-jobs.ts start them), in order:
 * - the one built beside the Electron bundle (scripts/build-electron.mjs);
 * - else one built now from the sources, with the same esbuild options, into
 *   node_modules/.cache/sourcebook/ (named by its content, so processes share it and an edited
 *   source gets a new one; builds a day old are removed when a new one is written). Run from the
 *   sources through tsx instead, the worker would load its own copy of tsx's loader: about 20 MB
 *   more memory, measured on the 100k benchmark library;
 * - else (no esbuild: an install without dev dependencies) the sources through a tsx bootstrap.
 */
export async function workerEntry(name: WorkerName, moduleUrl: string = import.meta.url): Promise<URL> {
  const bundled = new URL(`./${name}.mjs`, moduleUrl);
  if (fs.existsSync(fileURLToPath(bundled))) return bundled;
  try {
    return await buildFromSources(name);
  } catch {
    return new URL(WORKERS[name].boot, import.meta.url);
  }
}

/** The helpers the CLI's bundle is kept with (scripts/build-cache.mjs). */
interface BuildCache {
  writeWhole(file: string, data: Uint8Array): void;
  removeOldBuilds(dir: string, prefix: string, keep: string): void;
}

async function buildFromSources(name: WorkerName): Promise<URL> {
  const { build } = await import('esbuild');
  // The Electron build's own options for the worker: one definition of what the worker bundle is.
  const script = (file: string) => pathToFileURL(path.join(PROJECT_ROOT, 'scripts', file)).href;
  type Options = Record<(typeof WORKERS)[WorkerName]['build'], BuildOptions>;
  const { electronBuildOptions } = (await import(script('build-electron.mjs'))) as { electronBuildOptions(o: { outdir: string }): Options };
  const { writeWhole, removeOldBuilds } = (await import(script('build-cache.mjs'))) as BuildCache;
  const dir = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'sourcebook');
  const options = electronBuildOptions({ outdir: dir })[WORKERS[name].build];
  const out = await build({ ...options, write: false, sourcemap: false, logLevel: 'silent' });
  const code = out.outputFiles![0]!.contents;
  const file = path.join(dir, `${name}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    // Another process starting its worker never reads half a file.
    writeWhole(file, code);
    removeOldBuilds(dir, `${name}-`, path.basename(file));
  }
  return pathToFileURL(file);
}
