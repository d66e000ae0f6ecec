import { STANCE_VALUES, type StanceValue } from '../domain/entities';

/** What a search can find. Tags and collections are filters, not results. */
export const SEARCH_TYPES = ['article', 'quote', 'note', 'speaker', 'topic'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export const FILTER_KEYS = ['type', 'speaker', 'stance', 'topic', 'tag', 'site', 'collection', 'before', 'after', 'said'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export { STANCE_VALUES, type StanceValue };

/** Where a piece of the query stands in the input: [start, end) in UTF-16 code units. */
export interface Span {
  start: number;
  end: number;
}

/** A word: matched stemmed ("running" finds "runs"), or as a prefix when `isPrefix`. */
export interface TermNode {
  kind: 'term';
  text: string;
  isPrefix: boolean;
  /** Made a prefix by the prefixLastWord option (the word being typed), not by a `*`. */
  isAutoPrefix: boolean;
  span: Span;
}

/** "Words in this order"; `isPrefix` when written "…"* (the last word as a prefix). */
export interface PhraseNode {
  kind: 'phrase';
  text: string;
  isPrefix: boolean;
  span: Span;
}

export interface AndNode {
  kind: 'and';
  children: TextNode[];
}

export interface OrNode {
  kind: 'or';
  children: TextNode[];
}

/** `-x` or `NOT x`: leave out what matches x. */
export interface NotNode {
  kind: 'not';
  child: TextNode;
  span: Span;
}

export type TextNode = TermNode | PhraseNode | AndNode | OrNode | NotNode;
export type LeafNode = TermNode | PhraseNode;

/** A calendar period from a YYYY, YYYY-MM or YYYY-MM-DD filter: ISO prefixes, `end` exclusive. */
export interface DatePeriod {
  text: string;
  start: string;
  end: string;
}

interface FilterBase {
  /** `-tag:x`: leave out what the filter selects. */
  isNegated: boolean;
  span: Span;
}
export type Filter =
  | (FilterBase & { key: 'type'; values: SearchType[] })
  | (FilterBase & { key: 'stance'; values: StanceValue[] })
  | (FilterBase & { key: 'before' | 'after' | 'said'; period: DatePeriod })
  | (FilterBase & { key: 'speaker' | 'topic' | 'tag' | 'site' | 'collection'; value: string });

/**
 * A parsed query: the text part (a boolean tree of words and phrases, or null when there is
 * none) and the filters, which always apply to the whole query (AND; the same key given twice
 * means either value). `ignored` lists pieces with nothing searchable in them (a bare `*`, emoji,
 * punctuation), so the UI can say they were skipped.
 */
export interface QueryAst {
  text: TextNode | null;
  filters: Filter[];
  ignored: Span[];
}

/** Every word and phrase of the text part, in input order. */
export function leavesOf(node: TextNode | null): LeafNode[] {
  if (!node) return [];
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return [node];
    case 'not':
      return leavesOf(node.child);
    case 'and':
    case 'or':
      return node.children.flatMap(leavesOf);
  }
}

/** Words and phrases that must match (not under a NOT): the ones worth a "did you mean". */
export function positiveLeavesOf(node: TextNode | null): LeafNode[] {
  if (!node) return [];
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return [node];
    case 'not':
      return [];
    case 'and':
    case 'or':
      return node.children.flatMap(positiveLeavesOf);
  }
}
