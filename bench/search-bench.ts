/**
 * Search benchmark: FTS5 (through the service API) against a lunr full-text index, on the same
 * generated corpus and the same queries. Prints one JSON document; asserts nothing (timings vary).
 *
 *   npx tsx bench/search-bench.ts [--sizes 2000,20000,100000] [--queries 240] [--lunr-max 20000] [--keep] [--one-thread]
 *
 * Per size: ingest rate (a fast path: prepared inserts in one transaction per batch, the search
 * triggers maintaining the index as in normal use), database size, cold open → first result in a
 * new process (on the library as ingested, bundled by esbuild as the desktop app and the
 * `sourcebook` command run the services; then with its indexes merged and after the idle warm-up,
 * as the app keeps and searches it, bundled and through tsx), p50/p95/p99 over mixed queries
 * (single word, two words, phrase, prefix, filtered) as the app sends them (facets, results
 * counted up to 1,000 per type; also timed with exact totals), the indexes' merge, 100 articles
 * (with quotes) added through the API, RSS; then lunr: build time, heap, serialized size,
 * load time and latency; and the FTS5 / lunr ratios. The library is opened as the app opens it, with
 * the second search thread (search-thread.ts); --one-thread leaves it out, to compare.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lunr from 'lunr';
import { createServices, type App } from '../main/composition';
import {
  benchId, buildVocabulary, generateArticle, generateSpeakers, rng, TAGS, TOPICS,
  type GeneratedArticle, type GeneratedSpeaker, type Vocabulary,
} from './corpus-generator';
import { buildQueries, type BenchQuery } from './search-queries';
import { refreshCommonTerms } from '../main/services/search/common-terms';
import { SearchWarmUp } from '../main/services/search/search-warm-up';
import { mergeDueIndexes } from '../main/services/search/index-merge';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const SPEAKER_COUNT = 3000;
/** As the app and browser mode open a library (composition.ts), unless --one-thread. */
const OPEN_OPTIONS = { searchThread: !args.includes('--one-thread') };
/** The app's search view counts results exactly up to this many per type (SearchView.tsx). */
const APP_COUNT_UP_TO = 1000;

// ---------- cold-open probe (runs in a fresh process) ----------
if (args[0] === '--probe') {
  const started = performance.now();
  const app = createServices(args[1]!, OPEN_OPTIONS);
  const opened = performance.now();
  const result = await app.dispatch('search.query', { query: args[2]!, limit: 20, facets: true, countUpTo: APP_COUNT_UP_TO });
  const done = performance.now();
  const rssAfterFirst = process.memoryUsage().rss;
  // The app is idle between searches (the worker's messages need the event loop); a loop of
  // searches with no pause would never see the second thread start.
  await threadStarted(app);
  // --warm-up: the searches the app runs on its own while idle after opening (search-warm-up.ts),
  // which a user's first search finds done unless it comes within WARM_UP_DELAY_MS of the start.
  const warmUp = args.includes('--warm-up') ? await new SearchWarmUp(app.services.ctx, app.services.searchThread).run() : null;
  // Then every benchmark query, as the app sends them: the memory a session of searching settles at.
  const articles = app.db.prepare('SELECT count(*) FROM articles').pluck().get() as number;
  let maxRss = rssAfterFirst;
  const queries = buildQueries(buildVocabulary(), generateSpeakers(SPEAKER_COUNT), articles, Number(args[3] ?? 240));
  // Timed too: each query's first search in this process, before anything it reads is kept between
  // searches (words' document counts, prefixes written out, common words, filter bitmaps).
  const firstSamples: number[] = [];
  const firstByKind: Record<string, number[]> = {};
  for (const q of queries) {
    const t = performance.now();
    await app.dispatch('search.query', { query: q.query, limit: 20, facets: true, countUpTo: APP_COUNT_UP_TO });
    const ms = performance.now() - t;
    firstSamples.push(ms);
    (firstByKind[q.kind] ??= []).push(ms);
    maxRss = Math.max(maxRss, process.memoryUsage().rss);
  }
  // The same queries again, timed: a process that only opened the library and searches, as the
  // app's is (the main run's process also generated and ingested the corpus: a heap of gigabytes
  // whose garbage collection lands in the timings).
  const samples: number[] = [];
  const byKind: Record<string, number[]> = {};
  for (const q of queries) {
    const t = performance.now();
    await app.dispatch('search.query', { query: q.query, limit: 20, facets: true, countUpTo: APP_COUNT_UP_TO });
    const ms = performance.now() - t;
    samples.push(ms);
    (byKind[q.kind] ??= []).push(ms);
  }
  process.stdout.write(
    JSON.stringify({
      openMs: round(opened - started), firstQueryMs: round(done - opened), openToFirstResultMs: round(done - started), ok: result.ok,
      ...(warmUp ? { warmUp } : {}),
      rssAfterFirstQueryBytes: rssAfterFirst, rssMaxOverQueriesBytes: maxRss,
      latencyMs: percentiles(samples),
      latencyByKindMs: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, percentiles(v)])),
      firstPassLatencyMs: percentiles(firstSamples),
      firstPassLatencyByKindMs: Object.fromEntries(Object.entries(firstByKind).map(([k, v]) => [k, percentiles(v)])),
    }),
  );
  app.close();
  process.exit(0);
}

const SIZES = (flag('--sizes') ?? '2000,20000').split(',').map(Number);
const QUERY_COUNT = Number(flag('--queries') ?? 240);
const LUNR_MAX = Number(flag('--lunr-max') ?? 20000);
const KEEP = args.includes('--keep');

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function percentiles(samples: number[]): { p50: number; p95: number; p99: number; mean: number; max: number; n: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
  return { p50: round(at(50)), p95: round(at(95)), p99: round(at(99)), mean: round(s.reduce((a, b) => a + b, 0) / (s.length || 1)), max: round(s[s.length - 1] ?? 0), n: s.length };
}

/** Runs the cold-open probe (`--probe`, above) in a new Node process: its JSON, and the process's whole wall time. */
function probe(nodeArgs: string[]): Record<string, unknown> {
  const started = performance.now();
  const out = execFileSync(process.execPath, nodeArgs, { encoding: 'utf8' });
  return { ...(JSON.parse(out) as Record<string, unknown>), processWallMs: round(performance.now() - started) };
}

/**
 * This file bundled by esbuild, packages left to node_modules as the Electron build leaves them
 * (scripts/build-electron.mjs), for the probe as the desktop app runs the services.
 */
async function probeBundle(): Promise<string> {
  const { build } = await import('esbuild');
  const outfile = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.cache', 'sourcebook', 'search-bench-probe.mjs');
  await build({ entryPoints: [fileURLToPath(import.meta.url)], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
  return outfile;
}

// ---------- ingest: a fast path that still goes through the triggers ----------
function ingest(app: App, vocab: Vocabulary, speakers: GeneratedSpeaker[], count: number): { articles: number; quotes: number; stances: number; textBytes: number } {
  const db = app.db;
  const now = new Date().toISOString();
  const insertSpeaker = db.prepare("INSERT INTO speakers (id, name, kind, role, affiliation, created_at, updated_at) VALUES (?, ?, 'person', ?, ?, ?, ?)");
  const insertAlias = db.prepare('INSERT INTO speaker_aliases (speaker_id, alias) VALUES (?, ?)');
  const insertTopic = db.prepare('INSERT INTO topics (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)');
  const insertTag = db.prepare('INSERT INTO tags (id, name, created_at) VALUES (?, ?, ?)');
  const insertArticle = db.prepare(`INSERT INTO articles (id, url, title, authors, site_name, published_at, clipped_at, html, text, word_count,
    content_hash, source_kind, created_at, updated_at) VALUES (@id, @url, @title, @authors, @siteName, @publishedAt, @clippedAt, @html, @text,
    @wordCount, @contentHash, 'import', @clippedAt, @clippedAt)`);
  const insertQuote = db.prepare(`INSERT INTO quotes (id, article_id, text, prefix, suffix, start_offset, end_offset, speaker_id, said_at,
    origin, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'import', ?, ?)`);
  const insertTagging = db.prepare('INSERT INTO taggings (tag_id, item_id, created_at) VALUES (?, ?, ?)');
  const insertStance = db.prepare('INSERT INTO stances (id, topic_id, subject_type, subject_id, value, set_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');

  const topicIds = TOPICS.map(() => benchId());
  const tagIds = TAGS.map(() => benchId());
  db.transaction(() => {
    for (const s of speakers) {
      insertSpeaker.run(s.id, s.name, s.role, s.affiliation, now, now);
      for (const a of s.aliases) insertAlias.run(s.id, a);
    }
    TOPICS.forEach((t, i) => insertTopic.run(topicIds[i], t, now, now));
    TAGS.forEach((t, i) => insertTag.run(tagIds[i], t, now));
  }).immediate();

  let quotes = 0;
  let stances = 0;
  let textBytes = 0;
  const BATCH = 500;
  for (let start = 0; start < count; start += BATCH) {
    db.transaction(() => {
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        const a = generateArticle(vocab, speakers, i);
        textBytes += Buffer.byteLength(a.text);
        const html = a.text.split('\n\n').map((p) => `<p>${p}</p>`).join('\n');
        insertArticle.run({ ...a, authors: JSON.stringify(a.authors), clippedAt: a.publishedAt, html });
        for (const q of a.quotes) {
          insertQuote.run(q.id, a.id, q.text, a.text.slice(Math.max(0, q.start - 32), q.start), a.text.slice(q.end, q.end + 32), q.start, q.end,
            speakers[q.speakerIndex]!.id, a.publishedAt, a.publishedAt, a.publishedAt);
          quotes++;
          if (q.stance) {
            insertStance.run(benchId(), topicIds[q.stance.topicIndex], 'quote', q.id, q.stance.value, a.publishedAt, a.publishedAt);
            stances++;
          }
        }
        for (const t of a.tags) insertTagging.run(tagIds[TAGS.indexOf(t)], a.id, a.publishedAt);
        if (a.stance) {
          insertStance.run(benchId(), topicIds[a.stance.topicIndex], 'article', a.id, a.stance.value, a.publishedAt, a.publishedAt);
          stances++;
        }
      }
    }).immediate();
  }
  return { articles: count, quotes, stances, textBytes };
}

// ---------- lunr on the same corpus ----------
function lunrRun(vocab: Vocabulary, speakers: GeneratedSpeaker[], count: number, queries: BenchQuery[]) {
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const idx = lunr(function build() {
    this.ref('ref');
    this.field('title', { boost: 10 });
    this.field('text');
    this.field('speaker', { boost: 3 });
    for (let i = 0; i < count; i++) {
      const a: GeneratedArticle = generateArticle(vocab, speakers, i);
      this.add({ ref: `a:${a.id}`, title: a.title, text: a.text });
      for (const q of a.quotes) this.add({ ref: `q:${q.id}`, text: q.text, speaker: speakers[q.speakerIndex]!.name });
    }
  });
  const buildMs = performance.now() - t0;
  globalThis.gc?.();
  const heapBytes = process.memoryUsage().heapUsed - heapBefore;
  const rssDelta = process.memoryUsage().rss - rssBefore;
  const t1 = performance.now();
  const serialized = JSON.stringify(idx);
  const serializeMs = performance.now() - t1;
  const t2 = performance.now();
  const loaded = lunr.Index.load(JSON.parse(serialized) as object);
  const loadMs = performance.now() - t2;
  const samples: number[] = [];
  const byKind: Record<string, number[]> = {};
  for (const q of queries.slice(0, 10)) loaded.search(q.lunr);
  for (const q of queries) {
    const t = performance.now();
    let hits = 0;
    try {
      hits = loaded.search(q.lunr).slice(0, 20).length;
    } catch {
      /* lunr's own query syntax errors: counted as a (fast) empty result */
    }
    const ms = performance.now() - t;
    void hits;
    samples.push(ms);
    (byKind[q.kind] ??= []).push(ms);
  }
  return {
    buildMs: round(buildMs),
    heapBytes,
    rssDeltaBytes: rssDelta,
    serializedBytes: Buffer.byteLength(serialized),
    serializeMs: round(serializeMs),
    loadMs: round(loadMs),
    latencyMs: percentiles(samples),
    latencyByKindMs: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, percentiles(v)])),
    note: 'lunr has no phrases and no filters: phrases run as +w1 +w2, filtered queries as their word alone; no snippets, no facets, no counts by type.',
  };
}

/** The second search thread starts with the first search and takes a few hundred ms: timings are of a running app. */
async function threadStarted(app: App): Promise<void> {
  const thread = app.services.searchThread;
  for (let waited = 0; thread && !thread.isReady && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
}

// ---------- one size ----------
async function benchSize(count: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sb-bench-${count}-`));
  const vocab = buildVocabulary();
  const speakers = generateSpeakers(SPEAKER_COUNT);
  const app = createServices(dir, OPEN_OPTIONS);

  const t0 = performance.now();
  const ingested = ingest(app, vocab, speakers, count);
  const ingestMs = performance.now() - t0;
  // The common words' counts the app's background upkeep makes shortly after (common-terms.ts), made
  // here at once: the probes below open the library as the app would find it.
  const tCommon = performance.now();
  const commonWordsCounted = refreshCommonTerms(app.db);
  const commonWordsMs = performance.now() - tCommon;
  app.db.pragma('wal_checkpoint(TRUNCATE)');
  const dbBytes = fs.statSync(path.join(dir, 'sourcebook.db')).size;

  const queries = buildQueries(vocab, speakers, count, QUERY_COUNT);
  for (const q of queries.slice(0, 20)) await app.dispatch('search.query', { query: q.query, limit: 20, facets: true });
  await threadStarted(app);
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  const byKind: Record<string, number[]> = {};
  const noFacets: number[] = [];
  const exactTotals: number[] = [];
  let zeroHits = 0;
  let errors = 0;
  const slowest: { query: string; ms: number }[] = [];
  for (const q of queries) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const r = await app.dispatch('search.query', { query: q.query, limit: 20, facets: true, countUpTo: APP_COUNT_UP_TO });
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    cpuSamples.push((used.user + used.system) / 1000);
    if (!r.ok) errors++;
    else if (r.value.total === 0) zeroHits++;
    samples.push(ms);
    (byKind[q.kind] ??= []).push(ms);
    slowest.push({ query: q.query, ms: round(ms) });
  }
  // The variants each in a pass of their own: right after the same query, any variant would find
  // its pages already in SQLite's cache and look faster than it is.
  for (const q of queries) {
    const t = performance.now();
    await app.dispatch('search.query', { query: q.query, limit: 20, countUpTo: APP_COUNT_UP_TO });
    noFacets.push(performance.now() - t);
  }
  for (const q of queries) {
    const t = performance.now();
    await app.dispatch('search.query', { query: q.query, limit: 20, facets: true });
    exactTotals.push(performance.now() - t);
  }
  slowest.sort((a, b) => b.ms - a.ms);
  // Typing: each prefix of a query, as the search view sends them (prefixLastWord).
  const typing: number[] = [];
  for (const q of queries.filter((x) => x.kind === 'two-words').slice(0, 20)) {
    for (let len = 3; len <= q.query.length; len++) {
      const t = performance.now();
      await app.dispatch('search.query', { query: q.query.slice(0, len), limit: 20, facets: true, prefixLastWord: true, countUpTo: APP_COUNT_UP_TO });
      typing.push(performance.now() - t);
    }
  }

  // Incremental: 100 articles with 5 quotes each, through the API (one transaction per call).
  const r = rng(99);
  const tAdd = performance.now();
  let addedQuotes = 0;
  for (let i = 0; i < 100; i++) {
    const a = generateArticle(vocab, speakers, count + 1_000_000 + i);
    const created = await app.dispatch('articles.create', { title: a.title, text: a.text, siteName: a.siteName, publishedAt: a.publishedAt.slice(0, 10) });
    if (!created.ok) throw new Error(created.error.message);
    for (const q of a.quotes.slice(0, 5)) {
      const made = await app.dispatch('quotes.create', { articleId: created.value.id, text: q.text, speaker: speakers[Math.floor(r() * 50)]!.name });
      if (made.ok) addedQuotes++;
    }
  }
  const addMs = performance.now() - tAdd;
  const rss = process.memoryUsage().rss;
  app.db.pragma('wal_checkpoint(TRUNCATE)');
  app.close();

  // Cold open in a new process: open (and check) the library, run one query; then all of them.
  // First on the library as ingested, searched the moment it is open (bundled, as the desktop app
  // and the `sourcebook` command run the services).
  const probeArgs = ['--probe', dir, queries[0]!.query, String(QUERY_COUNT), ...(OPEN_OPTIONS.searchThread ? [] : ['--one-thread'])];
  const bundle = await probeBundle();
  const coldOpenBundledAsIngested = {
    ...probe([bundle, ...probeArgs]),
    note: 'the library as ingested (its indexes in many segments), the queries searched as soon as the process is open: a process searching before the app has done its upkeep',
  };
  // Then as the app keeps it: its background upkeep merges the indexes grown into many segments
  // (index-merge.ts), done here at once; and searched after the app's idle warm-up (search-warm-up.ts).
  // Twice: the sources through tsx, then bundled.
  const merging = createServices(dir, OPEN_OPTIONS);
  const tMerge = performance.now();
  const mergedIndexes = mergeDueIndexes(merging.db);
  const mergeMs = performance.now() - tMerge;
  merging.db.pragma('wal_checkpoint(TRUNCATE)');
  merging.close();
  const warmProbeArgs = [...probeArgs, '--warm-up'];
  const coldOpen = {
    ...probe([...process.execArgv, fileURLToPath(import.meta.url), ...warmProbeArgs]),
    note: 'a new process on the library as the app keeps it (indexes merged): open, first result, the idle warm-up (warmUp), then every query (timed as firstPass*, and for RSS), then every query again (timed: latency*, what the process keeps between searches now warm); processWallMs includes starting Node and tsx (TypeScript transpiling); RSS includes Node and tsx themselves',
  };
  const coldOpenBundled = {
    ...probe([bundle, ...warmProbeArgs]),
    note: 'the same, with the services bundled by esbuild and run by plain Node (no tsx), as the desktop app (dist/electron/main.mjs) and the sourcebook command (bin/sourcebook.mjs) run them',
  };

  const fts = {
    ingest: {
      ms: round(ingestMs),
      articlesPerSec: round((ingested.articles / ingestMs) * 1000, 1),
      quotesPerSec: round((ingested.quotes / ingestMs) * 1000, 1),
      textMBPerSec: round(ingested.textBytes / 1e6 / (ingestMs / 1000)),
    },
    /** Counting the common words after the ingest (the indexes big enough to have them counted). */
    commonWords: { ms: round(commonWordsMs), indexes: commonWordsCounted },
    dbBytes,
    coldOpenBundledAsIngested,
    /** Merging the indexes the app's upkeep would merge (after the ingest and the 100 articles added). */
    indexMerge: { ms: round(mergeMs), indexes: mergedIndexes },
    coldOpen,
    coldOpenBundled,
    latencyMs: percentiles(samples),
    /** CPU time of the same calls: what the query costs when other programs compete for the 2 cores. */
    latencyCpuMs: percentiles(cpuSamples),
    latencyNoFacetsMs: percentiles(noFacets),
    /** The same queries with every match counted (no countUpTo): what `sourcebook search` does by default. */
    latencyExactTotalsMs: percentiles(exactTotals),
    latencyByKindMs: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, percentiles(v)])),
    typingPrefixLastWordMs: percentiles(typing),
    slowest: slowest.slice(0, 5),
    zeroHitQueries: zeroHits,
    errors,
    incrementalAdd100: { ms: round(addMs), msPerArticle: round(addMs / 100), quotesAdded: addedQuotes },
    /** RSS of this process after ingesting and querying (it built the corpus); the searching-only RSS is coldOpen's. */
    rssBytes: rss,
  };

  let lunrResult: ReturnType<typeof lunrRun> | { skipped: string } = { skipped: `more than --lunr-max ${LUNR_MAX} articles` };
  if (count <= LUNR_MAX) {
    try {
      lunrResult = lunrRun(vocab, speakers, count, queries);
    } catch (error) {
      lunrResult = { skipped: `lunr failed: ${(error as Error).message}` };
    }
  }
  const ratios =
    'buildMs' in lunrResult
      ? {
          'p50 fts/lunr': round(fts.latencyMs.p50 / lunrResult.latencyMs.p50),
          'p95 fts/lunr': round(fts.latencyMs.p95 / lunrResult.latencyMs.p95),
          'build fts ingest/lunr build': round(ingestMs / lunrResult.buildMs),
          'size db/lunr serialized': round(dbBytes / lunrResult.serializedBytes),
          'open fts cold open/lunr load': round((fts.coldOpen as unknown as { openToFirstResultMs: number }).openToFirstResultMs / lunrResult.loadMs),
          note: 'fts5 numbers include snippets, facets and totals; the db also holds the articles themselves (text and html)',
        }
      : null;

  if (!KEEP) fs.rmSync(dir, { recursive: true, force: true });
  return { articles: count, quotes: ingested.quotes, stances: ingested.stances, speakers: SPEAKER_COUNT, library: KEEP ? dir : undefined, fts5: fts, lunr: lunrResult, ratios };
}

const results = [];
for (const size of SIZES) {
  process.stderr.write(`bench: ${size} articles…\n`);
  results.push(await benchSize(size));
}
const sqliteVersion = (() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-v-'));
  const app = createServices(dir);
  const v = (app.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  app.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return v;
})();
process.stdout.write(
  `${JSON.stringify({ machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, sqlite: sqliteVersion, totalMemBytes: os.totalmem() }, queries: QUERY_COUNT, results }, null, 2)}\n`,
);
