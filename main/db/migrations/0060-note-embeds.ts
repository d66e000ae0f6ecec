import type { Migration } from './migration';

/**
 * Notes as research memos: what each note embeds or references (for backlinks), and the topics a
 * note is about.
 *
 * `note_embeds` is derived from the note's text (the tokens of shared/notes/embed-syntax.ts) and
 * rewritten in the same transaction as every save through the notes service. `note_embed_sync`
 * records which version of each note the rows were derived from, so a note written any other way
 * (an import, an older app) is re-read before backlinks are answered; existing notes are indexed
 * that way too, so this step holds no parser.
 *
 * Topics get their own table rather than links: the link types are relations between sources
 * ("cites", "contradicts"), and "this memo is about that question" is not one of them.
 */
export const migration0060: Migration = {
  version: 60,
  name: 'note-embeds',
  up(db) {
    db.exec(`
      CREATE TABLE note_embeds (
        note_id TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
        item_id TEXT NOT NULL,
        item_type TEXT NOT NULL,
        is_embed INTEGER NOT NULL CHECK (is_embed IN (0, 1)),
        occurrences INTEGER NOT NULL CHECK (occurrences > 0),
        first_offset INTEGER NOT NULL,
        PRIMARY KEY (note_id, item_id)
      ) WITHOUT ROWID;
      CREATE INDEX note_embeds_item ON note_embeds(item_id);

      CREATE TABLE note_embed_sync (
        note_id TEXT PRIMARY KEY REFERENCES notes(id) ON DELETE CASCADE,
        note_updated_at TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE note_topics (
        note_id TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
        topic_id TEXT NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (note_id, topic_id)
      ) WITHOUT ROWID;
      CREATE INDEX note_topics_topic ON note_topics(topic_id);

      -- A topic deleted for good leaves no rows behind (a trashed one stays, hidden, until restored).
      CREATE TRIGGER topics_purge_note_topics AFTER DELETE ON topics BEGIN
        DELETE FROM note_topics WHERE topic_id = old.id;
      END;
    `);
  },
};
