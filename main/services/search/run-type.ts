import type { SearchType, TextNode } from '../../../shared/search/query-ast';
import { conditionSql, type Condition, type Params } from './filter-sql';
import type { StatementCache } from './statement-cache';
import { trigramCondition } from './trigram-text';
import { bm25Sql, TYPE_SPECS, type TypeSpec } from './type-specs';

/** How the text part is searched for one query. */
export type TextMode =
  /** The word indexes: `match` ranked by bm25; with only `exclude`, everything but those, newest first. */
  | { kind: 'words'; match: string | null; exclude: string | null }
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
}

/**
 * Ranking window: with more matches than this, bm25 ranks the newest RANK_WINDOW matches (plus, for
 * types with a title, every title match), not all of them. bm25 must decode every match's
 * positions (about 1 µs each), so a common word in a 100k-article library would cost tens of
 * milliseconds; the window keeps it bounded, favours recent material (the recency tie-break, made
 * stronger), and the title tier keeps an old article titled with the query words in the running.
 * Totals stay exact: counting does not decode positions.
 */
export const RANK_WINDOW = 1000;

/**
 * The best `limit` matches of one type, and how many there are in all.
 *
 * Speed (the 10 ms target): with no filter the ranking touches only the FTS index, never the item
 * table (a join per match costs more than bm25 itself); item rows are read afterwards, for the page
 * only. How filters are checked is chosen per query (filterTerms).
 * Rowid bounds are bound as BigInt: a JS number binds as REAL, and FTS5 ignores a non-integer rowid
 * constraint (silently scanning everything).
 */
export function runType(
  statements: StatementCache, type: SearchType, mode: TextMode, conditions: Condition[], shared: Params, limit: number, rankWindow = RANK_WINDOW,
): TypeResult {
  const spec = TYPE_SPECS[type];
  const p = shared.fork();

  if (mode.kind === 'words' && mode.match !== null) {
    const match = p.add(mode.match);
    let from = spec.fts;
    let where = '';
    const window = Math.max(rankWindow, limit);
    // How many match, and the rowid of the window-th newest. Without filters both come from the FTS
    // index alone (cheap); with filters every match must be checked, so one pass does both.
    let total: number;
    let bound: bigint | null = null;
    if (conditions.length === 0) {
      const base = `FROM ${from} WHERE ${spec.fts} MATCH ${match}`;
      total = statements.get(`SELECT count(*) ${base}`).pluck().get(p.values) as number;
      if (total > window) bound = statements.get(`SELECT ${spec.fts}.rowid ${base} ORDER BY ${spec.fts}.rowid DESC LIMIT 1 OFFSET ${window - 1}`).pluck().safeIntegers(true).get(p.values) as bigint;
    } else {
      const matches = statements.get(`SELECT count(*) FROM ${spec.fts} WHERE ${spec.fts} MATCH ${match}`).pluck().get(p.values) as number;
      if (matches === 0) return { type, candidates: [], total: 0 };
      const filters = filterTerms(statements, spec, conditions, p, matches);
      where = filters.terms.map((t) => ` AND ${t}`).join('');
      if (filters.needsRow) from = `${spec.fts} JOIN ${spec.table} x ON x.rowid = ${spec.fts}.rowid`;
      const base = `FROM ${from} WHERE ${spec.fts} MATCH ${match}${where}`;
      // Every filtered match, newest first: the count, and the ranking window as an explicit list, so
      // ranking needs neither the filters nor the item rows again.
      const all = statements.get(`SELECT ${spec.fts}.rowid ${base} ORDER BY ${spec.fts}.rowid DESC`).pluck().safeIntegers(true).all(p.values) as bigint[];
      total = all.length;
      if (total === 0) return { type, candidates: [], total };
      const inWindow = p.add(`[${all.slice(0, window).join(',')}]`);
      const rankedSql = `SELECT rowid AS rid, ${bm25Sql(spec)} AS rank FROM ${spec.fts} WHERE ${spec.fts} MATCH ${match}
        AND +rowid IN (SELECT value FROM json_each(${inWindow})) ORDER BY rank, rid DESC LIMIT ${p.add(limit)}`;
      let rows = statements.get(rankedSql).all(p.values) as { rid: number; rank: number }[];
      if (total > window && spec.titleColumn) rows = withTitleMatches(statements, spec, mode.match, `FROM ${from} WHERE`, where, rows, p, limit);
      return { type, candidates: rows.map((r) => ({ type, rid: r.rid, rank: r.rank, added: '' })), total };
    }
    if (total === 0) return { type, candidates: [], total };
    const ranked = (extra: string) =>
      `SELECT ${spec.fts}.rowid AS rid, ${bm25Sql(spec)} AS rank FROM ${from} WHERE ${spec.fts} MATCH ${match}${where}${extra} ORDER BY rank, rid DESC LIMIT ${p.add(limit)}`;
    let rows: { rid: number; rank: number }[];
    if (bound === null) {
      rows = statements.get(ranked('')).all(p.values) as typeof rows;
    } else {
      rows = statements.get(ranked(` AND ${spec.fts}.rowid >= ${p.add(bound)}`)).all(p.values) as typeof rows;
      if (spec.titleColumn) rows = withTitleMatches(statements, spec, mode.match, `FROM ${from} WHERE`, where, rows, p, limit);
    }
    return { type, candidates: rows.map((r) => ({ type, rid: r.rid, rank: r.rank, added: '' })), total };
  }

  const where = conditions.map((c) => ` AND ${conditionSql(c)}`).join('');
  let text = '';
  if (mode.kind === 'words' && mode.exclude !== null) {
    text = ` AND x.rowid NOT IN (SELECT rowid FROM ${spec.fts} WHERE ${spec.fts} MATCH ${p.add(mode.exclude)})`;
  } else if (mode.kind === 'substring') {
    text = ` AND ${trigramCondition(mode.node, spec, p)}`;
  }
  const base = `FROM ${spec.table} x WHERE x.deleted_at IS NULL${text}${where}`;
  const rows = statements.get(`SELECT x.rowid AS rid, 0 AS rank, x.created_at AS added ${base} ORDER BY x.rowid DESC LIMIT ${p.add(limit)}`).all(p.values) as {
    rid: number; rank: number; added: string;
  }[];
  const total = rows.length < limit ? rows.length : (statements.get(`SELECT count(*) ${base}`).pluck().get(p.values) as number);
  return { type, candidates: rows.map((r) => ({ type, rid: r.rid, rank: r.rank, added: r.added })), total };
}

const INDEXABLE = /^x\.\w+ IN \(/;

/**
 * How each filter is checked against the word matches, chosen by reading its rows with a cap (so
 * the reading costs no more than the walk it saves):
 * - a filter selecting at most `rowCost` times as many rows as the words match becomes a rowid set,
 *   read once from its own index and probed per match without reading the item row (`+` keeps
 *   SQLite from handing the set to FTS5 as rowid lookups: one MATCH seek per row, far slower);
 * - a broader one is checked on each match's row (`rowSql` when the filter has a per-row form, else
 *   `+` on `x.col IN (…)` so SQLite does not start from the filter and probe FTS once per row of it).
 * `rowCost` (type-specs.ts) says how much more reading an item row costs than reading one rowid
 * from an index: an article row is pages of text and HTML, a quote row a few hundred bytes.
 */
function filterTerms(statements: StatementCache, spec: TypeSpec, conditions: Condition[], p: Params, matches: number): { terms: string[]; needsRow: boolean } {
  const { fts, table } = spec;
  const terms: string[] = [];
  let needsRow = false;
  for (const c of conditions) {
    // Read the filter's rowids once, from its index (up to rowCost × matches): complete means it is
    // the cheaper side, and the rowids go to every statement of this search as one JSON array.
    const cap = matches * spec.rowCost;
    // `x.rowid IN (sub)`: read `sub` alone (from its covering index), not each row it names.
    const byRowid = /^x\.rowid IN \(([\s\S]*)\)$/.exec(c.sql);
    const setSql = byRowid ? `SELECT * FROM (${byRowid[1]}) LIMIT ${p.add(cap)}` : `SELECT x.rowid FROM ${table} x WHERE ${c.sql} LIMIT ${p.add(cap)}`;
    const rowids = statements.get(setSql).pluck().all(p.values) as number[];
    if (rowids.length < cap) {
      terms.push(`+${fts}.rowid ${c.isNegated ? 'NOT IN' : 'IN'} (SELECT value FROM json_each(${p.add(JSON.stringify(rowids))}))`);
    } else {
      terms.push(conditionSql({ ...c, sql: c.rowSql ?? (INDEXABLE.test(c.sql) ? `+${c.sql}` : c.sql) }));
      needsRow = true;
    }
  }
  return { terms, needsRow };
}

/**
 * Beyond the ranking window: add every match with the words in its title (ranked with the rest), so
 * an old article titled with the query is not lost among newer passing mentions.
 */
function withTitleMatches(
  statements: StatementCache, spec: TypeSpec, match: string, from: string, where: string, rows: { rid: number; rank: number }[], p: Params, limit: number,
): { rid: number; rank: number }[] {
  // Without an exclusion the column filter alone says it; with one, the whole query must hold too.
  const inTitle = `{${spec.titleColumn}} : ${match}`;
  const hasNot = /\bNOT\b/.test(match.replace(/"(?:[^"]|"")*"/g, ''));
  const titleMatch = p.add(hasNot ? `${inTitle} AND ${match}` : inTitle);
  const seen = new Set(rows.map((r) => r.rid));
  const titled = (
    statements.get(`SELECT ${spec.fts}.rowid AS rid, ${bm25Sql(spec)} AS rank ${from} ${spec.fts} MATCH ${titleMatch}${where} ORDER BY rank, rid DESC LIMIT ${p.add(limit)}`).all(p.values) as {
      rid: number; rank: number;
    }[]
  ).filter((r) => !seen.has(r.rid));
  return [...rows, ...titled].sort((a, b) => a.rank - b.rank || b.rid - a.rid).slice(0, limit);
}

/** Best first: by rank, then (unranked, or equal rank across types) newest first. */
export function mergeCandidates(results: TypeResult[]): Candidate[] {
  const typeOrder: Record<SearchType, number> = { article: 0, quote: 1, note: 2, speaker: 3, topic: 4 };
  return results
    .flatMap((r) => r.candidates.map((c, i) => ({ c, i })))
    .sort((a, b) => a.c.rank - b.c.rank || (b.c.added < a.c.added ? -1 : b.c.added > a.c.added ? 1 : 0) || a.i - b.i || typeOrder[a.c.type] - typeOrder[b.c.type])
    .map((x) => x.c);
}
