#!/usr/bin/env node
// `npm test`: every suite, then one plain closing line that sums them all (CI reads it):
//   total: N passed, M failed, K skipped
// Suites: type checks (main+shared and renderer+shared), Vitest (unit + integration), the renderer
// build, and Playwright (browser mode in Debian Chromium; Electron specs skip themselves where the
// Electron binary is missing). Counts come from the runners' JSON reports, not from their text.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reports = path.join(root, '.reports');
fs.rmSync(reports, { recursive: true, force: true });
fs.mkdirSync(reports, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(label, command, args, env = {}) {
  process.stdout.write(`\n=== ${label}: ${command} ${args.join(' ')}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: result.status === 0, status: result.status, seconds };
}

function count(label, passed, failed, skipped, seconds) {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  lines.push(`${label}: ${passed} passed, ${failed} failed, ${skipped} skipped (${seconds}s)`);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const only = process.argv.slice(2);
const wants = (suite) => only.length === 0 || only.includes(suite);

if (wants('typecheck')) {
  for (const [name, project] of [['typecheck main+shared', 'tsconfig.main.json'], ['typecheck renderer+shared', 'tsconfig.renderer.json']]) {
    const r = run(name, 'npx', ['tsc', '-p', project, '--noEmit']);
    count(name, r.ok ? 1 : 0, r.ok ? 0 : 1, 0, r.seconds);
  }
}

// The search ranking extension (postinstall builds it; again here if its source changed since).
if (wants('unit') || wants('e2e')) run('build the search ranking extension', process.execPath, [path.join(root, 'scripts', 'build-sqlite-ext.mjs'), '--quiet']);

// The app UI is built once, first: browser-mode tests (Vitest spawning `serve`, and Playwright) use it.
let built = true;
if (wants('unit') || wants('e2e')) {
  const build = run('build the app UI', 'npx', ['vite', 'build', '--logLevel', 'warn']);
  built = build.ok;
  count('renderer build', build.ok ? 1 : 0, build.ok ? 0 : 1, 0, build.seconds);
}

if (wants('unit')) {
  const file = path.join(reports, 'vitest.json');
  const r = run('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  const report = readJson(file);
  if (report) {
    // A file that fails to load has no test results of its own: count it as one failure.
    const brokenFiles = (report.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
    count('vitest', report.numPassedTests, report.numFailedTests + brokenFiles, report.numPendingTests + report.numTodoTests, r.seconds);
  } else count('vitest (no report: the runner crashed)', 0, 1, 0, r.seconds);
}

if (wants('e2e') && built) {
  const file = path.join(reports, 'playwright.json');
  const r = run('playwright', 'npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: file, PLAYWRIGHT_JSON_OUTPUT_FILE: file, SOURCEBOOK_E2E_SKIP_BUILD: '1' });
  const report = readJson(file);
  if (report?.stats) {
    const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
    const crashed = (report.errors?.length ?? 0) > 0 && expected + unexpected + flaky === 0 ? 1 : 0;
    count('playwright', expected + flaky, unexpected + crashed, skipped, r.seconds);
  } else count('playwright (no report: the runner crashed)', 0, 1, 0, r.seconds);
}

process.stdout.write(`\n${lines.join('\n')}\n`);
process.stdout.write(`total: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exitCode = totals.failed > 0 ? 1 : 0;
