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

/**
 * Derive again the search text of the notes that embed or reference any of `itemIds` (their
 * `note_embeds` rows, trashed notes included), after those items were renamed or deleted for good:
 * a note citing a renamed speaker is then found by the new name, as a reader sees it. Notes whose
 * text comes out the same are not written. The caller holds the write transaction.
 */
export function refreshNotesNaming(db: Database, itemIds: readonly string[]): number {
  if (itemIds.length === 0) return 0;
  const notes = db
    .prepare(
      `SELECT id, body, search_body FROM notes
        WHERE id IN (SELECT note_id FROM note_embeds WHERE item_id IN (SELECT value FROM json_each(?)))`,
    )
    .all(JSON.stringify(itemIds)) as { id: string; body: string; search_body: string | null }[];
  const set = db.prepare('UPDATE notes SET search_body = ? WHERE id = ?');
  let changed = 0;
  for (const note of notes) {
    const text = noteSearchBody(db, note.body);
    if (text === note.search_body) continue;
    set.run(text, note.id);
    changed++;
  }
  return changed;
}
