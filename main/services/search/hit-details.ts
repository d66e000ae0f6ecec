import type { AnchorStatus } from '../../../shared/domain/entities';
import type { SearchType, TextNode } from '../../../shared/search/query-ast';
import type { SearchHit } from '../../../shared/search/search-result';
import { MARK_END, MARK_START } from '../../../shared/search/snippet-markers';
import { MAX_BITMAP_ROWID, rowidBitmap, type Candidate, type TextMode } from './run-type';
import type { StatementCache } from './statement-cache';
import { substringSnippet } from './trigram-text';
import { SNIPPET_FUNCTION } from '../../db/rank-extension';
import { TYPE_SPECS, type TypeSpec } from './type-specs';
import { hasMultiWordPhrase } from './phrase-doc-counts';

type Row = { rid: number; id: string; title: string; plain: string | null; date: string | null; article_id?: string; site_name?: string | null; speaker_name?: string | null; anchor_status?: AnchorStatus };

/**
 * An article's columns a hit shows, its text only with `withText`: the text lies past the HTML,
 * on overflow pages (two or three at the benchmark's sizes, many for a long page of markup), and a
 * hit with matched words shows a snippet instead, so it is read there only for a hit without one
 * (plainOf).
 */
const articleDetailSql = (withText: boolean) =>
  `SELECT x.rowid AS rid, x.id, x.title, ${withText ? 'substr(x.text, 1, 400)' : 'NULL'} AS plain, ${TYPE_SPECS.article.dateSql} AS date, x.id AS article_id, x.site_name
    FROM articles x WHERE x.rowid IN (SELECT value FROM json_each(@rids))`;

/** Per type: the columns a hit shows, read for the page's rows only (an article's: articleDetailSql). */
const DETAIL_SQL: Record<Exclude<SearchType, 'article'>, string> = {
  quote: `SELECT x.rowid AS rid, x.id, a.title, x.text AS plain, ${TYPE_SPECS.quote.dateSql} AS date, x.article_id, a.site_name, s.name AS speaker_name, x.anchor_status
    FROM quotes x JOIN articles a ON a.id = x.article_id LEFT JOIN speakers s ON s.id = x.speaker_id AND s.deleted_at IS NULL
    WHERE x.rowid IN (SELECT value FROM json_each(@rids))`,
  note: `SELECT x.rowid AS rid, x.id, coalesce(nullif(x.title, ''), substr(${TYPE_SPECS.note.plainTextSql}, 1, 80)) AS title, substr(${TYPE_SPECS.note.plainTextSql}, 1, 400) AS plain, ${TYPE_SPECS.note.dateSql} AS date
    FROM notes x WHERE x.rowid IN (SELECT value FROM json_each(@rids))`,
  speaker: `SELECT x.rowid AS rid, x.id, x.name AS title, ${TYPE_SPECS.speaker.plainTextSql} AS plain, ${TYPE_SPECS.speaker.dateSql} AS date
    FROM speakers x WHERE x.rowid IN (SELECT value FROM json_each(@rids))`,
  topic: `SELECT x.rowid AS rid, x.id, x.title, substr(x.description, 1, 400) AS plain, ${TYPE_SPECS.topic.dateSql} AS date
    FROM topics x WHERE x.rowid IN (SELECT value FROM json_each(@rids))`,
};

const SNIPPET_TOKENS = 24;

/**
 * FTS5's snippet(), or with the search extension, for a type whose snippet comes from one column,
 * sourcebook_snippet(): the same form, cut after tokenizing only the document's part up to its
 * window (main/sqlite-ext/sourcebook-rank.c), 2–3× cheaper for an article.
 */
const snippetSql = (spec: TypeSpec, hasExtension: boolean) =>
  `${hasExtension && spec.snippetColumn >= 0 ? SNIPPET_FUNCTION : 'snippet'}(${spec.fts}, ${spec.snippetColumn}, '${MARK_START}', '${MARK_END}', '…', ${SNIPPET_TOKENS})`;

/** The snippets of one type's hits, in one statement (see hitsByKey). */
function pageSnippets(statements: StatementCache, spec: TypeSpec, match: string, rids: number[]): [number, string][] {
  return statements
    .get(`SELECT rowid, ${snippetSql(spec, true)} FROM ${spec.fts} WHERE ${spec.fts} MATCH @match AND rowid BETWEEN @low AND @high AND sourcebook_has(@page, rowid)`)
    .raw()
    // BigInt bounds: a JS number binds as REAL, and FTS5 ignores a non-integer rowid constraint.
    .all({ match, low: BigInt(Math.min(...rids)), high: BigInt(Math.max(...rids)), page: rowidBitmap(rids) }) as [number, string][];
}

/** The start of a hit's text, for a hit without a snippet: read now for an article whose details left it out (articleDetailSql). */
function plainOf(statements: StatementCache, type: SearchType, row: Row): string | null {
  if (type !== 'article' || row.plain !== null) return row.plain;
  return statements.get('SELECT substr(x.text, 1, 400) FROM articles x WHERE x.rowid = @rid').pluck().get({ rid: row.rid }) as string | null;
}

const plainSnippet = (text: string | null, width = 200) => {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > width ? `${flat.slice(0, width)}…` : flat;
};

/** What identifies a candidate's hit among a page's types. */
export const hitKey = (c: { type: SearchType; rid: number }) => `${c.type}:${c.rid}`;

/**
 * The hits of one page, in its order: item fields, and snippets with control-character markers
 * (hitsByKey). `ready`: hits another thread has cut already (SearchService.run), by hitKey.
 */
export function hitsFor(
  statements: StatementCache, page: Candidate[], modeOf: (type: SearchType) => TextMode, textNode: TextNode | null, hasExtension = false,
  ready: Map<string, SearchHit> = new Map(),
): SearchHit[] {
  const cut = hitsByKey(statements, page.filter((c) => !ready.has(hitKey(c))), modeOf, textNode, hasExtension);
  return page.flatMap((c) => ready.get(hitKey(c)) ?? cut.get(hitKey(c)) ?? []); // none: removed between the two reads
}

/**
 * The hits of some candidates, by hitKey: item fields, and snippets cut by FTS5 `snippet()` (or
 * sourcebook_snippet) with control-character markers. With the search extension (`hasExtension`),
 * one statement per type cuts its hits' snippets: it walks the query's doclists once over the
 * candidates' rowid range, checking each match against a bitmap of them. Otherwise one seek per
 * hit (MATCH plus rowid = ?); each seek parses the query and seeks every one of its words again
 * (64 of them for a prefix written out as words). Either way only these rows are tokenized.
 */
export function hitsByKey(
  statements: StatementCache, candidates: Candidate[], modeOf: (type: SearchType) => TextMode, textNode: TextNode | null, hasExtension = false,
): Map<string, SearchHit> {
  const rowsByKey = new Map<string, Row>();
  const snippets = new Map<string, string>();
  for (const type of new Set(candidates.map((c) => c.type))) {
    const rids = candidates.filter((c) => c.type === type).map((c) => c.rid);
    const mode = modeOf(type);
    const detailSql = type === 'article' ? articleDetailSql(!(mode.kind === 'words' && mode.match !== null)) : DETAIL_SQL[type];
    for (const row of statements.get(detailSql).all({ rids: JSON.stringify(rids) }) as Row[]) rowsByKey.set(hitKey({ type, rid: row.rid }), row);
    // A phrase of several words costs as much to walk over the candidates' range as to find: seek hit by hit.
    if (hasExtension && mode.kind === 'words' && mode.match !== null && !hasMultiWordPhrase(mode.match) && Math.max(...rids) <= MAX_BITMAP_ROWID) {
      for (const [rid, snippet] of pageSnippets(statements, TYPE_SPECS[type], mode.match, rids)) snippets.set(hitKey({ type, rid }), snippet);
    }
  }
  const hits = new Map<string, SearchHit>();
  for (const c of candidates) {
    const row = rowsByKey.get(hitKey(c));
    if (!row) continue; // removed between the two reads
    const spec = TYPE_SPECS[c.type];
    const mode = modeOf(c.type);
    let snippet: string;
    if (mode.kind === 'words' && mode.match !== null && snippets.has(hitKey(c))) {
      const s = snippets.get(hitKey(c));
      snippet = s?.trim() ? s : plainSnippet(plainOf(statements, c.type, row));
    } else if (mode.kind === 'words' && mode.match !== null) {
      const s = statements
        .get(`SELECT ${snippetSql(spec, hasExtension)} FROM ${spec.fts} WHERE ${spec.fts} MATCH @match AND rowid = @rid`)
        .pluck()
        // BigInt: a JS number binds as REAL, and FTS5 silently ignores a non-integer rowid constraint
        // (it then returns the first match, whatever its rowid).
        .get({ match: mode.match, rid: BigInt(c.rid) }) as string | undefined;
      snippet = s?.trim() ? s : plainSnippet(plainOf(statements, c.type, row));
    } else if (mode.kind === 'substring') {
      // The match may lie past the first 400 characters read above: cut the snippet from the full text.
      const full = statements.get(`SELECT ${spec.plainTextSql} FROM ${spec.table} x WHERE x.rowid = @rid`).pluck().get({ rid: c.rid }) as string | null;
      const inBody = substringSnippet(full ?? '', textNode);
      snippet = inBody.includes(MARK_START) ? inBody : plainSnippet(plainOf(statements, c.type, row));
    } else {
      snippet = plainSnippet(plainOf(statements, c.type, row));
    }
    const hit: SearchHit = { type: c.type, id: row.id, title: row.title || '(untitled)', snippet, score: c.rank === 0 ? 0 : Math.round(-c.rank * 1e6) / 1e6 };
    if (row.article_id) hit.articleId = row.article_id;
    if (row.speaker_name) hit.speakerName = row.speaker_name;
    if (row.site_name) hit.siteName = row.site_name;
    if (row.date) hit.date = row.date;
    if (row.anchor_status) hit.anchorStatus = row.anchor_status;
    hits.set(hitKey(c), hit);
  }
  return hits;
}
