import { libraryVersion, type StatementCache } from './statement-cache';

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
export class FilterBitmaps {
  private version = '';
  private readonly entries = new Map<string, Uint8Array>();

  constructor(private readonly statements: StatementCache) {}

  /** Forget every bitmap if the library changed since the last search; call before get/set. */
  sync(): void {
    const version = libraryVersion(this.statements);
    if (version === this.version) return;
    this.version = version;
    this.entries.clear();
  }

  get(key: string): Uint8Array | undefined {
    const bits = this.entries.get(key);
    if (bits) {
      this.entries.delete(key);
      this.entries.set(key, bits);
    }
    return bits;
  }

  set(key: string, bits: Uint8Array): void {
    this.entries.set(key, bits);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
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
