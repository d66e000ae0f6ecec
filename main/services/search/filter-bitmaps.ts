import { KeptWhileUnchanged, type StatementCache } from './statement-cache';

/** Bitmaps kept per connection (each at most 1/8 byte per row of its table: 62 KB for 500k quotes, 12 KB for 100k articles). */
const MAX_ENTRIES = 32;

/**
 * Filter sets read into rowid bitmaps (run-type.ts, sourcebook_rowids), kept between searches
 * while the library does not change. Search-as-you-type re-runs the same filter on every
 * keystroke, and clicking through facets re-runs the last filter with one more: a `stance:` filter
 * over 500k quotes reads some 40,000 rowids each time (about 2 ms), a kept bitmap none.
 *
 * Any change empties the cache (libraryVersion, read once per search).
 */
export class FilterBitmaps extends KeptWhileUnchanged<Uint8Array> {
  constructor(statements: StatementCache) {
    // Call sync() before get/set.
    super(statements, MAX_ENTRIES);
  }
}

/**
 * What identifies a set: its SQL with the values of the parameters it names (the names themselves
 * are numbered per search, so the same filter gets other names in another query).
 */
export function bitmapKey(sql: string, values: Record<string, unknown>): string {
  const named = [...new Set(sql.match(/@p\d+/g) ?? [])].sort();
  const shape = named.reduce((text, name, i) => text.replaceAll(new RegExp(`${name}\\b`, 'g'), `@v${i}`), sql);
  return `${shape}\u0000${JSON.stringify(named.map((n) => values[n.slice(1)]), (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}`;
}
