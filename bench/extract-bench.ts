/**
 * Extraction benchmark over the fixture corpus (test/fixtures/extract): text quality as token
 * 4-gram shingle precision / recall / F1 against the hand-marked expected text, and time per page,
 * for our pipeline and for Readability alone (same parser, same text definition), side by side.
 * Prints one JSON document. Asserts nothing: timings vary by machine. Wall-clock and CPU medians
 * are both reported because on a busy shared machine the wall clock mostly measures the neighbours.
 *
 * Run: npx tsx bench/extract-bench.ts [--rounds N]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readability } from '@mozilla/readability';
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { parseHTML } from 'linkedom';
import { decodeBytes } from '../main/services/clip/decode';
import { extractArticle } from '../main/services/clip/extract-html';
import { sanitizeHtml } from '../main/services/clip/sanitize';
import { domToText } from '../shared/text/dom-text';
import { shingleScore, type ShingleScore } from './shingle-score';

const FIXTURES = fileURLToPath(new URL('../test/fixtures/extract/', import.meta.url));
const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 5;

interface Expected {
  text: string;
  url?: string | null;
}

/** Readability on its own: the baseline the extra passes have to beat. */
function readabilityAlone(html: string): string {
  const wrapped = /<html[\s>]/i.test(html) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(wrapped);
  const result = new Readability(document as never).parse();
  if (!result?.content) return '';
  const { document: out } = parseHTML(`<!DOCTYPE html><html><head></head><body>${result.content}</body></html>`);
  return domToText(out.body as never);
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

/** CPU time of this process: on a shared, busy machine wall time mostly measures the neighbours. */
function cpuTime(fn: () => void): number {
  const t = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
const round2 = (n: number) => Math.round(n * 100) / 100;

function mean(xs: number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

const names = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.html'))
  .map((f) => f.replace(/\.html$/, ''))
  .sort();

interface Row {
  name: string;
  ours: ShingleScore;
  readability: ShingleScore;
  oursMs: number;
  readabilityMs: number;
  oursCpuMs: number;
  readabilityCpuMs: number;
}

const rows: Row[] = [];
for (const name of names) {
  const bytes = readFileSync(join(FIXTURES, `${name}.html`));
  const expected = JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf8')) as Expected;
  const html = decodeBytes(bytes).text;
  const url = expected.url ?? null;

  // Warm-up: JIT, and the sanitizer's one-time jsdom window.
  const article = extractArticle(html, { url });
  const baseText = readabilityAlone(html);

  const ours: number[] = [];
  const base: number[] = [];
  const oursCpu: number[] = [];
  const baseCpu: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    ours.push(time(() => extractArticle(html, { url })));
    base.push(time(() => readabilityAlone(html)));
    oursCpu.push(cpuTime(() => extractArticle(html, { url })));
    baseCpu.push(cpuTime(() => readabilityAlone(html)));
  }
  for (const list of [ours, base, oursCpu, baseCpu]) list.sort((a, b) => a - b);
  rows.push({
    name,
    ours: shingleScore(article.text, expected.text),
    readability: shingleScore(baseText, expected.text),
    oursMs: quantile(ours, 0.5),
    readabilityMs: quantile(base, 0.5),
    oursCpuMs: quantile(oursCpu, 0.5),
    readabilityCpuMs: quantile(baseCpu, 0.5),
  });
}

function summary(pick: (r: Row) => ShingleScore, ms: (r: Row) => number, cpuMs: (r: Row) => number) {
  const times = rows.map(ms).sort((a, b) => a - b);
  const cpu = rows.map(cpuMs).sort((a, b) => a - b);
  return {
    f1: round3(mean(rows.map((r) => pick(r).f1))),
    precision: round3(mean(rows.map((r) => pick(r).precision))),
    recall: round3(mean(rows.map((r) => pick(r).recall))),
    medianMs: round2(quantile(times, 0.5)),
    p95Ms: round2(quantile(times, 0.95)),
    cpuMedianMs: round2(quantile(cpu, 0.5)),
    cpuP95Ms: round2(quantile(cpu, 0.95)),
  };
}

/**
 * Why the sanitizer keeps one jsdom window: the same article HTML sanitized on the shared window
 * versus on a window created for the call.
 */
function sanitizerCost() {
  const sample = rows.length > 0 ? extractArticle(decodeBytes(readFileSync(join(FIXTURES, `${rows[0]!.name}.html`))).text, {}).html : '<p>x</p>';
  const reused: number[] = [];
  const fresh: number[] = [];
  for (let r = 0; r < 10; r++) {
    reused.push(time(() => sanitizeHtml(sample)));
    fresh.push(
      time(() => {
        const { window } = new JSDOM('<!DOCTYPE html>');
        createDOMPurify(window as never).sanitize(sample);
        window.close();
      }),
    );
  }
  reused.sort((a, b) => a - b);
  fresh.sort((a, b) => a - b);
  return { reusedWindowMedianMs: round2(quantile(reused, 0.5)), newWindowPerCallMedianMs: round2(quantile(fresh, 0.5)) };
}

const report = {
  benchmark: 'extract',
  fixtures: rows.length,
  rounds: ROUNDS,
  metric: 'token 4-gram shingle P/R/F1 vs expected text, macro-averaged over pages',
  ours: summary((r) => r.ours, (r) => r.oursMs, (r) => r.oursCpuMs),
  readabilityAlone: summary((r) => r.readability, (r) => r.readabilityMs, (r) => r.readabilityCpuMs),
  // 1/5/15-minute load: wall times are only comparable between runs on an equally idle machine.
  loadAverage: loadavg().map(round2),
  sanitizer: sanitizerCost(),
  pages: rows.map((r) => ({
    name: r.name,
    f1: round3(r.ours.f1),
    precision: round3(r.ours.precision),
    recall: round3(r.ours.recall),
    readabilityF1: round3(r.readability.f1),
    ms: round2(r.oursMs),
    readabilityMs: round2(r.readabilityMs),
  })),
};
console.log(JSON.stringify(report, null, 2));
