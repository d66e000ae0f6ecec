import type { Database, Statement } from 'better-sqlite3';

/**
 * Prepared statements by SQL text. Generated search SQL repeats (same shape, different bound
 * values), and preparing costs a noticeable share of a millisecond-scale query. Bounded, oldest out.
 */
export class StatementCache {
  private readonly cache = new Map<string, Statement>();
  constructor(private readonly db: Database, private readonly max = 300) {}

  get(sql: string): Statement {
    let statement = this.cache.get(sql);
    if (statement) {
      this.cache.delete(sql);
      this.cache.set(sql, statement);
      return statement;
    }
    statement = this.db.prepare(sql);
    this.cache.set(sql, statement);
    if (this.cache.size > this.max) this.cache.delete(this.cache.keys().next().value as string);
    return statement;
  }
}

/**
 * What changes whenever the library does: `PRAGMA data_version` when another connection commits
 * (the CLI, another window's process, a restore, which writes through a connection of its own),
 * `total_changes()` when this one writes, triggers included. Equal values: nothing has changed.
 */
export const libraryVersion = (statements: StatementCache): string =>
  `${statements.get('PRAGMA data_version').pluck().get()}:${statements.get('SELECT total_changes()').pluck().get()}`;

/**
 * Values read from the library and kept while it is unchanged (libraryVersion): `sync()` once per
 * search forgets them all after any change; past `max` entries the least recently used goes.
 * For what a search reads again and again as the user types on, pages or clicks a facet.
 */
export class KeptWhileUnchanged<V> {
  private readonly entries = new Map<string, V>();
  private version = '';

  constructor(private readonly statements: StatementCache, private readonly max: number) {}

  /** Forget every value if the library changed since the last call. */
  sync(): void {
    const version = libraryVersion(this.statements);
    if (version === this.version) return;
    this.version = version;
    this.entries.clear();
  }

  get(key: string): V | undefined {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key)!;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** The kept value of `key`, or `read()`'s, kept. */
  getOr(key: string, read: () => V): V {
    if (this.entries.has(key)) return this.get(key)!;
    const value = read();
    this.set(key, value);
    return value;
  }
}
