import type { Migration } from './migration';

/**
 * The whole domain in one first step. Every item table carries a stable TEXT id (UUIDv7) so
 * libraries can be exported, imported and merged without renumbering, and `deleted_at` +
 * `trash_batch` for the trash: trashing an article trashes its quotes in the same batch, and
 * restoring the batch brings them all back together.
 *
 * `items` registers every id with its type (kept by triggers), so `show ID`, `trash ID` and links
 * can resolve any id without probing every table.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE items (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL CHECK (type IN ('article','quote','speaker','topic','note','collection','tag','link','stance'))
      ) WITHOUT ROWID;

      CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        url TEXT,
        canonical_url TEXT,
        title TEXT NOT NULL,
        authors TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(authors)),
        site_name TEXT,
        published_at TEXT,
        modified_at TEXT,
        clipped_at TEXT NOT NULL,
        lang TEXT,
        excerpt TEXT,
        lead_image_url TEXT,
        html TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL DEFAULT '',
        word_count INTEGER NOT NULL DEFAULT 0,
        content_hash TEXT NOT NULL,
        snapshot_path TEXT,
        source_kind TEXT NOT NULL DEFAULT 'paste' CHECK (source_kind IN ('url','file','paste','browser','import')),
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT,
        trash_batch TEXT
      );
      CREATE INDEX articles_canonical_url ON articles(canonical_url) WHERE canonical_url IS NOT NULL;
      CREATE INDEX articles_url ON articles(url) WHERE url IS NOT NULL;
      CREATE INDEX articles_content_hash ON articles(content_hash);
      CREATE INDEX articles_clipped_at ON articles(clipped_at);
      CREATE INDEX articles_deleted_at ON articles(deleted_at);

      -- Earlier texts of an article kept when a re-clip finds changed text (newest lives in articles).
      CREATE TABLE article_versions (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        title TEXT NOT NULL,
        html TEXT NOT NULL,
        text TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        snapshot_path TEXT,
        clipped_at TEXT NOT NULL,
        UNIQUE (article_id, version)
      );

      -- Images stored for offline reading (files live beside the database under assets/).
      CREATE TABLE article_assets (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        original_url TEXT NOT NULL,
        path TEXT NOT NULL,
        content_type TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        UNIQUE (article_id, original_url)
      );

      CREATE TABLE speakers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'person' CHECK (kind IN ('person','organization')),
        role TEXT,
        affiliation TEXT,
        description TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT,
        trash_batch TEXT
      );
      CREATE INDEX speakers_name ON speakers(name COLLATE NOCASE);

      CREATE TABLE speaker_aliases (
        speaker_id TEXT NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
        alias TEXT NOT NULL,
        PRIMARY KEY (speaker_id, alias)
      ) WITHOUT ROWID;
      CREATE INDEX speaker_aliases_alias ON speaker_aliases(alias COLLATE NOCASE);

      CREATE TABLE quotes (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        text TEXT NOT NULL CHECK (length(text) > 0),
        prefix TEXT NOT NULL DEFAULT '',
        suffix TEXT NOT NULL DEFAULT '',
        start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
        end_offset INTEGER NOT NULL CHECK (end_offset > start_offset),
        anchor_status TEXT NOT NULL DEFAULT 'exact' CHECK (anchor_status IN ('exact','moved','fuzzy','orphan')),
        kind TEXT NOT NULL DEFAULT 'direct' CHECK (kind IN ('direct','indirect','paraphrase','highlight')),
        speaker_id TEXT REFERENCES speakers(id) ON DELETE SET NULL,
        speaker_role TEXT,
        said_at TEXT,
        note TEXT NOT NULL DEFAULT '',
        origin TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('user','suggestion','browser','import')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT,
        trash_batch TEXT
      );
      CREATE INDEX quotes_article ON quotes(article_id, start_offset);
      CREATE INDEX quotes_speaker ON quotes(speaker_id);

      CREATE TABLE topics (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT,
        trash_batch TEXT
      );
      CREATE UNIQUE INDEX topics_title ON topics(title COLLATE NOCASE) WHERE deleted_at IS NULL;

      -- A stance is never overwritten: setting a new one for the same subject and topic adds a row,
      -- and the newest (by set_at) is the current one, so changes over time stay visible.
      CREATE TABLE stances (
        id TEXT PRIMARY KEY,
        topic_id TEXT NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
        subject_type TEXT NOT NULL CHECK (subject_type IN ('quote','article','speaker')),
        subject_id TEXT NOT NULL,
        value TEXT NOT NULL CHECK (value IN ('supports','opposes','neutral','mixed')),
        note TEXT NOT NULL DEFAULT '',
        set_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        deleted_at TEXT,
        trash_batch TEXT
      );
      CREATE INDEX stances_subject ON stances(subject_id, topic_id, set_at);
      CREATE INDEX stances_topic ON stances(topic_id);

      CREATE TABLE links (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL CHECK (type IN ('cites','quotes-from','supports','contradicts','responds-to','same-as','updates')),
        from_id TEXT NOT NULL,
        to_id TEXT,
        to_url TEXT,
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        deleted_at TEXT,
        trash_batch TEXT,
        CHECK ((to_id IS NULL) <> (to_url IS NULL)),
        CHECK (to_id IS NULL OR to_id <> from_id)
      );
      CREATE INDEX links_from ON links(from_id);
      CREATE INDEX links_to ON links(to_id) WHERE to_id IS NOT NULL;
      CREATE INDEX links_to_url ON links(to_url) WHERE to_url IS NOT NULL;

      CREATE TABLE tags (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        color TEXT,
        created_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX tags_name ON tags(name COLLATE NOCASE);

      CREATE TABLE taggings (
        tag_id TEXT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        item_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (tag_id, item_id)
      ) WITHOUT ROWID;
      CREATE INDEX taggings_item ON taggings(item_id);

      CREATE TABLE collections (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT,
        trash_batch TEXT
      );
      CREATE UNIQUE INDEX collections_name ON collections(name COLLATE NOCASE) WHERE deleted_at IS NULL;

      CREATE TABLE collection_items (
        collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
        item_id TEXT NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (collection_id, item_id)
      ) WITHOUT ROWID;
      CREATE INDEX collection_items_item ON collection_items(item_id);

      CREATE TABLE notes (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '',
        attached_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT,
        trash_batch TEXT
      );
      CREATE INDEX notes_attached ON notes(attached_id) WHERE attached_id IS NOT NULL;

      -- Browser clipper clients paired by the user (bookmarklet keys, stored hashed).
      CREATE TABLE clipper_clients (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        key_hash TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending','approved','revoked')),
        created_at TEXT NOT NULL,
        approved_at TEXT,
        last_used_at TEXT
      );

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) WITHOUT ROWID;
    `);

    // Keep the id registry in step with every item table.
    const registered: [string, string][] = [
      ['articles', 'article'], ['quotes', 'quote'], ['speakers', 'speaker'], ['topics', 'topic'],
      ['notes', 'note'], ['collections', 'collection'], ['tags', 'tag'], ['links', 'link'],
      ['stances', 'stance'],
    ];
    for (const [table, type] of registered) {
      db.exec(`
        CREATE TRIGGER ${table}_register AFTER INSERT ON ${table} BEGIN
          INSERT INTO items (id, type) VALUES (new.id, '${type}');
        END;
        CREATE TRIGGER ${table}_unregister AFTER DELETE ON ${table} BEGIN
          DELETE FROM items WHERE id = old.id;
        END;
      `);
    }
    // Purging an item for good removes what hangs off it by id (no FK is possible on item_id).
    for (const [table] of registered) {
      db.exec(`
        CREATE TRIGGER ${table}_purge_refs AFTER DELETE ON ${table} BEGIN
          DELETE FROM taggings WHERE item_id = old.id;
          DELETE FROM collection_items WHERE item_id = old.id;
          DELETE FROM links WHERE from_id = old.id OR to_id = old.id;
          DELETE FROM stances WHERE subject_id = old.id;
        END;
      `);
    }
  },
};
