import type { EmbedPickerEntry } from '../../../shared/notes/resolved';
import { call } from '../../api/client';
import { buildTitleIndex, rankTitles, signatureOf, wordsOf, type TitleIndex } from '../../lib/title-index';
import { forgetServerMatches } from './picker-search';

/**
 * The `[[` picker's index: lunr over quotes, articles, speakers, topics and notes, built in the
 * renderer from `notes.embedIndex.list` (STYLE §4: lunr for in-memory fuzzy matching). Built once
 * and reused; rebuilt in the background when the library changed. It holds the newest MAX_LOADED
 * quotes and articles; beyond that (and when it finds little) the picker asks the server's search
 * as well (picker-search.ts).
 */
export type PickerIndex = TitleIndex<EmbedPickerEntry>;

export const buildPickerIndex = (entries: EmbedPickerEntry[]): PickerIndex => buildTitleIndex(entries, { extraBoost: 3 });

/** Best matches first: every word must match exactly, as a prefix, or within a small edit distance. */
export function searchPicker(p: PickerIndex, input: string, types: readonly EmbedPickerEntry['type'][] | null = null, limit = 40): EmbedPickerEntry[] {
  const allowed = (e: EmbedPickerEntry) => !types || types.includes(e.type);
  const words = wordsOf(input);
  if (words.length === 0) return p.entries.filter(allowed).slice(0, limit);
  return rankTitles(p, words, { fuzzyFrom: 4, twoEditsFrom: 7 }).filter(allowed).slice(0, limit);
}

/** Quotes and articles loaded into the index, each (the rest are found through the server's search). */
export const MAX_LOADED = 10_000;
const partial = new WeakSet<PickerIndex>();

/** Whether the library had more quotes or articles than the index holds. */
export const isPartialPickerIndex = (index: PickerIndex): boolean => partial.has(index);

let cached: PickerIndex | null = null;
let loading: Promise<PickerIndex> | null = null;
let isStale = true;

/** Mark the index out of date (the library changed); the next use rebuilds it if the list differs. */
export function invalidatePickerIndex(): void {
  isStale = true;
  forgetServerMatches();
}

/** The index, fetched and built on first use; later uses get the cached one while a fresh one loads. */
export function getPickerIndex(): Promise<PickerIndex> {
  if (isStale && !loading) {
    isStale = false;
    loading = call('notes.embedIndex.list', { maxQuotes: MAX_LOADED, maxArticles: MAX_LOADED })
      .then((entries) => {
        if (!cached || cached.signature !== signatureOf(entries)) {
          cached = buildPickerIndex(entries);
          // A full page of either: there are probably more than were loaded.
          const count = (type: EmbedPickerEntry['type']) => entries.reduce((n, e) => n + (e.type === type ? 1 : 0), 0);
          if (count('quote') >= MAX_LOADED || count('article') >= MAX_LOADED) partial.add(cached);
        }
        return cached;
      })
      .finally(() => {
        loading = null;
      });
  }
  if (cached) return Promise.resolve(cached);
  return loading ?? Promise.resolve(buildPickerIndex([]));
}
