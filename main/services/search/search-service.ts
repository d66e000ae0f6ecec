import { performance } from 'node:perf_hooks';
import { AppError, isAppError } from '../../../shared/errors';
import type { SearchQuery } from '../../../shared/api/methods-search';
import { parseQuery } from '../../../shared/search/parse-query';
import { leavesOf, positiveLeavesOf, type QueryAst, type SearchType } from '../../../shared/search/query-ast';
import type { QuickOpenEntry, SavedSearch, SearchHit, SearchResult } from '../../../shared/search/search-result';
import { hasRankFunction } from '../../db/rank-extension';
import type { ServiceContext } from '../context';
import { FilterBitmaps } from './filter-bitmaps';
import { hasMultiWordPhrase, PhraseDocCounts } from './phrase-doc-counts';
import { computeFacets, FACET_WINDOW, type FacetRows } from './facets';
import { Params, planFilters } from './filter-sql';
import { hitsFor } from './hit-details';
import { quickOpenIndex } from './quick-open';
import { mergeCandidates, type Candidate, type ScanOnWorker, type TextMode } from './run-type';
import { runFacetJob, runTypeJob, type JobConnection, type TypeJob, type TypeJobResult } from './type-job';
import { SearchThreadUnavailable, type SearchThread } from './search-thread';
import { SavedSearches } from './saved-searches';
import { hasExactSite, speakerIdsFor } from './filter-lookups';
import { StatementCache } from './statement-cache';
import { TextModes, type TextToCompile } from './text-modes';
import { hasCjk, isSubstringFallbackUseful } from './trigram-text';
import { lastRowid, TYPE_SPECS } from './type-specs';

/** How one type is searched for this query (prefixes are written out per index). */
type ModeOf = (type: SearchType) => TextMode;

const EMPTY: Omit<SearchResult, 'tookMs'> = { total: 0, isTotalExact: true, hits: [], facets: null };

export interface SearchOptions {
  /** See RANK_WINDOW and TITLE_WINDOW; tests make them small to exercise the windowed paths on a small library. */
  rankWindow?: number;
  titleWindow?: number;
  /** See SET_ROW_COST; tests make it 0 or Infinity to check filters both ways. */
  setRowCost?: number;
  /** See LOOKUP_DOC_COST (run-type.ts); tests make it 0 or Infinity to rank listed rows both ways. */
  lookupDocCost?: number;
  /** False: do without the search extension even where it is loaded (bm25 ranking, JS filter sets; tests compare both). */
  useRankExtension?: boolean;
  /** The second thread the quote search runs on, in big libraries (search-thread.ts). */
  thread?: SearchThread | null;
  /** See THREAD_FROM_QUOTES; tests make it 0 to run every search on two threads. */
  threadFromQuotes?: number;
  /** The idle warm-up's own service (search-warm-up.ts): its jobs run on the worker's warm-up connection. */
  warmUp?: boolean;
}

/**
 * From how many quotes (the quotes table's last rowid) the quote search goes to the second
 * thread. Below it a whole search takes a few milliseconds, less than it would gain.
 */
export const THREAD_FROM_QUOTES = 20_000;

/**
 * Full-text search over the library (STYLE §4). The query is parsed in shared/search, compiled to
 * FTS5 MATCH strings with every token quoted and to SQL conditions with bound values, run per
 * type (ranked by bm25 with column weights, best `offset + limit` each) and merged.
 */
export class SearchService {
  private readonly statements: StatementCache;
  /** This connection's statements, text modes and search extension, as type searches use them (type-job.ts). */
  private readonly connection: JobConnection;
  readonly saved: SavedSearches;

  constructor(ctx: ServiceContext, private readonly options: SearchOptions = {}) {
    this.statements = new StatementCache(ctx.db);
    const hasExtension = options.useRankExtension !== false && hasRankFunction(ctx.db);
    // Null phrase counts: bm25 counts the phrases itself.
    const phraseCounts = hasExtension ? new PhraseDocCounts(this.statements) : null;
    this.connection = {
      statements: this.statements,
      modes: new TextModes(ctx.db, this.statements, phraseCounts),
      phraseCounts,
      bitmaps: hasExtension ? new FilterBitmaps(this.statements) : null,
    };
    this.saved = new SavedSearches(ctx);
  }

  async query(input: SearchQuery): Promise<SearchResult> {
    const started = performance.now();
    const ast = parseQuery(input.query, { prefixLastWord: input.prefixLastWord });
    const result = await this.guard(() => this.run(ast, input));
    return { ...result, tookMs: Math.round((performance.now() - started) * 100) / 100 };
  }

  private async run(ast: QueryAst, input: SearchQuery): Promise<Omit<SearchResult, 'tookMs'>> {
    // Nothing to search for and nothing to filter by: an empty result, not the whole library.
    if (!ast.text && ast.filters.length === 0) return { ...EMPTY, facets: input.facets ? computeFacets([], []) : null };

    const params = new Params();
    const plan = planFilters(ast.filters, input.type, params, {
      speakerIds: (value) => speakerIdsFor(this.statements, value),
      hasExactSite: (value) => hasExactSite(this.statements, value),
    });
    const limit = input.offset + input.limit;
    const perType = input.facets ? Math.max(limit, FACET_WINDOW) : limit;

    const options = { rankWindow: this.options.rankWindow, titleWindow: this.options.titleWindow, setRowCost: this.options.setRowCost, lookupDocCost: this.options.lookupDocCost, countLimit: input.countUpTo ?? null };
    const runAll = (modeOf: ModeOf, quoteText: TextToCompile | null = null): Promise<TypeJobResult[]> =>
      this.runJobs(
        plan.types.map((type) => ({
          type, mode: type === 'quote' && quoteText ? quoteText : modeOf(type), conditions: plan.conditions[type], params: params.snapshot(), limit: perType, options, facets: input.facets,
          ...(this.options.warmUp ? { warmUp: true } : {}),
        })),
        { count: limit, text: ast.text },
      );

    let mode: TextMode;
    let modeOf: ModeOf;
    // A word search's quote half is compiled by the thread that runs it (the worker, in a big library).
    let quoteText: TextToCompile | null = null;
    if (leavesOf(ast.text).some((l) => hasCjk(l.text))) {
      mode = { kind: 'substring', node: ast.text! };
      modeOf = () => mode;
    } else {
      const alternatives = this.connection.modes.alternativesOf(ast.text);
      const forType = this.connection.modes.forQuery(ast.text, alternatives);
      mode = forType(null);
      modeOf = forType;
      if (ast.text) quoteText = { kind: 'compile', text: ast.text, alternatives };
    }
    let jobResults = await runAll(modeOf, quoteText);
    let total = jobResults.reduce((n, r) => n + r.result.total, 0);

    let didYouMean: SearchResult['didYouMean'];
    if (total === 0 && mode.kind === 'words' && mode.match !== null) {
      // Only words that match nothing anywhere deserve a correction or a substring search: a query
      // that finds nothing because of its -exclusions or filters is answered as it is.
      const finder = this.connection.modes.didYouMean;
      const missing = positiveLeavesOf(ast.text).filter((leaf) => !finder.hasHits(leaf));
      if (missing.length > 0) {
        didYouMean = finder.suggest(input.query, missing);
        // A word that is not a word of the library may still be part of a title or a name.
        if (isSubstringFallbackUseful(ast.text)) {
          const substring: TextMode = { kind: 'substring', node: ast.text! };
          const fallback = await runAll(() => substring);
          const fallbackTotal = fallback.reduce((n, r) => n + r.result.total, 0);
          if (fallbackTotal > 0) [mode, modeOf, jobResults, total] = [substring, () => substring, fallback, fallbackTotal];
        }
      }
    }

    const results = jobResults.map((r) => r.result);
    const page = mergeCandidates(results).slice(input.offset, limit);
    // The modes the types ran with, for their snippets (the quote half's may have been compiled on the worker).
    const ranWith = new Map(jobResults.map((r) => [r.result.type, r.mode]));
    const pageModeOf: ModeOf = (type) => ranWith.get(type) ?? modeOf(type);
    // The extension's functions are there exactly when its bitmaps are (see the constructor).
    const hits = hitsFor(this.statements, page, pageModeOf, ast.text, this.connection.bitmaps !== null, await hitsCutMeanwhile(jobResults, page));
    const isTotalExact = results.every((r) => r.isTotalExact);
    // Facet rows the worker has not started yet (it may still be reading the quotes'): read here.
    for (const r of jobResults) r.takeBackFacets?.();
    const facets = input.facets ? computeFacets(results, await Promise.all(jobResults.map((r) => r.facetRows!))) : null;
    const out: Omit<SearchResult, 'tookMs'> = { total, isTotalExact, hits, facets };
    if (didYouMean) out.didYouMean = didYouMean;
    return out;
  }

  /**
   * The type searches of one query, in plan order. In a big library with a second thread, the
   * quote search runs there while this thread runs the others (search-thread.ts). The worker
   * answers with the quote ranking first; then, while this thread cuts the page's snippets, it
   * reads the facet rows of quotes and articles (the returned facetRows are then promises) and
   * cuts the hits of the best quotes (`hits`: hitsCutMeanwhile); the article facet rows this
   * thread takes back if it is done first (takeBackFacets). Should the thread not be ready, or
   * fail, the work is done here.
   */
  private async runJobs(jobs: TypeJob[], hits: NonNullable<TypeJob['hits']>): Promise<TypeJobResult[]> {
    const connection = this.connection;
    const runHere = (job: TypeJob) => runTypeJob(connection, job);
    const thread = this.options.thread;
    const quoteJob = jobs.find((j) => j.type === 'quote');
    if (!thread || !quoteJob || jobs.length < 2 || !this.searchesOnTwoThreads()) return jobs.map(runHere);
    thread.start();
    if (!thread.isReady) return jobs.map(runHere);
    const orHere = <T>(work: () => T) => (error: unknown): T => {
      if (error instanceof SearchThreadUnavailable) return work();
      throw error;
    };
    // A phrase of several words: its hits are cut hit by hit (a seek each, ~0.15 ms at 100k), and the
    // worker is idle while this thread finds the phrase among the articles, so it cuts its best
    // quotes' hits meanwhile. For other queries it is the busier thread, and the page cut here.
    const mode = quoteJob.mode;
    const cutsHits = mode.kind === 'words' && mode.match !== null && hasMultiWordPhrase(mode.match);
    const there = thread.run(cutsHits ? { ...quoteJob, hits } : quoteJob).catch(orHere(() => runHere(quoteJob)));
    // A phrase's walk among the articles is long when the phrase is rare: the worker, done with its
    // quotes first, walks the older part of it (run-type.ts, WORKER_SCAN_SHARE).
    const scanOnWorker: ScanOnWorker = (sql, values) => thread.scan(sql, values);
    let here: Map<TypeJob, TypeJobResult>;
    try {
      const running = jobs.filter((j) => j !== quoteJob).map((j) => [j, j.type === 'article' ? runTypeJob(connection, { ...j, facets: false }, scanOnWorker) : runHere(j)] as const);
      here = new Map(await Promise.all(running.map(async ([j, result]) => [j, await result] as const)));
    } catch (error) {
      there.catch(() => {}); // this search has failed already: its quote half is not waited for
      throw error;
    }
    const quotes = await there;
    // The worker reads the quote facet rows while this thread cuts the page; should it stop first, they are read here.
    if (quotes.facetRows instanceof Promise) {
      const facets = { type: quoteJob.type, rids: quotes.result.candidates.map((c) => c.rid) };
      quotes.facetRows = quotes.facetRows.catch(orHere(() => runFacetJob(connection, facets)));
      quotes.facetRows.catch(() => {}); // awaited after the page is cut; a search failing before that must not leave it unhandled
    }
    here.set(quoteJob, quotes);
    return jobs.map((j) => {
      const done = here.get(j)!;
      if (j.type !== 'article' || !j.facets) return done;
      // The article facet rows too, unless this thread, done with the page first, takes them back.
      const facets = { type: j.type, rids: done.result.candidates.map((c) => c.rid) };
      const onWorker = thread.facetRows(facets);
      let takenBack: FacetRows | null = null;
      const facetRows = onWorker.value.then((rows) => rows ?? takenBack ?? runFacetJob(connection, facets)).catch(orHere(() => runFacetJob(connection, facets)));
      facetRows.catch(() => {}); // as above
      const takeBackFacets = () => {
        if (onWorker.takeBack()) takenBack = runFacetJob(connection, facets);
      };
      return { ...done, facetRows, takeBackFacets };
    });
  }

  /** Whether a search of both big types sends its quote half to the second thread: one is given, and the library is big (THREAD_FROM_QUOTES). */
  searchesOnTwoThreads(): boolean {
    return Boolean(this.options.thread) && lastRowid(this.statements, TYPE_SPECS.quote) >= (this.options.threadFromQuotes ?? THREAD_FROM_QUOTES);
  }

  /**
   * Quoting makes FTS5 syntax errors impossible by construction; should SQLite still reject a
   * search (a tokenizer limit, a future FTS5 change), the user gets `search/invalid-query`, never
   * SQLite's own text. Other failures (busy, corrupt) pass on to the router's mapping.
   */
  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (isAppError(error)) throw error;
      const code = (error as { code?: string }).code ?? '';
      const message = (error as Error)?.message ?? '';
      if (code === 'SQLITE_ERROR' && /fts5|match|syntax|unterminated|no such column/i.test(message)) {
        throw new AppError('search/invalid-query', 'This search could not be run; simplify it (fewer operators or special characters) and try again.', { position: 0, end: 0 });
      }
      throw error;
    }
  }

  async quickOpenIndex(maxArticles: number): Promise<QuickOpenEntry[]> {
    return quickOpenIndex(this.statements, maxArticles);
  }

  async listSaved(): Promise<SavedSearch[]> {
    return this.saved.list();
  }

  async saveSearch(name: string, query: string): Promise<SavedSearch> {
    return this.saved.save(name, query);
  }

  async deleteSaved(id: string): Promise<{ id: string }> {
    return this.saved.delete(id);
  }
}

/**
 * The hits of the page that the search worker cut while this thread ranked the rest (TypeJob.hits),
 * by hitKey. Work it has not started is taken back (and cut by hitsFor here), as is all of it
 * when the page shows none of its type; should it fail, hitsFor cuts those hits here.
 */
async function hitsCutMeanwhile(results: TypeJobResult[], page: Candidate[]): Promise<Map<string, SearchHit>> {
  const ready = new Map<string, SearchHit>();
  for (const { hits, result } of results) {
    if (!hits || hits.takeBack() || !page.some((c) => c.type === result.type)) continue;
    const cut = await hits.value.catch(() => null);
    for (const [key, hit] of cut ?? []) ready.set(key, hit);
  }
  return ready;
}
