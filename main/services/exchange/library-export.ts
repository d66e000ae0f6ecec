import type { Database } from 'better-sqlite3';
import { parseJsonArray } from '../../db/repositories/rows';
import { JsonDocumentWriter } from './json-writer';
import { LIBRARY_FORMAT, LIBRARY_FORMAT_VERSION, type ArticleDoc, type LibraryDoc, type QuoteDoc } from './library-format';

type Row = Record<string, unknown>;
const s = (v: unknown) => v as string;
const ns = (v: unknown) => (v ?? null) as string | null;
const n = (v: unknown) => v as number;

export interface LibraryExportCounts {
  articles: number;
  quotes: number;
  speakers: number;
  topics: number;
}

/**
 * Write the library as a Sourcebook library document (library-format.ts), piece by piece: rows are
 * read one at a time and written as they come, so a library of any size exports in the memory of
 * one article (JSON.stringify of the whole document failed past about 40k articles: one string
 * cannot hold it). The text is exactly `JSON.stringify(doc, null, 2)` of the whole document.
 *
 * `articleIds` limits it to those articles and what hangs off them (a collection's or a topic's
 * export): their quotes, the quotes' speakers, stances on any of them and those stances' topics,
 * notes attached to any of them, and the collections, links and tags between what is in. Null is
 * the whole library, trash included. Run it inside one read transaction for a consistent copy.
 */
export function writeLibraryJson(
  db: Database, write: (piece: string) => void, header: { exportedAt: string; schemaVersion: number }, articleIds: Set<string> | null,
  /** Called after each article written, with how many so far (the articles are most of the bytes). */
  onArticle?: (written: number) => void,
): LibraryExportCounts {
  const scope = articleIds === null ? WHOLE_LIBRARY : scopeOf(db, articleIds);
  const rows = (sql: string) => db.prepare(sql).iterate() as IterableIterator<Row>;
  const counts: LibraryExportCounts = { articles: 0, quotes: 0, speakers: 0, topics: 0 };
  const out = new JsonDocumentWriter(write);

  out.open({ format: LIBRARY_FORMAT, version: LIBRARY_FORMAT_VERSION, exportedAt: header.exportedAt, schemaVersion: header.schemaVersion });
  const versionsOf = db.prepare('SELECT * FROM article_versions WHERE article_id = ? ORDER BY version, id');
  const assetsOf = db.prepare('SELECT * FROM article_assets WHERE article_id = ? ORDER BY id');
  let written = 0;
  const articleDoc = (r: Row) => {
    const doc = toArticle(r, versionsOf.all(r.id) as Row[], assetsOf.all(r.id) as Row[]);
    onArticle?.(++written);
    return doc;
  };
  counts.articles = out.list('articles', rows('SELECT * FROM articles ORDER BY id'), articleDoc, (r) => scope.hasArticle(s(r.id)));
  counts.quotes = out.list('quotes', rows('SELECT * FROM quotes ORDER BY id'), toQuote, (r) => scope.hasArticle(s(r.article_id)));
  const aliasesOf = db.prepare('SELECT alias FROM speaker_aliases WHERE speaker_id = ? ORDER BY alias').pluck();
  counts.speakers = out.list('speakers', rows('SELECT * FROM speakers ORDER BY id'), (r) => toSpeaker(r, aliasesOf.all(r.id) as string[]), (r) => scope.hasSpeaker(s(r.id)));
  counts.topics = out.list('topics', rows('SELECT * FROM topics ORDER BY id'), (r) => ({
    id: s(r.id), title: s(r.title), description: s(r.description), createdAt: s(r.created_at), updatedAt: s(r.updated_at), deletedAt: ns(r.deleted_at), trashBatch: ns(r.trash_batch),
  }), (r) => scope.hasTopic(s(r.id)));
  out.list('stances', rows('SELECT * FROM stances ORDER BY id'), toStance, (r) => scope.hasStance(s(r.id)));
  out.list('links', rows('SELECT * FROM links ORDER BY id'), (r) => ({
    id: s(r.id), type: r.type as LibraryDoc['links'][number]['type'], fromId: s(r.from_id), toId: ns(r.to_id), toUrl: ns(r.to_url), note: s(r.note),
    createdAt: s(r.created_at), deletedAt: ns(r.deleted_at), trashBatch: ns(r.trash_batch),
  }), (r) => scope.hasLink(s(r.id)));
  out.list('tags', rows('SELECT * FROM tags ORDER BY id'), (r) => ({ id: s(r.id), name: s(r.name), color: ns(r.color), createdAt: s(r.created_at) }), (r) => scope.hasTag(s(r.id)));
  out.list('taggings', rows('SELECT * FROM taggings ORDER BY tag_id, item_id'), (r) => ({ tagId: s(r.tag_id), itemId: s(r.item_id), createdAt: s(r.created_at) }), (r) => scope.hasItem(s(r.item_id)));
  out.list('collections', rows('SELECT * FROM collections ORDER BY id'), (r) => ({
    id: s(r.id), name: s(r.name), description: s(r.description), createdAt: s(r.created_at), updatedAt: s(r.updated_at), deletedAt: ns(r.deleted_at), trashBatch: ns(r.trash_batch),
  }), (r) => scope.hasCollection(s(r.id)));
  out.list('collectionItems', rows('SELECT * FROM collection_items ORDER BY collection_id, item_id'), (r) => ({
    collectionId: s(r.collection_id), itemId: s(r.item_id), addedAt: s(r.added_at),
  }), (r) => scope.hasMember(s(r.item_id)));
  out.list('notes', rows('SELECT * FROM notes ORDER BY id'), (r) => ({
    id: s(r.id), title: s(r.title), body: s(r.body), attachedId: ns(r.attached_id), createdAt: s(r.created_at), updatedAt: s(r.updated_at),
    deletedAt: ns(r.deleted_at), trashBatch: ns(r.trash_batch),
  }), (r) => scope.hasNote(s(r.id)));
  out.openObject('suggestions');
  out.list('quotes', rows('SELECT * FROM quote_suggestions ORDER BY id'), (r) => ({
    id: s(r.id), articleId: s(r.article_id), text: s(r.text), start: n(r.start_offset), end: n(r.end_offset), speaker: ns(r.speaker),
    speakerMention: ns(r.speaker_mention), speakerRole: ns(r.speaker_role), status: r.status as 'pending', quoteId: ns(r.quote_id), createdAt: s(r.created_at),
  }), (r) => scope.hasArticle(s(r.article_id)));
  out.list('sources', rows('SELECT * FROM source_suggestions ORDER BY id'), (r) => ({
    id: s(r.id), articleId: s(r.article_id), name: s(r.name), url: ns(r.url), status: r.status as 'pending', linkId: ns(r.link_id), createdAt: s(r.created_at),
  }), (r) => scope.hasArticle(s(r.article_id)));
  out.closeObject();
  // Saved searches belong to the library, not to a part of it.
  out.list('savedSearches', rows('SELECT * FROM saved_searches ORDER BY id'), (r) => ({
    id: s(r.id), name: s(r.name), query: s(r.query), createdAt: s(r.created_at), updatedAt: s(r.updated_at),
  }), () => articleIds === null);
  out.close();
  return counts;
}

function toArticle(r: Row, versions: Row[], assets: Row[]): ArticleDoc {
  return {
    id: s(r.id), url: ns(r.url), canonicalUrl: ns(r.canonical_url), title: s(r.title), authors: parseJsonArray(r.authors), siteName: ns(r.site_name),
    publishedAt: ns(r.published_at), modifiedAt: ns(r.modified_at), clippedAt: s(r.clipped_at), lang: ns(r.lang), excerpt: ns(r.excerpt),
    leadImageUrl: ns(r.lead_image_url), html: s(r.html), text: s(r.text), wordCount: n(r.word_count), contentHash: s(r.content_hash),
    snapshotPath: ns(r.snapshot_path), sourceKind: r.source_kind as ArticleDoc['sourceKind'], version: n(r.version),
    createdAt: s(r.created_at), updatedAt: s(r.updated_at), deletedAt: ns(r.deleted_at), trashBatch: ns(r.trash_batch),
    versions: versions.map((v) => ({
      id: s(v.id), version: n(v.version), title: s(v.title), html: s(v.html), text: s(v.text), contentHash: s(v.content_hash), snapshotPath: ns(v.snapshot_path), clippedAt: s(v.clipped_at),
    })),
    assets: assets.map((a) => ({ id: s(a.id), originalUrl: s(a.original_url), path: s(a.path), contentType: s(a.content_type), bytes: n(a.bytes) })),
  };
}

function toQuote(r: Row): QuoteDoc {
  return {
    id: s(r.id), articleId: s(r.article_id), text: s(r.text), prefix: s(r.prefix), suffix: s(r.suffix), start: n(r.start_offset), end: n(r.end_offset),
    anchorStatus: r.anchor_status as QuoteDoc['anchorStatus'], kind: r.kind as QuoteDoc['kind'], speakerId: ns(r.speaker_id), speakerRole: ns(r.speaker_role),
    saidAt: ns(r.said_at), note: s(r.note), origin: r.origin as QuoteDoc['origin'], createdAt: s(r.created_at), updatedAt: s(r.updated_at),
    deletedAt: ns(r.deleted_at), trashBatch: ns(r.trash_batch),
  };
}

function toSpeaker(r: Row, aliases: string[]): LibraryDoc['speakers'][number] {
  return {
    id: s(r.id), name: s(r.name), kind: r.kind as LibraryDoc['speakers'][number]['kind'], role: ns(r.role), affiliation: ns(r.affiliation),
    description: ns(r.description), aliases, createdAt: s(r.created_at), updatedAt: s(r.updated_at), deletedAt: ns(r.deleted_at), trashBatch: ns(r.trash_batch),
  };
}

function toStance(r: Row): LibraryDoc['stances'][number] {
  return {
    id: s(r.id), topicId: s(r.topic_id), subjectType: r.subject_type as LibraryDoc['stances'][number]['subjectType'], subjectId: s(r.subject_id),
    value: r.value as LibraryDoc['stances'][number]['value'], note: s(r.note), setAt: s(r.set_at), createdAt: s(r.created_at),
    deletedAt: ns(r.deleted_at), trashBatch: ns(r.trash_batch),
  };
}

/** What a part of the library holds, by id (every `has` is true for the whole library). */
interface Scope {
  hasArticle(id: string): boolean;
  hasSpeaker(id: string): boolean;
  hasTopic(id: string): boolean;
  hasStance(id: string): boolean;
  hasNote(id: string): boolean;
  hasCollection(id: string): boolean;
  /** A collection membership's item. */
  hasMember(id: string): boolean;
  hasLink(id: string): boolean;
  hasTag(id: string): boolean;
  /** A tagging's item: anything of the part, its collections and links included. */
  hasItem(id: string): boolean;
}

const WHOLE_LIBRARY: Scope = {
  hasArticle: () => true, hasSpeaker: () => true, hasTopic: () => true, hasStance: () => true, hasNote: () => true, hasCollection: () => true,
  hasMember: () => true, hasLink: () => true, hasTag: () => true, hasItem: () => true,
};

/**
 * The ids a part of the library holds (see writeLibraryJson), from the id and reference columns
 * only: the rows themselves are read once, as they are written.
 */
function scopeOf(db: Database, articleIds: Set<string>): Scope {
  const pairs = <T extends (string | null)[]>(sql: string) => db.prepare(sql).raw().all() as T[];
  const articles = new Set((db.prepare('SELECT id FROM articles').pluck().all() as string[]).filter((id) => articleIds.has(id)));
  const quotes = new Set<string>();
  const speakers = new Set<string>();
  for (const [id, articleId, speakerId] of pairs<[string, string, string | null]>('SELECT id, article_id, speaker_id FROM quotes')) {
    if (!articles.has(articleId)) continue;
    quotes.add(id);
    if (speakerId) speakers.add(speakerId);
  }
  const stances = new Set<string>();
  const topics = new Set<string>();
  for (const [id, topicId, subjectType, subjectId] of pairs<[string, string, string, string]>('SELECT id, topic_id, subject_type, subject_id FROM stances')) {
    if (!quotes.has(subjectId) && !articles.has(subjectId) && !(subjectType === 'speaker' && speakers.has(subjectId))) continue;
    stances.add(id);
    topics.add(topicId);
  }
  const notes = new Set<string>();
  for (const [id, attachedId] of pairs<[string, string | null]>('SELECT id, attached_id FROM notes')) {
    if (attachedId !== null && (articles.has(attachedId) || quotes.has(attachedId) || speakers.has(attachedId) || topics.has(attachedId))) notes.add(id);
  }
  const members = new Set<string>([...articles, ...quotes, ...speakers, ...topics, ...notes, ...stances]);
  const collections = new Set<string>();
  for (const [collectionId, itemId] of pairs<[string, string]>('SELECT collection_id, item_id FROM collection_items')) if (members.has(itemId)) collections.add(collectionId);
  const items = new Set<string>([...members, ...collections]);
  const links = new Set<string>();
  for (const [id, fromId, toId] of pairs<[string, string, string | null]>('SELECT id, from_id, to_id FROM links')) if (items.has(fromId) && (toId === null || items.has(toId))) links.add(id);
  for (const id of links) items.add(id);
  const tags = new Set<string>();
  for (const [tagId, itemId] of pairs<[string, string]>('SELECT tag_id, item_id FROM taggings')) if (items.has(itemId)) tags.add(tagId);
  const has = (set: Set<string>) => (id: string) => set.has(id);
  return {
    hasArticle: has(articles), hasSpeaker: has(speakers), hasTopic: has(topics), hasStance: has(stances), hasNote: has(notes), hasCollection: has(collections),
    hasMember: has(members), hasLink: has(links), hasTag: has(tags), hasItem: has(items),
  };
}
