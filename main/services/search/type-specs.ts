import { NOTE_SEARCH_TEXT_SQL } from '../../db/migrations/0110-note-search-text';
import { RANK_FUNCTION } from '../../db/rank-extension';
import type { SearchType } from '../../../shared/search/query-ast';
import type { Database } from 'better-sqlite3';
import type { StatementCache } from './statement-cache';

/**
 * How each result type is searched. `x` is always the alias of the item table in generated SQL.
 * Column weights rank a title match above a body match (STYLE §4: title > quote text > body).
 */
export interface TypeSpec {
  type: SearchType;
  table: string;
  fts: string;
  /** bm25 weight of each FTS column, in column order. */
  weights: number[];
  /** The FTS column whose snippet is shown (-1: whichever matched best). */
  snippetColumn: number;
  /** The title column, ranked on its own beyond the ranking window (run-type.ts). */
  titleColumn: string | null;
  /** An FTS index of the titles alone (migration 0090), where the type is big enough to need one; else a column filter on `fts`. */
  titleFts: string | null;
  /** Trigram index (substring / CJK search) and the view columns it holds. */
  tri: { fts: string; view: string; columns: string[] } | null;
  /** The item's date (ISO), for before:/after:, the year facet and display (indexed for articles and quotes: migration 0070). */
  dateSql: string;
  /** Plain-text source of a snippet when there is no FTS match to cut one from. */
  plainTextSql: string;
  /**
   * Roughly how many rowids can be read from an index for the price of reading one item row (to
   * check a filter on it): decides how filters are applied (run-type.ts, filterTerms).
   */
  rowCost: number;
  /** Write prefixes out as the index's words (prefix-expansion.ts): for the big indexes; the small ones answer prefixes at once. */
  expandPrefixes: boolean;
}

export const TYPE_SPECS: Record<SearchType, TypeSpec> = {
  article: {
    type: 'article', table: 'articles', fts: 'articles_fts',
    // title, authors, site_name, text
    weights: [10, 3, 2, 1], snippetColumn: 3, titleColumn: 'title', titleFts: 'articles_title_fts',
    tri: { fts: 'articles_tri', view: 'search_src_articles_tri', columns: ['title', 'cjk_text'] },
    dateSql: 'coalesce(x.published_at, x.clipped_at)', plainTextSql: 'x.text', rowCost: 8, expandPrefixes: true,
  },
  quote: {
    type: 'quote', table: 'quotes', fts: 'quotes_fts',
    // text, speaker (name + aliases), note
    weights: [5, 3, 1], snippetColumn: 0, titleColumn: null, titleFts: null,
    tri: { fts: 'quotes_tri', view: 'search_src_quotes_tri', columns: ['text'] },
    dateSql: 'coalesce(x.said_at, x.created_at)', plainTextSql: 'x.text', rowCost: 1, expandPrefixes: true,
  },
  note: {
    type: 'note', table: 'notes', fts: 'notes_fts',
    // title, body
    weights: [10, 1], snippetColumn: 1, titleColumn: 'title', titleFts: null,
    tri: { fts: 'notes_tri', view: 'search_src_notes_tri', columns: ['title', 'cjk_body'] },
    // The body as indexed (embed tokens replaced by readable words: migration 0110), so no snippet shows token syntax.
    dateSql: 'x.updated_at', plainTextSql: NOTE_SEARCH_TEXT_SQL('x'), rowCost: 4, expandPrefixes: true,
  },
  speaker: {
    type: 'speaker', table: 'speakers', fts: 'speakers_fts',
    // name, aliases, role, affiliation
    weights: [10, 6, 2, 2], snippetColumn: -1, titleColumn: null, titleFts: null,
    tri: { fts: 'speakers_tri', view: 'search_src_speakers_tri', columns: ['name', 'aliases'] },
    dateSql: 'x.created_at', plainTextSql: "trim(coalesce(x.role, '') || ' ' || coalesce(x.affiliation, ''))", rowCost: 1, expandPrefixes: false,
  },
  topic: {
    type: 'topic', table: 'topics', fts: 'topics_fts',
    // title, description
    weights: [10, 1], snippetColumn: -1, titleColumn: null, titleFts: null, tri: null,
    dateSql: 'x.created_at', plainTextSql: 'x.description', rowCost: 1, expandPrefixes: false,
  },
};

const weightsSql = (spec: TypeSpec) => spec.weights.map((w) => w.toFixed(1)).join(', ');
export const bm25Sql = (spec: TypeSpec) => `bm25(${spec.fts}, ${weightsSql(spec)})`;
/** bm25 with the phrases' document counts given (`counts`: a bound parameter; phrase-doc-counts.ts). */
export const rankSql = (spec: TypeSpec, counts: string) => `${RANK_FUNCTION}(${spec.fts}, ${counts}, ${weightsSql(spec)}, '${spec.fts}')`;

/**
 * The highest rowid of the type's table: about its size (rowids are rarely reused; gaps from
 * deleted items only make it larger), in one b-tree descent instead of a count.
 */
export const lastRowid = (statements: StatementCache, spec: TypeSpec): number =>
  (statements.get(`SELECT max(rowid) FROM ${spec.table}`).pluck().get() as number | null) ?? 0;

/** lastRowid on a bare connection (the writers' side: upkeep, imports), the statement prepared each time. */
export const highestRowid = (db: Database, spec: TypeSpec): number => (db.prepare(`SELECT max(rowid) FROM ${spec.table}`).pluck().get() as number | null) ?? 0;
