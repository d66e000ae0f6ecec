import { SEARCH_TYPES, type Filter, type SearchType, type StanceValue } from '../../../shared/search/query-ast';
import { likeContains } from '../../db/repositories/rows';
import { ARTICLE_HOST_SQL } from '../../db/migrations/0070-search-filter-indexes';
import { TYPE_SPECS } from './type-specs';

/** Named parameters for generated SQL: values are always bound, never spliced into the text. */
export class Params {
  readonly values: Record<string, unknown> = {};
  private n = 0;
  add(value: unknown): string {
    const name = `p${this.n++}`;
    this.values[name] = value;
    return `@${name}`;
  }
  /** A copy to add more to (per type) without disturbing the shared ones. */
  fork(): Params {
    return Params.restore(this.snapshot());
  }
  /** The values and the next name, as plain data (to send to the search worker: search-worker.ts). */
  snapshot(): ParamsSnapshot {
    return { values: { ...this.values }, next: this.n };
  }
  static restore(snapshot: ParamsSnapshot): Params {
    const copy = new Params();
    Object.assign(copy.values, snapshot.values);
    copy.n = snapshot.next;
    return copy;
  }
}

export interface ParamsSnapshot {
  values: Record<string, unknown>;
  next: number;
}

/**
 * Filters turned into SQL: which types can match at all, and the conditions on each type's row
 * (alias `x`). A filter that does not apply to a type (speaker: on a note) rules the type out;
 * its negation (-speaker:x) leaves the type alone. The same key given twice means either value.
 */
export interface FilterPlan {
  types: SearchType[];
  conditions: Record<SearchType, Condition[]>;
}

/** A filter on the item row `x`: `sql` is what it selects; negated, the rows it does not select. */
export interface Condition {
  sql: string;
  /** The same test written for checking one row at a time, when that form is cheaper (a probe, not a set). */
  rowSql?: string;
  /**
   * The same test of one item given only its rowid (`{rid}` stands for it), from small indexes
   * without reading the item row: the cheapest per-match check when there is one.
   */
  ridSql?: string;
  isNegated: boolean;
}

/** A per-match check written for the rowid expression `rid` (see Condition.ridSql). */
export const forRowid = (sql: string, rid: string): string => sql.replaceAll('{rid}', rid);

/** The condition as a WHERE term on `x`. An item without the attribute (no date, no speaker) is kept by a negation. */
export const conditionSql = (c: Condition): string => (c.isNegated ? `NOT coalesce((${c.sql}), 0)` : c.sql);

type Cond = { sql: string; rowSql?: string; ridSql?: string } | null;
const cond = (sql: string): Cond => ({ sql });
const STANCE_SUBJECTS: readonly SearchType[] = ['quote', 'article', 'speaker'];

/**
 * Items whose current stance (search_current_stances, kept by triggers) has one of `values`,
 * toward a live topic whose title contains one of `topics`. Three forms: the set of such items, a
 * check of one item by its row (`rowSql`: a primary-key probe; the `+` keep SQLite on that key,
 * since through the type, value or topic index it would walk thousands of stances for every row),
 * and the same check by rowid alone (`ridSql`, from 0170's small rows through their index by subject, 0190).
 */
function stanceCondition(type: SearchType, values: StanceValue[] | null, topics: string[] | null, p: Params): Cond {
  if (!STANCE_SUBJECTS.includes(type)) return null;
  const topicWhere = topics ? ` AND (${topics.map((t) => `title LIKE ${p.add(likeContains(t))} ESCAPE '\\'`).join(' OR ')})` : '';
  const valueList = values?.map((v) => p.add(v)).join(', ');
  const terms = (plus: string) => [
    `${plus}cs.subject_type = '${type}'`,
    ...(valueList !== undefined ? [`${plus}cs.value IN (${valueList})`] : []),
    `${plus}cs.topic_id IN (SELECT id FROM topics WHERE deleted_at IS NULL${topicWhere})`,
  ].join(' AND ');
  // Rowids straight from an index, read alone by filterTerms: with stance values, from the small
  // rows of migration 0170 (by type, value and topic); a topic alone, from 0080's index by topic.
  const liveTopicRowids = `SELECT rowid FROM topics WHERE deleted_at IS NULL${topicWhere}`;
  const sql = valueList !== undefined
    ? `x.rowid IN (SELECT ss.subject_rowid FROM search_stance_sets ss WHERE ss.subject_type = '${type}'
        AND ss.value IN (${valueList}) AND ss.topic_rowid IN (${liveTopicRowids}))`
    : `x.rowid IN (SELECT cs.subject_rowid FROM search_current_stances cs WHERE ${terms('')})`;
  const setTerms = [...(valueList !== undefined ? [`+ss.value IN (${valueList})`] : []), `+ss.topic_rowid IN (${liveTopicRowids})`].join(' AND ');
  return {
    sql,
    rowSql: `EXISTS (SELECT 1 FROM search_current_stances cs WHERE cs.subject_id = x.id AND ${terms('+')})`,
    // By rowid, from the same small rows through their index by subject (migration 0190).
    ridSql: `EXISTS (SELECT 1 FROM search_stance_sets ss WHERE ss.subject_type = '${type}' AND ss.subject_rowid = {rid} AND ${setTerms})`,
  };
}

/**
 * Articles of a site: its name (any case) or its address's host (without "www."), both through
 * indexes. Only when neither matches exactly is the value looked for inside names and addresses,
 * which scans every article. UNION ALL: an article named and hosted alike is listed twice, which
 * neither `IN` nor a rowid set minds, and removing duplicates tripled the cost (5 ms for a site
 * of 8,000 articles at 100k).
 */
function siteArticles(column: 'rowid' | 'id', v: string, p: Params, isExact: boolean): string {
  if (isExact) {
    return `SELECT ${column} FROM articles WHERE site_name = ${p.add(v)} COLLATE NOCASE
      UNION ALL SELECT ${column} FROM articles WHERE ${ARTICLE_HOST_SQL('url')} = ${p.add(hostKey(v))}`;
  }
  const like = p.add(likeContains(v));
  return `SELECT ${column} FROM articles WHERE site_name LIKE ${like} ESCAPE '\\' OR url LIKE ${like} ESCAPE '\\'`;
}

/** `https://www.NYTimes.com/x` or `www.nytimes.com` → `nytimes.com`, as ARTICLE_HOST_SQL computes it. */
export const hostKey = (value: string) =>
  value.toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, '').replace(/^www\./, '');

/** Where an item's date and site are kept by rowid (migration 0090), for checking a filter without the item row. */
const FACTS: Partial<Record<SearchType, { table: string; key: string }>> = {
  article: { table: 'search_article_facts', key: 'article_rowid' },
  quote: { table: 'search_quote_facts', key: 'quote_rowid' },
};

function dateCondition(type: SearchType, date: string, op: '<' | '>=', value: string): Cond {
  const facts = FACTS[type];
  return { sql: `${date} ${op} ${value}`, ...(facts ? { ridSql: `(SELECT f.date FROM ${facts.table} f WHERE f.${facts.key} = {rid}) ${op} ${value}` } : {}) };
}

/** Lookups a filter needs before its SQL can be written. */
export interface FilterLookups {
  speakerIds(value: string): string[];
  hasExactSite(value: string): boolean;
}

function conditionFor(f: Filter, type: SearchType, p: Params, lookups: FilterLookups): Cond {
  const date = TYPE_SPECS[type].dateSql;
  switch (f.key) {
    case 'type':
      return null; // handled by the type list
    case 'tag': {
      // By rowid from search_tagged (migration 0140): the set from one index range, or a probe per match.
      const tags = `SELECT id FROM tags WHERE name = ${p.add(f.value.trim())} COLLATE NOCASE`;
      return {
        sql: `x.rowid IN (SELECT st.item_rowid FROM search_tagged st WHERE st.tag_id IN (${tags}) AND st.item_type = '${type}')`,
        ridSql: `EXISTS (SELECT 1 FROM search_tagged st WHERE st.item_type = '${type}' AND st.item_rowid = {rid} AND st.tag_id IN (${tags}))`,
      };
    }
    case 'collection':
      return cond(`x.id IN (SELECT ci.item_id FROM collection_items ci JOIN collections c ON c.id = ci.collection_id
        WHERE c.name = ${p.add(f.value.trim())} COLLATE NOCASE AND c.deleted_at IS NULL)`);
    case 'site': {
      const v = f.value.trim();
      const isExact = lookups.hasExactSite(v);
      // Per match, by rowid: the site kept with the article's or quote's facts (migration 0090).
      const facts = FACTS[type];
      const ridSql = isExact && facts
        ? `EXISTS (SELECT 1 FROM ${facts.table} f WHERE f.${facts.key} = {rid} AND (f.site_name = ${p.add(v)} COLLATE NOCASE OR f.host = ${p.add(hostKey(v))}))`
        : undefined;
      if (type === 'article') return { sql: `x.rowid IN (${siteArticles('rowid', v, p, isExact)})`, ...(ridSql ? { ridSql } : {}) };
      if (type === 'quote' && isExact) {
        // From the quotes' facts, through their indexes (migration 0130), not through each article of the site.
        return { sql: `x.rowid IN (SELECT quote_rowid FROM search_quote_facts WHERE site_name = ${p.add(v)} COLLATE NOCASE
          UNION ALL SELECT quote_rowid FROM search_quote_facts WHERE host = ${p.add(hostKey(v))})`, ridSql: ridSql! };
      }
      if (type === 'quote') return { sql: `x.article_id IN (${siteArticles('id', v, p, isExact)})` };
      return null;
    }
    case 'speaker': {
      const ids = p.add(JSON.stringify(lookups.speakerIds(f.value)));
      if (type === 'quote') return cond(`x.speaker_id IN (SELECT value FROM json_each(${ids}))`);
      if (type === 'speaker') return cond(`x.id IN (SELECT value FROM json_each(${ids}))`);
      return null;
    }
    case 'stance':
      return stanceCondition(type, f.values, null, p);
    case 'topic':
      if (type === 'topic') return cond(`x.title LIKE ${p.add(likeContains(f.value))} ESCAPE '\\'`);
      return stanceCondition(type, null, [f.value], p);
    case 'before':
      return dateCondition(type, date, '<', p.add(f.period.start));
    case 'after':
      return dateCondition(type, date, '>=', p.add(f.period.end));
    case 'said':
      return type === 'quote' ? cond(`(x.said_at >= ${p.add(f.period.start)} AND x.said_at < ${p.add(f.period.end)})`) : null;
  }
}

export function planFilters(
  filters: Filter[],
  onlyType: SearchType | undefined,
  p: Params,
  lookups: FilterLookups,
): FilterPlan {
  let types: SearchType[] = [...SEARCH_TYPES];
  if (onlyType) types = [onlyType];
  for (const f of filters) {
    if (f.key !== 'type') continue;
    types = f.isNegated ? types.filter((t) => !f.values.includes(t)) : types.filter((t) => f.values.includes(t));
  }
  // Every positive `type:` narrows; two positive type: filters therefore intersect, like other keys would.

  const conditions = Object.fromEntries(SEARCH_TYPES.map((t) => [t, [] as Condition[]])) as Record<SearchType, Condition[]>;
  const positive = filters.filter((f) => !f.isNegated && f.key !== 'type');
  const negative = filters.filter((f) => f.isNegated && f.key !== 'type');

  // stance: and topic: given together mean one stance: "supports carbon tax", not one of each.
  const stanceValues = positive.flatMap((f) => (f.key === 'stance' ? f.values : []));
  const topicValues = positive.flatMap((f) => (f.key === 'topic' ? [f.value] : []));
  const isCombinedStance = stanceValues.length > 0 && topicValues.length > 0;

  for (const type of [...types]) {
    const byKey = new Map<string, Cond[]>();
    for (const f of positive) {
      if (isCombinedStance && (f.key === 'stance' || f.key === 'topic')) continue;
      byKey.set(f.key, [...(byKey.get(f.key) ?? []), conditionFor(f, type, p, lookups)]);
    }
    if (isCombinedStance) byKey.set('stance', [stanceCondition(type, [...new Set(stanceValues)], topicValues, p)]);
    let isPossible = true;
    for (const conds of byKey.values()) {
      const applicable = conds.filter((c) => c !== null);
      if (applicable.length === 0) {
        isPossible = false;
        break;
      }
      if (applicable.length === 1) conditions[type].push({ ...applicable[0]!, isNegated: false });
      else {
        const either = (forms: string[]) => `(${forms.join(' OR ')})`;
        const ridForms = applicable.flatMap((c) => (c.ridSql ? [c.ridSql] : []));
        conditions[type].push({ sql: either(applicable.map((c) => c.sql)), ...(ridForms.length === applicable.length ? { ridSql: either(ridForms) } : {}), isNegated: false });
      }
    }
    if (!isPossible) {
      types = types.filter((t) => t !== type);
      continue;
    }
    for (const f of negative) {
      const c = conditionFor(f, type, p, lookups);
      if (c) conditions[type].push({ ...c, isNegated: true });
    }
  }
  return { types, conditions };
}
