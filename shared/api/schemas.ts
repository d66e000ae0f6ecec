import { z } from 'zod';
import {
  ITEM_TYPES, LINK_TYPES, QUOTE_KINDS, SPEAKER_KINDS, STANCE_SUBJECT_TYPES, STANCE_VALUES,
} from '../domain/entities';

/** Input schemas of every API method. Objects are strict: an unknown field is a validation error. */

export const Id = z.string().trim().min(1, 'an id is required').max(100);
const Text = (max: number) => z.string().max(max);
const Name = z.string().trim().min(1, 'must not be empty').max(500);
/** ISO 8601 date or date-time ("2026-01", "2026-01-31", "2026-01-31T10:00:00Z"). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/, 'must be an ISO 8601 date such as 2026-01-31');
const HttpUrl = z
  .string()
  .trim()
  .max(8000)
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), 'must be an http(s) URL');

export const ListParams = z.strictObject({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(50),
  order: z.enum(['asc', 'desc']).optional(),
  /** Case-insensitive substring of the title or name. */
  contains: Text(500).optional(),
  tag: Name.optional(),
  collectionId: Id.optional(),
});
export type ListParams = z.output<typeof ListParams>;

const listOf = <S extends z.ZodRawShape, K extends readonly [string, ...string[]]>(sortKeys: K, extra: S) =>
  ListParams.extend({ sort: z.enum(sortKeys).optional(), ...extra });

export const Empty = z.strictObject({});
/** `deep`: also rebuild every search index on a temporary copy and compare (minutes for a big library). */
export const LibraryCheck = z.strictObject({ deep: z.boolean().optional() });
export const ById = z.strictObject({ id: Id });

// ---------- articles ----------
export const ArticleCreate = z
  .strictObject({
    title: Text(2000).optional(),
    url: HttpUrl.nullable().optional(),
    text: Text(20_000_000).optional(),
    html: Text(20_000_000).optional(),
    markdown: Text(20_000_000).optional(),
    authors: z.array(Name).max(100).optional(),
    siteName: Text(500).nullable().optional(),
    publishedAt: IsoDate.nullable().optional(),
    lang: Text(35).nullable().optional(),
    tags: z.array(Name).max(100).optional(),
    collection: Name.optional(),
  })
  .refine((v) => [v.text, v.html, v.markdown].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of text, html or markdown',
    path: ['text'],
  });
export type ArticleCreate = z.output<typeof ArticleCreate>;

export const ArticleUpdate = z.strictObject({
  id: Id,
  title: Name.optional(),
  authors: z.array(Name).max(100).optional(),
  siteName: Text(500).nullable().optional(),
  publishedAt: IsoDate.nullable().optional(),
  url: HttpUrl.nullable().optional(),
  lang: Text(35).nullable().optional(),
});

export const ArticleList = listOf(['clippedAt', 'publishedAt', 'title', 'siteName', 'wordCount'] as const, {
  siteName: Text(500).optional(),
});
export type ArticleList = z.output<typeof ArticleList>;

// ---------- quotes ----------
export const QuoteCreate = z.strictObject({
  articleId: Id,
  text: z.string().min(1, 'must not be empty').max(100_000),
  /** Where the user selected it; when absent the text is searched for in the article. */
  start: z.number().int().min(0).optional(),
  prefix: Text(200).optional(),
  suffix: Text(200).optional(),
  kind: z.enum(QUOTE_KINDS).default('direct'),
  speaker: Name.optional(),
  speakerId: Id.optional(),
  speakerRole: Text(500).optional(),
  saidAt: IsoDate.nullable().optional(),
  note: Text(100_000).optional(),
  tags: z.array(Name).max(100).optional(),
  origin: z.enum(['user', 'suggestion', 'browser', 'import']).default('user'),
});
export type QuoteCreate = z.output<typeof QuoteCreate>;

export const QuoteUpdate = z.strictObject({
  id: Id,
  kind: z.enum(QUOTE_KINDS).optional(),
  speaker: Name.nullable().optional(),
  speakerId: Id.nullable().optional(),
  speakerRole: Text(500).nullable().optional(),
  saidAt: IsoDate.nullable().optional(),
  note: Text(100_000).optional(),
});

export const QuoteList = listOf(['createdAt', 'saidAt', 'position'] as const, {
  articleId: Id.optional(),
  speakerId: Id.optional(),
  kind: z.enum(QUOTE_KINDS).optional(),
  orphansOnly: z.boolean().optional(),
});
export type QuoteList = z.output<typeof QuoteList>;

// ---------- speakers ----------
export const SpeakerCreate = z.strictObject({
  name: Name,
  kind: z.enum(SPEAKER_KINDS).default('person'),
  role: Text(500).nullable().optional(),
  affiliation: Text(500).nullable().optional(),
  description: Text(10_000).nullable().optional(),
  aliases: z.array(Name).max(100).optional(),
});
export const SpeakerUpdate = z.strictObject({
  id: Id,
  name: Name.optional(),
  kind: z.enum(SPEAKER_KINDS).optional(),
  role: Text(500).nullable().optional(),
  affiliation: Text(500).nullable().optional(),
  description: Text(10_000).nullable().optional(),
  aliases: z.array(Name).max(100).optional(),
});
export const SpeakerList = listOf(['name', 'createdAt', 'quoteCount'] as const, {
  kind: z.enum(SPEAKER_KINDS).optional(),
});
export type SpeakerList = z.output<typeof SpeakerList>;
/** The speaker whose name or alias is exactly `name` (case-insensitive). */
export const SpeakerResolve = z.strictObject({ name: Name });
export const SpeakerMerge = z.strictObject({
  /** The duplicate that disappears (its aliases and quotes move). */
  fromId: Id,
  /** The speaker that stays. */
  intoId: Id,
});

// ---------- topics & stances ----------
export const TopicCreate = z.strictObject({ title: Name, description: Text(10_000).optional() });
export const TopicUpdate = z.strictObject({ id: Id, title: Name.optional(), description: Text(10_000).optional() });
export const TopicList = listOf(['title', 'createdAt'] as const, {});
export type TopicList = z.output<typeof TopicList>;

export const StanceSet = z
  .strictObject({
    subjectType: z.enum(STANCE_SUBJECT_TYPES),
    subjectId: Id,
    topicId: Id.optional(),
    /**
     * A topic by its id or its title (any case); a new title creates the topic. A string shaped
     * like an id that names no topic is `not-found`, never a new topic.
     */
    topic: Name.optional(),
    value: z.enum(STANCE_VALUES),
    note: Text(10_000).optional(),
    /**
     * When the stance was held (default: now). Dates a speaker's stance; a quote's stance is dated
     * by its said-at and an article's by its date, when they have one. Which stance is current
     * does not depend on it: the one set last is.
     */
    setAt: IsoDate.optional(),
  })
  .refine((v) => (v.topicId === undefined) !== (v.topic === undefined), {
    message: 'give exactly one of topicId or topic',
    path: ['topicId'],
  });
export type StanceSet = z.output<typeof StanceSet>;
export const StanceList = z.strictObject({
  topicId: Id.optional(),
  subjectId: Id.optional(),
  includeHistory: z.boolean().default(false),
  /** A window of the list, in the order stances were set (default: all). */
  limit: z.number().int().min(1).max(10_000).optional(),
  offset: z.number().int().min(0).optional(),
});

// ---------- links ----------
export const LinkCreate = z
  .strictObject({
    type: z.enum(LINK_TYPES),
    fromId: Id,
    toId: Id.optional(),
    toUrl: HttpUrl.optional(),
    note: Text(10_000).optional(),
  })
  .refine((v) => (v.toId === undefined) !== (v.toUrl === undefined), {
    message: 'give exactly one of toId or toUrl',
    path: ['toId'],
  });
export type LinkCreate = z.output<typeof LinkCreate>;
/** Change a link's type or note (its ends stay: a link to something else is a new link). */
export const LinkUpdate = z.strictObject({ id: Id, type: z.enum(LINK_TYPES).optional(), note: Text(10_000).optional() });
export const LinkList = z.strictObject({
  itemId: Id,
  direction: z.enum(['outgoing', 'incoming', 'both']).default('both'),
});

// ---------- tags & collections ----------
export const TagChange = z.strictObject({ itemId: Id, tag: Name });
export const TagList = z.strictObject({
  contains: Text(200).optional(),
  /** A window of the list, by name (default: all). */
  limit: z.number().int().min(1).max(10_000).optional(),
  offset: z.number().int().min(0).optional(),
});
export const TagRename = z.strictObject({ id: Id, name: Name });
/** A tag by id or by name (any case). */
export const TagDelete = z.strictObject({ tag: Name });

export const CollectionCreate = z.strictObject({ name: Name, description: Text(10_000).optional() });
export const CollectionUpdate = z.strictObject({ id: Id, name: Name.optional(), description: Text(10_000).optional() });
export const CollectionList = listOf(['name', 'createdAt'] as const, {});
export const CollectionItems = z.strictObject({ collectionId: Id, itemIds: z.array(Id).min(1).max(10_000) });

// ---------- notes ----------
export const NoteCreate = z.strictObject({
  title: Text(2000).optional(),
  body: Text(20_000_000).optional(),
  attachedId: Id.nullable().optional(),
});
export const NoteUpdate = z.strictObject({
  id: Id,
  title: Text(2000).optional(),
  body: Text(20_000_000).optional(),
  attachedId: Id.nullable().optional(),
  /** Optimistic concurrency: the updatedAt the editor last saw; a newer row is a `conflict`. */
  expectedUpdatedAt: z.string().optional(),
});
export const NoteList = listOf(['updatedAt', 'createdAt', 'title'] as const, { attachedId: Id.optional() });

// ---------- items & trash ----------
export const ItemGet = z.strictObject({ id: Id });
export const GraphInput = z.strictObject({ id: Id, depth: z.number().int().min(1).max(3).default(1) });
export const TrashList = ListParams.extend({ type: z.enum(ITEM_TYPES).optional() });
export const LibraryBackup = z.strictObject({
  path: z.string().min(1).max(4096),
  /** Also copy the stored images (`assets/`) and raw page snapshots (`snapshots/`): `path` is then a folder. */
  withFiles: z.boolean().optional(),
});

// ---------- settings ----------
export const SettingsUpdate = z.strictObject({ images: z.enum(['store', 'remote']).optional() });
