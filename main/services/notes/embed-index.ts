import type { Database } from 'better-sqlite3';
import type { ItemType } from '../../../shared/domain/entities';
import { embeddedItems } from '../../../shared/notes/embed-syntax';
import type { NoteBacklink } from '../../../shared/notes/resolved';
import { fillMissingSearchBodies } from './search-text';

/**
 * The `note_embeds` table: which items each note embeds or references, derived from its text.
 * `sync` runs inside every save's transaction (NoteService's afterWrite hook); `syncStale` catches
 * notes written any other way (an import, an older version of the app) before backlinks are read.
 */
export class NoteEmbedIndex {
  constructor(private readonly db: Database) {}

  /** Re-derive one note's rows from its stored text. The caller holds the write transaction. */
  sync(noteId: string): void {
    const note = this.db.prepare('SELECT body, updated_at FROM notes WHERE id = ?').get(noteId) as { body: string; updated_at: string } | undefined;
    this.db.prepare('DELETE FROM note_embeds WHERE note_id = ?').run(noteId);
    if (!note) return;
    const insert = this.db.prepare(
      'INSERT INTO note_embeds (note_id, item_id, item_type, is_embed, occurrences, first_offset) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const item of embeddedItems(note.body)) insert.run(noteId, item.id, item.type, item.isEmbed ? 1 : 0, item.count, item.firstOffset);
    this.db
      .prepare('INSERT INTO note_embed_sync (note_id, note_updated_at) VALUES (?, ?) ON CONFLICT (note_id) DO UPDATE SET note_updated_at = excluded.note_updated_at')
      .run(noteId, note.updated_at);
  }

  /** Index every note whose rows are older than its text. Cheap when nothing is stale (one join). */
  syncStale(): number {
    // The same notes (written by an import) may lack their search text too (migration 0110).
    fillMissingSearchBodies(this.db);
    const stale = this.db
      .prepare('SELECT n.id FROM notes n LEFT JOIN note_embed_sync s ON s.note_id = n.id WHERE s.note_updated_at IS NOT n.updated_at')
      .pluck()
      .all() as string[];
    if (stale.length === 0) return 0;
    this.db.transaction(() => {
      for (const id of stale) this.sync(id);
    }).immediate();
    return stale.length;
  }

  /**
   * Live notes pointing at `itemId`; for an article also through its quotes, for a speaker through
   * the quotes attributed to them. Newest note first.
   */
  backlinks(itemId: string, itemType: ItemType | null): NoteBacklink[] {
    this.syncStale();
    const via =
      itemType === 'article'
        ? `SELECT id FROM quotes WHERE article_id = @itemId AND deleted_at IS NULL`
        : itemType === 'speaker'
          ? `SELECT id FROM quotes WHERE speaker_id = @itemId AND deleted_at IS NULL`
          : null;
    const rows = this.db
      .prepare(
        `SELECT n.id AS note_id, coalesce(nullif(n.title, ''), substr(n.body, 1, 80)) AS title, n.updated_at,
                e.item_id, e.item_type, e.is_embed, e.occurrences
           FROM note_embeds e JOIN notes n ON n.id = e.note_id
          WHERE n.deleted_at IS NULL AND (e.item_id = @itemId ${via ? `OR e.item_id IN (${via})` : ''})
          ORDER BY n.updated_at DESC, n.id, e.first_offset`,
      )
      .all({ itemId }) as { note_id: string; title: string; updated_at: string; item_id: string; item_type: ItemType; is_embed: number; occurrences: number }[];
    const byNote = new Map<string, NoteBacklink>();
    for (const r of rows) {
      let entry = byNote.get(r.note_id);
      if (!entry) byNote.set(r.note_id, (entry = { noteId: r.note_id, title: r.title, updatedAt: r.updated_at, via: [] }));
      entry.via.push({ id: r.item_id, type: r.item_type, isEmbed: r.is_embed === 1, count: r.occurrences });
    }
    return [...byNote.values()];
  }
}
