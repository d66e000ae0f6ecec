/**
 * Trimming a suggested quotation before accepting it: the words kept must be part of the suggested
 * passage, as written there (line breaks and runs of spaces may differ). The server checks again
 * against the article; this answers at once, while the user types.
 */
export interface TrimmedPassage {
  /** The words as they stand in the article. */
  text: string;
  /** Where they start in the article's plain text. */
  start: number;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The edited words located in the suggestion, or null when they are not (all) in it. */
export function trimWithin(suggestion: { text: string; start: number }, edited: string): TrimmedPassage | null {
  const words = edited.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const match = new RegExp(words.map(escapeRegExp).join('\\s+'), 'u').exec(suggestion.text);
  return match ? { text: match[0], start: suggestion.start + match.index } : null;
}
