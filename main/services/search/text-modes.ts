import type { Database } from 'better-sqlite3';
import { compileText, quoteFts, type CompileOptions } from '../../../shared/search/compile-match';
import { PAIR_INDEXES, staleRowsSql } from '../../db/phrase-pairs';
import { leavesOf, type SearchType, type TermNode, type TextNode } from '../../../shared/search/query-ast';
import { CommonTermCounts } from './common-terms';
import { CommonWords } from './common-words';
import { DidYouMeanFinder } from './did-you-mean';
import type { PhraseDocCounts } from './phrase-doc-counts';
import { PrefixExpander } from './prefix-expansion';
import type { TextMode } from './run-type';
import type { StatementCache } from './statement-cache';
import { TYPE_SPECS } from './type-specs';

/**
 * A word search's text, to be compiled for its type by the thread that runs it (the search
 * worker writes the quote index's prefixes out and judges its common words itself, while the main
 * thread does the articles'). `alternatives`: the auto-prefix alternatives of its terms (as
 * TextModes.alternativesOf gives them), by the term's start in the query.
 */
export interface TextToCompile {
  kind: 'compile';
  text: TextNode;
  alternatives: [number, string[]][];
}

/**
 * How each type's index is searched for a query's text (TextMode): the MATCH strings, with
 * prefixes written out as the index's own words (prefix-expansion.ts) and the ranking query
 * without the index's most common words (common-words.ts). One per connection.
 */
export class TextModes {
  readonly didYouMean: DidYouMeanFinder;
  private readonly prefixes: PrefixExpander;
  private readonly commonWords: CommonWords;

  private readonly hasPairs: boolean;

  constructor(db: Database, private readonly statements: StatementCache, phraseCounts: PhraseDocCounts | null) {
    // Phrase counts are kept where the search uses the extension, which also computes pairs.
    // SOURCEBOOK_PHRASE_PAIRS=off finds phrases without the pair indexes (to compare).
    this.hasPairs = phraseCounts !== null && process.env.SOURCEBOOK_PHRASE_PAIRS !== 'off';
    this.didYouMean = new DidYouMeanFinder(db, statements);
    phraseCounts?.useVocabulary(this.didYouMean);
    // The common words' counts the library keeps are looked up by stem: with the extension only.
    const commonTerms = phraseCounts ? new CommonTermCounts(statements) : null;
    if (commonTerms) {
      phraseCounts!.useCommonTerms(commonTerms);
      this.didYouMean.useCommonTerms(commonTerms);
    }
    this.prefixes = new PrefixExpander(statements, this.didYouMean, phraseCounts);
    this.commonWords = new CommonWords(statements, Date.now, commonTerms);
  }

  /** The auto-prefix alternatives of the terms being typed in `text` (DidYouMeanFinder.autoPrefixAlternatives). */
  alternativesOf(text: TextNode | null): [number, string[]][] {
    return leavesOf(text)
      .filter((l): l is TermNode => l.kind === 'term' && l.isAutoPrefix)
      .map((term) => [term.span.start, this.didYouMean.autoPrefixAlternatives(term)]);
  }

  /**
   * A query's word modes, per type (`null`: the mode of no particular index, for questions that
   * span them all). Call once per search: what was read from a changed library is forgotten.
   */
  forQuery(text: TextNode | null, alternatives: [number, string[]][]): (type: SearchType | null) => TextMode {
    this.prefixes.sync();
    const byStart = new Map(alternatives);
    const autoPrefixAlternatives = (term: TermNode) => byStart.get(term.span.start) ?? [];
    const words = (options: CompileOptions, noise?: Pick<CompileOptions, 'isRankNoise' | 'commonness'>, type?: SearchType): TextMode => {
      const compiled = compileText(text, options);
      const rankMatch = compileText(text, { ...options, loosePhrases: true, ...noise }).match;
      return { kind: 'words', ...compiled, rankMatch, pairMatch: type ? this.pairMatch(type, text) : null };
    };
    // Compiled on first use: a worker compiling only the quote index's mode needs no other.
    const compiled = new Map<string, TextMode>();
    return (type) => {
      const spec = type ? TYPE_SPECS[type] : null;
      const key = spec?.expandPrefixes ? spec.type : '';
      let mode = compiled.get(key);
      if (!mode) {
        mode = spec?.expandPrefixes
          ? words(
            { autoPrefixAlternatives, expandPrefix: (term) => this.prefixes.termsFor(spec.fts, term) },
            { isRankNoise: (word) => this.commonWords.isCommon(spec, word), commonness: (word) => this.commonWords.shareOf(spec, word) },
            spec.type,
          )
          : words({ autoPrefixAlternatives });
        compiled.set(key, mode);
      }
      return mode;
    };
  }

  /**
   * A query that is one phrase of two words, as its pair term in the type's pair index (migration
   * 0150): the same documents, found without comparing word positions. Null for any other query,
   * without the search extension (which computes the pair), and while some row of the type waits
   * for its pairs (main/db/phrase-pairs.ts).
   */
  private pairMatch(type: SearchType, text: TextNode | null): string | null {
    const index = PAIR_INDEXES[type];
    if (!index || !this.hasPairs || text?.kind !== 'phrase' || text.isPrefix) return null;
    const pairs = this.statements.get('SELECT sourcebook_pairs(@text)').pluck().get({ text: text.text }) as string;
    // No pair (one word), or several (a longer phrase: its pairs may sit apart in a document).
    if (pairs === '' || pairs.includes(' ')) return null;
    if (this.statements.get(staleRowsSql(index)).pluck().get() === 1) return null;
    return quoteFts(pairs);
  }

  /** The mode of `type` for a text sent to be compiled here. */
  compile(type: SearchType, request: TextToCompile): TextMode {
    return this.forQuery(request.text, request.alternatives)(type);
  }
}
