import lunr from 'lunr';
import type { QuickOpenEntry } from '../../../shared/search/search-result';

/**
 * The quick-open palette's index: lunr, built in the renderer from `search.quickOpenIndex`, for
 * what lunr is good at (STYLE §4): typo-tolerant matching over short titles and names, in memory,
 * with no round trip per keystroke.
 */
export interface PaletteIndex {
  entries: QuickOpenEntry[];
  index: lunr.Index;
  /** Changes when the entries do, so an unchanged list is not indexed again. */
  signature: string;
}

export const signatureOf = (entries: QuickOpenEntry[]): string =>
  `${entries.length}:${entries.map((e) => `${e.id}${e.title}`).join('\u0000')}`;

export function buildPaletteIndex(entries: QuickOpenEntry[]): PaletteIndex {
  const index = lunr(function build() {
    this.ref('i');
    this.field('title', { boost: 10 });
    this.field('extra');
    // Titles are short: keep every word (no stop-word filter, "The Economist" must match "the").
    this.pipeline.remove(lunr.stopWordFilter);
    this.searchPipeline.remove(lunr.stopWordFilter);
    entries.forEach((e, i) => this.add({ i: String(i), title: e.title, extra: e.extra }));
  });
  return { entries, index, signature: signatureOf(entries) };
}

/** Words of the input as lunr sees them (lower case, split on spaces and hyphens). */
const wordsOf = (input: string): string[] =>
  input
    .toLowerCase()
    .split(/[\s\-–—]+/u)
    .map((w) => w.replace(/[:~^*+]/g, ''))
    .filter(Boolean);

/**
 * Matches for what was typed: each word exactly (stemmed, strongest), as a prefix (the word being
 * typed), and within edit distance 1 (2 for words of 6+ letters) for typos. Every word must match
 * in one of those ways. Best first; an empty input lists the most recent articles (the API sends
 * them newest first), then the rest.
 */
export function searchPalette(p: PaletteIndex, input: string, limit = 50): QuickOpenEntry[] {
  const words = wordsOf(input);
  if (words.length === 0) return [...p.entries.filter((e) => e.type === 'article'), ...p.entries.filter((e) => e.type !== 'article')].slice(0, limit);
  // One lunr query per word (lunr ORs clauses), then keep the entries every word matched.
  let scores: Map<string, number> | null = null;
  for (const word of words) {
    let results: lunr.Index.Result[];
    try {
      results = p.index.query((q) => {
        q.term(word, { boost: 10 });
        q.term(word, { wildcard: lunr.Query.wildcard.TRAILING, usePipeline: false, boost: 5 });
        if (word.length >= 3) q.term(word, { editDistance: word.length >= 6 ? 2 : 1, usePipeline: false, boost: 1 });
      });
    } catch {
      return [];
    }
    const next = new Map<string, number>();
    for (const r of results) {
      if (scores === null || scores.has(r.ref)) next.set(r.ref, (scores?.get(r.ref) ?? 0) + r.score);
    }
    scores = next;
    if (scores.size === 0) return [];
  }
  return [...scores!]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([ref]) => p.entries[Number(ref)]!);
}
