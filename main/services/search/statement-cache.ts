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
