import type { Database } from 'better-sqlite3';

/** One numbered schema step. A shipped migration is never edited: add a new one instead. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
  /**
   * The step rewrites a table that others reference (SQLite's rename-copy-drop procedure), which
   * needs foreign key enforcement off: with it on, a rename rewrites the other tables' references
   * and dropping the old table deletes their rows. migrate() turns it off around the transaction
   * and checks every foreign key before committing.
   */
  rewritesReferencedTable?: true;
}
