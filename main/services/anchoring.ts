import approxSearch from 'approx-string-match';

/**
 * Quote anchors in W3C Web Annotation terms: a TextQuoteSelector (exact + prefix + suffix) and a
 * TextPositionSelector (start/end in the article's plain text). Locating a quote again after the
 * text changed goes: exact position → exact text, the occurrence whose context fits best →
 * the same text ignoring white space and quote-mark style → fuzzy match → otherwise an orphan.
 */
export const CONTEXT_LENGTH = 32;

export type LocateStatus = 'exact' | 'moved' | 'fuzzy';
export interface Located {
  start: number;
  end: number;
  status: LocateStatus;
}

export interface QuoteSelector {
  exact: string;
  prefix?: string;
  suffix?: string;
  start?: number;
}

export function contextAround(text: string, start: number, end: number): { prefix: string; suffix: string } {
  return { prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start), suffix: text.slice(end, end + CONTEXT_LENGTH) };
}

/** Typographic variants that should not stop a match: curly quotes, dashes, non-breaking spaces. */
const FOLD: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'",
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u201f': '"', '\u00ab': '"', '\u00bb': '"', '\u2033': '"',
  '\u2013': '-', '\u2014': '-', '\u2212': '-', '\u00a0': ' ', '\u2026': '.',
};

/** A folded copy of `text` (white space runs → one space, typographic variants → ASCII) with a map back. */
function fold(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  let lastWasSpace = false;
  for (let i = 0; i < text.length; i++) {
    let ch = FOLD[text[i]!] ?? text[i]!;
    if (/\s/.test(ch)) {
      if (lastWasSpace) continue;
      ch = ' ';
      lastWasSpace = true;
    } else {
      lastWasSpace = false;
    }
    // Some lowercase forms are longer ('İ' → 'i̇'): one origin per folded unit keeps the map aligned.
    const lower = ch.toLowerCase();
    folded += lower;
    for (let k = 0; k < lower.length; k++) origin.push(i);
  }
  origin.push(text.length);
  return { folded, origin };
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}
function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Locate a quote in `text`, or null when even a fuzzy match fails (the quote is then an orphan). */
export function locateQuote(text: string, selector: QuoteSelector, options: { allowFuzzy?: boolean } = {}): Located | null {
  const { exact } = selector;
  if (!exact) return null;
  if (selector.start !== undefined && text.slice(selector.start, selector.start + exact.length) === exact) {
    return { start: selector.start, end: selector.start + exact.length, status: 'exact' };
  }

  const occurrences: number[] = [];
  for (let i = text.indexOf(exact); i !== -1 && occurrences.length < 10_000; i = text.indexOf(exact, i + 1)) occurrences.push(i);
  if (occurrences.length > 0) {
    const best = bestByContext(text, occurrences, exact.length, selector);
    const status: LocateStatus = selector.start === undefined ? 'exact' : 'moved';
    return { start: best, end: best + exact.length, status };
  }

  const hay = fold(text);
  const needle = fold(exact).folded.trim();
  if (needle.length > 0) {
    const hits: number[] = [];
    for (let i = hay.folded.indexOf(needle); i !== -1 && hits.length < 10_000; i = hay.folded.indexOf(needle, i + 1)) hits.push(i);
    if (hits.length > 0) {
      const mapped = hits.map((h) => hay.origin[h]!);
      const startInText = bestByContext(text, mapped, exact.length, selector);
      const foldedStart = hits[mapped.indexOf(startInText)]!;
      const endInText = hay.origin[foldedStart + needle.length - 1]! + 1;
      return { start: startInText, end: endInText, status: 'moved' };
    }
  }

  if (options.allowFuzzy === false) return null;
  const fuzzy = fuzzyLocate(text, selector);
  return fuzzy ? { ...fuzzy, status: 'fuzzy' } : null;
}

function bestByContext(text: string, starts: number[], length: number, selector: QuoteSelector): number {
  if (starts.length === 1) return starts[0]!;
  let best = starts[0]!;
  let bestScore = -Infinity;
  for (const start of starts) {
    const { prefix, suffix } = contextAround(text, start, start + length);
    let score = 0;
    if (selector.prefix) score += commonSuffixLength(prefix, selector.prefix);
    if (selector.suffix) score += commonPrefixLength(suffix, selector.suffix);
    if (selector.start !== undefined) score -= Math.abs(start - selector.start) / Math.max(text.length, 1);
    if (score > bestScore) {
      bestScore = score;
      best = start;
    }
  }
  return best;
}

/** Approximate match allowing errors in up to 1 of 8 characters; the one with the fewest errors wins. */
function fuzzyLocate(text: string, selector: QuoteSelector): { start: number; end: number } | null {
  const pattern = selector.exact;
  if (pattern.length < 8 || pattern.length > 10_000) return null;
  const maxErrors = Math.floor(pattern.length / 8);
  const matches = approxSearch(text, pattern, maxErrors);
  if (matches.length === 0) return null;
  const minErrors = Math.min(...matches.map((m) => m.errors));
  const best = matches.filter((m) => m.errors === minErrors);
  const start = bestByContext(text, best.map((m) => m.start), pattern.length, selector);
  const match = best.find((m) => m.start === start)!;
  return { start: match.start, end: match.end };
}

/** Windows tied on shared words that are compared word by word; beyond these the first one wins. */
const MAX_TIED_WINDOWS = 64;
/** Longest window (in words) compared word by word: the comparison is quadratic in it. */
const MAX_COMPARED_WORDS = 400;

/** Levenshtein distance between two word sequences (insert, delete or replace one word costs 1). */
function wordDistance(a: readonly string[], b: readonly string[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The passage of `text` most like `quote`, for a helpful `not-found`: the window of the same length
 * that shares the most words with it (a word counts as often as the quote has it, no more). Windows
 * that share as many are told apart by how well they line up with the quote word by word: with a
 * misspelt last word ("a balanced decison"), the window that starts one word early shares as many
 * words as the right one, and only the order shows that it misses the end and adds a word before
 * the start.
 */
export function closestPassage(text: string, quote: string): { text: string; start: number; end: number; similarity: number } | null {
  const wordRe = /[\p{L}\p{N}]+/gu;
  const queryWords = quote.toLowerCase().match(wordRe) ?? [];
  const wanted = new Map<string, number>();
  for (const w of queryWords.slice(0, 200)) wanted.set(w, (wanted.get(w) ?? 0) + 1);
  if (wanted.size === 0 || text.length === 0) return null;
  const words = [...text.matchAll(wordRe)].map((m) => ({ word: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length }));
  const windowSize = Math.max(1, Math.min(words.length, queryWords.length));
  const inWindow = new Map<string, number>();
  let tied: number[] = [];
  let bestHits = -1;
  let hits = 0;
  for (let i = 0; i < words.length; i++) {
    const added = words[i]!.word;
    const addedCount = inWindow.get(added) ?? 0;
    if (addedCount < (wanted.get(added) ?? 0)) hits++;
    inWindow.set(added, addedCount + 1);
    if (i >= windowSize) {
      const removed = words[i - windowSize]!.word;
      const removedCount = inWindow.get(removed)! - 1;
      inWindow.set(removed, removedCount);
      if (removedCount < (wanted.get(removed) ?? 0)) hits--;
    }
    if (i < windowSize - 1) continue;
    if (hits > bestHits) {
      bestHits = hits;
      tied = [i - windowSize + 1];
    } else if (hits === bestHits && tied.length < MAX_TIED_WINDOWS) {
      tied.push(i - windowSize + 1);
    }
  }
  if (bestHits <= 0) return null;
  let bestStart = tied[0]!;
  if (tied.length > 1 && windowSize <= MAX_COMPARED_WORDS) {
    let bestDistance = Infinity;
    for (const start of tied) {
      const distance = wordDistance(words.slice(start, start + windowSize).map((w) => w.word), queryWords);
      if (distance < bestDistance) {
        bestDistance = distance;
        bestStart = start;
      }
    }
  }
  const first = words[bestStart]!;
  const last = words[Math.min(words.length - 1, bestStart + windowSize - 1)]!;
  return { text: text.slice(first.start, last.end), start: first.start, end: last.end, similarity: bestHits / Math.min(queryWords.length, 200) };
}
