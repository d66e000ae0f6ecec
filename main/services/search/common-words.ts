import { quoteFts } from '../../../shared/search/compile-match';
import type { CommonTermCounts } from './common-terms';
import type { StatementCache } from './statement-cache';
import { lastRowid, type TypeSpec } from './type-specs';

/** Newest documents of a word read to judge how common it is. */
const SAMPLE = 256;
/**
 * Past half the documents bm25's idf is negative and FTS5 clamps it to ~0: such a word adds
 * nothing to a score. Judged from the newest SAMPLE documents with the word, as the share of the
 * rowids they span (gaps from deleted items only lower it, so the test errs toward keeping a word).
 */
const COMMON_SHARE = 0.6;

/** A judgement is made again after this long, or once the table has grown by REJUDGE_GROWTH. */
export const REJUDGE_AFTER_MS = 10 * 60_000;
const REJUDGE_GROWTH = 1.1;
/** Words remembered per process, least recently used out. */
const MAX_ENTRIES = 20_000;

/**
 * Words in most documents of an index ("the", "of", "said" in news): bm25 gives them no weight,
 * yet it counts their documents on every ranking statement by walking their whole doclist (10 ms
 * for "the" over 500k quotes). The search leaves them out of the ranking query where another word
 * remains (CompileOptions.isRankNoise); matching still uses every word.
 *
 * A word's share of an index changes slowly, so a judgement is kept between searches (each costs
 * a read of the word's newest SAMPLE documents, 0.1–0.2 ms per word and index at 100k articles):
 * until REJUDGE_AFTER_MS has passed or the table has grown by a tenth.
 */
export class CommonWords {
  private readonly seen = new Map<string, { share: number; upTo: number; at: number }>();

  /**
   * `terms`: the common words' counts the library keeps (common-terms.ts), read instead of a
   * sample where they answer; null without the search extension (which stems the word to look up).
   */
  constructor(private readonly statements: StatementCache, private readonly now: () => number = Date.now, private readonly terms: CommonTermCounts | null = null) {}

  isCommon(spec: TypeSpec, word: string): boolean {
    return this.shareOf(spec, word) >= COMMON_SHARE;
  }

  /**
   * About what share of the index's documents hold `word` (0 to 1), judged from its newest SAMPLE
   * documents; 0 while it is in fewer than SAMPLE. Compares common words: when every word of a
   * ranking group is common, the search ranks by the least common one alone.
   */
  shareOf(spec: TypeSpec, word: string): number {
    const key = `${spec.fts}\u0000${word}`;
    const upTo = lastRowid(this.statements, spec);
    const kept = this.seen.get(key);
    if (kept && this.now() - kept.at < REJUDGE_AFTER_MS && upTo <= kept.upTo * REJUDGE_GROWTH) {
      this.seen.delete(key);
      this.seen.set(key, kept);
      return kept.share;
    }
    const share = this.measure(spec, word, upTo);
    this.seen.delete(key);
    this.seen.set(key, { share, upTo, at: this.now() });
    if (this.seen.size > MAX_ENTRIES) this.seen.delete(this.seen.keys().next().value as string);
    return share;
  }

  private measure(spec: TypeSpec, word: string, upTo: number): number {
    const kept = this.keptShare(spec, word, upTo);
    if (kept !== null) return kept;
    const newest = this.statements
      .get(`SELECT rowid FROM ${spec.fts} WHERE ${spec.fts} MATCH @m ORDER BY rowid DESC LIMIT ${SAMPLE}`)
      .pluck()
      .all({ m: quoteFts(word) }) as number[];
    // A small index is cheap to rank with every word.
    if (newest.length < SAMPLE) return 0;
    return SAMPLE / (upTo - newest[SAMPLE - 1]! + 1);
  }

  /**
   * The share from the library's kept counts (common-terms.ts): a kept word's documents among the
   * rows counted; for a word not kept (in fewer than minDocs then), at most minDocs plus every row
   * added since, which is the answer while that bound is below COMMON_SHARE. Null: sample it.
   */
  private keptShare(spec: TypeSpec, word: string, upTo: number): number | null {
    const state = this.terms?.stateOf(spec.fts);
    if (!state || state.upTo === 0) return null;
    const stem = this.statements.get('SELECT sourcebook_words(@text)').pluck().get({ text: word }) as string;
    if (stem === '' || stem.includes(' ')) return null;
    const docs = this.terms!.docsOf(spec.fts, stem);
    if (docs !== null) return Math.min(1, docs / state.upTo);
    const atMost = (state.minDocs + Math.max(0, upTo - state.upTo)) / Math.max(1, upTo);
    return atMost < COMMON_SHARE ? atMost : null;
  }
}
