/**
 * Where a search's time goes, on a library the search benchmark kept (`--keep`): runs the
 * benchmark's queries through the API and prints, per query kind, the latency percentiles and the
 * SQL statements that took the time (summed over the run, slowest first). Not a test; prints JSON.
 *
 *   npx tsx bench/search-profile.ts --library DIR [--queries 240] [--kind word|two-words|phrase|prefix|filtered|typing] [--top 12] [--exact] [--first]
 *   npx tsx bench/search-profile.ts --library DIR --query 'know site:nytimes.com' [--repeat 5]
 *
 * Queries go as the app sends them (facets, counted up to 1,000 per type); --exact counts every match.
 * The first 20 are run once untimed (the process warms up), unless --first: then every query is
 * timed on its first search, as the benchmark's first pass does.
 */
import Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import { createServices } from '../main/composition';
import { buildVocabulary, generateSpeakers } from './corpus-generator';
import { buildQueries } from './search-queries';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const library = flag('--library');
if (!library) {
  process.stderr.write('usage: tsx bench/search-profile.ts --library DIR [--queries 240] [--kind KIND] [--top 12]\n');
  process.exit(2);
}
const QUERY_COUNT = Number(flag('--queries') ?? 240);
const ONLY_KIND = flag('--kind');
const TOP = Number(flag('--top') ?? 12);
const COUNT = args.includes('--exact') ? {} : { countUpTo: 1000 };
const SPEAKER_COUNT = 3000; // as search-bench.ts generates

// Time every statement execution by its SQL text (whitespace folded), for the current query kind.
type Tally = Map<string, { ms: number; calls: number }>;
let current: Tally | null = null;
const statementProto = Object.getPrototypeOf(new Database(':memory:').prepare('SELECT 1')) as Record<string, (...a: unknown[]) => unknown>;
for (const name of ['all', 'get', 'run'] as const) {
  const original = statementProto[name]!;
  statementProto[name] = function timed(this: { source: string }, ...a: unknown[]) {
    const t = performance.now();
    try {
      return original.apply(this, a);
    } finally {
      if (current) {
        const key = this.source.replace(/\s+/g, ' ').slice(0, 160);
        const entry = current.get(key) ?? { ms: 0, calls: 0 };
        entry.ms += performance.now() - t;
        entry.calls++;
        current.set(key, entry);
      }
    }
  };
}

const round = (n: number) => Math.round(n * 100) / 100;
const pct = (s: number[], p: number) => {
  const sorted = [...s].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);
};

const app = createServices(library);
if (flag('--pragma')) app.db.pragma(flag('--pragma')!);
const articleCount = (app.db.prepare('SELECT count(*) FROM articles').pluck().get() as number) - 100; // less the incremental 100
const built = buildQueries(buildVocabulary(), generateSpeakers(SPEAKER_COUNT), articleCount, QUERY_COUNT);
// --kind typing: every prefix (3+ characters) of the first 20 two-word queries, as the search field sends them.
const typing = built.filter((q) => q.kind === 'two-words').slice(0, 20).flatMap((q) => Array.from({ length: q.query.length - 2 }, (_, i) => ({ kind: 'typing', query: q.query.slice(0, i + 3) })));
const ONE = flag('--query');
const queries = ONE !== undefined
  ? Array.from({ length: Number(flag('--repeat') ?? 5) }, () => ({ kind: 'one', query: ONE }))
  : ONLY_KIND === 'typing' ? typing : built.filter((q) => !ONLY_KIND || q.kind === ONLY_KIND);
const PREFIX_LAST_WORD = ONLY_KIND === 'typing';
for (const q of args.includes('--first') ? [] : queries.slice(0, 20)) await app.dispatch('search.query', { query: q.query, limit: 20, facets: true, prefixLastWord: PREFIX_LAST_WORD, ...COUNT });

interface KindStats { samples: number[]; cpu: number[]; tally: Tally; slowest: { query: string; ms: number }[] }
const byKind = new Map<string, KindStats>();
for (const q of queries) {
  const kind: KindStats = byKind.get(q.kind) ?? { samples: [], cpu: [], tally: new Map(), slowest: [] };
  byKind.set(q.kind, kind);
  current = kind.tally;
  const t = performance.now();
  const cpu = process.cpuUsage();
  const result = await app.dispatch('search.query', { query: q.query, limit: 20, facets: true, prefixLastWord: PREFIX_LAST_WORD, ...COUNT });
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  kind.cpu.push((used.user + used.system) / 1000);
  current = null;
  if (!result.ok) throw new Error(`${q.query}: ${result.error.message}`);
  kind.samples.push(ms);
  kind.slowest.push({ query: q.query, ms: round(ms) });
}
app.close();

const report = Object.fromEntries(
  [...byKind].map(([kind, k]) => [
    kind,
    {
      n: k.samples.length,
      p50: pct(k.samples, 50),
      p95: pct(k.samples, 95),
      cpuP50: pct(k.cpu, 50),
      cpuP95: pct(k.cpu, 95),
      slowest: k.slowest.sort((a, b) => b.ms - a.ms).slice(0, 3),
      statements: [...k.tally]
        .sort((a, b) => b[1].ms - a[1].ms)
        .slice(0, TOP)
        .map(([sql, v]) => ({ msPerQuery: round(v.ms / k.samples.length), callsPerQuery: round(v.calls / k.samples.length), sql })),
    },
  ]),
);
const all = [...byKind.values()].flatMap((k) => k.samples);
const cpu = [...byKind.values()].flatMap((k) => k.cpu);
const summary = { p50: pct(all, 50), p95: pct(all, 95), p99: pct(all, 99), cpuP50: pct(cpu, 50), cpuP95: pct(cpu, 95), cpuP99: pct(cpu, 99) };
process.stdout.write(`${JSON.stringify({ library, queries: all.length, ...summary, byKind: report }, null, 2)}\n`);
