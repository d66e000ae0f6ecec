import lunr from 'lunr';
import type { EmbedPickerEntry } from '../../../shared/notes/resolved';
import { call } from '../../api/client';

/**
 * The `[[` picker's index: lunr over quotes, articles, speakers, topics and notes, built in the
 * renderer from `notes.embedIndex.list` (STYLE §4: lunr for in-memory fuzzy matching). Built once
 * and reused; rebuilt in the background when the library changed.
 */
export interface PickerIndex {
  entries: EmbedPickerEntry[];
  index: lunr.Index;
  signature: string;
}

const signatureOf = (entries: EmbedPickerEntry[]) => `${entries.length}:${entries.map((e) => e.id + e.title + e.extra).join('\u0000')}`;

export function buildPickerIndex(entries: EmbedPickerEntry[]): PickerIndex {
  const index = lunr(function build() {
    this.ref('i');
    this.field('title', { boost: 10 });
    this.field('extra', { boost: 3 });
    // Names and short titles: keep every word ("The Economist" must match "the").
    this.pipeline.remove(lunr.stopWordFilter);
    this.searchPipeline.remove(lunr.stopWordFilter);
    entries.forEach((e, i) => this.add({ i: String(i), title: e.title, extra: e.extra }));
  });
  return { entries, index, signature: signatureOf(entries) };
}

const wordsOf = (input: string): string[] =>
  input
    .toLowerCase()
    .split(/[\s\-–—,.;:!?"“”'‘’()]+/u)
    .map((w) => w.replace(/[:~^*+]/g, ''))
    .filter(Boolean);

/** Best matches first: every word must match exactly, as a prefix, or within a small edit distance. */
export function searchPicker(p: PickerIndex, input: string, types: readonly EmbedPickerEntry['type'][] | null = null, limit = 40): EmbedPickerEntry[] {
  const allowed = (e: EmbedPickerEntry) => !types || types.includes(e.type);
  const words = wordsOf(input);
  if (words.length === 0) return p.entries.filter(allowed).slice(0, limit);
  let scores: Map<string, number> | null = null;
  for (const word of words) {
    let results: lunr.Index.Result[];
    try {
      results = p.index.query((q) => {
        q.term(word, { boost: 10 });
        q.term(word, { wildcard: lunr.Query.wildcard.TRAILING, usePipeline: false, boost: 5 });
        if (word.length >= 4) q.term(word, { editDistance: word.length >= 7 ? 2 : 1, usePipeline: false, boost: 1 });
      });
    } catch {
      return [];
    }
    const next = new Map<string, number>();
    for (const r of results) if (scores === null || scores.has(r.ref)) next.set(r.ref, (scores?.get(r.ref) ?? 0) + r.score);
    scores = next;
    if (scores.size === 0) return [];
  }
  return [...scores!]
    .sort((a, b) => b[1] - a[1])
    .map(([ref]) => p.entries[Number(ref)]!)
    .filter(allowed)
    .slice(0, limit);
}

let cached: PickerIndex | null = null;
let loading: Promise<PickerIndex> | null = null;
let isStale = true;

/** Mark the index out of date (the library changed); the next use rebuilds it if the list differs. */
export function invalidatePickerIndex(): void {
  isStale = true;
}

/** The index, fetched and built on first use; later uses get the cached one while a fresh one loads. */
export function getPickerIndex(): Promise<PickerIndex> {
  if (isStale && !loading) {
    isStale = false;
    loading = call('notes.embedIndex.list', { maxQuotes: 10_000, maxArticles: 10_000 })
      .then((entries) => {
        if (!cached || cached.signature !== signatureOf(entries)) cached = buildPickerIndex(entries);
        return cached;
      })
      .finally(() => {
        loading = null;
      });
  }
  if (cached) return Promise.resolve(cached);
  return loading ?? Promise.resolve(buildPickerIndex([]));
}
