import type { QuickOpenEntry } from '../../../shared/search/search-result';
import { buildTitleIndex, rankTitles, signatureOf, wordsOf, type TitleIndex } from '../../lib/title-index';

/**
 * The quick-open palette's index: lunr, built in the renderer from `search.quickOpenIndex`, for
 * what lunr is good at (STYLE §4): typo-tolerant matching over short titles and names, in memory,
 * with no round trip per keystroke.
 */
export type PaletteIndex = TitleIndex<QuickOpenEntry>;
export { signatureOf };

export const buildPaletteIndex = (entries: QuickOpenEntry[]): PaletteIndex => buildTitleIndex(entries);

/**
 * Matches for what was typed: each word exactly (stemmed, strongest), as a prefix (the word being
 * typed), and within edit distance 1 (2 for words of 6+ letters) for typos. Every word must match
 * in one of those ways. Best first; an empty input lists the most recent articles (the API sends
 * them newest first), then the rest.
 */
export function searchPalette(p: PaletteIndex, input: string, limit = 50): QuickOpenEntry[] {
  const words = wordsOf(input);
  if (words.length === 0) return [...p.entries.filter((e) => e.type === 'article'), ...p.entries.filter((e) => e.type !== 'article')].slice(0, limit);
  return rankTitles(p, words, { fuzzyFrom: 3, twoEditsFrom: 6 }).slice(0, limit);
}
