import type { Migration } from './migration';

/**
 * Suggestions found when an article is clipped: direct quotations with their speakers, and the
 * outlets it cites. They are stored with the article in the same transaction (an article never
 * exists without its suggestions) and stay until the user accepts or dismisses each one.
 */
export const migration0030: Migration = {
  version: 30,
  name: 'suggestions',
  up(db) {
    db.exec(`
      CREATE TABLE quote_suggestions (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        speaker TEXT,
        speaker_mention TEXT,
        speaker_role TEXT,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','accepted','dismissed')),
        quote_id TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX quote_suggestions_article ON quote_suggestions(article_id, start_offset);

      CREATE TABLE source_suggestions (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        url TEXT,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','accepted','dismissed')),
        link_id TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX source_suggestions_article ON source_suggestions(article_id);
    `);
  },
};
