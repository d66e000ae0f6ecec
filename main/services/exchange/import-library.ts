import type { Database } from 'better-sqlite3';
import type { ImportIssue } from '../../../shared/api/methods-exchange';
import { locateQuote, contextAround } from '../anchoring';
import type { ServiceContext } from '../context';
import type { LibraryDoc, QuoteDoc } from './library-format';
import type { LibraryRecords } from './library-json-reader';
import { Tally } from './tally';

/**
 * Merge a Sourcebook library document into the open library, inside the caller's transaction.
 *
 * Ids are kept. A record whose id the library already has is the same record ("merged", left as
 * it is). A record with a new id is matched against what the library held before this import:
 * articles by canonical URL, URL or content hash; speakers by name or alias; topics, collections,
 * tags and saved searches by their (unique) name. A match is merged and every reference to the
 * incoming id is pointed at the existing record; anything else is inserted as it was, timestamps
 * and trash state included. Importing into an empty library therefore recreates the library
 * exactly, and importing the same file twice adds nothing the second time.
 *
 * A record pointing at something neither the file nor the library holds is skipped and reported.
 * `cursor.at` names the record being written, so a constraint the database refuses can be reported
 * with its field (and the caller's transaction rolls everything back).
 */
export function mergeLibraryDoc(ctx: ServiceContext, doc: LibraryRecords, tally: Tally, errors: ImportIssue[], cursor: { at: string } = { at: '' }): void {
  const db = ctx.db;
  const idMap = new Map<string, string>();
  /** Ids inserted by this import: name matches only ever look at what the library held before. */
  const inserted = new Set<string>();
  const typeOf = db.prepare('SELECT type FROM items WHERE id = ?');
  const existingType = (id: string) => (typeOf.get(id) as { type: string } | undefined)?.type;
  const resolve = (id: string): string | undefined => idMap.get(id) ?? (existingType(id) ? id : undefined);
  /** Like resolve, for a reference that must be of one type (a quote's article, a stance's topic). */
  const resolveAs = (id: string, type: string): string | undefined => {
    const resolved = resolve(id);
    return resolved !== undefined && existingType(resolved) === type ? resolved : undefined;
  };
  const preexisting = (id: string | undefined) => id !== undefined && !inserted.has(id);

  /** The record with this id exists: same type → merged; another type → reported and skipped. */
  const byId = (kind: string, field: string, id: string, type: string): 'new' | 'merged' | 'clash' => {
    const t = existingType(id);
    if (!t) return 'new';
    if (t === type) {
      idMap.set(id, id);
      tally.merged(kind);
      return 'merged';
    }
    const an = (word: string) => `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
    errors.push({ field, message: `id ${id} is ${an(t)} in this library, not ${an(type)}; skipped` });
    tally.skipped(kind);
    return 'clash';
  };
  const missing = (kind: string, field: string, what: string, id: string) => {
    errors.push({ field, message: `refers to ${what} ${id}, which is neither in the file nor in the library; skipped` });
    tally.skipped(kind);
  };

  // ---------- speakers ----------
  const findSpeaker = db.prepare(
    `SELECT id FROM speakers s WHERE deleted_at IS NULL AND (name = @name COLLATE NOCASE
       OR EXISTS (SELECT 1 FROM speaker_aliases sa WHERE sa.speaker_id = s.id AND sa.alias = @name COLLATE NOCASE)) ORDER BY created_at, id`,
  );
  const insertAlias = db.prepare('INSERT OR IGNORE INTO speaker_aliases (speaker_id, alias) VALUES (?, ?)');
  forEachRecord(doc.speakers, (sp, i) => {
    const field = (cursor.at = `speakers.${i}`);
    const state = byId('speakers', field, sp.id, 'speaker');
    if (state === 'clash') return;
    if (state === 'merged') {
      for (const alias of sp.aliases) insertAlias.run(sp.id, alias);
      return;
    }
    if (!sp.deletedAt) {
      const match = (findSpeaker.all({ name: sp.name }) as { id: string }[]).find((r) => preexisting(r.id));
      if (match) {
        idMap.set(sp.id, match.id);
        for (const alias of sp.aliases) if (alias.toLowerCase() !== sp.name.toLowerCase()) insertAlias.run(match.id, alias);
        tally.merged('speakers');
        return;
      }
    }
    db.prepare(
      `INSERT INTO speakers (id, name, kind, role, affiliation, description, created_at, updated_at, deleted_at, trash_batch)
       VALUES (@id, @name, @kind, @role, @affiliation, @description, @createdAt, @updatedAt, @deletedAt, @trashBatch)`,
    ).run(pick(sp, ['id', 'name', 'kind', 'role', 'affiliation', 'description', 'createdAt', 'updatedAt', 'deletedAt', 'trashBatch']));
    for (const alias of sp.aliases) insertAlias.run(sp.id, alias);
    inserted.add(sp.id);
    tally.created('speakers');
  });

  // ---------- topics, collections, tags: matched by their unique names ----------
  const byName = <T extends { id: string; deletedAt?: string | null }>(kind: string, list: Iterable<T>, type: string, findSql: string, nameOf: (x: T) => string, insert: (x: T) => void) => {
    const find = db.prepare(findSql);
    forEachRecord(list, (item, i) => {
      const field = (cursor.at = `${kind}.${i}`);
      if (byId(kind, field, item.id, type) !== 'new') return;
      if (!item.deletedAt) {
        const match = find.get(nameOf(item)) as { id: string } | undefined;
        if (match && preexisting(match.id)) {
          idMap.set(item.id, match.id);
          tally.merged(kind);
          return;
        }
      }
      insert(item);
      inserted.add(item.id);
      tally.created(kind);
    });
  };
  byName('topics', doc.topics, 'topic', 'SELECT id FROM topics WHERE title = ? COLLATE NOCASE AND deleted_at IS NULL', (t: LibraryDoc['topics'][number]) => t.title, (t: LibraryDoc['topics'][number]) =>
    db.prepare('INSERT INTO topics (id, title, description, created_at, updated_at, deleted_at, trash_batch) VALUES (@id, @title, @description, @createdAt, @updatedAt, @deletedAt, @trashBatch)').run(t));
  byName('collections', doc.collections, 'collection', 'SELECT id FROM collections WHERE name = ? COLLATE NOCASE AND deleted_at IS NULL', (c: LibraryDoc['collections'][number]) => c.name, (c: LibraryDoc['collections'][number]) =>
    db.prepare('INSERT INTO collections (id, name, description, created_at, updated_at, deleted_at, trash_batch) VALUES (@id, @name, @description, @createdAt, @updatedAt, @deletedAt, @trashBatch)').run(c));
  // Tag names are unique across the whole table (trash has no meaning for tags).
  byName('tags', doc.tags, 'tag', 'SELECT id FROM tags WHERE name = ? COLLATE NOCASE', (t: LibraryDoc['tags'][number]) => t.name, (t: LibraryDoc['tags'][number]) =>
    db.prepare('INSERT INTO tags (id, name, color, created_at) VALUES (@id, @name, @color, @createdAt)').run(t));

  // ---------- articles with their versions and assets ----------
  // One indexed lookup per way of matching: with ORs in one WHERE, SQLite walked every live article
  // for every article of the file, which made a large import quadratic. `= NULL` matches nothing.
  const findArticle = db.prepare(
    `SELECT id, content_hash = @contentHash AS same FROM articles WHERE canonical_url = @canonicalUrl AND deleted_at IS NULL
     UNION SELECT id, content_hash = @contentHash FROM articles WHERE url = @canonicalUrl AND deleted_at IS NULL
     UNION SELECT id, content_hash = @contentHash FROM articles WHERE url = @url AND deleted_at IS NULL
     UNION SELECT id, content_hash = @contentHash FROM articles WHERE canonical_url = @url AND deleted_at IS NULL
     UNION SELECT id, 1 FROM articles WHERE content_hash = @contentHash AND deleted_at IS NULL
     ORDER BY same DESC, id`,
  );
  /**
   * The texts of the articles quotes were last anchored in: an article's quotes mostly come
   * together (the file lists them by id, which is creation order). A few, not all: an import of a
   * whole library would otherwise hold every article's text in memory.
   */
  const articleText = new Map<string, string>();
  const selectText = db.prepare('SELECT text FROM articles WHERE id = ?');
  const remember = (articleId: string, text: string) => {
    articleText.delete(articleId);
    articleText.set(articleId, text);
    if (articleText.size > RECENT_TEXTS) articleText.delete(articleText.keys().next().value!);
  };
  const textOf = (articleId: string): string => {
    const text = articleText.get(articleId) ?? (selectText.get(articleId) as { text: string }).text;
    remember(articleId, text);
    return text;
  };
  const insertVersion = db.prepare(
    `INSERT OR IGNORE INTO article_versions (id, article_id, version, title, html, text, content_hash, snapshot_path, clipped_at)
     VALUES (@id, @articleId, @version, @title, @html, @text, @contentHash, @snapshotPath, @clippedAt)`,
  );
  const insertAsset = db.prepare(
    `INSERT OR IGNORE INTO article_assets (id, article_id, original_url, path, content_type, bytes) VALUES (@id, @articleId, @originalUrl, @path, @contentType, @bytes)`,
  );
  const addChildren = (a: LibraryDoc['articles'][number], articleId: string) => {
    for (const v of a.versions) {
      if (!db.prepare('SELECT 1 FROM article_versions WHERE id = ? OR (article_id = ? AND version = ?)').get(v.id, articleId, v.version)) insertVersion.run({ ...v, articleId });
    }
    for (const asset of a.assets) insertAsset.run({ ...asset, articleId });
  };
  forEachRecord(doc.articles, (a, i) => {
    const field = (cursor.at = `articles.${i}`);
    const state = byId('articles', field, a.id, 'article');
    if (state === 'clash') return;
    if (state === 'merged') {
      addChildren(a, a.id);
      return;
    }
    if (!a.deletedAt) {
      const match = (findArticle.all({ canonicalUrl: a.canonicalUrl, url: a.url, contentHash: a.contentHash }) as { id: string }[]).find((r) => preexisting(r.id));
      if (match) {
        idMap.set(a.id, match.id);
        tally.merged('articles');
        return;
      }
    }
    db.prepare(
      `INSERT INTO articles (id, url, canonical_url, title, authors, site_name, published_at, modified_at, clipped_at, lang, excerpt, lead_image_url,
         html, text, word_count, content_hash, snapshot_path, source_kind, version, created_at, updated_at, deleted_at, trash_batch)
       VALUES (@id, @url, @canonicalUrl, @title, @authors, @siteName, @publishedAt, @modifiedAt, @clippedAt, @lang, @excerpt, @leadImageUrl,
         @html, @text, @wordCount, @contentHash, @snapshotPath, @sourceKind, @version, @createdAt, @updatedAt, @deletedAt, @trashBatch)`,
    ).run({ ...pick(a, ['id', 'url', 'canonicalUrl', 'title', 'siteName', 'publishedAt', 'modifiedAt', 'clippedAt', 'lang', 'excerpt', 'leadImageUrl', 'html', 'text', 'wordCount', 'contentHash', 'snapshotPath', 'sourceKind', 'version', 'createdAt', 'updatedAt', 'deletedAt', 'trashBatch']), authors: JSON.stringify(a.authors) });
    addChildren(a, a.id);
    remember(a.id, a.text);
    inserted.add(a.id);
    tally.created('articles');
  });

  // ---------- quotes ----------
  const sameQuote = db.prepare('SELECT id FROM quotes WHERE article_id = ? AND text = ? AND deleted_at IS NULL ORDER BY id LIMIT 1');
  /** Quotes of the file that were not where they said they were: found again, or kept as orphans. */
  const misplaced = { reanchored: [] as string[], orphaned: [] as string[] };
  forEachRecord(doc.quotes, (q, i) => {
    const field = (cursor.at = `quotes.${i}`);
    const state = byId('quotes', field, q.id, 'quote');
    if (state !== 'new') return;
    const articleId = resolveAs(q.articleId, 'article');
    if (!articleId) return missing('quotes', `${field}.articleId`, 'the article', q.articleId);
    const speakerId = q.speakerId === null ? null : (resolveAs(q.speakerId, 'speaker') ?? null);
    if (q.speakerId !== null && speakerId === null) errors.push({ field: `${field}.speakerId`, message: `the speaker ${q.speakerId} is missing; the quote was kept without a speaker` });
    let anchor: Anchor = { text: q.text, prefix: q.prefix, suffix: q.suffix, start: q.start, end: q.end, status: q.anchorStatus };
    if (articleId !== q.articleId) {
      // Merged into an article this library already had: that article's text is the one to anchor in.
      const duplicate = sameQuote.get(articleId, q.text) as { id: string } | undefined;
      if (duplicate && preexisting(duplicate.id)) {
        idMap.set(q.id, duplicate.id);
        tally.merged('quotes');
        return;
      }
      anchor = anchorIn(textOf(articleId), q) ?? { ...anchor, status: 'orphan' };
    } else if (!isAtRecordedPlace(textOf(articleId), q)) {
      // A hand-edited file, or an export of an older version of an article this library has
      // (merged by id, with its current text): offsets that point elsewhere are never stored.
      const found = anchorIn(textOf(articleId), q);
      misplaced[found ? 'reanchored' : 'orphaned'].push(field);
      anchor = found ?? { ...anchor, status: 'orphan' };
    }
    db.prepare(
      `INSERT INTO quotes (id, article_id, text, prefix, suffix, start_offset, end_offset, anchor_status, kind, speaker_id, speaker_role, said_at, note, origin,
         created_at, updated_at, deleted_at, trash_batch)
       VALUES (@id, @articleId, @text, @prefix, @suffix, @start, @end, @status, @kind, @speakerId, @speakerRole, @saidAt, @note, @origin,
         @createdAt, @updatedAt, @deletedAt, @trashBatch)`,
    ).run({ ...pick(q, ['id', 'kind', 'speakerRole', 'saidAt', 'note', 'origin', 'createdAt', 'updatedAt', 'deletedAt', 'trashBatch']), ...anchor, articleId, speakerId });
    inserted.add(q.id);
    tally.created('quotes');
  });

  const fields = (list: string[]) => `${list.slice(0, 5).join(', ')}${list.length > 5 ? `, and ${list.length - 5} more` : ''}`;
  if (misplaced.reanchored.length > 0) {
    errors.push({ field: 'quotes', message: `quotes not at their recorded place in their article's text, anchored again where their words are: ${misplaced.reanchored.length} (${fields(misplaced.reanchored)})` });
  }
  if (misplaced.orphaned.length > 0) {
    errors.push({ field: 'quotes', message: `quotes not at their recorded place whose words are not in their article, kept as orphans: ${misplaced.orphaned.length} (${fields(misplaced.orphaned)})` });
  }

  // ---------- notes ----------
  forEachRecord(doc.notes, (note, i) => {
    const field = (cursor.at = `notes.${i}`);
    if (byId('notes', field, note.id, 'note') !== 'new') return;
    let attachedId = note.attachedId === null ? null : (resolve(note.attachedId) ?? null);
    if (note.attachedId !== null && attachedId === null) {
      errors.push({ field: `${field}.attachedId`, message: `the item ${note.attachedId} it was attached to is missing; the note was kept unattached` });
      attachedId = null;
    }
    db.prepare('INSERT INTO notes (id, title, body, attached_id, created_at, updated_at, deleted_at, trash_batch) VALUES (@id, @title, @body, @attachedId, @createdAt, @updatedAt, @deletedAt, @trashBatch)')
      .run({ ...note, attachedId });
    inserted.add(note.id);
    tally.created('notes');
  });

  // ---------- stances ----------
  forEachRecord(doc.stances, (st, i) => {
    const field = (cursor.at = `stances.${i}`);
    if (byId('stances', field, st.id, 'stance') !== 'new') return;
    const topicId = resolveAs(st.topicId, 'topic');
    if (!topicId) return missing('stances', `${field}.topicId`, 'the topic', st.topicId);
    const subjectId = resolveAs(st.subjectId, st.subjectType);
    if (!subjectId) return missing('stances', `${field}.subjectId`, `the ${st.subjectType}`, st.subjectId);
    const same = db.prepare('SELECT id FROM stances WHERE topic_id = ? AND subject_id = ? AND value = ? AND set_at = ? AND deleted_at IS NULL').get(topicId, subjectId, st.value, st.setAt) as { id: string } | undefined;
    if (same && preexisting(same.id) && !st.deletedAt) {
      idMap.set(st.id, same.id);
      tally.merged('stances');
      return;
    }
    db.prepare(
      `INSERT INTO stances (id, topic_id, subject_type, subject_id, value, note, set_at, created_at, deleted_at, trash_batch)
       VALUES (@id, @topicId, @subjectType, @subjectId, @value, @note, @setAt, @createdAt, @deletedAt, @trashBatch)`,
    ).run({ ...st, topicId, subjectId });
    inserted.add(st.id);
    tally.created('stances');
  });

  // ---------- links ----------
  forEachRecord(doc.links, (l, i) => {
    const field = (cursor.at = `links.${i}`);
    if (byId('links', field, l.id, 'link') !== 'new') return;
    const fromId = resolve(l.fromId);
    if (!fromId) return missing('links', `${field}.fromId`, 'the item', l.fromId);
    const toId = l.toId === null ? null : resolve(l.toId);
    if (toId === undefined) return missing('links', `${field}.toId`, 'the item', l.toId!);
    if (toId === fromId) {
      errors.push({ field, message: 'both ends are the same item after merging; skipped' });
      return tally.skipped('links');
    }
    const same = db.prepare('SELECT id FROM links WHERE from_id = ? AND type = ? AND to_id IS ? AND to_url IS ? AND deleted_at IS NULL').get(fromId, l.type, toId, l.toUrl) as { id: string } | undefined;
    if (same && preexisting(same.id) && !l.deletedAt) {
      idMap.set(l.id, same.id);
      tally.merged('links');
      return;
    }
    db.prepare('INSERT INTO links (id, type, from_id, to_id, to_url, note, created_at, deleted_at, trash_batch) VALUES (@id, @type, @fromId, @toId, @toUrl, @note, @createdAt, @deletedAt, @trashBatch)')
      .run({ ...l, fromId, toId });
    inserted.add(l.id);
    tally.created('links');
  });

  // ---------- taggings and collection memberships ----------
  const insertTagging = db.prepare('INSERT OR IGNORE INTO taggings (tag_id, item_id, created_at) VALUES (?, ?, ?)');
  forEachRecord(doc.taggings, (t, i) => {
    cursor.at = `taggings.${i}`;
    const tagId = resolveAs(t.tagId, 'tag');
    const itemId = resolve(t.itemId);
    if (!tagId || !itemId) return missing('taggings', `taggings.${i}.${tagId ? 'itemId' : 'tagId'}`, tagId ? 'the item' : 'the tag', tagId ? t.itemId : t.tagId);
    if (insertTagging.run(tagId, itemId, t.createdAt).changes) tally.created('taggings');
    else tally.merged('taggings');
  });
  const insertMember = db.prepare('INSERT OR IGNORE INTO collection_items (collection_id, item_id, added_at) VALUES (?, ?, ?)');
  forEachRecord(doc.collectionItems, (ci, i) => {
    cursor.at = `collectionItems.${i}`;
    const collectionId = resolveAs(ci.collectionId, 'collection');
    const itemId = resolve(ci.itemId);
    if (!collectionId || !itemId) {
      return missing('collectionItems', `collectionItems.${i}.${collectionId ? 'itemId' : 'collectionId'}`, collectionId ? 'the item' : 'the collection', collectionId ? ci.itemId : ci.collectionId);
    }
    if (insertMember.run(collectionId, itemId, ci.addedAt).changes) tally.created('collectionItems');
    else tally.merged('collectionItems');
  });

  // ---------- suggestions and saved searches ----------
  forEachRecord(doc.suggestions.quotes, (sg, i) => {
    cursor.at = `suggestions.quotes.${i}`;
    if (db.prepare('SELECT 1 FROM quote_suggestions WHERE id = ?').get(sg.id)) return tally.merged('suggestions');
    const articleId = resolveAs(sg.articleId, 'article');
    if (!articleId) return missing('suggestions', `suggestions.quotes.${i}.articleId`, 'the article', sg.articleId);
    // Offsets point into the file's article text: only kept when that article came in as it was.
    if (articleId !== sg.articleId) return tally.skipped('suggestions');
    db.prepare(
      `INSERT INTO quote_suggestions (id, article_id, text, start_offset, end_offset, speaker, speaker_mention, speaker_role, status, quote_id, created_at)
       VALUES (@id, @articleId, @text, @start, @end, @speaker, @speakerMention, @speakerRole, @status, @quoteId, @createdAt)`,
    ).run({ ...sg, quoteId: sg.quoteId === null ? null : (resolve(sg.quoteId) ?? null) });
    tally.created('suggestions');
  });
  forEachRecord(doc.suggestions.sources, (sg, i) => {
    cursor.at = `suggestions.sources.${i}`;
    if (db.prepare('SELECT 1 FROM source_suggestions WHERE id = ?').get(sg.id)) return tally.merged('suggestions');
    const articleId = resolveAs(sg.articleId, 'article');
    if (!articleId) return missing('suggestions', `suggestions.sources.${i}.articleId`, 'the article', sg.articleId);
    if (articleId !== sg.articleId) return tally.skipped('suggestions');
    db.prepare(`INSERT INTO source_suggestions (id, article_id, name, url, status, link_id, created_at) VALUES (@id, @articleId, @name, @url, @status, @linkId, @createdAt)`)
      .run({ ...sg, linkId: sg.linkId === null ? null : (resolve(sg.linkId) ?? null) });
    tally.created('suggestions');
  });
  if (hasTable(db, 'saved_searches')) {
    for (const ss of doc.savedSearches) {
      if (db.prepare('SELECT 1 FROM saved_searches WHERE id = ? OR name = ? COLLATE NOCASE').get(ss.id, ss.name)) {
        tally.merged('savedSearches');
        continue;
      }
      db.prepare('INSERT INTO saved_searches (id, name, query, created_at, updated_at) VALUES (@id, @name, @query, @createdAt, @updatedAt)').run(ss);
      tally.created('savedSearches');
    }
  }
}

/** Article texts kept while quotes are anchored (textOf). */
const RECENT_TEXTS = 64;

/** `list.forEach` for any iterable (a section of a file is read as it is iterated). */
function forEachRecord<T>(list: Iterable<T>, fn: (item: T, index: number) => void): void {
  let index = 0;
  for (const item of list) fn(item, index++);
}

type Anchor = Pick<QuoteDoc, 'text' | 'prefix' | 'suffix' | 'start' | 'end'> & { status: QuoteDoc['anchorStatus'] };

/**
 * Whether a quote of the file stands where it says in its article's text. An orphan's offsets
 * point nowhere by definition; a fuzzy anchor marks a passage that differs from the quote's words,
 * so only its bounds can be checked.
 */
function isAtRecordedPlace(text: string, q: QuoteDoc): boolean {
  if (q.anchorStatus === 'orphan') return true;
  if (q.anchorStatus === 'fuzzy') return q.end <= text.length;
  return text.slice(q.start, q.end) === q.text;
}

/**
 * Find a quote in `text` the way the app does when an article's text changes (locateQuote: by
 * position, then by its words and context, then loosely); null when it is not there, and the
 * quote becomes an orphan. The quote takes the article's own wording of the passage it was
 * found at, so its text always stands at its offsets.
 */
function anchorIn(text: string, q: QuoteDoc): Anchor | null {
  const found = locateQuote(text, { exact: q.text, prefix: q.prefix, suffix: q.suffix, start: q.start });
  if (!found) return null;
  return { ...contextAround(text, found.start, found.end), text: text.slice(found.start, found.end), start: found.start, end: found.end, status: found.status };
}

function hasTable(db: Database, name: string): boolean {
  return Boolean(db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name));
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;
}
