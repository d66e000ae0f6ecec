import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import {
  ANCHOR_STATUSES, LINK_TYPES, QUOTE_KINDS, SOURCE_KINDS, SPEAKER_KINDS, STANCE_SUBJECT_TYPES, STANCE_VALUES,
} from '../../../shared/domain/entities';
import { parseJsonArray } from '../../db/repositories/rows';
import { ASSETS_DIR, ITEM_ID, isStoredPathIn } from '../library-paths';
import { SNAPSHOT_DIR } from '../snapshots';

/**
 * The Sourcebook library JSON format, version 1: every row of the library's own tables (not the
 * search indexes, which are rebuilt, nor paired clipper keys, which are secrets), trash state
 * included, with ids kept, so an export imports into an empty library as an identical copy and
 * merges into another library without duplicates.
 *
 * Deterministic: every array is ordered by id (ids are UUIDv7, so that is creation order) or by its
 * key columns, and every object's keys are written in one fixed order, so two exports of the same
 * library differ only in `exportedAt`.
 *
 * Not included: the raw page snapshots and stored images (files under the library folder; the
 * rows keep their relative paths). `library.backup` does not copy them either (the database only)
 * unless asked with `withFiles` (`sourcebook backup DIR --with-files`).
 */
export const LIBRARY_FORMAT = 'sourcebook-library';
export const LIBRARY_FORMAT_VERSION = 1;

const str = z.string();
const nstr = z.string().nullable();
/**
 * Every id, and every reference to one, has our own shape (a lowercase UUID; library-paths.ts).
 * Ids become folder and file names (images, snapshots), so a file holding `../../x` is refused as
 * a whole before anything is written, and the message names the record's field.
 */
const id = z.string().regex(ITEM_ID, { error: (issue) => `${JSON.stringify(String(issue.input).slice(0, 80))} is not a Sourcebook id (ids are lowercase UUIDs)` });
const nid = id.nullable();
/** A stored file path: inside its folder of the library, never climbing out of it. */
const storedPath = (folder: string) => z.string().refine((p) => isStoredPathIn(p, folder), { message: `not a path inside the library's ${folder} folder` });
const trash = { deletedAt: nstr, trashBatch: nid };

export const ArticleVersionDoc = z.object({
  id, version: z.number().int(), title: str, html: str, text: str, contentHash: str, snapshotPath: storedPath(SNAPSHOT_DIR).nullable(), clippedAt: str,
});
export const ArticleAssetDoc = z.object({ id, originalUrl: str, path: storedPath(ASSETS_DIR), contentType: str, bytes: z.number().int() });
export const ArticleDoc = z.object({
  id, url: nstr, canonicalUrl: nstr, title: str, authors: z.array(str), siteName: nstr, publishedAt: nstr, modifiedAt: nstr,
  clippedAt: str, lang: nstr, excerpt: nstr, leadImageUrl: nstr, html: str, text: str, wordCount: z.number().int(), contentHash: str,
  snapshotPath: storedPath(SNAPSHOT_DIR).nullable(), sourceKind: z.enum(SOURCE_KINDS), version: z.number().int(), createdAt: str, updatedAt: str, ...trash,
  versions: z.array(ArticleVersionDoc), assets: z.array(ArticleAssetDoc),
});
export const QuoteDoc = z.object({
  id, articleId: id, text: str.min(1), prefix: str, suffix: str, start: z.number().int().min(0), end: z.number().int().min(1),
  anchorStatus: z.enum(ANCHOR_STATUSES), kind: z.enum(QUOTE_KINDS), speakerId: nid, speakerRole: nstr, saidAt: nstr, note: str,
  origin: z.enum(['user', 'suggestion', 'browser', 'import']), createdAt: str, updatedAt: str, ...trash,
}).refine((q) => q.end > q.start, { message: 'end must be after start', path: ['end'] });
export const SpeakerDoc = z.object({
  id, name: str, kind: z.enum(SPEAKER_KINDS), role: nstr, affiliation: nstr, description: nstr, aliases: z.array(str),
  createdAt: str, updatedAt: str, ...trash,
});
export const TopicDoc = z.object({ id, title: str, description: str, createdAt: str, updatedAt: str, ...trash });
export const StanceDoc = z.object({
  id, topicId: id, subjectType: z.enum(STANCE_SUBJECT_TYPES), subjectId: id, value: z.enum(STANCE_VALUES), note: str,
  setAt: str, createdAt: str, ...trash,
});
export const LinkDoc = z.object({
  id, type: z.enum(LINK_TYPES), fromId: id, toId: nid, toUrl: nstr, note: str, createdAt: str, ...trash,
}).refine((l) => (l.toId === null) !== (l.toUrl === null), { message: 'give exactly one of toId or toUrl', path: ['toId'] });
export const TagDoc = z.object({ id, name: str.min(1), color: nstr, createdAt: str });
export const TaggingDoc = z.object({ tagId: id, itemId: id, createdAt: str });
export const CollectionDoc = z.object({ id, name: str.min(1), description: str, createdAt: str, updatedAt: str, ...trash });
export const CollectionItemDoc = z.object({ collectionId: id, itemId: id, addedAt: str });
export const NoteDoc = z.object({ id, title: str, body: str, attachedId: nid, createdAt: str, updatedAt: str, ...trash });
const SuggestionStatus = z.enum(['pending', 'accepted', 'dismissed']);
export const QuoteSuggestionDoc = z.object({
  id, articleId: id, text: str, start: z.number().int(), end: z.number().int(), speaker: nstr, speakerMention: nstr,
  speakerRole: nstr, status: SuggestionStatus, quoteId: nid, createdAt: str,
});
export const SourceSuggestionDoc = z.object({
  id, articleId: id, name: str, url: nstr, status: SuggestionStatus, linkId: nid, createdAt: str,
});
export const SavedSearchDoc = z.object({ id, name: str, query: str, createdAt: str, updatedAt: str });

export const LibraryDoc = z.object({
  format: z.literal(LIBRARY_FORMAT),
  version: z.literal(LIBRARY_FORMAT_VERSION),
  exportedAt: str,
  schemaVersion: z.number().int(),
  articles: z.array(ArticleDoc),
  quotes: z.array(QuoteDoc),
  speakers: z.array(SpeakerDoc),
  topics: z.array(TopicDoc),
  stances: z.array(StanceDoc),
  links: z.array(LinkDoc),
  tags: z.array(TagDoc),
  taggings: z.array(TaggingDoc),
  collections: z.array(CollectionDoc),
  collectionItems: z.array(CollectionItemDoc),
  notes: z.array(NoteDoc),
  suggestions: z.object({ quotes: z.array(QuoteSuggestionDoc), sources: z.array(SourceSuggestionDoc) }),
  savedSearches: z.array(SavedSearchDoc),
});
export type LibraryDoc = z.output<typeof LibraryDoc>;
export type ArticleDoc = z.output<typeof ArticleDoc>;
export type QuoteDoc = z.output<typeof QuoteDoc>;

type Row = Record<string, unknown>;
const s = (v: unknown) => v as string;
const ns = (v: unknown) => (v ?? null) as string | null;
const n = (v: unknown) => v as number;

/**
 * Read the library as a document. `articleIds` limits it to those articles and what hangs off
 * them (a collection's or a topic's export); null is the whole library, trash included.
 */
export function readLibraryDoc(db: Database, exportedAt: string, schemaVersion: number, articleIds: Set<string> | null): LibraryDoc {
  const all = (sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as Row[];
  const inScope = (id: string) => articleIds === null || articleIds.has(id);

  const versions = new Map<string, LibraryDoc['articles'][number]['versions']>();
  for (const r of all('SELECT * FROM article_versions ORDER BY article_id, version, id')) {
    const list = versions.get(s(r.article_id)) ?? [];
    list.push({ id: s(r.id), version: n(r.version), title: s(r.title), html: s(r.html), text: s(r.text), contentHash: s(r.content_hash), snapshotPath: ns(r.snapshot_path), clippedAt: s(r.clipped_at) });
    versions.set(s(r.article_id), list);
  }
  const assets = new Map<string, LibraryDoc['articles'][number]['assets']>();
  for (const r of all('SELECT * FROM article_assets ORDER BY article_id, id')) {
    const list = assets.get(s(r.article_id)) ?? [];
    list.push({ id: s(r.id), originalUrl: s(r.original_url), path: s(r.path), contentType: s(r.content_type), bytes: n(r.bytes) });
    assets.set(s(r.article_id), list);
  }
  const articles = all('SELECT * FROM articles ORDER BY id')
    .filter((r) => inScope(s(r.id)))
    .map((r) => ({
      id: s(r.id), url: ns(r.url), canonicalUrl: ns(r.canonical_url), title: s(r.title), authors: parseJsonArray(r.authors), siteName: ns(r.site_name),
      publishedAt: ns(r.published_at), modifiedAt: ns(r.modified_at), clippedAt: s(r.clipped_at), lang: ns(r.lang), excerpt: ns(r.excerpt),
      leadImageUrl: ns(r.lead_image_url), html: s(r.html), text: s(r.text), wordCount: n(r.word_count), contentHash: s(r.content_hash),
      snapshotPath: ns(r.snapshot_path), sourceKind: r.source_kind as ArticleDoc['sourceKind'], version: n(r.version),
      createdAt: s(r.created_at), updatedAt: s(r.updated_at), deletedAt: ns(r.deleted_at), trashBatch: ns(r.trash_batch),
      versions: versions.get(s(r.id)) ?? [], assets: assets.get(s(r.id)) ?? [],
    }));
  const articleSet = new Set(articles.map((a) => a.id));

  const quotes = all('SELECT * FROM quotes ORDER BY id')
    .filter((r) => articleSet.has(s(r.article_id)))
    .map((r) => ({
      id: s(r.id), articleId: s(r.article_id), text: s(r.text), prefix: s(r.prefix), suffix: s(r.suffix), start: n(r.start_offset), end: n(r.end_offset),
      anchorStatus: r.anchor_status as QuoteDoc['anchorStatus'], kind: r.kind as QuoteDoc['kind'], speakerId: ns(r.speaker_id), speakerRole: ns(r.speaker_role),
      saidAt: ns(r.said_at), note: s(r.note), origin: r.origin as QuoteDoc['origin'], createdAt: s(r.created_at), updatedAt: s(r.updated_at),
      deletedAt: ns(r.deleted_at), trashBatch: ns(r.trash_batch),
    }));
  const quoteSet = new Set(quotes.map((q) => q.id));

  const allStances = all('SELECT * FROM stances ORDER BY id').map((r) => ({
    id: s(r.id), topicId: s(r.topic_id), subjectType: r.subject_type as LibraryDoc['stances'][number]['subjectType'], subjectId: s(r.subject_id),
    value: r.value as LibraryDoc['stances'][number]['value'], note: s(r.note), setAt: s(r.set_at), createdAt: s(r.created_at),
    deletedAt: ns(r.deleted_at), trashBatch: ns(r.trash_batch),
  }));
  const speakerSet = new Set<string>(quotes.flatMap((q) => (q.speakerId ? [q.speakerId] : [])));
  const stanceInScope = (st: (typeof allStances)[number]) =>
    articleIds === null || quoteSet.has(st.subjectId) || articleSet.has(st.subjectId) || (st.subjectType === 'speaker' && speakerSet.has(st.subjectId));
  const stances = allStances.filter(stanceInScope);

  const aliases = new Map<string, string[]>();
  for (const r of all('SELECT speaker_id, alias FROM speaker_aliases ORDER BY speaker_id, alias')) {
    aliases.set(s(r.speaker_id), [...(aliases.get(s(r.speaker_id)) ?? []), s(r.alias)]);
  }
  const speakers = all('SELECT * FROM speakers ORDER BY id')
    .filter((r) => articleIds === null || speakerSet.has(s(r.id)))
    .map((r) => ({
      id: s(r.id), name: s(r.name), kind: r.kind as LibraryDoc['speakers'][number]['kind'], role: ns(r.role), affiliation: ns(r.affiliation),
      description: ns(r.description), aliases: aliases.get(s(r.id)) ?? [], createdAt: s(r.created_at), updatedAt: s(r.updated_at),
      deletedAt: ns(r.deleted_at), trashBatch: ns(r.trash_batch),
    }));

  const topicSet = new Set(stances.map((st) => st.topicId));
  const topics = all('SELECT * FROM topics ORDER BY id')
    .filter((r) => articleIds === null || topicSet.has(s(r.id)))
    .map((r) => ({ id: s(r.id), title: s(r.title), description: s(r.description), createdAt: s(r.created_at), updatedAt: s(r.updated_at), deletedAt: ns(r.deleted_at), trashBatch: ns(r.trash_batch) }));

  const notes = all('SELECT * FROM notes ORDER BY id')
    .filter((r) => articleIds === null || (r.attached_id !== null && (articleSet.has(s(r.attached_id)) || quoteSet.has(s(r.attached_id)) || speakerSet.has(s(r.attached_id)) || topicSet.has(s(r.attached_id)))))
    .map((r) => ({ id: s(r.id), title: s(r.title), body: s(r.body), attachedId: ns(r.attached_id), createdAt: s(r.created_at), updatedAt: s(r.updated_at), deletedAt: ns(r.deleted_at), trashBatch: ns(r.trash_batch) }));

  const itemSet = new Set<string>([...articleSet, ...quoteSet, ...speakerSet, ...topicSet, ...notes.map((x) => x.id), ...stances.map((x) => x.id)]);
  const collectionItemsAll = all('SELECT * FROM collection_items ORDER BY collection_id, item_id').map((r) => ({ collectionId: s(r.collection_id), itemId: s(r.item_id), addedAt: s(r.added_at) }));
  const collectionItemsScoped = articleIds === null ? collectionItemsAll : collectionItemsAll.filter((ci) => itemSet.has(ci.itemId));
  const collectionSet = new Set(collectionItemsScoped.map((ci) => ci.collectionId));
  const collections = all('SELECT * FROM collections ORDER BY id')
    .filter((r) => articleIds === null || collectionSet.has(s(r.id)))
    .map((r) => ({ id: s(r.id), name: s(r.name), description: s(r.description), createdAt: s(r.created_at), updatedAt: s(r.updated_at), deletedAt: ns(r.deleted_at), trashBatch: ns(r.trash_batch) }));
  for (const c of collections) itemSet.add(c.id);

  const links = all('SELECT * FROM links ORDER BY id')
    .filter((r) => articleIds === null || (itemSet.has(s(r.from_id)) && (r.to_id === null || itemSet.has(s(r.to_id)))))
    .map((r) => ({ id: s(r.id), type: r.type as LibraryDoc['links'][number]['type'], fromId: s(r.from_id), toId: ns(r.to_id), toUrl: ns(r.to_url), note: s(r.note), createdAt: s(r.created_at), deletedAt: ns(r.deleted_at), trashBatch: ns(r.trash_batch) }));
  for (const l of links) itemSet.add(l.id);

  const taggings = all('SELECT * FROM taggings ORDER BY tag_id, item_id')
    .map((r) => ({ tagId: s(r.tag_id), itemId: s(r.item_id), createdAt: s(r.created_at) }))
    .filter((t) => articleIds === null || itemSet.has(t.itemId));
  const tagSet = new Set(taggings.map((t) => t.tagId));
  const tags = all('SELECT * FROM tags ORDER BY id')
    .filter((r) => articleIds === null || tagSet.has(s(r.id)))
    .map((r) => ({ id: s(r.id), name: s(r.name), color: ns(r.color), createdAt: s(r.created_at) }));

  const quoteSuggestions = all('SELECT * FROM quote_suggestions ORDER BY id')
    .filter((r) => articleSet.has(s(r.article_id)))
    .map((r) => ({
      id: s(r.id), articleId: s(r.article_id), text: s(r.text), start: n(r.start_offset), end: n(r.end_offset), speaker: ns(r.speaker),
      speakerMention: ns(r.speaker_mention), speakerRole: ns(r.speaker_role), status: r.status as 'pending', quoteId: ns(r.quote_id), createdAt: s(r.created_at),
    }));
  const sourceSuggestions = all('SELECT * FROM source_suggestions ORDER BY id')
    .filter((r) => articleSet.has(s(r.article_id)))
    .map((r) => ({ id: s(r.id), articleId: s(r.article_id), name: s(r.name), url: ns(r.url), status: r.status as 'pending', linkId: ns(r.link_id), createdAt: s(r.created_at) }));
  const savedSearches = articleIds === null
    ? all('SELECT * FROM saved_searches ORDER BY id').map((r) => ({ id: s(r.id), name: s(r.name), query: s(r.query), createdAt: s(r.created_at), updatedAt: s(r.updated_at) }))
    : [];

  return {
    format: LIBRARY_FORMAT,
    version: LIBRARY_FORMAT_VERSION,
    exportedAt,
    schemaVersion,
    articles,
    quotes,
    speakers,
    topics,
    stances,
    links,
    tags,
    taggings,
    collections,
    collectionItems: collectionItemsScoped,
    notes,
    suggestions: { quotes: quoteSuggestions, sources: sourceSuggestions },
    savedSearches,
  };
}
