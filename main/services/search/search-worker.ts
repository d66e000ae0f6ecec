/**
 * The search worker thread (search-thread.ts starts it): its own read-only connection to the
 * library, running the type searches it is sent (type-job.ts) while the main thread runs the
 * others. Messages in (ThreadRequest): `{ id, job, facetsId?, hits? }` (a type search),
 * `{ id, facets, claim }` (facet rows), `{ id, scan, claim }` (part of the main thread's search)
 * or `{ endWarmUp }` (the warm-up's connection let go). Out: `{ ready: true }` once the library is
 * open, then per message `{ id, value }` or `{ id, error: { message, code } }`; for a search the same under
 * `facetsId` for its facet rows and under `hits.id` for its hits, after its ranking. Work the main
 * thread has taken back (worker-claims.ts) is answered with null.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnly } from '../../db/read-only';
import { hasRankFunction, loadRankExtension } from '../../db/rank-extension';
import { FilterBitmaps } from './filter-bitmaps';
import { PhraseDocCounts } from './phrase-doc-counts';
import { StatementCache } from './statement-cache';
import { TextModes } from './text-modes';
import type { ThreadRequest } from './search-thread';
import { claimForWorker } from './worker-claims';
import { hitsByKey } from './hit-details';
import { runFacetJob, runTypeJob, type JobConnection, type TypeJobResult } from './type-job';

export interface SearchWorkerData {
  dbPath: string;
  /** The search extension's file, as the main thread found it (rankExtensionPath); null: do without. */
  rankExtension: string | null;
  /** Claims on work given in advance (worker-claims.ts): what the main thread took back is skipped. */
  claims: Int32Array;
}

const { dbPath, rankExtension, claims } = workerData as SearchWorkerData;
const db = openReadOnly(dbPath);
if (rankExtension) loadRankExtension(db, rankExtension);
// A small page cache: the worker's searches read pages the OS already caches, and SQLite's default
// (2 MB) cost about 16 MB of the process's memory in measurements on the 100k benchmark library
// (RSS 207 → 191 MB, the same as one thread), with no measurable effect on search times.
db.pragma('cache_size = -512');
const hasExtension = hasRankFunction(db);
/** A connection's statements and what they keep between searches (word counts, prefixes, filter sets). */
function newJobConnection(): JobConnection {
  const statements = new StatementCache(db);
  const phraseCounts = hasExtension ? new PhraseDocCounts(statements) : null;
  return { statements, modes: new TextModes(db, statements, phraseCounts), phraseCounts, bitmaps: hasExtension ? new FilterBitmaps(statements) : null };
}
const connection = newJobConnection();
const { statements } = connection;
/** The idle warm-up's searches (TypeJob.warmUp) keep what they find here, apart from the user's. */
let warmUpConnection: JobConnection | null = null;

/** Answers `id` with what `work` returns, or with its error (its SQLite code kept). */
function answer<T>(id: number, work: () => T): T | null {
  try {
    const value = work();
    parentPort!.postMessage({ id, value });
    return value;
  } catch (error) {
    const e = error as { message?: string; code?: string };
    parentPort!.postMessage({ id, error: { message: String(e?.message ?? error), code: typeof e?.code === 'string' ? e.code : undefined } });
    return null;
  }
}

parentPort!.on('message', (message: ThreadRequest) => {
  if ('endWarmUp' in message) {
    warmUpConnection = null;
    return;
  }
  if ('scan' in message) {
    const { scan, claim } = message;
    answer(message.id, () => (claimForWorker(claims, claim) ? statements.get(scan.sql).raw().all(scan.values) : null));
    return;
  }
  if ('facets' in message) {
    const { facets, claim } = message;
    answer(message.id, () => (claimForWorker(claims, claim) ? runFacetJob(connection, facets) : null));
    return;
  }
  const { id, job, facetsId, hits } = message;
  // The ranking goes back first; the facet rows and hit details are read while the main thread uses
  // it, after any part of the main thread's search that has come meanwhile (a scan: it waits for it).
  const runsOn = job.warmUp ? (warmUpConnection ??= newJobConnection()) : connection;
  const ranked: TypeJobResult | null = answer(id, () => runTypeJob(runsOn, { ...job, facets: false, hits: undefined }));
  const candidates = ranked?.result.candidates ?? [];
  const unranked = () => new Error('the search failed, so it has nothing more to give');
  setImmediate(() => {
    if (facetsId !== undefined) {
      answer(facetsId, () => {
        if (!ranked) throw unranked();
        return runFacetJob(runsOn, { type: job.type, rids: candidates.map((c) => c.rid) });
      });
    }
    if (hits && job.hits) {
      const { count, text } = job.hits;
      answer(hits.id, () => {
        if (!ranked) throw unranked();
        return claimForWorker(claims, hits.claim) ? hitsByKey(runsOn.statements, candidates.slice(0, count), () => ranked.mode, text, hasExtension) : null;
      });
    }
  });
});
parentPort!.postMessage({ ready: true });
