import type { LeafNode, TermNode, TextNode } from './query-ast';

/**
 * The text part of a query as FTS5 MATCH strings. Every user token goes inside double quotes
 * (a `"` in it doubled), so user text can never be read as FTS5 syntax (NEAR, column filters,
 * `^`, `+`, bare operators): only the quoted strings, `*`, AND, OR, NOT and parentheses that this
 * compiler writes reach MATCH.
 */
export interface CompiledText {
  /** What must match; null when the query is only exclusions (or has no text). */
  match: string | null;
  /** What must not match when `match` is null (the whole query was `-a -b`): list all, minus these. */
  exclude: string | null;
}

export interface CompileOptions {
  /**
   * Trigram indexes: substrings, so no stemming and no prefix `*` (a trigram query already matches
   * inside words).
   */
  isTrigram?: boolean;
  /**
   * Extra exact terms for a word being typed, ORed with its prefix: the porter stems of its likely
   * completions ("politic" → stem "polit" of "politics"), which a plain prefix would miss because the
   * index holds stems. One ending in `*` is a prefix (AUTO_PREFIX_MARK).
   */
  autoPrefixAlternatives?: (term: TermNode) => string[];
  /**
   * The index's own words a prefix term stands for, to be written out as an OR of exact terms
   * (same matches, faster in FTS5: main/services/search/prefix-expansion.ts); null keeps `prefix*`.
   */
  expandPrefix?: (term: TermNode) => string[] | null;
  /**
   * Write positive phrases as their words ANDed: for ranking rows already known to match (bm25
   * counts a phrase's documents by checking positions in every one that has its words, a full
   * scan per search; a word's count is a plain doclist walk). Never for finding matches.
   */
  loosePhrases?: boolean;
  /**
   * With `loosePhrases`: words to leave out of AND groups that keep another word (in most of the
   * index's documents, so bm25 gives them no weight, yet counting their documents walks a huge
   * doclist). Leaving out a conjunct only widens the match, so listed rows still match.
   */
  isRankNoise?: (word: string) => boolean;
  /**
   * With `isRankNoise`: how common a noise word is (higher: in more documents). A group whose
   * words are all noise keeps only its least common one: bm25 weighs each next to nothing, and
   * each walks a doclist as long as the index (4 ms for one in 96% of 100k articles). Without
   * it, such a group keeps every word.
   */
  commonness?: (word: string) => number;
}

/** Ends an auto-prefix alternative that is itself a prefix (CompileOptions.autoPrefixAlternatives). */
export const AUTO_PREFIX_MARK = '*';

const alternativeFts = (alternative: string) =>
  alternative.endsWith(AUTO_PREFIX_MARK) ? `${quoteFts(alternative.slice(0, -AUTO_PREFIX_MARK.length))}*` : quoteFts(alternative);

/** `"text"`: a `"` inside is doubled; NUL (which ends an FTS5 string early) becomes a space. */
export function quoteFts(text: string): string {
  return `"${text.replace(/\0/g, ' ').replace(/"/g, '""')}"`;
}

function leaf(node: LeafNode, options: CompileOptions): string {
  if (node.kind === 'phrase' && options.loosePhrases && !node.isPrefix && !options.isTrigram) {
    const words = withoutNoise(node.text.split(/\s+/).filter(Boolean), (w) => w, options);
    if (words.length > 1) return `(${words.map(quoteFts).join(' AND ')})`;
    if (words.length === 1) return quoteFts(words[0]!);
  }
  const quoted = quoteFts(node.text);
  if (options.isTrigram || !node.isPrefix) return quoted;
  const expanded = node.kind === 'term' ? options.expandPrefix?.(node) : null;
  // No word of the index starts with it: the prefix itself, which FTS5 answers at once.
  const prefix = expanded?.length ? expanded.map(quoteFts) : [`${quoted}*`];
  const extra = node.kind === 'term' && node.isAutoPrefix && options.autoPrefixAlternatives ? options.autoPrefixAlternatives(node).map(alternativeFts) : [];
  const terms = [...new Set([...prefix, ...extra])];
  return terms.length === 1 ? terms[0]! : `(${terms.join(' OR ')})`;
}

function compileNode(node: TextNode, options: CompileOptions): string {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return leaf(node, options);
    case 'or':
      return `(${node.children.map((c) => compileNode(c, options)).join(' OR ')})`;
    case 'not':
      // The parser only leaves NOT inside an AND that also has something positive (or at the top).
      throw new Error('compileNode: NOT outside an AND group');
    case 'and': {
      const positives = withoutNoise(node.children.filter((c) => c.kind !== 'not'), (c) => (c.kind === 'term' && !c.isPrefix ? c.text : null), options);
      const negatives = node.children.filter((c): c is Extract<TextNode, { kind: 'not' }> => c.kind === 'not');
      if (positives.length === 0) throw new Error('compileNode: AND group without a positive part');
      const pos = positives.length === 1 ? compileNode(positives[0]!, options) : `(${positives.map((c) => compileNode(c, options)).join(' AND ')})`;
      if (negatives.length === 0) return pos;
      // What is excluded stays exact even when ranking: a loosened exclusion would drop rows that match.
      return `(${pos} NOT ${orOf(negatives.map((n) => n.child), { ...options, loosePhrases: false })})`;
    }
  }
}

/**
 * `items` less the rank-noise words among them (`wordOf` null: never noise). When all are noise,
 * the least common alone (CompileOptions.commonness), or all of them.
 */
function withoutNoise<T>(items: T[], wordOf: (item: T) => string | null, options: CompileOptions): T[] {
  const noise = options.loosePhrases ? options.isRankNoise : undefined;
  if (!noise || items.length < 2) return items;
  const kept = items.filter((item) => {
    const word = wordOf(item);
    return word === null || !noise(word);
  });
  if (kept.length > 0) return kept;
  const { commonness } = options;
  if (!commonness) return items;
  // Every item is a noise word here (an item that is not a word is never noise, so it was kept).
  const shares = items.map((item) => commonness(wordOf(item)!));
  return [items[shares.indexOf(Math.min(...shares))]!];
}

const orOf = (nodes: TextNode[], options: CompileOptions) =>
  nodes.length === 1 ? compileNode(nodes[0]!, options) : `(${nodes.map((c) => compileNode(c, options)).join(' OR ')})`;

export function compileText(node: TextNode | null, options: CompileOptions = {}): CompiledText {
  if (!node) return { match: null, exclude: null };
  // Only the top level may consist of exclusions alone.
  const children = node.kind === 'and' ? node.children : [node];
  if (children.every((c) => c.kind === 'not')) {
    return { match: null, exclude: orOf(children.map((c) => (c as Extract<TextNode, { kind: 'not' }>).child), options) };
  }
  return { match: compileNode(node, options), exclude: null };
}
