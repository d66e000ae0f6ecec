import type { TermNode } from '../../../shared/search/query-ast';
import type { DidYouMeanFinder } from './did-you-mean';
import { quoteFts } from '../../../shared/search/compile-match';
import type { PhraseDocCounts } from './phrase-doc-counts';
import { KeptWhileUnchanged, type StatementCache } from './statement-cache';
import { TYPE_SPECS } from './type-specs';

/**
 * A prefix search (`poli*`) written out as the index's own words that start with it
 * (`"polic" OR "polici" OR "polit" …`), read from the index vocabulary (fts5vocab).
 *
 * Why: FTS5 answers a prefix with no prefix index of that length (we keep only 2 and 3: every
 * length more would add about a whole copy of the index) by merging the doclists of every matching
 * word into one in memory — again for every statement that names it, including each of a page's 20
 * `snippet()` calls, each a seek by rowid. Written out, the same words are ordinary terms that FTS5
 * seeks by rowid: measured on the 100k-article benchmark library, a snippet 10–20× and the ranking
 * 2–4× faster, the count 1.3× (bench/search-profile.ts).
 *
 * Same matches: FTS5 stems a prefix before matching it ("cons*" is "con*"), so the vocabulary is
 * read for the stem, through the same stemmer (DidYouMeanFinder.stems). Prefixes with many words
 * (`co*` in a big library) stay as FTS5 prefixes: a long OR costs more than the merge it avoids.
 * So do prefixes with a word that cannot be written as itself: a query term is stemmed again, and
 * porter's stems are not all fixed points ("emphasized" is indexed as "emphas", which a query
 * reads as "empha").
 */
export const MAX_EXPANDED_TERMS = 64;
/**
 * Prefix lengths (in characters) FTS5 keeps an index for (migration 0020: `prefix = '2 3'`): such a
 * prefix has its own doclist, nothing to merge, so it is left as it is.
 */
export const INDEXED_PREFIX_LENGTHS: readonly number[] = [2, 3];
/** Prefixes kept (a few words each), least recently used out. */
const MAX_CACHED = 2_000;

export class PrefixExpander {
  /**
   * By index and prefix, while the library is unchanged (libraryVersion): a search asks once per
   * index, and searching again (typing on, paging, a facet clicked) asks the same. Reading a
   * prefix's words costs a walk of their doclists (the vocabulary counts their documents): 7 ms
   * for `righ*`, which holds "right", at 100k articles.
   */
  private readonly cache: KeptWhileUnchanged<string[] | null>;

  /** `counts`: where the words' document counts, read with them, are kept for ranking (null: not kept). */
  constructor(private readonly statements: StatementCache, private readonly didYouMean: DidYouMeanFinder, private readonly counts: PhraseDocCounts | null = null) {
    this.cache = new KeptWhileUnchanged(statements, MAX_CACHED);
  }

  /** Forget what was read if the library has changed since; call once per search. */
  sync(): void {
    this.cache.sync();
  }

  /**
   * The words of index `fts` that `term*` matches, or null to leave it a prefix (more than
   * MAX_EXPANDED_TERMS words, a length FTS5 indexes, or text that is not one word for the
   * tokenizer). An empty list: no word of this index starts with it.
   */
  termsFor(fts: string, term: TermNode): string[] | null {
    return this.cache.getOr(`${fts}\u0000${term.text}`, () => this.read(fts, term.text));
  }

  private read(fts: string, text: string): string[] | null {
    const stems = this.didYouMean.stems(text);
    if (stems.length !== 1) return null;
    const low = stems[0]!;
    if (INDEXED_PREFIX_LENGTHS.includes([...low].length)) return null;
    // Terms are compared as UTF-8 bytes by the vocabulary; the next string after every word that
    // starts with `low` is `low` followed by the highest code point.
    const high = `${low}\u{10FFFF}`;
    // With each word its document count: the vocabulary counts it anyway, and ranking needs it
    // (bm25's idf), which would otherwise walk each word's doclist again (1–2 ms for a prefix at 100k).
    const found = this.statements
      .get(`SELECT term, doc FROM ${this.didYouMean.vocabularyOf(fts)} WHERE term >= @low AND term < @high LIMIT ${MAX_EXPANDED_TERMS + 1}`)
      .raw()
      .all({ low, high }) as [string, number][];
    const spec = Object.values(TYPE_SPECS).find((s) => s.fts === fts);
    const rows = found.map(([word]) => word);
    const restemmed = rows.length > 0 && found.length <= MAX_EXPANDED_TERMS ? this.didYouMean.stems(rows.join(' ')) : [];
    if (found.length > MAX_EXPANDED_TERMS || restemmed.length !== rows.length || !restemmed.every((stem, i) => stem === rows[i])) {
      // Left a prefix, it is in at least as many documents as its commonest word read here.
      if (spec && this.counts && found.length > 0) this.counts.rememberAtLeast(spec, `${quoteFts(text)}*`, Math.max(...found.map(([, docs]) => docs)));
      return null;
    }
    if (spec && this.counts) for (const [word, docs] of found) this.counts.remember(spec, quoteFts(word), docs);
    return rows;
  }
}
