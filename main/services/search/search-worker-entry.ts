import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BuildOptions } from 'esbuild';
import { PROJECT_ROOT } from '../../paths';

/**
 * The search worker's entry file (search-thread.ts starts it), in order:
 * - the one built beside the Electron bundle (scripts/build-electron.mjs);
 * - else one built now from the sources, with the same esbuild options, into
 *   node_modules/.cache/sourcebook/ (named by its content, so processes share it and an edited
 *   source gets a new one; builds a day old are removed when a new one is written). Run from the
 *   sources through tsx instead, the worker would load its own copy of tsx's loader: about 20 MB
 *   more memory, measured on the 100k benchmark library;
 * - else (no esbuild: an install without dev dependencies) the sources through a tsx bootstrap.
 */
export async function searchWorkerEntry(moduleUrl: string = import.meta.url): Promise<URL> {
  const bundled = new URL('./search-worker.mjs', moduleUrl);
  if (fs.existsSync(fileURLToPath(bundled))) return bundled;
  try {
    return await buildFromSources();
  } catch {
    return new URL('./search-worker-boot.mjs', moduleUrl);
  }
}

async function buildFromSources(): Promise<URL> {
  const { build } = await import('esbuild');
  // The Electron build's own options for the worker: one definition of what the worker bundle is.
  const script = pathToFileURL(path.join(PROJECT_ROOT, 'scripts', 'build-electron.mjs')).href;
  const { electronBuildOptions } = (await import(script)) as { electronBuildOptions(o: { outdir: string }): { searchWorker: BuildOptions } };
  const dir = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'sourcebook');
  const { searchWorker } = electronBuildOptions({ outdir: dir });
  const out = await build({ ...searchWorker, write: false, sourcemap: false, logLevel: 'silent' });
  const code = out.outputFiles![0]!.contents;
  const file = path.join(dir, `search-worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    // Written whole, then renamed: another process starting its worker never reads half a file.
    const partial = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(partial, code);
    fs.renameSync(partial, file);
    removeOldBuilds(dir, file);
  }
  return pathToFileURL(file);
}

/**
 * Every edit of the sources leaves a build behind. One not written for a day is not about to be
 * started, and a process whose sources it was builds it again when it next starts its worker.
 */
const OLD_BUILD_MS = 24 * 60 * 60 * 1000;

export function removeOldBuilds(dir: string, current: string): void {
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (file === current || !name.startsWith('search-worker-')) continue;
    try {
      if (Date.now() - fs.statSync(file).mtimeMs > OLD_BUILD_MS) fs.rmSync(file, { force: true });
    } catch {
      // Removed by another process meanwhile, or not ours to remove: either way nothing to do.
    }
  }
}
