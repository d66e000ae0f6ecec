import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOLDEN_LIBRARY_JSON } from '../../test/helpers/golden-library';

/**
 * Builds the Electron bundles exactly as `npm run build:electron` does (into a temp folder) and checks
 * what Electron itself would reject: the sandboxed preload must be one CommonJS file requiring only
 * 'electron', and main must import nothing but externals that ship in node_modules.
 */
const root = path.resolve(__dirname, '..', '..');
const script = path.join(root, 'scripts', 'build-electron.mjs');
let outdir: string;

const bareSpecifiers = (code: string): string[] => {
  const found = new Set<string>();
  for (const match of code.matchAll(/(?:^|\n)\s*import\s[^;]*?from\s*["']([^"']+)["']|(?:^|\n)\s*import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g)) {
    found.add((match[1] ?? match[2] ?? match[3])!);
  }
  return [...found];
};

beforeAll(() => {
  // Inside the repo (.tmp/ is git-ignored) so bare imports resolve to node_modules as from dist/electron.
  fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
  outdir = fs.mkdtempSync(path.join(root, '.tmp', 'electron-bundle-'));
  execFileSync(process.execPath, [script, '--outdir', outdir], { cwd: root, stdio: 'pipe' });
});

afterAll(() => {
  if (outdir) fs.rmSync(outdir, { recursive: true, force: true });
});

describe('dist/electron/preload.cjs', () => {
  it('is one CommonJS file whose only require is electron', () => {
    const code = fs.readFileSync(path.join(outdir, 'preload.cjs'), 'utf8');
    const requires = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(requires).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/\bimport\(/);
    expect(code).toContain('exposeInMainWorld("sourcebook"');
    expect(code).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
    execFileSync(process.execPath, ['--check', path.join(outdir, 'preload.cjs')]);
  });
});

describe('dist/electron/main.mjs', () => {
  it('is valid ESM that imports only node builtins and package dependencies', () => {
    const file = path.join(outdir, 'main.mjs');
    const code = fs.readFileSync(file, 'utf8');
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    // esbuild only as the workers' build from sources, which the app never reaches (worker-entry.ts).
    const allowed = new Set(['electron', 'esbuild', ...Object.keys(pkg.dependencies)]);
    const builtins = new Set(builtinModules);
    for (const specifier of bareSpecifiers(code)) {
      const isBuiltin = specifier.startsWith('node:') || builtins.has(specifier);
      const pkgName = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
      expect(isBuiltin || allowed.has(pkgName), `unexpected import "${specifier}" in main.mjs`).toBe(true);
    }
    // esbuild's CommonJS shim throws "Dynamic require is not supported" in ESM output.
    expect(code).not.toContain('__require(');
    execFileSync(process.execPath, ['--check', file]);
  });

  it('runs the bundled library code under Node with the same externals (ESM/CJS interop of dependencies)', () => {
    // The same esbuild options with composition.ts as entry: what main.mjs runs, minus the electron calls.
    const library = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-electron-smoke-'));
    const smoke = path.join(outdir, 'smoke.mjs');
    const program = `
      import { build } from 'esbuild';
      import { electronBuildOptions } from ${JSON.stringify(script)};
      const { main } = electronBuildOptions({ outdir: ${JSON.stringify(outdir)} });
      await build({ ...main, entryPoints: [${JSON.stringify(path.join(root, 'main', 'composition.ts'))}], outfile: ${JSON.stringify(smoke)}, sourcemap: false });
      const { createServices } = await import(${JSON.stringify(`file://${smoke}`)});
      const app = createServices(${JSON.stringify(library)}, { searchThread: true, exchangeWorkers: true });
      const info = await app.dispatch('library.info', {});
      // The search worker, built beside the bundle (dist/electron/search-worker.mjs), answers a job.
      const thread = app.services.searchThread;
      thread.start();
      for (let i = 0; i < 500 && !thread.isReady; i++) await new Promise((r) => setTimeout(r, 20));
      const job = await thread.run({ type: 'quote', mode: { kind: 'words', match: '"tides"', exclude: null }, conditions: [], params: { values: {}, next: 0 }, limit: 5, options: { countLimit: null }, facets: true });
      const facetRows = await job.facetRows; // the ranking answers first, the facet rows after
      // The exchange worker, built beside the bundle (dist/electron/exchange-worker.mjs), imports a
      // file big enough to go to it (over 1 MB).
      const fs = await import('node:fs');
      const doc = JSON.parse(fs.readFileSync(${JSON.stringify(GOLDEN_LIBRARY_JSON)}, 'utf8'));
      doc.articles[0].html += '<p>' + 'tide '.repeat(250000) + '</p>';
      fs.writeFileSync(${JSON.stringify(path.join(library, 'big-import.json'))}, JSON.stringify(doc));
      const imported = await app.dispatch('import.run', { path: ${JSON.stringify(path.join(library, 'big-import.json'))} });
      const articles = app.db.prepare('SELECT count(*) FROM articles').pluck().get();
      app.close();
      process.stdout.write(JSON.stringify(info.ok && job.result.total === 0 && Array.isArray(facetRows.rows) && imported.ok && articles === doc.articles.length));
    `;
    try {
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', program], { cwd: root, encoding: 'utf8' });
      expect(run.stdout.trim(), run.stderr).toBe('true');
      // Neither worker fell back to the app's thread (each would have said so on stderr).
      expect(run.stderr).not.toMatch(/worker/);
    } finally {
      fs.rmSync(library, { recursive: true, force: true });
    }
  });
});
