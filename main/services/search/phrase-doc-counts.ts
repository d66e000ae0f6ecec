import type { CommonTermCounts } from './common-terms';
import type { StatementCache } from './statement-cache';
import { lastRowid, type TypeSpec } from './type-specs';

/** A count is redone from scratch this often (meanwhile only added documents are counted). */
export const RECOUNT_AFTER_MS = 10 * 60_000;
/** Phrases remembered per process (a few dozen bytes each), least recently used out. */
const MAX_ENTRIES = 20_000;

interface Entry {
  docs: number;
  /** The highest rowid of the index's table when last counted: rows above it are new. */
  upTo: number;
  countedAt: number;
}

/** Where a one-word phrase's documents are counted (DidYouMeanFinder has this shape). */
export interface WordVocabulary {
  /** The fts5vocab ('row') table of a word index: each stem with its document count. */
  vocabularyOf(fts: string): string;
}

/**
 * How many documents of an FTS index hold each phrase of a ranking query: the idf that
 * `sourcebook_bm25` (main/sqlite-ext/sourcebook-rank.c) takes instead of walking every phrase's
 * whole doclist on every search, as FTS5's bm25 does.
 *
 * A phrase is counted once (the walk bm25 would make anyway), then on later searches only the
 * documents added since are counted (rowids above the last count: a seek to the end of the
 * doclist), and nothing at all while the table has no new rows. Edited and deleted documents are
 * caught up by a full recount every RECOUNT_AFTER_MS; until then a count may be off by the
 * documents edited meanwhile, which moves an idf by a fraction of a percent. Typing a query
 * re-ranks its first words on every keystroke: those are the searches this makes cheap.
 */
export class PhraseDocCounts {
  private readonly entries = new Map<string, Entry>();
  private vocabulary: WordVocabulary | null = null;
  private commonTerms: CommonTermCounts | null = null;

  constructor(private readonly statements: StatementCache, private readonly now: () => number = Date.now) {}

  /**
   * Count the documents of one-word phrases from the index vocabulary: it reads the word's doclist
   * without matching it row by row, 2–2.5× cheaper than count(*) (1.5 against 3.6 ms for "that" in
   * 500k quotes), and a new word's count is most of its first search's extra cost.
   */
  useVocabulary(vocabulary: WordVocabulary): void {
    this.vocabulary = vocabulary;
  }

  /**
   * Take a common word's count from those the library keeps (common-terms.ts), plus the documents
   * added since it was made: no walk of its long doclist, in a process's first search of it too.
   */
  useCommonTerms(terms: CommonTermCounts): void {
    this.commonTerms = terms;
  }

  /**
   * The `counts` argument of sourcebook_bm25 for `match`: the document count of each of its
   * phrases, in the order FTS5 numbers them (their order in the text), space-separated.
   */
  countsFor(spec: TypeSpec, match: string): string {
    const tableUpTo = lastRowid(this.statements, spec);
    return phrasesOf(match).map((phrase) => this.count(spec.fts, phrase, tableUpTo)).join(' ');
  }

  /**
   * A phrase's document count read elsewhere, as current (the index vocabulary's count of a word,
   * read with it when a prefix is written out as words: prefix-expansion.ts), unless one is kept.
   */
  remember(spec: TypeSpec, phrase: string, docs: number): void {
    const key = `${spec.fts}\u0000${phrase}`;
    if (this.entries.has(key)) return;
    this.entries.set(key, { docs, upTo: lastRowid(this.statements, spec), countedAt: this.now() });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }

  /**
   * A phrase known to be in at least `docs` documents (a prefix left a prefix, by its commonest
   * word: prefix-expansion.ts). From half the table's rows on, bm25 gives a phrase the same
   * smallest weight whatever its count (its idf is clamped), so `docs` is kept as its count and
   * the phrase is never counted (counting a prefix walks the doclists of all its words: 3–9 ms for
   * `righ*` at 100k articles). The table's last rowid is at least its row count.
   */
  rememberAtLeast(spec: TypeSpec, phrase: string, docs: number): void {
    if (docs * 2 >= lastRowid(this.statements, spec)) this.remember(spec, phrase, docs);
  }

  forget(): void {
    this.entries.clear();
  }

  private count(fts: string, phrase: string, tableUpTo: number): number {
    const key = `${fts}\u0000${phrase}`;
    const entry = this.entries.get(key);
    const now = this.now();
    if (entry && now - entry.countedAt < RECOUNT_AFTER_MS && tableUpTo >= entry.upTo) {
      if (tableUpTo > entry.upTo) {
        entry.docs += this.countAfter(fts, phrase, entry.upTo);
        entry.upTo = tableUpTo;
      }
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.docs;
    }
    // A row another process adds between reading tableUpTo and this count is counted twice: off by one, never missed.
    const docs = this.wordDocs(fts, phrase, tableUpTo) ?? (this.statements.get(`SELECT count(*) FROM ${fts} WHERE ${fts} MATCH @phrase`).pluck().get({ phrase }) as number);
    this.entries.delete(key);
    this.entries.set(key, { docs, upTo: tableUpTo, countedAt: now });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    return docs;
  }

  /** The documents above rowid `after` that hold `phrase`: a seek to the end of its doclist. */
  private countAfter(fts: string, phrase: string, after: number): number {
    return this.statements
      .get(`SELECT count(*) FROM ${fts} WHERE ${fts} MATCH @phrase AND rowid > @after`)
      .pluck()
      .get({ phrase, after: BigInt(after) }) as number; // a number binds as REAL, which FTS5 ignores as a rowid bound
  }

  /**
   * The document count of a quoted phrase (`"word"`) that is one stem: kept by the library if the
   * word is common (useCommonTerms), else from the vocabulary; else null. Stemmed by the search
   * extension (sourcebook_words), which every connection that keeps these counts has loaded.
   */
  private wordDocs(fts: string, phrase: string, tableUpTo: number): number | null {
    if (!this.vocabulary || !phrase.endsWith('"')) return null;
    const stems = this.statements.get('SELECT sourcebook_words(@text)').pluck().get({ text: phrase.slice(1, -1).replace(/""/g, '"') }) as string;
    if (stems === '' || stems.includes(' ')) return null;
    const state = this.commonTerms?.stateOf(fts);
    const kept = state ? this.commonTerms!.docsOf(fts, stems) : null;
    if (state && kept !== null) return kept + (tableUpTo > state.upTo ? this.countAfter(fts, phrase, state.upTo) : 0);
    const docs = this.statements.get(`SELECT doc FROM ${this.vocabulary.vocabularyOf(fts)} WHERE term = @stem`).pluck().get({ stem: stems }) as number | undefined;
    return docs ?? 0;
  }
}

/**
 * The phrases of a MATCH string as compile-match writes it: every phrase is a quoted string
 * (`"a ""b"""`), optionally a prefix (`"con"*`); the rest is operators and parentheses.
 */
export function phrasesOf(match: string): string[] {
  return match.match(/"(?:[^"]|"")*"\*?/g) ?? [];
}

/**
 * Whether a MATCH string has a phrase of several words (`"after they"`). FTS5 checks such a phrase
 * position by position in every document holding all its words, so walking a range of its matches
 * costs what finding them did (8 ms for a rare phrase of common words at 100k articles).
 */
export const hasMultiWordPhrase = (match: string) => phrasesOf(match).some((p) => /[^\p{L}\p{N}"*]/u.test(p));
