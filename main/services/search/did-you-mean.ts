import type { Database } from 'better-sqlite3';
import { AUTO_PREFIX_MARK, quoteFts } from '../../../shared/search/compile-match';
import type { LeafNode, TermNode } from '../../../shared/search/query-ast';
import type { DidYouMean } from '../../../shared/search/search-result';
import { MARK_END, MARK_START } from '../../../shared/search/snippet-markers';
import { editDistance } from './edit-distance';
import { openScratch } from '../../db/read-only';
import { KeptWhileUnchanged, StatementCache } from './statement-cache';
import type { CommonTermCounts } from './common-terms';
import { TYPE_SPECS } from './type-specs';

const WORD_INDEXES = Object.values(TYPE_SPECS).map((s) => s.fts);
/** The indexes a word being typed is looked for in (articles and quotes: where its alternatives matter). */
const TYPED_INDEXES = WORD_INDEXES.slice(0, 2);
/** Vocabulary terms read per index and first letter at most: bounds the cost on a huge library. */
const MAX_TERMS_SCANNED = 30_000;

let sharedStemmer: StatementCache | null = null;

/**
 * Where words are stemmed: a private in-memory database, so that stemming (a row written and
 * deleted) is no change to a library's connection, whose total_changes() tells the search's caches
 * that the library changed (libraryVersion). One per thread, for as long as it runs, shared by
 * every library opened in it: stemming needs nothing of the library, and a library reopened
 * (after a restore) leaves no connection behind.
 */
function threadStemmer(): StatementCache {
  if (!sharedStemmer) {
    const scratch = openScratch();
    scratch.exec(`
      CREATE VIRTUAL TABLE stem_probe USING fts5(w, tokenize = 'porter unicode61 remove_diacritics 2');
      CREATE VIRTUAL TABLE stem_probe_vocab USING fts5vocab(stem_probe, instance);
    `);
    sharedStemmer = new StatementCache(scratch);
  }
  return sharedStemmer;
}

/**
 * "Did you mean": for words that match nothing anywhere, the closest word the library does hold.
 * The index holds porter stems, so the typed word is stemmed by FTS5 itself (a scratch table with
 * the same tokenizer, so both sides use the same stemmer), compared by edit distance with the
 * stems sharing its first letter (fts5vocab, read as a key range), the most frequent of the closest
 * wins, and a real word for that stem is taken from a document that contains it.
 */
export class DidYouMeanFinder {
  private isReady = false;
  private commonTerms: CommonTermCounts | null = null;
  /**
   * Each missing word's correction (null: none), while the library is unchanged: a word that
   * matches nothing is asked about again as it is typed on, paged or filtered.
   */
  private readonly corrections: KeptWhileUnchanged<string | null>;

  constructor(private readonly db: Database, private readonly statements: StatementCache) {
    this.corrections = new KeptWhileUnchanged(statements, MAX_CORRECTIONS);
  }

  /**
   * Try the common words the library keeps (common-terms.ts) first: a typo is most often of a
   * common word, and reading them is a lookup, where the vocabulary walks the doclist of every
   * word sharing the typed word's first letter to count its documents (~60 ms for "e" at 100k
   * articles).
   */
  useCommonTerms(terms: CommonTermCounts): void {
    this.commonTerms = terms;
  }

  private ensureVocabularyTables(): void {
    if (this.isReady) return;
    this.db.exec(WORD_INDEXES.map((t) => `CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab_${t} USING fts5vocab(main, ${t}, row);`).join('\n'));
    this.isReady = true;
  }

  /** The fts5vocab ('row') table of word index `fts`: one row per word, with its document count. */
  vocabularyOf(fts: string): string {
    this.ensureVocabularyTables();
    return `temp.search_vocab_${fts}`;
  }

  /** The stems FTS5 makes of `text`, in order. */
  stems(text: string): string[] {
    const stemmer = threadStemmer();
    stemmer.get('INSERT INTO stem_probe(rowid, w) VALUES (1, @w)').run({ w: text });
    try {
      return stemmer.get('SELECT term FROM stem_probe_vocab ORDER BY offset').pluck().all() as string[];
    } finally {
      stemmer.get('DELETE FROM stem_probe').run();
    }
  }

  /** Does this word or phrase match anything in any index? */
  hasHits(leaf: LeafNode): boolean {
    const match = quoteFts(leaf.text) + (leaf.isPrefix ? '*' : '');
    return WORD_INDEXES.some((t) => this.statements.get(`SELECT 1 FROM ${t} WHERE ${t} MATCH @m LIMIT 1`).get({ m: match }) !== undefined);
  }

  /**
   * The closest stem in the library to `stem`. Stems sharing its first two letters are read first
   * (a big library holds tens of thousands of stems per first letter: 20 ms to read at 100k
   * articles): one a single edit away cannot be beaten. Otherwise all sharing the first letter.
   */
  private closestStem(stem: string): string | undefined {
    const chars = [...stem];
    if (chars.length < 3) return undefined;
    // A common word one edit away: no other can beat it (nothing is nearer but the word itself,
    // which matches nothing, and ties go to the most frequent, which the common words are).
    const common = this.commonTerms ? closestOf(stem, this.commonTerms.startingWith(...leadRange(chars[0]!))) : undefined;
    if (common && common.distance <= 1) return common.term;
    const near = this.closestStemStartingWith(stem, chars.slice(0, 2).join(''));
    if (near && near.distance <= 1) return near.term;
    return this.closestStemStartingWith(stem, chars[0]!)?.term;
  }

  /** The closest stem to `stem` among those starting with `lead`, ties going to the most frequent. */
  private closestStemStartingWith(stem: string, lead: string): { term: string; distance: number } | undefined {
    const [lo, hi] = leadRange(lead);
    const docs = new Map<string, number>();
    for (const t of WORD_INDEXES) {
      const rows = this.statements
        .get(`SELECT term, doc FROM ${this.vocabularyOf(t)} WHERE term >= @lo AND term < @hi LIMIT ${MAX_TERMS_SCANNED}`)
        .raw()
        .all({ lo, hi }) as [string, number][];
      for (const [term, doc] of rows) docs.set(term, (docs.get(term) ?? 0) + doc);
    }
    return closestOf(stem, docs);
  }

  /**
   * A word as written in the library for a stem ("polit" → "politics"). A stem that a query would
   * stem again ("emphas" reads as "empha") is looked for as that prefix, and the word kept only if
   * it is indexed as the stem.
   */
  private wordFor(stem: string): string {
    const isFixedPoint = this.stems(stem)[0] === stem;
    for (const t of WORD_INDEXES) {
      const marked = this.statements
        .get(`SELECT snippet(${t}, -1, '${MARK_START}', '${MARK_END}', '', @tokens) FROM ${t} WHERE ${t} MATCH @m LIMIT 20`)
        .pluck()
        .all(isFixedPoint ? { m: quoteFts(stem), tokens: 1 } : { m: `${quoteFts(stem)}*`, tokens: 64 }) as string[];
      for (const s of marked) {
        for (const [, found] of s.matchAll(/\u0002([^\u0003]+)\u0003/gu)) {
          const word = found!.toLowerCase();
          if (isFixedPoint || this.stems(word)[0] === stem) return word;
        }
      }
    }
    return stem;
  }

  /** Corrections for `missing`: words known to match nothing. */
  suggest(query: string, missing: LeafNode[]): DidYouMean | undefined {
    this.corrections.sync();
    const corrections: { from: string; to: string; leaf: LeafNode }[] = [];
    for (const leaf of missing) {
      if (leaf.kind !== 'term') continue;
      const to = this.correctionOf(leaf.text);
      if (to !== null) corrections.push({ from: leaf.text, to, leaf });
    }
    if (corrections.length === 0) return undefined;
    // Rewrite the query text at the words' own positions (from the end, so earlier offsets hold).
    let corrected = query;
    for (const c of [...corrections].sort((a, b) => b.leaf.span.start - a.leaf.span.start)) {
      const term = c.leaf as TermNode;
      corrected = `${corrected.slice(0, term.span.start)}${c.to}${term.isPrefix && !term.isAutoPrefix ? '*' : ''}${corrected.slice(term.span.end)}`;
    }
    return { query: corrected, corrections: corrections.map(({ from, to }) => ({ from, to })) };
  }

  /** The word to suggest for `word` (one term that matches nothing), or null: kept while the library is unchanged. */
  private correctionOf(word: string): string | null {
    return this.corrections.getOr(word.toLowerCase(), () => {
      const stems = this.stems(word);
      const closest = stems.length === 1 ? this.closestStem(stems[0]!) : undefined;
      return closest ? this.wordFor(closest) : null;
    });
  }

  /**
   * For the word being typed: the longest stem in the index that the word starts with, within 3
   * characters of it ("governm" → "govern", "runni" → "run"), ORed with the prefix so that words
   * whose stem is shorter than what was typed are still found while typing.
   *
   * A stem that a query would shorten again cannot be written as itself ("emphas", of
   * "emphasized", reads as "empha"), so "emphasiz" found nothing until the word was complete. Where
   * nothing else answers (no such stem, and the prefix itself matches nothing) the longest such
   * stem of 5 characters or more is given as a prefix (`"emphas"*`, which FTS5 reads as `empha*`):
   * a little wider, as typing is, and no lookup on each keystroke (looking its word form up by
   * snippets made typing at 100k ~1.5× slower).
   */
  autoPrefixAlternatives(term: TermNode): string[] {
    const stems = this.stems(term.text);
    if (stems.length !== 1) return [];
    const chars = [...stems[0]!];
    const matches = (m: string) => TYPED_INDEXES.some((t) => this.statements.get(`SELECT 1 FROM ${t} WHERE ${t} MATCH @m LIMIT 1`).get({ m }) !== undefined);
    let shortenedAgain: string | null = null;
    for (let len = chars.length - 1; len >= Math.max(3, chars.length - 3); len--) {
      const candidate = chars.slice(0, len).join('');
      if (this.stems(candidate)[0] === candidate) {
        if (matches(quoteFts(candidate))) return [candidate];
      } else if (shortenedAgain === null && len >= 5) {
        shortenedAgain = candidate;
      }
    }
    if (shortenedAgain === null || matches(`${quoteFts(term.text)}*`)) return [];
    return [`${shortenedAgain}${AUTO_PREFIX_MARK}`];
  }
}

/** Corrections kept per connection (a few dozen bytes each), least recently used out. */
const MAX_CORRECTIONS = 2_000;

/** The key range of the terms starting with `lead`: from it up to (not including) `lead` with its last character's next. */
function leadRange(lead: string): [string, string] {
  const chars = [...lead];
  return [lead, chars.slice(0, -1).join('') + String.fromCodePoint(chars.at(-1)!.codePointAt(0)! + 1)];
}

/**
 * The closest of `candidates` (stems with their documents) to `stem`, within 1 edit for a stem of
 * up to 4 characters and 2 for a longer one, ties going to the most frequent; not `stem` itself.
 */
function closestOf(stem: string, candidates: Map<string, number>): { term: string; distance: number } | undefined {
  const length = [...stem].length;
  const max = length <= 4 ? 1 : 2;
  let best: { term: string; distance: number; doc: number } | undefined;
  for (const [term, doc] of candidates) {
    if (term === stem || Math.abs([...term].length - length) > max) continue;
    const distance = editDistance(stem, term, max);
    if (distance > max) continue;
    if (!best || distance < best.distance || (distance === best.distance && doc > best.doc)) best = { term, distance, doc };
  }
  return best;
}
