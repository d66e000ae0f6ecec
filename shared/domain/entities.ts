/**
 * The domain as the API returns it: JSON-safe (ISO 8601 strings, no Date/Map/Buffer), camelCase.
 * Ids are UUIDv7 strings, stable across export, import and merge.
 */

export const ITEM_TYPES = ['article', 'quote', 'speaker', 'topic', 'note', 'collection', 'tag', 'link', 'stance'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const QUOTE_KINDS = ['direct', 'indirect', 'paraphrase', 'highlight'] as const;
export type QuoteKind = (typeof QUOTE_KINDS)[number];

export const STANCE_VALUES = ['supports', 'opposes', 'neutral', 'mixed'] as const;
export type StanceValue = (typeof STANCE_VALUES)[number];

export const STANCE_SUBJECT_TYPES = ['quote', 'article', 'speaker'] as const;
export type StanceSubjectType = (typeof STANCE_SUBJECT_TYPES)[number];

export const LINK_TYPES = ['cites', 'quotes-from', 'supports', 'contradicts', 'responds-to', 'same-as', 'updates'] as const;
export type LinkType = (typeof LINK_TYPES)[number];

export const SPEAKER_KINDS = ['person', 'organization'] as const;
export type SpeakerKind = (typeof SPEAKER_KINDS)[number];

export const ANCHOR_STATUSES = ['exact', 'moved', 'fuzzy', 'orphan'] as const;
export type AnchorStatus = (typeof ANCHOR_STATUSES)[number];

export const SOURCE_KINDS = ['url', 'file', 'paste', 'browser', 'import'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

interface Timestamps {
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface ArticleSummary extends Timestamps {
  id: string;
  url: string | null;
  canonicalUrl: string | null;
  title: string;
  authors: string[];
  siteName: string | null;
  publishedAt: string | null;
  modifiedAt: string | null;
  clippedAt: string;
  lang: string | null;
  excerpt: string | null;
  leadImageUrl: string | null;
  wordCount: number;
  contentHash: string;
  snapshotPath: string | null;
  sourceKind: SourceKind;
  version: number;
  quoteCount: number;
  tags: string[];
}

export interface Article extends ArticleSummary {
  /** Sanitized HTML of the main content. */
  html: string;
  /** Plain text (shared/text/dom-text.ts) that quote offsets index into. */
  text: string;
}

export interface Quote extends Timestamps {
  id: string;
  articleId: string;
  articleTitle: string;
  text: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  anchorStatus: AnchorStatus;
  kind: QuoteKind;
  speakerId: string | null;
  speakerName: string | null;
  speakerRole: string | null;
  saidAt: string | null;
  note: string;
  origin: 'user' | 'suggestion' | 'browser' | 'import';
  tags: string[];
}

export interface Speaker extends Timestamps {
  id: string;
  name: string;
  kind: SpeakerKind;
  role: string | null;
  affiliation: string | null;
  description: string | null;
  aliases: string[];
  quoteCount: number;
}

export interface Topic extends Timestamps {
  id: string;
  title: string;
  description: string;
  stanceCount: number;
}

export interface Stance {
  id: string;
  topicId: string;
  topicTitle: string;
  subjectType: StanceSubjectType;
  subjectId: string;
  value: StanceValue;
  note: string;
  /**
   * When the stance was held, read when asked so it follows edits: a quote's said-at (else its
   * article's date), an article's date, else the date given when it was set, else when it was set.
   */
  setAt: string;
  /** When the user set it: the stance set last is the current one. */
  createdAt: string;
  /** False for a stance of the same subject toward the same topic that a later one replaced (kept as history). */
  isCurrent: boolean;
}

export interface Link {
  id: string;
  type: LinkType;
  fromId: string;
  fromType: ItemType;
  fromTitle: string;
  toId: string | null;
  toType: ItemType | 'url';
  toTitle: string;
  toUrl: string | null;
  note: string;
  createdAt: string;
}

export interface Tag {
  id: string;
  name: string;
  color: string | null;
  createdAt: string;
  count: number;
}

export interface Collection extends Timestamps {
  id: string;
  name: string;
  description: string;
  itemCount: number;
}

export interface Note extends Timestamps {
  id: string;
  title: string;
  body: string;
  attachedId: string | null;
  tags: string[];
}

export interface TrashEntry {
  id: string;
  type: ItemType;
  title: string;
  deletedAt: string;
  batchId: string;
  /** How many other items went to the trash with this one (an article's quotes, say). */
  batchSize: number;
}

/** Any item with what hangs off it: what `show ID` prints. */
export interface ItemDetail {
  type: ItemType;
  id: string;
  title: string;
  item: Article | Quote | Speaker | Topic | Note | Collection | Tag | Link | Stance;
  quotes: Quote[];
  stances: Stance[];
  links: Link[];
  backlinks: Link[];
  tags: string[];
  collections: { id: string; name: string }[];
}

export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
}

export interface LibraryInfo {
  path: string;
  dbPath: string;
  schemaVersion: number;
  appVersion: string;
  counts: Record<'articles' | 'quotes' | 'speakers' | 'topics' | 'notes' | 'collections' | 'tags' | 'links' | 'trash', number>;
}

/**
 * What `library.optimize` did: the search indexes merged, the rows whose phrase pairs it filled,
 * the word indexes whose common words it counted (main/services/search/common-terms.ts: the big
 * ones, from 5,000 rows), and how long it took.
 */
export interface OptimizeReport {
  indexes: string[];
  pairsFilled: number;
  commonWordsCounted: string[];
  ms: number;
}

export interface CheckReport {
  ok: boolean;
  problems: string[];
  checks: { name: string; ok: boolean; detail?: string }[];
}
