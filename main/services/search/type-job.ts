import type { SearchType } from '../../../shared/search/query-ast';
import { facetRowsFor, type FacetRows } from './facets';
import { Params, type Condition, type ParamsSnapshot } from './filter-sql';
import type { PhraseDocCounts } from './phrase-doc-counts';
import { runType, type TextMode, type TypeResult } from './run-type';
import type { StatementCache } from './statement-cache';

/**
 * The search of one result type, as plain data: what the search service runs for each type, on
 * its own connection or on the search worker's (search-worker.ts), with the same code either way.
 */
export interface TypeJob {
  type: SearchType;
  mode: TextMode;
  conditions: Condition[];
  params: ParamsSnapshot;
  /** How many of the best matches to return (the page's end, or the facet window). */
  limit: number;
  options: { rankWindow?: number; titleWindow?: number; setRowCost?: number; countLimit: number | null };
  /** Also read what the facets count of this type's best matches. */
  facets: boolean;
}

export interface TypeJobResult {
  result: TypeResult;
  facetRows: FacetRows | null;
}

export function runTypeJob(statements: StatementCache, phraseCounts: PhraseDocCounts | null, job: TypeJob): TypeJobResult {
  const result = runType(statements, job.type, job.mode, job.conditions, Params.restore(job.params), job.limit, { ...job.options, phraseCounts });
  return { result, facetRows: job.facets ? facetRowsFor(statements, result) : null };
}
