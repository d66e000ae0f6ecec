// Files built on demand into node_modules/.cache/sourcebook/ (the CLI's bundle: cli-bundle.mjs; the
// worker threads': main/services/worker-entry.ts), shared by processes that start at
// once.
import fs from 'node:fs';
import path from 'node:path';

/** Write `data` to a file of its own, then rename it into place: a reader never sees half a file. */
export function writeWhole(file, data) {
  const partial = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(partial, data);
  fs.renameSync(partial, file);
}

/** Builds left behind by earlier sources: one not written for this long is not about to be started. */
export const OLD_BUILD_MS = 24 * 60 * 60 * 1000;

/**
 * Remove the files of `dir` whose names start with `prefix` (their half-written copies included)
 * and that were last written over OLD_BUILD_MS ago, but for `keep`. A process still on older
 * sources builds its file again when it next needs it.
 */
export function removeOldBuilds(dir, prefix, keep) {
  for (const name of fs.readdirSync(dir)) {
    if (name === keep || !name.startsWith(prefix)) continue;
    const file = path.join(dir, name);
    try {
      if (Date.now() - fs.statSync(file).mtimeMs > OLD_BUILD_MS) fs.rmSync(file, { force: true });
    } catch {
      // Removed by another process meanwhile: nothing to do.
    }
  }
}
