import type { Migration } from './migration';

/**
 * Pair indexes: every two adjacent words of each article and quote, as one term
 * ("after_the": sourcebook_pairs() in main/sqlite-ext/sourcebook-rank.c). A two-word phrase is
 * then one doclist walk, as long as the phrase is rare: FTS5 itself finds a phrase by comparing
 * its words' positions in every document holding both, 12 ms for a rare phrase of two common
 * words at 100k articles, against 0.3 ms here.
 *
 * - Contentless (the text is the articles' and quotes' own), `detail=none` (a pair's documents
 *   are all the search reads), deletable by rowid (`contentless_delete`).
 * - Only a connection with the search extension can compute pairs, and the extension is optional
 *   (no C compiler at install). So the triggers here only mark a changed row stale, in
 *   `articles_pairs_stale` / `quotes_pairs_stale`; a connection with the extension fills the pairs
 *   of each row marked stale in the same statement, through TEMP triggers it adds when it opens
 *   (main/db/phrase-pairs.ts), and catches up rows others left stale. The search uses a pair index
 *   only while its stale table is empty: otherwise it finds phrases as before.
 * - A quote's speaker column changes with its speaker's names (`search_speaker_names`, kept by
 *   migration 0020's triggers): a change there marks the speaker's quotes stale.
 * - Every row existing now is marked stale, to be filled by the catch-up.
 *
 * A shipped migration is never edited: later changes go into a new migration.
 */
const PAIRS_TABLE = (name: string) =>
  `CREATE VIRTUAL TABLE ${name} USING fts5(pairs, content = '', contentless_delete = 1, detail = none, tokenize = "unicode61 remove_diacritics 0 tokenchars '_'");`;
const MARK = (stale: string, rowid: string) => `INSERT OR REPLACE INTO ${stale}(rid) VALUES (${rowid});`;
const MARK_SPEAKER_QUOTES = (speakerId: string) =>
  `INSERT OR REPLACE INTO quotes_pairs_stale(rid) SELECT rowid FROM quotes WHERE speaker_id = ${speakerId} AND deleted_at IS NULL;`;

export const migration0150: Migration = {
  version: 150,
  name: 'phrase-pairs',
  up(db) {
    db.exec(`
      ${PAIRS_TABLE('articles_pairs')}
      ${PAIRS_TABLE('quotes_pairs')}
      CREATE TABLE articles_pairs_stale (rid INTEGER PRIMARY KEY);
      CREATE TABLE quotes_pairs_stale (rid INTEGER PRIMARY KEY);
      INSERT INTO articles_pairs_stale(rid) SELECT rid FROM search_src_articles;
      INSERT INTO quotes_pairs_stale(rid) SELECT rid FROM search_src_quotes;

      CREATE TRIGGER pairs_articles_ai AFTER INSERT ON articles BEGIN ${MARK('articles_pairs_stale', 'new.rowid')} END;
      CREATE TRIGGER pairs_articles_ad AFTER DELETE ON articles WHEN old.deleted_at IS NULL BEGIN ${MARK('articles_pairs_stale', 'old.rowid')} END;
      CREATE TRIGGER pairs_articles_au AFTER UPDATE ON articles
        WHEN old.title IS NOT new.title OR old.authors IS NOT new.authors OR old.site_name IS NOT new.site_name OR old.text IS NOT new.text
          OR old.deleted_at IS NOT new.deleted_at
      BEGIN ${MARK('articles_pairs_stale', 'new.rowid')} END;

      CREATE TRIGGER pairs_quotes_ai AFTER INSERT ON quotes BEGIN ${MARK('quotes_pairs_stale', 'new.rowid')} END;
      CREATE TRIGGER pairs_quotes_ad AFTER DELETE ON quotes WHEN old.deleted_at IS NULL BEGIN ${MARK('quotes_pairs_stale', 'old.rowid')} END;
      CREATE TRIGGER pairs_quotes_au AFTER UPDATE ON quotes
        WHEN old.text IS NOT new.text OR old.note IS NOT new.note OR old.speaker_id IS NOT new.speaker_id OR old.deleted_at IS NOT new.deleted_at
      BEGIN ${MARK('quotes_pairs_stale', 'new.rowid')} END;

      CREATE TRIGGER pairs_speaker_names_ai AFTER INSERT ON search_speaker_names BEGIN ${MARK_SPEAKER_QUOTES('new.speaker_id')} END;
      CREATE TRIGGER pairs_speaker_names_ad AFTER DELETE ON search_speaker_names BEGIN ${MARK_SPEAKER_QUOTES('old.speaker_id')} END;
      CREATE TRIGGER pairs_speaker_names_au AFTER UPDATE ON search_speaker_names BEGIN
        ${MARK_SPEAKER_QUOTES('old.speaker_id')}
        ${MARK_SPEAKER_QUOTES('new.speaker_id')}
      END;
    `);
  },
};
