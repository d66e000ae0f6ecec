import type { SearchType, TextNode } from '../../../shared/search/query-ast';
import type { SearchHit } from '../../../shared/search/search-result';
import type { OnWorker } from './worker-claims';
import type { TextModes, TextToCompile } from './text-modes';
import { facetRowsFor, type FacetRows } from './facets';
import { Params, type Condition, type ParamsSnapshot } from './filter-sql';
import type { PhraseDocCounts } from './phrase-doc-counts';
import { runType, type ScanOnWorker, type TextMode, type TypeResult } from './run-type';
import type { StatementCache } from './statement-cache';
import type { FilterBitmaps } from './filter-bitmaps';

/**
 * The search of one result type, as plain data: what the search service runs for each type, on
 * its own connection or on the search worker's (search-worker.ts), with the same code either way.
 */
export interface TypeJob {
  type: SearchType;
  /** How its text is searched, or the text for the thread that runs it to compile (TextModes). */
  mode: TextMode | TextToCompile;
  conditions: Condition[];
  params: ParamsSnapshot;
  /** How many of the best matches to return (the page's end, or the facet window). */
  limit: number;
  options: { rankWindow?: number; titleWindow?: number; setRowCost?: number; lookupDocCost?: number; countLimit: number | null };
  /** Also read what the facets count of this type's best matches. */
  facets: boolean;
  /**
   * On the search worker: also cut the hit details of the best `count` (the page's end), which the
   * main thread may take instead of cutting them (SearchService.run); `text` as hitsFor takes it.
   */
  hits?: { count: number; text: TextNode | null };
  /** A search of the idle warm-up (search-warm-up.ts): the worker runs it on a connection of its own, so it leaves nothing cached for the user's. */
  warmUp?: boolean;
}

export interface TypeJobResult {
  result: TypeResult;
  /** The mode it ran with (compiled, if it was sent a text to compile): the page's snippets use it. */
  mode: TextMode;
  /** Null when not asked; a promise when the facet rows are being read on the other thread (SearchService.runJobs). */
  facetRows: FacetRows | Promise<FacetRows> | null;
  /** With facetRows on the other thread: read them on this one instead, now, if that thread has not started them. */
  takeBackFacets?: () => void;
  /** The worker's hit details of the best candidates (TypeJob.hits), by hitKey. */
  hits?: OnWorker<Map<string, SearchHit>>;
}

/** The facet rows of one type's best matches (see facets.ts), as a job of their own. */
export interface FacetJob {
  type: SearchType;
  rids: number[];
}

/** One connection's means to run a job: its statements, and what its search extension gives (null and false without it). */
export interface JobConnection {
  statements: StatementCache;
  /** Compiles a text sent to be compiled here (TypeJob.mode). */
  modes: TextModes;
  phraseCounts: PhraseDocCounts | null;
  /** Where filters are read into rowid bitmaps (sourcebook_rowids / sourcebook_has), the bitmaps kept between searches; null without the extension. */
  bitmaps: FilterBitmaps | null;
}

/** Runs a type search here; with `scanOnWorker` (the main thread's article search) part of it may run on the worker, and the answer come later. */
export function runTypeJob(connection: JobConnection, job: TypeJob): TypeJobResult;
export function runTypeJob(connection: JobConnection, job: TypeJob, scanOnWorker: ScanOnWorker | undefined): TypeJobResult | Promise<TypeJobResult>;
export function runTypeJob(connection: JobConnection, job: TypeJob, scanOnWorker?: ScanOnWorker): TypeJobResult | Promise<TypeJobResult> {
  const { statements, phraseCounts, bitmaps } = connection;
  const mode = job.mode.kind === 'compile' ? connection.modes.compile(job.type, job.mode) : job.mode;
  const done = (result: TypeResult): TypeJobResult => ({
    result, mode, facetRows: job.facets ? runFacetJob(connection, { type: job.type, rids: result.candidates.map((c) => c.rid) }) : null,
  });
  const result = runType(statements, job.type, mode, job.conditions, Params.restore(job.params), job.limit, { ...job.options, phraseCounts, bitmaps, scanOnWorker });
  return result instanceof Promise ? result.then(done) : done(result);
}

export function runFacetJob(connection: JobConnection, job: FacetJob): FacetRows {
  return facetRowsFor(connection.statements, job.type, job.rids);
}
