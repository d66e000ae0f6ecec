import type { SearchType } from '../../../shared/search/query-ast';
import type { FacetValue, SearchFacets } from '../../../shared/search/search-result';
import { filterText } from '../../../shared/search/filter-text';
import type { TypeResult } from './run-type';
import type { StatementCache } from './statement-cache';
import { TYPE_SPECS } from './type-specs';

/**
 * How many of the best matches per type the facets count. Counting every match of a common word
 * (tens of thousands of quotes, each joined to speakers, tags and stances) cannot fit the 10 ms
 * budget; the best few hundred are what the user is looking at, and clicking a facet re-runs the
 * search with the filter, which then gives the exact total.
 */
export const FACET_WINDOW = 100;
const TOP = 10;

/**
 * Per type, what the facets count of its window's items, by rowid. Articles and quotes answer from
 * their search facts (migrations 0090 and 0160: a few dozen bytes a row), not their own rows: an
 * article row is pages of text and HTML, a quote's site is its article's, and a quote row is a page
 * of text to read for its speaker. Through those rows the facets of one search took 4–5 ms in the
 * 100k-article benchmark library; from the facts, about 1 ms.
 */
const ATTRIBUTE_SQL: Record<SearchType, string> = {
  article: `SELECT f.article_rowid AS rid, f.date, f.site_name AS site, NULL AS speaker FROM search_article_facts f
    WHERE f.article_rowid IN (SELECT value FROM json_each(@rids))`,
  quote: `SELECT f.quote_rowid AS rid, f.date, f.site_name AS site, s.name AS speaker
    FROM search_quote_facts f LEFT JOIN speakers s ON s.rowid = f.speaker_rowid AND s.deleted_at IS NULL
    WHERE f.quote_rowid IN (SELECT value FROM json_each(@rids))`,
  note: `SELECT x.rowid AS rid, ${TYPE_SPECS.note.dateSql} AS date, NULL AS site, NULL AS speaker FROM notes x WHERE x.rowid IN (SELECT value FROM json_each(@rids))`,
  speaker: `SELECT x.rowid AS rid, ${TYPE_SPECS.speaker.dateSql} AS date, NULL AS site, x.name AS speaker FROM speakers x WHERE x.rowid IN (SELECT value FROM json_each(@rids))`,
  topic: `SELECT x.rowid AS rid, ${TYPE_SPECS.topic.dateSql} AS date, NULL AS site, NULL AS speaker FROM topics x WHERE x.rowid IN (SELECT value FROM json_each(@rids))`,
};

// Per type, every tag of its window (no LIMIT): the types' counts are added up before the top TOP
// are taken. Both by item rowid, from covering indexes (search_tagged_item; search_stance_sets_subject,
// whose entries are a quarter the size of search_current_stances_rowid's: migration 0190).
const TAGS_SQL = `SELECT t.id, t.name AS value, count(*) AS n FROM search_tagged st JOIN tags t ON t.id = st.tag_id
  WHERE st.item_type = @type AND st.item_rowid IN (SELECT value FROM json_each(@rids)) GROUP BY t.id`;
const STANCES_SQL = `SELECT ss.subject_rowid AS rid, ss.value, t.title AS topic FROM search_stance_sets ss JOIN topics t ON t.rowid = ss.topic_rowid
  WHERE ss.subject_type = @type AND ss.subject_rowid IN (SELECT value FROM json_each(@rids)) AND t.deleted_at IS NULL`;

/**
 * What the facets count of one type's best FACET_WINDOW matches (plain data: the search worker
 * sends it back). `id` tells items apart across types (`quote:12`), for counting distinct items.
 */
export interface FacetRows {
  rows: { id: string; date: string | null; site: string | null; speaker: string | null; type: SearchType }[];
  tags: { id: string; value: string; n: number }[];
  stances: { id: string; value: string; topic: string }[];
}

/** The facet rows of one type's best matches (`rids`, best first), read right after its search, on whichever thread is free. */
export function facetRowsFor(statements: StatementCache, type: SearchType, rids: number[]): FacetRows {
  const window = rids.slice(0, FACET_WINDOW);
  if (window.length === 0) return { rows: [], tags: [], stances: [] };
  const params = { rids: JSON.stringify(window), type };
  const itemId = (rid: number) => `${type}:${rid}`;
  const found = statements.get(ATTRIBUTE_SQL[type]).all({ rids: params.rids }) as { rid: number; date: string | null; site: string | null; speaker: string | null }[];
  const stances = statements.get(STANCES_SQL).all(params) as { rid: number; value: string; topic: string }[];
  return {
    rows: found.map(({ rid, ...f }) => ({ ...f, id: itemId(rid), type })),
    tags: statements.get(TAGS_SQL).all(params) as FacetRows['tags'],
    stances: stances.map(({ rid, ...s }) => ({ ...s, id: itemId(rid) })),
  };
}

const TYPE_LABELS: Record<SearchType, string> = { article: 'Articles', quote: 'Quotes', note: 'Notes', speaker: 'Speakers', topic: 'Topics' };

/** Count distinct items per value; the most frequent first. */
function tally(pairs: [string, string][], toFacet: (value: string, count: number) => FacetValue, order: 'count' | 'value-desc' = 'count'): FacetValue[] {
  const items = new Map<string, Set<string>>();
  for (const [value, id] of pairs) {
    if (!value) continue;
    let set = items.get(value);
    if (!set) items.set(value, (set = new Set()));
    set.add(id);
  }
  const entries = [...items].map(([value, ids]) => ({ value, count: ids.size }));
  entries.sort(order === 'count' ? (a, b) => b.count - a.count || a.value.localeCompare(b.value) : (a, b) => b.value.localeCompare(a.value));
  return entries.slice(0, TOP).map((e) => toFacet(e.value, e.count));
}

export function computeFacets(results: TypeResult[], perType: FacetRows[]): SearchFacets {
  const type = results
    .filter((r) => r.total > 0)
    .sort((a, b) => b.total - a.total)
    .map((r) => ({ value: r.type, label: TYPE_LABELS[r.type], count: r.total, filter: `type:${r.type}`, ...(r.isTotalExact ? {} : { isAtLeast: true }) }));

  const rows = perType.flatMap((f) => f.rows);
  const stances = perType.flatMap((f) => f.stances);
  const tagCounts = new Map<string, { value: string; n: number }>();
  for (const t of perType.flatMap((f) => f.tags)) {
    const entry = tagCounts.get(t.id);
    if (entry) entry.n += t.n;
    else tagCounts.set(t.id, { value: t.value, n: t.n });
  }
  const tags = [...tagCounts.values()].sort((a, b) => b.n - a.n || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)).slice(0, TOP);

  return {
    type,
    speaker: tally(rows.filter((r) => r.type === 'quote').map((r) => [r.speaker ?? '', r.id]), (value, count) => ({ value, label: value, count, filter: filterText('speaker', value) })),
    stance: tally(stances.map((s) => [s.value, s.id]), (value, count) => ({ value, label: value, count, filter: `stance:${value}` })),
    topic: tally(stances.map((s) => [s.topic, s.id]), (value, count) => ({ value, label: value, count, filter: filterText('topic', value) })),
    tag: tags.map((t) => ({ value: t.value, label: t.value, count: t.n, filter: filterText('tag', t.value) })),
    site: tally(rows.map((r) => [r.site ?? '', r.id]), (value, count) => ({ value, label: value, count, filter: filterText('site', value) })),
    year: tally(
      rows.filter((r) => /^\d{4}/.test(r.date ?? '')).map((r) => [r.date!.slice(0, 4), r.id]),
      (value, count) => ({ value, label: value, count, filter: yearFilter(value) }),
      'value-desc',
    ),
    isExact: results.every((r) => r.total <= FACET_WINDOW),
    window: FACET_WINDOW,
  };
}

const yearFilter = (year: string) => {
  const y = Number(year);
  return `after:${String(y - 1).padStart(4, '0')} before:${String(y + 1).padStart(4, '0')}`;
};
