import type { AnchorStatus, ItemType } from '../domain/entities';
import type { SearchType } from './query-ast';

/** One result. `snippet` marks matches with MARK_START/MARK_END (snippet-markers.ts). */
export interface SearchHit {
  type: SearchType;
  id: string;
  title: string;
  snippet: string;
  /** Higher is better (negated bm25); 0 when the query had no words to rank by (filters only). */
  score: number;
  /** The article a quote is in (and the article itself). */
  articleId?: string;
  speakerName?: string;
  siteName?: string;
  /** ISO date: published (article), said (quote), updated (note), created (speaker, topic). */
  date?: string;
  /** A quote's: whether its words are still where they were marked in its source. */
  anchorStatus?: AnchorStatus;
}

export interface FacetValue {
  /** What the filter matches (a speaker's name, a tag, a year…). */
  value: string;
  /** How to show it (a stance value's word, a type's name). */
  label: string;
  count: number;
  /** Query text that narrows the search to this value, e.g. `speaker:"Angela Merkel"`. */
  filter: string;
  /** The count is a lower bound ("1,000+"): counting stopped at the search's `countUpTo`. */
  isAtLeast?: boolean;
}

export const FACET_NAMES = ['type', 'speaker', 'stance', 'topic', 'tag', 'site', 'year'] as const;
export type FacetName = (typeof FACET_NAMES)[number];

export type SearchFacets = Record<FacetName, FacetValue[]> & {
  /**
   * `type` counts are exact, or lower bounds marked `isAtLeast` (with `countUpTo`). The others count the best `window` matches: exact when the
   * search has at most that many results (`isExact`), a sample of the best ones otherwise.
   */
  isExact: boolean;
  window: number;
};

export interface DidYouMean {
  /** The whole query with the corrections applied, ready to run. */
  query: string;
  corrections: { from: string; to: string }[];
}

export interface SearchResult {
  /** How many results: every one, or with `countUpTo` at least this many when `isTotalExact` is false. */
  total: number;
  isTotalExact: boolean;
  tookMs: number;
  hits: SearchHit[];
  /** Null unless asked for (`facets: true`). */
  facets: SearchFacets | null;
  didYouMean?: DidYouMean;
}

export const QUICK_OPEN_TYPES = ['article', 'note', 'speaker', 'topic', 'tag', 'collection'] as const satisfies readonly ItemType[];
export type QuickOpenType = (typeof QUICK_OPEN_TYPES)[number];

/** One entry of the quick-open palette (kept small: the renderer indexes thousands of them). */
export interface QuickOpenEntry {
  id: string;
  type: QuickOpenType;
  title: string;
  /** A second line: site, role, aliases, counts. */
  extra: string;
}

export interface SavedSearch {
  id: string;
  name: string;
  query: string;
  createdAt: string;
  updatedAt: string;
}
