import type { Migration } from './migration';
import { ARTICLE_HOST_SQL } from './0070-search-filter-indexes';

/**
 * Each quote's speaker (its speakers rowid) in its search facts (migration 0090). The search's
 * facets read the date, site and speaker of a search's best hundred quotes: the speaker through the
 * quote's own row cost one read of a page of quote text per quote, about half the quote facets'
 * time on the 100k-article benchmark library; a facts row is a few dozen bytes.
 *
 * Written with the other facts when a quote is added or moved, and by a trigger of its own when
 * the quote's speaker changes: assigned, merged away, or cleared by the speaker's deletion. That
 * one is an UPDATE: ON DELETE SET NULL updates the quote in a statement whose conflict policy a
 * trigger's INSERT OR REPLACE cannot override. A speaker's rowid never changes; a trashed speaker
 * stays in its quotes' facts, and the facets leave it out as before. `sourcebook check` compares
 * the facts with the quotes (index-check.ts). A shipped migration is never edited: later changes
 * go into a new migration.
 */
const setQuoteFacts = `INSERT OR REPLACE INTO search_quote_facts (quote_rowid, date, site_name, host, speaker_rowid)
  SELECT new.rowid, coalesce(new.said_at, new.created_at), site_name, ${ARTICLE_HOST_SQL('url')},
    (SELECT rowid FROM speakers WHERE id = new.speaker_id)
  FROM articles WHERE id = new.article_id;`;

export const migration0160: Migration = {
  version: 160,
  name: 'quote-facts-speaker',
  up(db) {
    db.exec(`
      ALTER TABLE search_quote_facts ADD COLUMN speaker_rowid INTEGER;
      UPDATE search_quote_facts SET speaker_rowid = (SELECT s.rowid FROM quotes q JOIN speakers s ON s.id = q.speaker_id WHERE q.rowid = quote_rowid);
      DROP TRIGGER search_quote_facts_ai;
      DROP TRIGGER search_quote_facts_au;
      CREATE TRIGGER search_quote_facts_ai AFTER INSERT ON quotes BEGIN ${setQuoteFacts}
      END;
      CREATE TRIGGER search_quote_facts_au AFTER UPDATE OF article_id, said_at, created_at ON quotes BEGIN ${setQuoteFacts}
      END;
      CREATE TRIGGER search_quote_facts_speaker AFTER UPDATE OF speaker_id ON quotes BEGIN
        UPDATE search_quote_facts SET speaker_rowid = (SELECT rowid FROM speakers WHERE id = new.speaker_id) WHERE quote_rowid = new.rowid;
      END;
    `);
  },
};
