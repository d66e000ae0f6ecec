import type { FilterKey } from './query-ast';

/**
 * A filter as query text (`speaker:"Angela Merkel"`), for facets and chips that add one to the
 * query. A value with spaces or parentheses is quoted; a `"` cannot be written inside a quoted
 * value, so it is dropped (filters match names case-insensitively and by substring anyway).
 */
export function filterText(key: FilterKey, value: string): string {
  const clean = value.replace(/"/g, '').replace(/\s+/g, ' ').trim();
  return /[\s()]/u.test(clean) || clean === '' ? `${key}:"${clean}"` : `${key}:${clean}`;
}

/** Append a filter to a query unless it is already there. */
export function addFilterToQuery(query: string, filter: string): string {
  const trimmed = query.trim();
  if (trimmed.split(/\s+/).includes(filter) || trimmed.includes(` ${filter}`) || trimmed.startsWith(filter)) return trimmed;
  return trimmed ? `${trimmed} ${filter}` : filter;
}
