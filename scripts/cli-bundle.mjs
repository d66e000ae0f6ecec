// The `sourcebook` command as one file (bin/sourcebook.mjs runs it): main/cli/entry.ts bundled by
// esbuild into node_modules/.cache/sourcebook/, packages left to node_modules as the Electron build
// leaves them, but for INLINED. Run so, the command starts in well under half the time it takes
// through tsx, in less memory (measured: `sourcebook search` on the 100k benchmark library
// 0.59 → 0.22 s, 128 → 77 MB), which counts for scripts calling it once per item and for every CLI
// test.
//
// A manifest (manifest-cli.json) names the bundle and the source files it was built from, with
// their sizes and modification times: a start checks those (a few hundred stats, ~3 ms) and builds
// again when one changed. Bundles are named by their content, and files are written whole and then
// renamed, so processes starting at once share them safely.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { removeOldBuilds, writeWhole } from './build-cache.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/**
 * Packages bundled in: plain ES modules of many small files (zod alone ~230), which Node's loader
 * resolved and read one by one: 0.29 → 0.22 s of a `sourcebook search`. The others stay in
 * node_modules (native code, files read at run time, modules loaded on first use).
 */
const INLINED = ['zod', 'uuid', 'diff'];

/**
 * The URL of an up-to-date bundle of the CLI of the project in `root`, built now if needed; throws
 * when it cannot be built (no esbuild, or sources that do not build).
 */
export async function cliBundle(root = ROOT) {
  const cache = path.join(root, 'node_modules', '.cache', 'sourcebook');
  const current = readManifest(cache);
  if (current && isUpToDate(root, cache, current)) return pathToFileURL(path.join(cache, current.bundle)).href;
  return pathToFileURL(await build(root, cache)).href;
}

const manifestIn = (cache) => path.join(cache, 'manifest-cli.json');

function readManifest(cache) {
  try {
    const manifest = JSON.parse(fs.readFileSync(manifestIn(cache), 'utf8'));
    return typeof manifest?.bundle === 'string' && Array.isArray(manifest.inputs) ? manifest : null;
  } catch {
    return null;
  }
}

const stamp = (root, file) => {
  const stat = fs.statSync(path.join(root, file), { throwIfNoEntry: false });
  return stat ? `${stat.size}:${stat.mtimeMs}` : 'missing';
};

function isUpToDate(root, cache, manifest) {
  if (!fs.existsSync(path.join(cache, manifest.bundle))) return false;
  return manifest.inputs.every(([file, was]) => stamp(root, file) === was);
}

async function build(root, cache) {
  const esbuild = await import('esbuild');
  const started = Date.now();
  const tsconfig = path.join(root, 'tsconfig.main.json');
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'main', 'cli', 'entry.ts')],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    ...externalPackages(root),
    ...(fs.existsSync(tsconfig) ? { tsconfig } : {}),
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  const bundle = `cli-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`;
  fs.mkdirSync(cache, { recursive: true });
  writeWhole(path.join(cache, bundle), code);
  // The bundle's sources, and this script and package.json (how it is built, which packages stay
  // out of it), stamped after the build read them. A file edited meanwhile may be in the bundle
  // either way, so its stamp is one no file has: the next start builds again. Edited meanwhile:
  // modified between the build's start and now; a modification time later than now is a file
  // dated in the future (a clock set wrong, an archive from another machine), kept as it is.
  const buildFiles = [path.relative(root, fileURLToPath(import.meta.url)), 'package.json'];
  const finished = Date.now();
  const inputs = [...Object.keys(result.metafile.inputs), ...buildFiles].map((file) => {
    const modified = fs.statSync(path.join(root, file), { throwIfNoEntry: false })?.mtimeMs ?? 0;
    return [file, modified >= started && modified <= finished ? 'edited during the build' : stamp(root, file)];
  });
  writeWhole(manifestIn(cache), JSON.stringify({ bundle, inputs }));
  removeOldBuilds(cache, 'cli-', bundle);
  return path.join(cache, bundle);
}

/** Every package of package.json but INLINED stays external (a project without one: every package). */
function externalPackages(root) {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    return { external: Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((name) => !INLINED.includes(name)) };
  } catch {
    return { packages: 'external' };
  }
}
