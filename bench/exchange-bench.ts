/**
 * Export and import at scale: `npx tsx bench/exchange-bench.ts --library DIR [--formats json,md,…] [--import]`.
 * Prints JSON; asserts nothing (timings vary). DIR is a library to read, such as the one
 * `npm run bench:search -- --sizes 100000 --keep` leaves behind; it is not changed.
 *
 * Each export runs the `sourcebook` command in a new process (as a user would), timed from outside,
 * with that process's peak RSS; the output's size is recorded and the output deleted. With
 * `--import`, the JSON export is then imported into an empty library the same way, and that
 * library exported again to check the round trip gives the same bytes (apart from `exportedAt`).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXPORT_FORMATS } from '../shared/api/methods-exchange';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const library = flag('--library');
if (!library) {
  process.stderr.write('usage: npx tsx bench/exchange-bench.ts --library DIR [--formats json,md,...] [--import]\n');
  process.exit(2);
}
// PDF needs the desktop app's printer.
const formats = (flag('--formats') ?? EXPORT_FORMATS.filter((f) => f !== 'pdf').join(',')).split(',');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-exchange-bench-'));

/**
 * One `sourcebook` command in a child process, with its wall time and peak RSS. The RSS comes from
 * the child itself (process.resourceUsage at exit, through a preloaded hook), so no platform tool
 * is needed.
 */
function sourcebook(...command: string[]): { ok: boolean; ms: number; peakRssMB: number; stdout: string; stderr: string } {
  const report = path.join(work, `rss-${Date.now()}.txt`);
  const hook = path.join(work, 'rss-hook.cjs');
  fs.writeFileSync(hook, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(report)}, String(process.resourceUsage().maxRSS)));\n`);
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--require', hook, path.join(root, 'bin', 'sourcebook.mjs'), ...command], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const peakKiB = fs.existsSync(report) ? Number(fs.readFileSync(report, 'utf8')) : NaN;
  return { ok: child.status === 0, ms: Math.round(ms), peakRssMB: Math.round(peakKiB / 1024), stdout: child.stdout, stderr: child.stderr.trim().split('\n').slice(-2).join(' ') };
}

/** Bytes of a file or of a folder's files. */
function sizeOf(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.size;
  return fs.readdirSync(target, { withFileTypes: true, recursive: true }).reduce((sum, e) => (e.isFile() ? sum + fs.statSync(path.join(e.parentPath, e.name)).size : sum), 0);
}

/** Whether two library exports hold the same bytes apart from `exportedAt` (read in chunks: they may be gigabytes). */
function sameApartFromExportedAt(a: string, b: string): boolean {
  if (fs.statSync(a).size !== fs.statSync(b).size) return false;
  const [fa, fb] = [fs.openSync(a, 'r'), fs.openSync(b, 'r')];
  try {
    const [ba, bb] = [Buffer.alloc(1 << 20), Buffer.alloc(1 << 20)];
    for (let position = 0; ; position += ba.length) {
      const [na, nb] = [fs.readSync(fa, ba, 0, ba.length, position), fs.readSync(fb, bb, 0, bb.length, position)];
      if (na !== nb) return false;
      if (na === 0) return true;
      // The timestamp is near the start, and as long in both (an ISO date).
      const blank = (buf: Buffer) => Buffer.from(buf.subarray(0, na).toString('latin1').replace(/"exportedAt": "[^"]*"/, '"exportedAt": ""'), 'latin1');
      if (!(position === 0 ? blank(ba).equals(blank(bb)) : ba.subarray(0, na).equals(bb.subarray(0, nb)))) return false;
    }
  } finally {
    fs.closeSync(fa);
    fs.closeSync(fb);
  }
}

const results: Record<string, unknown> = {};
try {
  for (const format of formats) {
    const out = path.join(work, `export.${format}`);
    const run = sourcebook('--library', library, 'export', '--format', format, '--out', out);
    results[`export ${format}`] = { ok: run.ok, ms: run.ms, peakRssMB: run.peakRssMB, outputMB: Math.round(sizeOf(out) / 1e6), ...(run.ok ? {} : { error: run.stderr }) };
    process.stderr.write(`export ${format}: ${run.ok ? 'ok' : 'FAILED'} in ${run.ms} ms\n`);
    if (!(format === 'json' && args.includes('--import'))) fs.rmSync(out, { recursive: true, force: true });
  }
  const exported = path.join(work, 'export.json');
  if (args.includes('--import') && fs.existsSync(exported)) {
    const copy = path.join(work, 'imported');
    const run = sourcebook('--library', copy, 'import', exported, '--json');
    const report = run.ok ? (JSON.parse(run.stdout) as { created: number; errors: unknown[] }) : null;
    const again = path.join(work, 'again.json');
    const reexport = run.ok ? sourcebook('--library', copy, 'export', '--format', 'json', '--out', again) : null;
    results['import json'] = {
      ok: run.ok, ms: run.ms, peakRssMB: run.peakRssMB, created: report?.created, errors: report?.errors.length,
      ...(run.ok ? {} : { error: run.stderr }),
      sameBytesWhenExportedAgain: reexport?.ok ? sameApartFromExportedAt(again, exported) : null,
    };
    process.stderr.write(`import json: ${run.ok ? 'ok' : 'FAILED'} in ${run.ms} ms\n`);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify({ library, libraryMB: Math.round(sizeOf(path.join(library, 'sourcebook.db')) / 1e6), machine: { cpus: os.cpus().length, node: process.version }, results }, null, 2)}\n`);
