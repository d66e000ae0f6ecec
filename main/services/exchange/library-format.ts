import { z } from 'zod';
import {
  ANCHOR_STATUSES, LINK_TYPES, QUOTE_KINDS, SOURCE_KINDS, SPEAKER_KINDS, STANCE_SUBJECT_TYPES, STANCE_VALUES,
} from '../../../shared/domain/entities';
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
