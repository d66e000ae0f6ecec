import { z } from 'zod';
import type { ExtractResult } from '../domain/extraction';
import type { Link, Quote } from '../domain/entities';
import { method, type MethodSpec } from './method';

/** Clipping (the Clipping issue): articles.clip, articles.extract, versions, suggestions, clipper pairing. */

const Id = z.string().trim().min(1).max(100);
const HttpUrl = z
  .string()
  .trim()
  .max(8000)
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), 'must be an http(s) URL');
const Name = z.string().trim().min(1).max(500);

/** What can be clipped through the API. Files are read by the caller (the CLI, or the renderer). */
export const ClipSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('url'), url: HttpUrl }),
  z.strictObject({ kind: z.literal('html'), html: z.string().min(1).max(30_000_000), url: HttpUrl.nullable().optional(), fileName: z.string().max(500).optional() }),
  z.strictObject({ kind: z.literal('text'), text: z.string().min(1).max(30_000_000), title: z.string().max(2000).optional(), fileName: z.string().max(500).optional() }),
  z.strictObject({ kind: z.literal('markdown'), markdown: z.string().min(1).max(30_000_000), title: z.string().max(2000).optional(), fileName: z.string().max(500).optional() }),
]);
export type ClipSource = z.output<typeof ClipSource>;

const ClipOptions = {
  tags: z.array(Name).max(100).optional(),
  collection: Name.optional(),
  /** Clip from loopback/private addresses (an intranet page); refused by default (SSRF). */
  allowPrivateAddresses: z.boolean().default(false),
};

export const ArticlesClip = z.strictObject({
  source: ClipSource,
  /** The text the user had selected in the browser: stored as a quote on the new article. */
  selection: z.string().max(100_000).optional(),
  ...ClipOptions,
});
export type ArticlesClip = z.output<typeof ArticlesClip>;

export const ArticlesClipMany = z.strictObject({
  sources: z.array(ClipSource).min(1).max(10_000),
  ...ClipOptions,
  concurrency: z.number().int().min(1).max(8).default(3),
});

export const ArticlesExtract = z.strictObject({ source: ClipSource, allowPrivateAddresses: z.boolean().default(false) });
export const ArticleVersionsInput = z.strictObject({ id: Id });
export const ArticleDiffInput = z.strictObject({ id: Id, from: z.number().int().min(1), to: z.number().int().min(1) });
export const ArticleSnapshotInput = z.strictObject({ id: Id, version: z.number().int().min(1).optional() });
export const SuggestionAccept = z.strictObject({
  id: Id,
  speaker: Name.nullable().optional(),
  kind: z.enum(['direct', 'indirect', 'paraphrase', 'highlight']).optional(),
  /** A shorter passage from within the suggested one (the user trimmed it), and where it starts. */
  text: z.string().trim().min(1).max(100_000).optional(),
  start: z.number().int().min(0).optional(),
});
export const ById = z.strictObject({ id: Id });
export const ClipperClientInput = z.strictObject({ clientId: Id });

export interface ClipResult extends ExtractResult {
  id: string;
  /** True when the library already held this article (same canonical URL or same text). */
  duplicate: boolean;
  /** The article's version after this clip (a re-clip with changed text adds a version). */
  version: number;
  updated: boolean;
  /** The quote the browser selection became, when the selection is in the article; else null. */
  quoteId?: string | null;
  /** What became of the selection, when there was one. */
  selection?: SelectionOutcome;
}

/**
 * The text the user had selected on the page (browser clips). `quoted`: a new quote;
 * `already-quoted`: the article already had this quote, so none was added; `not-in-article`: the
 * text is not in the article as extracted, so it was kept as a quote marked not found in the text
 * (the orphans list shows it) rather than dropped.
 */
export interface SelectionOutcome {
  status: 'quoted' | 'already-quoted' | 'not-in-article';
  quoteId: string;
  /** For the user: what happened, and where to find the quote. */
  message: string;
}

export interface ClipManyResult {
  results: ({ ok: true; index: number; result: ClipResult } | { ok: false; index: number; source: string; error: { code: string; message: string } })[];
  cancelled: boolean;
}

export interface ArticleVersion {
  version: number;
  title: string;
  clippedAt: string;
  contentHash: string;
  wordCount: number;
  isCurrent: boolean;
}

export interface DiffPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}

export interface QuoteSuggestion {
  id: string;
  articleId: string;
  text: string;
  start: number;
  end: number;
  speaker: string | null;
  speakerMention: string | null;
  speakerRole: string | null;
  status: 'pending' | 'accepted' | 'dismissed';
  quoteId: string | null;
}

export interface SourceSuggestion {
  id: string;
  articleId: string;
  name: string;
  url: string | null;
  status: 'pending' | 'accepted' | 'dismissed';
  linkId: string | null;
}

export interface ClipperClientInfo {
  id: string;
  name: string;
  status: 'pending' | 'approved' | 'revoked';
  createdAt: string;
  approvedAt: string | null;
  lastUsedAt: string | null;
}

export const clipMethods = {
  'articles.clip': method<ClipResult>()(ArticlesClip),
  'articles.clipMany': method<ClipManyResult>()(ArticlesClipMany),
  'articles.extract': method<ExtractResult>()(ArticlesExtract),
  'articles.versions': method<ArticleVersion[]>()(ArticleVersionsInput),
  'articles.diff': method<{ parts: DiffPart[] }>()(ArticleDiffInput),
  'articles.snapshot': method<{ html: string; contentType: string; version: number }>()(ArticleSnapshotInput),
  'articles.reextract': method<ClipResult>()(ById),
  'suggestions.list': method<{ quotes: QuoteSuggestion[]; sources: SourceSuggestion[] }>()(z.strictObject({ articleId: Id, includeDone: z.boolean().default(false) })),
  'suggestions.rerun': method<{ quotes: QuoteSuggestion[]; sources: SourceSuggestion[] }>()(z.strictObject({ articleId: Id })),
  'suggestions.accept': method<Quote>()(SuggestionAccept),
  'suggestions.acceptSource': method<Link>()(ById),
  'suggestions.dismiss': method<{ id: string }>()(ById),
  'clipper.list': method<ClipperClientInfo[]>()(z.strictObject({})),
  'clipper.approve': method<ClipperClientInfo>()(ClipperClientInput),
  'clipper.revoke': method<ClipperClientInfo>()(ClipperClientInput),
  'clipper.bookmarklet': method<{ origin: string | null; bookmarklet: string | null }>()(z.strictObject({})),
  /** A new bookmarklet secret for this library: saved bookmarklets stop working. Answers the new bookmarklet (null without the local server). */
  'clipper.rotateSecret': method<{ origin: string | null; bookmarklet: string | null }>()(z.strictObject({})),
} satisfies Record<string, MethodSpec<z.ZodType, unknown>>;
