import { quoteFts } from '../../../shared/search/compile-match';
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

/**
 * Words in most documents of an index ("the", "of", "said" in news): bm25 gives them no weight,
 * yet it counts their documents on every ranking statement by walking their whole doclist (10 ms
 * for "the" over 500k quotes). The search leaves them out of the ranking query where another word
 * remains (CompileOptions.isRankNoise); matching still uses every word.
 */
export class CommonWords {
  /** Per search: the library may change between searches. */
  private readonly seen = new Map<string, boolean>();

  constructor(private readonly statements: StatementCache) {}

  reset(): void {
    this.seen.clear();
  }

  isCommon(spec: TypeSpec, word: string): boolean {
    const key = `${spec.fts}\u0000${word}`;
    let common = this.seen.get(key);
    if (common === undefined) {
      common = this.measure(spec, word);
      this.seen.set(key, common);
    }
    return common;
  }

  private measure(spec: TypeSpec, word: string): boolean {
    const newest = this.statements
      .get(`SELECT rowid FROM ${spec.fts} WHERE ${spec.fts} MATCH @m ORDER BY rowid DESC LIMIT ${SAMPLE}`)
      .pluck()
      .all({ m: quoteFts(word) }) as number[];
    // A small index is cheap to rank with every word.
    if (newest.length < SAMPLE) return false;
    return SAMPLE / (lastRowid(this.statements, spec) - newest[SAMPLE - 1]! + 1) >= COMMON_SHARE;
  }
}
