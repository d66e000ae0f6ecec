import lunr from 'lunr';

/**
 * Typo-tolerant matching over short titles and names, in memory (STYLE §4: what lunr is good at).
 * Used by the quick-open palette and the notes' `[[` picker.
 */
export interface TitleEntry {
  id: string;
  title: string;
  extra: string;
}

export interface TitleIndex<E extends TitleEntry> {
  entries: E[];
  index: lunr.Index;
  /** Changes when the entries do, so an unchanged list is not indexed again. */
  signature: string;
}

export const signatureOf = (entries: readonly TitleEntry[]): string =>
  `${entries.length}:${entries.map((e) => `${e.id}${e.title}${e.extra}`).join('\u0000')}`;

export function buildTitleIndex<E extends TitleEntry>(entries: E[], options: { extraBoost?: number } = {}): TitleIndex<E> {
  const index = lunr(function build() {
    this.ref('i');
    this.field('title', { boost: 10 });
    this.field('extra', { boost: options.extraBoost ?? 1 });
    // Titles are short: keep every word (no stop-word filter, "The Economist" must match "the").
    this.pipeline.remove(lunr.stopWordFilter);
    this.searchPipeline.remove(lunr.stopWordFilter);
    entries.forEach((e, i) => this.add({ i: String(i), title: e.title, extra: e.extra }));
  });
  return { entries, index, signature: signatureOf(entries) };
}

/** Words of the input as lunr sees them: lower case, split on spaces and punctuation, no query syntax. */
export const wordsOf = (input: string): string[] =>
  input
    .toLowerCase()
    .split(/[\s\-–—,.;:!?"“”'‘’()]+/u)
    .map((w) => w.replace(/[:~^*+]/g, ''))
    .filter(Boolean);

/**
 * Every entry each word matches — exactly (stemmed, strongest), as a prefix (the word being typed),
 * or within a small edit distance (typos) — best first. Words of `fuzzyFrom` letters or more allow
 * one edit, words of `twoEditsFrom` or more two. One lunr query per word (lunr ORs clauses), then
 * only entries every word matched are kept.
 */
export function rankTitles<E extends TitleEntry>(p: TitleIndex<E>, words: string[], fuzzy: { fuzzyFrom: number; twoEditsFrom: number }): E[] {
  let scores: Map<string, number> | null = null;
  for (const word of words) {
    let results: lunr.Index.Result[];
    try {
      results = p.index.query((q) => {
        q.term(word, { boost: 10 });
        q.term(word, { wildcard: lunr.Query.wildcard.TRAILING, usePipeline: false, boost: 5 });
        if (word.length >= fuzzy.fuzzyFrom) q.term(word, { editDistance: word.length >= fuzzy.twoEditsFrom ? 2 : 1, usePipeline: false, boost: 1 });
      });
    } catch {
      return [];
    }
    const next = new Map<string, number>();
    for (const r of results) if (scores === null || scores.has(r.ref)) next.set(r.ref, (scores?.get(r.ref) ?? 0) + r.score);
    scores = next;
    if (scores.size === 0) return [];
  }
  return [...(scores ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]).map(([ref]) => p.entries[Number(ref)]!);
}
