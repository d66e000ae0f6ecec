import type { SearchType, TextNode } from '../../../shared/search/query-ast';
import { conditionSql, forRowid, type Condition, type Params } from './filter-sql';
import type { StatementCache } from './statement-cache';
import { trigramCondition } from './trigram-text';
import { bitmapKey, type FilterBitmaps } from './filter-bitmaps';
import { hasMultiWordPhrase, phrasesOf, type PhraseDocCounts } from './phrase-doc-counts';
import { PAIR_INDEXES } from '../../db/phrase-pairs';
import { bm25Sql, lastRowid, rankSql, TYPE_SPECS, type TypeSpec } from './type-specs';
import type { OnWorker } from './worker-claims';

/** How the text part is searched for one query. */
export type TextMode =
  /**
   * The word indexes: `match` ranked by bm25 (computed with `rankMatch`, the same query with its
   * phrases as plain words, when given); with only `exclude`, everything but those, newest first.
   */
  | {
    kind: 'words'; match: string | null; exclude: string | null; rankMatch?: string | null;
    /**
     * The same matches as `match`, in the type's pair index (PAIR_INDEXES: a two-word phrase as its
     * one pair term), where that finds them without comparing word positions (text-modes.ts).
     */
    pairMatch?: string | null;
  }
  /** The trigram indexes (CJK, or substrings after a word search found nothing), newest first. */
  | { kind: 'substring'; node: TextNode };

export interface Candidate {
  type: SearchType;
  rid: number;
  /** bm25 (lower is better); 0 when not ranked. */
  rank: number;
  /** When the item was added, for ordering unranked results across types. */
  added: string;
}

export interface TypeResult {
  type: SearchType;
  /** The best `limit` matches, best first. */
  candidates: Candidate[];
  total: number;
  /** False when `total` is a lower bound (counting stopped at the caller's countLimit). */
  isTotalExact: boolean;
}

/**
 * Ranking window: with more matches than this, bm25 ranks the newest RANK_WINDOW matches (plus, for
 * types with a title, the newest TITLE_WINDOW older title matches), not all of them. bm25 must decode every match's
 * positions (about 1 µs each), so a common word in a 100k-article library would cost tens of
 * milliseconds; the window keeps it bounded, favours recent material (the recency tie-break, made
 * stronger), and the title tier keeps an old article titled with the query words in the running.
 * Totals stay exact: counting does not decode positions.
 */
export const RANK_WINDOW = 1000;

export interface RunTypeOptions {
  rankWindow?: number;
  titleWindow?: number;
  countLimit?: number | null;
  setRowCost?: number;
  /** See LOOKUP_DOC_COST; tests make it 0 or Infinity to rank listed rows both ways. */
  lookupDocCost?: number;
  phraseCounts?: PhraseDocCounts | null;
  bitmaps?: FilterBitmaps | null;
  /** Runs a read-only SELECT on the search worker (search-thread.ts): the older part of a phrase's walk (WORKER_SCAN_SHARE). */
  scanOnWorker?: ScanOnWorker;
}

/** A SELECT run on the other thread's connection, its rows as arrays (null: taken back before the worker started it). */
export type ScanOnWorker = (sql: string, values: Record<string, unknown>) => OnWorker<unknown[][]>;

/**
 * The best `limit` matches of one type, and how many there are: all of them, or (with `countLimit`)
 * exactly up to that many and past it a lower bound (`isTotalExact` false), as search engines do
 * for interactive searches — a common word's 40,000 matches need not be walked to say "1,000+".
 *
 * Speed (the 10 ms target): the ranking touches only the FTS index, never the item table (a join
 * per match costs more than bm25 itself); item rows are read afterwards, for the page only. How
 * filters are checked is chosen per query (filterTerms), from small tables where it can be.
 * bm25 walks each query word's whole doclist once per statement (to count its documents), so
 * ranking is one statement per type; with `phraseCounts` (the rank extension loaded) the counts are
 * kept between searches and passed in (phrase-doc-counts.ts).
 * Rowid bounds are bound as BigInt: a JS number binds as REAL, and FTS5 ignores a non-integer rowid
 * constraint (silently scanning everything). With `scanOnWorker`, a phrase's result may come
 * later (a promise), once the worker has walked its part.
 */
export function runType(statements: StatementCache, type: SearchType, mode: TextMode, conditions: Condition[], shared: Params, limit: number, options?: Omit<RunTypeOptions, 'scanOnWorker'>): TypeResult;
export function runType(statements: StatementCache, type: SearchType, mode: TextMode, conditions: Condition[], shared: Params, limit: number, options: RunTypeOptions): TypeResult | Promise<TypeResult>;
export function runType(
  statements: StatementCache, type: SearchType, mode: TextMode, conditions: Condition[], shared: Params, limit: number, options: RunTypeOptions = {},
): TypeResult | Promise<TypeResult> {
  const spec = TYPE_SPECS[type];
  const p = shared.fork();
  const rankWindow = options.rankWindow ?? RANK_WINDOW;
  const countLimit = options.countLimit ?? null;
  const none: TypeResult = { type, candidates: [], total: 0, isTotalExact: true };

  if (mode.kind === 'words' && mode.match !== null) {
    // Matches are found in the pair index when the mode has a pair match (the same rows), and
    // ranked in the word index: only the finding statements read `findSpec.fts`.
    const pairIndex = mode.pairMatch ? PAIR_INDEXES[type] : undefined;
    const findSpec = pairIndex ? { ...spec, fts: pairIndex.pairs } : spec;
    const match = p.add(pairIndex ? mode.pairMatch! : mode.match);
    const fts = findSpec.fts;
    const bitmaps = options.bitmaps && lastRowid(statements, spec) <= MAX_BITMAP_ROWID ? options.bitmaps : null;
    let filters: FilterChecks = { terms: [], needsRow: false, sets: [] };
    let passes: ((rid: number) => boolean) | undefined;
    const window = Math.max(rankWindow, limit);
    if (conditions.length > 0) {
      // About how many match: decides how each filter is checked (filterTerms).
      const matches = estimateMatches(statements, findSpec, match, p);
      if (matches === 0) return none;
      const needPassing = countLimit !== null ? Math.max(countLimit, window) + 1 : Infinity;
      filters = filterTerms(statements, findSpec, conditions, p, { match, matches, needPassing }, options.setRowCost ?? (bitmaps ? BITMAP_ROW_COST : SET_ROW_COST), bitmaps);
      const sets = filters.sets;
      if (sets.length > 0) passes = (rid) => sets.every((f) => f.rowids.has(rid) !== f.isNegated);
    }
    const rankMatch = mode.rankMatch ?? mode.match;
    // A phrase of several words: scored as its matches are found (by the words it is ranked by,
    // ANDed to it so that FTS5 hands their positions to the rank function), not by walking the
    // words' doclists again over all the matches' span. For a rare phrase of common words that
    // second walk took as long as finding them (6 ms at 100k articles); the AND makes the find
    // about half as long again.
    const scoresWhileFinding = options.phraseCounts && !passes && !pairIndex && rankMatch !== mode.match && hasMultiWordPhrase(mode.match);
    const scoreCounts = scoresWhileFinding ? `${'x '.repeat(phrasesOf(mode.match).length)}${options.phraseCounts!.countsFor(spec, rankMatch)}` : null;
    const findMatch = scoreCounts !== null ? p.add(`(${mode.match}) AND (${rankMatch})`) : match;
    const from = filters.needsRow ? `${fts} JOIN ${spec.table} x ON x.rowid = ${fts}.rowid` : fts;
    const base = `FROM ${from} WHERE ${fts} MATCH ${findMatch}${whereOf(filters, `${fts}.rowid`)}`;
    // The newest matches, one more than needed to rank and to count as far as asked: the ranking
    // window is the first `window` of them. An exact count of matches the SQL alone decides is
    // SQLite's count(*) (no rowids cross into JS); with filters checked in JS, every match is read.
    const need = countLimit !== null ? Math.max(countLimit, window) + 1 : passes ? Infinity : window + 1;
    const isScored = scoreCounts !== null && need !== Infinity;
    const wordsMatch = mode.match;
    if (isScored && options.scanOnWorker) {
      // A phrase's walk split in two: the older part on the worker, at once, the newer one here.
      const scan = scoredNewestSql(spec, base, p, need, scoreCounts);
      const splitAt = p.add(BigInt(Math.floor(lastRowid(statements, spec) * WORKER_SCAN_SHARE)));
      const olderThere = options.scanOnWorker(scan(`< ${splitAt}`), p.values);
      const olderHere = () => statements.get(scan(`< ${splitAt}`)).raw().all(p.values) as [number, number][];
      const newer = statements.get(scan(`>= ${splitAt}`)).raw().all(p.values) as [number, number][];
      if (newer.length >= need) {
        // Not needed: the newer part holds the window and the count (a common phrase). Taken back
        // unless the worker has started it, so that it does not delay the worker's facet rows.
        olderThere.takeBack();
        return rankScored(newer);
      }
      // Taken back now (the worker had not started), or failed: the older part is walked here.
      if (olderThere.takeBack()) return rankScored([...newer, ...olderHere()].slice(0, need));
      return olderThere.value
        .then((older) => (older as [number, number][] | null) ?? olderHere(), olderHere)
        .then((older) => rankScored([...newer, ...older].slice(0, need)));
    }
    return rankScored(isScored ? (statements.get(scoredNewestSql(spec, base, p, need, scoreCounts)('')).raw().all(p.values) as [number, number][]) : null);

    /** The rest of the search, from the newest matches: scored as found (`scored`), or read now and ranked after. */
    function rankScored(scored: [number, number][] | null): TypeResult {
      const newest = scored ? scored.map((r) => r[0]) : newestMatches(statements, findSpec, base, p, need, passes);
      if (newest.length === 0) return none;
      const isScanComplete = newest.length < need;
      let total = isScanComplete ? newest.length : need - 1;
      if (countLimit === null && !isScanComplete) total = statements.get(`SELECT count(*) ${base}`).pluck().get(p.values) as number;
      const isTotalExact = countLimit === null || isScanComplete;

      // Ranked in one statement: the window, and beyond it the older matches with the words in their title.
      const inWindow = newest.slice(0, window);
      const older = newest.length > window && spec.titleColumn
        ? olderTitleMatches(statements, spec, wordsMatch, inWindow[inWindow.length - 1]!, options.titleWindow ?? TITLE_WINDOW, filters, p, passes)
        : [];
      let rows: { rid: number; rank: number }[];
      if (scored) {
        rows = scored.slice(0, window).map(([rid, rank]) => ({ rid, rank }));
        if (older.length > 0) rows.push(...rankListed(statements, spec, rankMatch, older, bitmaps, p, options, limit));
        rows = rows.sort((a, b) => a.rank - b.rank || b.rid - a.rid).slice(0, limit);
      } else {
        rows = rankListed(statements, spec, rankMatch, [...inWindow, ...older], bitmaps, p, options, limit);
      }
      return { type, candidates: rows.map((r) => ({ type, rid: r.rid, rank: r.rank, added: '' })), total, isTotalExact };
    }
  }

  const where = conditions.map((c) => ` AND ${conditionSql(c)}`).join('');
  let text = '';
  if (mode.kind === 'words' && mode.exclude !== null) {
    text = ` AND x.rowid NOT IN (SELECT rowid FROM ${spec.fts} WHERE ${spec.fts} MATCH ${p.add(mode.exclude)})`;
  } else if (mode.kind === 'substring') {
    text = ` AND ${trigramCondition(mode.node, spec, p)}`;
  }
  // A substring search names its rows (rowids from a trigram index): look those up, rather than walk
  // every live row of the deleted_at index checking each against the list (40 ms over 500k quotes
  // for a word that is nowhere, which is exactly when the substring fallback runs).
  const live = mode.kind === 'substring' ? '+x.deleted_at IS NULL' : 'x.deleted_at IS NULL';
  const base = `FROM ${spec.table} x WHERE ${live}${text}${where}`;
  const rows = statements.get(`SELECT x.rowid AS rid, 0 AS rank, x.created_at AS added ${base} ORDER BY x.rowid DESC LIMIT ${p.add(limit)}`).all(p.values) as {
    rid: number; rank: number; added: string;
  }[];
  let total = rows.length;
  let isTotalExact = true;
  if (rows.length === limit) {
    const cap = countLimit === null ? '' : ` LIMIT ${Math.max(countLimit, limit) + 1}`;
    total = statements.get(`SELECT count(*) FROM (SELECT 1 ${base}${cap})`).pluck().get(p.values) as number;
    if (countLimit !== null && total > Math.max(countLimit, limit)) [total, isTotalExact] = [Math.max(countLimit, limit), false];
  }
  return { type, candidates: rows.map((r) => ({ type, rid: r.rid, rank: r.rank, added: r.added })), total, isTotalExact };
}

/**
 * Looking a listed row up in a word's doclist (FTS5 seeking to a rowid) costs about as much as
 * walking past this many of the word's documents: 25 µs against 38 ns per document, measured at
 * 100k articles.
 */
const LOOKUP_DOC_COST = 660;

/**
 * The best `limit` of `listed` rows (newest first), each known to match: ranked by `rankMatch`, in
 * which a phrase may be loosened into its words (CompileOptions.loosePhrases). Either the rowid
 * bounds let FTS5 walk the words' doclists over the listed rows' span only, or, for a few rows
 * spread wide (a rare phrase found in its pair index: 35 rows across 100k articles), FTS5 looks
 * each row up: chosen by the words' document counts, where they are kept (phraseCounts).
 */
function rankListed(
  statements: StatementCache, spec: TypeSpec, rankMatch: string, listed: number[], bitmaps: FilterBitmaps | null, p: Params,
  options: Pick<RunTypeOptions, 'phraseCounts' | 'lookupDocCost'>, limit: number,
): { rid: number; rank: number }[] {
  const { fts } = spec;
  const counts = options.phraseCounts?.countsFor(spec, rankMatch) ?? null;
  const rank = counts !== null ? rankSql(spec, p.add(counts)) : bm25Sql(spec);
  const [newest, oldest] = [listed[0]!, listed[listed.length - 1]!];
  const order = `ORDER BY rank, rid DESC LIMIT ${p.add(limit)}`;
  if (counts !== null && isLookupCheaper(counts, listed.length, (newest - oldest + 1) / Math.max(1, lastRowid(statements, spec)), options.lookupDocCost ?? LOOKUP_DOC_COST)) {
    return statements.get(`SELECT rowid AS rid, ${rank} AS rank FROM ${fts} WHERE ${fts} MATCH ${p.add(rankMatch)}
      AND rowid IN (SELECT value FROM json_each(${p.add(JSON.stringify(listed))})) ${order}`).all(p.values) as { rid: number; rank: number }[];
  }
  // The listed rows: a bitmap checked in C where the extension is loaded (a third cheaper than an
  // ephemeral index built from JSON), else `+rowid IN` the list.
  const isListed = bitmaps !== null ? `sourcebook_has(${p.add(rowidBitmap(listed))}, rowid)` : `+rowid IN (SELECT value FROM json_each(${p.add(JSON.stringify(listed))}))`;
  return statements.get(`SELECT rowid AS rid, ${rank} AS rank FROM ${fts} WHERE ${fts} MATCH ${p.add(rankMatch)}
    AND rowid BETWEEN ${p.add(BigInt(oldest))} AND ${p.add(BigInt(newest))}
    AND ${isListed} ${order}`).all(p.values) as { rid: number; rank: number }[];
}

/**
 * Whether looking `rows` rows up in each phrase's doclist costs less than walking the doclists over
 * `spanShare` of the index. `counts`: the phrases' document counts, as sourcebook_bm25 takes them.
 */
function isLookupCheaper(counts: string, rows: number, spanShare: number, lookupDocCost: number): boolean {
  const docs = counts.split(' ').map((n) => Number(n) || 0);
  const walked = docs.reduce((sum, n) => sum + n, 0) * Math.min(1, spanShare);
  return rows * docs.length * lookupDocCost < walked;
}

/**
 * The SQL of `base`'s newest `need` matches, newest first, each with its rank (sourcebook_bm25 with
 * `counts`), scored in the walk that finds them; `rowids` (`< @p9`, `>= @p9` or '') bounds the walk.
 */
function scoredNewestSql(spec: TypeSpec, base: string, p: Params, need: number, counts: string): (rowids: string) => string {
  const rowid = `${spec.fts}.rowid`;
  const rank = rankSql(spec, p.add(counts));
  return (rowids) => `SELECT ${rowid}, ${rank} ${base}${rowids ? ` AND ${rowid} ${rowids}` : ''} ORDER BY ${rowid} DESC LIMIT ${need}`;
}

/**
 * With a second thread, the share of a phrase's walk (by rowid, the oldest part) it takes: it
 * starts after its own quote search (1–2 ms for a phrase), so a little less than half. A rare
 * phrase of common words is walked end to end (12 ms at 100k articles); halved, both threads
 * finish at about the same time. A common phrase finds its newest matches in the newer part and
 * the older part's answer is not waited for.
 */
const WORKER_SCAN_SHARE = 0.45;

/** Matches estimated at most this far to choose how filters are checked (a number past it changes no choice). */
const MATCH_PROBE = 20_000;

/**
 * How many documents match, for choosing how filters are checked (nothing else depends on it):
 * exact up to SAMPLE, else estimated from how many rowids the newest SAMPLE matches span. Counting
 * them instead walked up to MATCH_PROBE matches: 1–1.5 ms of every filtered search of a common word
 * in the 100k benchmark library.
 */
function estimateMatches(statements: StatementCache, spec: TypeSpec, match: string, p: Params): number {
  const newest = statements.get(`SELECT rowid FROM ${spec.fts} WHERE ${spec.fts} MATCH ${match} ORDER BY rowid DESC LIMIT ${SAMPLE + 1}`).pluck().all(p.values) as number[];
  if (newest.length <= SAMPLE) return newest.length;
  const last = lastRowid(statements, spec);
  return Math.min(MATCH_PROBE, Math.round((SAMPLE * last) / Math.max(1, last - newest[SAMPLE]! + 1)));
}
/** Rowids read per statement while filters are checked in JS (grows as more are needed). */
const FIRST_CHUNK = 2048;

/**
 * The rowids of `base`'s matches, newest first: up to `need` of those that `passes` (every one when
 * `need` is Infinity). With a JS check the matches are read in growing chunks (newest first, each
 * below the last rowid read), so a search that needs 1,001 passing matches does not read 100,000.
 */
function newestMatches(statements: StatementCache, spec: TypeSpec, base: string, p: Params, need: number, passes?: (rid: number) => boolean): number[] {
  const rowid = `${spec.fts}.rowid`;
  if (!passes || need === Infinity) {
    const all = statements.get(`SELECT ${rowid} ${base} ORDER BY ${rowid} DESC${need === Infinity ? '' : ` LIMIT ${need}`}`).pluck().all(p.values) as number[];
    return passes ? all.filter(passes) : all;
  }
  const chunkSql = `SELECT ${rowid} ${base} AND ${rowid} < @scanBefore ORDER BY ${rowid} DESC LIMIT @scanChunk`;
  const out: number[] = [];
  let before = 2n ** 63n - 1n;
  for (let chunk = FIRST_CHUNK; ; chunk *= 2) {
    const rowids = statements.get(chunkSql).pluck().all({ ...p.values, scanBefore: before, scanChunk: chunk }) as number[];
    for (const rid of rowids) {
      if (!passes(rid)) continue;
      out.push(rid);
      if (out.length === need) return out;
    }
    if (rowids.length < chunk) return out;
    before = BigInt(rowids[rowids.length - 1]!);
  }
}

const INDEXABLE = /^x\.\w+ IN \(/;

interface FilterChecks {
  /** SQL terms checked on each match, `{rid}` standing for its rowid (forRowid); a bitmap's is `sourcebook_has(@bits, {rid})`. */
  terms: string[];
  /** Some term reads the item row `x`. */
  needsRow: boolean;
  /** Filters read whole as rowid sets, checked in JS. */
  sets: { rowids: Set<number>; isNegated: boolean }[];
}

/** The filter terms as ` AND …` for the rowid expression `rid`. */
const whereOf = (filters: FilterChecks, rid: string) => filters.terms.map((t) => ` AND ${forRowid(t, rid)}`).join('');

/**
 * How each filter is checked against the word matches:
 * - read whole as a rowid set (from its own index), when the set is small next to the walk it
 *   saves: with the search extension into a bitmap, in C, checked per match in the same SQL
 *   (`sourcebook_has`: main/sqlite-ext/sourcebook-rank.c), else into a JS Set checked per match;
 * - else checked on each match in SQL: by rowid through small tables (`ridSql`) when the filter has
 *   that form, else on the item row (`rowSql`, or `+` on `x.col IN (…)` so SQLite does not start
 *   from the filter and probe FTS once per row of it).
 * Filters with a rowid form decide by sampling: how many of the newest matches pass estimates
 * both the set's size and how many matches a walk must probe to find the ones needed (the walk
 * goes newest first too, so a date filter that recent items pass is seen as cheap to probe).
 * The others read their set with a cap: the number of matches times the type's `rowCost` (an
 * article row is pages of text and HTML, a quote row a few hundred bytes); complete means the set
 * is the cheaper side.
 */
function filterTerms(
  statements: StatementCache, spec: TypeSpec, conditions: Condition[], p: Params, words: { match: string; matches: number; needPassing: number },
  setRowCost: number, bitmaps: FilterBitmaps | null,
): FilterChecks {
  const { table, fts } = spec;
  const checks: FilterChecks = { terms: [], needsRow: false, sets: [] };
  bitmaps?.sync();
  for (const c of conditions) {
    // `x.rowid IN (sub)`: read `sub` alone (from its covering index), not each row it names.
    const byRowid = /^x\.rowid IN \(([\s\S]*)\)$/.exec(c.sql);
    const setOf = byRowid ? `SELECT * FROM (${byRowid[1]})` : `SELECT x.rowid FROM ${table} x WHERE ${c.sql}`;
    const key = bitmaps ? bitmapKey(setOf, p.values) : '';
    const kept = bitmaps?.get(key);
    if (kept) {
      // Read by an earlier search of the unchanged library: checking it costs what a probe would not.
      checks.terms.push(bitmapTerm(p, kept, c.isNegated));
      continue;
    }
    let cap = words.matches * spec.rowCost;
    if (c.ridSql) {
      const sample = statements
        .get(`SELECT count(*), sum(${conditionSql({ ...c, sql: forRowid(c.ridSql, 's.rowid') })}) FROM
          (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ${words.match} ORDER BY rowid DESC LIMIT ${SAMPLE}) s`)
        .raw()
        .get(p.values) as [number, number | null];
      const passRate = ((sample[1] ?? 0) + 1) / (sample[0] + 2);
      // The set holds the rows the filter selects (a negated filter's set is what it excludes).
      const setSize = (c.isNegated ? 1 - passRate : passRate) * lastRowid(statements, spec);
      const probes = Math.min(words.matches, words.needPassing / passRate);
      if (setSize * setRowCost >= probes) {
        checks.terms.push(conditionSql({ ...c, sql: c.ridSql }));
        continue;
      }
      cap = Math.max(SAMPLE, Math.ceil(2 * setSize));
    }
    const setSql = `${setOf} LIMIT ${p.add(cap)}`;
    if (bitmaps) {
      const [bits, count] = statements.get(`WITH s(v) AS (${setSql}) SELECT sourcebook_rowids(v), count(*) FROM s`).raw().get(p.values) as [Uint8Array, number];
      if (count < cap) {
        bitmaps.set(key, bits);
        checks.terms.push(bitmapTerm(p, bits, c.isNegated));
        continue;
      }
    } else {
      const rowids = statements.get(setSql).pluck().all(p.values) as number[];
      if (rowids.length < cap) {
        checks.sets.push({ rowids: new Set(rowids), isNegated: c.isNegated });
        continue;
      }
    }
    if (c.ridSql) {
      checks.terms.push(conditionSql({ ...c, sql: c.ridSql }));
    } else {
      checks.terms.push(conditionSql({ ...c, sql: c.rowSql ?? (INDEXABLE.test(c.sql) ? `+${c.sql}` : c.sql) }));
      checks.needsRow = true;
    }
  }
  return checks;
}

/** A filter's check against its bitmap, `{rid}` standing for the match's rowid. */
const bitmapTerm = (p: Params, bits: Uint8Array, isNegated: boolean) => `${isNegated ? 'NOT ' : ''}sourcebook_has(${p.add(bits)}, {rid})`;

/** The bitmap sourcebook_has reads (byte r/8, bit r%8) of a list of rowids, none above MAX_BITMAP_ROWID. */
export function rowidBitmap(rowids: number[]): Uint8Array {
  let max = 0;
  for (const r of rowids) if (r > max) max = r;
  const bits = new Uint8Array((max >> 3) + 1);
  for (const r of rowids) bits[r >> 3]! |= 1 << (r & 7);
  return bits;
}

/** Newest matches checked to estimate how many pass a filter. */
const SAMPLE = 256;
/** What reading one rowid of a filter's set costs next to probing one match by rowid (measured: ~0.1 µs and ~0.5 µs). */
export const SET_ROW_COST = 0.2;
/** The same for a set read into a bitmap in C (~0.05 µs a row), next to a probe of a big library's cold pages (1–3 µs). */
export const BITMAP_ROW_COST = 0.05;
/** sourcebook_rowids refuses rowids past this (a 32 MB bitmap); a bigger table filters through JS sets. */
export const MAX_BITMAP_ROWID = 2 ** 28;

/**
 * Beyond the ranking window: the matches with the words in their title, so an old article titled
 * with the query is not lost among newer passing mentions. The newest `titleWindow` title matches
 * older than the window (a word in thousands of titles: "being" in a 100k library), from the
 * type's title index (migration 0090), else a column filter on its word index; those the filters
 * keep. The ranking statement's MATCH then keeps only real matches (a title may lack a word the
 * query excludes while the body has it).
 *
 * Ranking them walks the word's doclist from the oldest of them (bm25 needs the full index), so
 * their number sets how far back the walk goes: with 500, most of a common word's doclist (about
 * 1.8 of the 2.5 ms an article ranking took for a single word in the 100k benchmark library);
 * with 100, a fifth of that span. A hundred old title matches still outnumber a page many times.
 */
export const TITLE_WINDOW = 100;

function olderTitleMatches(
  statements: StatementCache, spec: TypeSpec, match: string, before: number, titleWindow: number, filters: FilterChecks, p: Params,
  passes?: (rid: number) => boolean,
): number[] {
  const index = spec.titleFts ?? spec.fts;
  const titleMatch = spec.titleFts ? match : `{${spec.titleColumn}} : (${match})`;
  let rowids = statements
    .get(`SELECT rowid FROM ${index} WHERE ${index} MATCH ${p.add(titleMatch)} AND rowid < ${p.add(BigInt(before))} ORDER BY rowid DESC LIMIT ${p.add(titleWindow)}`)
    .pluck()
    .all(p.values) as number[];
  if (passes) rowids = rowids.filter(passes);
  if (rowids.length === 0 || filters.terms.length === 0) return rowids;
  const row = filters.needsRow ? ` JOIN ${spec.table} x ON x.rowid = t.value` : '';
  return statements
    .get(`SELECT t.value FROM json_each(${p.add(JSON.stringify(rowids))}) t${row} WHERE 1${whereOf(filters, 't.value')} ORDER BY t.value DESC`)
    .pluck()
    .all(p.values) as number[];
}

/** Best first: by rank, then (unranked, or equal rank across types) newest first. */
export function mergeCandidates(results: TypeResult[]): Candidate[] {
  const typeOrder: Record<SearchType, number> = { article: 0, quote: 1, note: 2, speaker: 3, topic: 4 };
  return results
    .flatMap((r) => r.candidates.map((c, i) => ({ c, i })))
    .sort((a, b) => a.c.rank - b.c.rank || (b.c.added < a.c.added ? -1 : b.c.added > a.c.added ? 1 : 0) || a.i - b.i || typeOrder[a.c.type] - typeOrder[b.c.type])
    .map((x) => x.c);
}
