import type { AnchorStatus, ItemType, QuoteKind, SpeakerKind, StanceValue } from '../domain/entities';

/**
 * What an embed token resolves to at render time (`notes.embeds.get`). Nothing here is stored in
 * the note: a note keeps ids only, so every render shows the item's current data.
 */

/** Where a quote or an article comes from: enough for a source line and a citation. */
export interface EmbedSource {
  articleId: string;
  title: string;
  siteName: string | null;
  authors: string[];
  /** The canonical URL when known, else the clipped one. */
  url: string | null;
  publishedAt: string | null;
  clippedAt: string;
}

export interface EmbedStance {
  topicId: string;
  topicTitle: string;
  value: StanceValue;
}

export interface ResolvedQuote {
  status: 'ok';
  type: 'quote';
  id: string;
  text: string;
  kind: QuoteKind;
  anchorStatus: AnchorStatus;
  speakerId: string | null;
  speakerName: string | null;
  /** The role given with the quote, else the speaker's own. */
  speakerRole: string | null;
  saidAt: string | null;
  /** Current stances of the quote (one per topic). */
  stances: EmbedStance[];
  source: EmbedSource;
}

export interface ResolvedArticle {
  status: 'ok';
  type: 'article';
  id: string;
  source: EmbedSource;
  quoteCount: number;
}

export interface ResolvedSpeaker {
  status: 'ok';
  type: 'speaker';
  id: string;
  name: string;
  kind: SpeakerKind;
  role: string | null;
  affiliation: string | null;
  quoteCount: number;
}

/** A topic's stance matrix, compact: who holds which position, counted (evidence left out). */
export interface EmbedMatrixRow {
  label: string;
  kind: 'speaker' | 'outlet';
  role: string | null;
  current: StanceValue;
  isDerived: boolean;
  counts: Record<StanceValue, number>;
}

export interface ResolvedTopic {
  status: 'ok';
  type: 'topic';
  id: string;
  title: string;
  description: string;
  totals: Record<StanceValue, number>;
  speakers: EmbedMatrixRow[];
  outlets: EmbedMatrixRow[];
}

export interface ResolvedNote {
  status: 'ok';
  type: 'note';
  id: string;
  title: string;
  updatedAt: string;
}

/**
 * An embed whose item is gone: in the trash (`isTrashed`, restorable with `items.restore`), or
 * deleted for good / never existed (`type` null). `title` is what the trash still knows.
 */
export interface ResolvedMissing {
  status: 'missing';
  id: string;
  type: ItemType | null;
  title: string | null;
  isTrashed: boolean;
  deletedAt: string | null;
}

export type ResolvedEmbed = ResolvedQuote | ResolvedArticle | ResolvedSpeaker | ResolvedTopic | ResolvedNote | ResolvedMissing;

/**
 * How a resolved item is named in running text: a quote as its words (shortened to `maxQuoteLength`)
 * with its speaker after `speakerSeparator`, anything else by its current title or name. The one
 * wording shared by the editor's chips, the preview and the exports.
 */
export function itemName(
  r: Exclude<ResolvedEmbed, ResolvedMissing>,
  options: { maxQuoteLength?: number; speakerSeparator?: (name: string) => string } = {},
): string {
  switch (r.type) {
    case 'quote': {
      const max = options.maxQuoteLength;
      const words = max !== undefined && r.text.length > max ? `${r.text.slice(0, max - 2)}…` : r.text;
      const by = options.speakerSeparator ?? ((name: string) => ` (${name})`);
      return `“${words}”${r.speakerName ? by(r.speakerName) : ''}`;
    }
    case 'article':
      return r.source.title;
    case 'speaker':
      return r.name;
    case 'topic':
      return r.title;
    case 'note':
      return r.title || 'Untitled note';
  }
}

/** A note that embeds or references an item (`notes.backlinks.list`). */
export interface NoteBacklink {
  noteId: string;
  title: string;
  updatedAt: string;
  /** What in the note points here: the item itself, or (for an article or speaker) one of its quotes. */
  via: { id: string; type: ItemType; isEmbed: boolean; count: number }[];
}

export const CITATION_STYLES = ['chicago-note', 'chicago-author-date', 'apa'] as const;
export type CitationStyle = (typeof CITATION_STYLES)[number];

export const CITATION_STYLE_LABELS: Record<CitationStyle, string> = {
  'chicago-note': 'Chicago (notes and bibliography)',
  'chicago-author-date': 'Chicago (author-date)',
  apa: 'APA (7th edition)',
};

/** One formatted citation: plain text, and HTML from the citation processor (italics as <i>). */
export interface FormattedCitation {
  id: string;
  /** The source cited: a quote is cited through its article. */
  sourceId: string;
  /** In the text: a note (Chicago notes) or a parenthetical "(Silva 2026)". */
  inText: { text: string; html: string };
  /** The bibliography / reference-list entry. */
  reference: { text: string; html: string };
}

export interface CitationResult {
  style: CitationStyle;
  citations: FormattedCitation[];
  /** Ids that cannot be cited (a speaker, a topic, a missing item). */
  uncitable: string[];
}

export interface Bibliography {
  style: CitationStyle;
  heading: string;
  entries: { sourceId: string; text: string; html: string }[];
  /** The entries as Markdown (italics as *…*), ready to append to a note. */
  markdown: string;
}

/** `pdf` is the HTML export printed by the desktop app (see `app.capabilities.get`); elsewhere it is `export/unsupported`. */
export const EXPORT_FORMATS = ['md', 'html', 'docx', 'pdf'] as const;
export type NoteExportFormat = (typeof EXPORT_FORMATS)[number];

/** One entry of the `[[` picker's list (lunr indexes these in the renderer). */
export interface EmbedPickerEntry {
  id: string;
  type: 'quote' | 'article' | 'speaker' | 'topic' | 'note';
  title: string;
  /** A second line: speaker and outlet of a quote, outlet of an article, role of a speaker. */
  extra: string;
}

export interface NoteMeta {
  id: string;
  topics: { id: string; title: string }[];
  collections: { id: string; name: string }[];
  tags: string[];
  attached: { id: string; type: ItemType; title: string; isTrashed: boolean } | null;
}
