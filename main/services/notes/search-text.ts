import type { Database } from 'better-sqlite3';
import { noteSearchBody } from '../../db/migrations/0110-note-search-text';

/**
 * The text notes are searched by (`notes.search_body`: tokens replaced by readable words). The
 * derivation belongs to migration 0110, which backfilled it; this is the services' way in.
 */
export { noteSearchBody };

/**
 * Fill `search_body` for notes written without it (an import inserts notes with raw SQL): until
 * then the index holds their bodies with only the token words cut out. One index probe when there
 * are none (notes_search_body_missing); the caller need not hold a transaction.
 */
export function fillMissingSearchBodies(db: Database): number {
  const missing = db.prepare('SELECT id FROM notes WHERE search_body IS NULL').pluck().all() as string[];
  if (missing.length === 0) return 0;
  const read = db.prepare('SELECT body FROM notes WHERE id = ? AND search_body IS NULL').pluck();
  const set = db.prepare('UPDATE notes SET search_body = ? WHERE id = ?');
  db.transaction(() => {
    for (const id of missing) {
      // Read again inside the write lock: another process may have saved the note meanwhile.
      const body = read.get(id) as string | undefined;
      if (body !== undefined) set.run(noteSearchBody(db, body), id);
    }
  }).immediate();
  return missing.length;
}
