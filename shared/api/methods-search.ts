import { z } from 'zod';
import { method, type MethodSpec } from './method';
import { SEARCH_TYPES } from '../search/query-ast';
import type { QuickOpenEntry, SavedSearch, SearchResult } from '../search/search-result';

/** Search: full-text queries (shared/search/QUERY-LANGUAGE.md), the quick-open list, saved searches. */

export const SearchQuery = z.strictObject({
  /** The query language; parsed in shared/search, bad syntax is `search/invalid-query` with a position. */
  query: z.string().max(20_000),
  /** Only this type (the same as `type:` in the query; both must agree). */
  type: z.enum(SEARCH_TYPES).optional(),
  limit: z.number().int().min(1).max(200).default(20),
  offset: z.number().int().min(0).max(5_000).default(0),
  /** Also count results by type, speaker, stance, topic, tag, site and year. */
  facets: z.boolean().default(false),
  /** Search-as-you-type: the last word also matches as a prefix. */
  prefixLastWord: z.boolean().default(false),
  /**
   * Count results exactly up to this many per type; past it `total` (and the type facet) is a lower
   * bound and `isTotalExact` is false. The app asks for 1,000 (a common word's tens of thousands of
   * matches need not be walked to show "1,000+"); without it every match is counted.
   */
  countUpTo: z.number().int().min(1).max(1_000_000).optional(),
});
export type SearchQuery = z.output<typeof SearchQuery>;

export const QuickOpenIndexInput = z.strictObject({
  /**
   * Most recent articles to include (older ones are left out to keep the palette fast); speakers,
   * topics, tags, collections and notes are always all included.
   */
  maxArticles: z.number().int().min(0).max(200_000).default(20_000),
});

export const SavedSearchSave = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  query: z.string().trim().min(1, 'must not be empty').max(20_000),
});
export const SavedSearchDelete = z.strictObject({ id: z.string().trim().min(1).max(100) });

export const searchMethods = {
  'search.query': method<SearchResult>()(SearchQuery),
  'search.quickOpenIndex': method<QuickOpenEntry[]>()(QuickOpenIndexInput),
  'search.saved.list': method<SavedSearch[]>()(z.strictObject({})),
  /** Save under a name; saving again under the same name (any case) replaces the query. */
  'search.saved.save': method<SavedSearch>()(SavedSearchSave),
  'search.saved.delete': method<{ id: string }>()(SavedSearchDelete),
} satisfies Record<string, MethodSpec<z.ZodType, unknown>>;
