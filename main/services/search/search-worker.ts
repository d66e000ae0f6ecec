/**
 * The search worker thread (search-thread.ts starts it): its own read-only connection to the
 * library, running the type searches it is sent (type-job.ts) while the main thread runs the
 * others. Messages in: `{ id, job }` (a type search) or `{ id, facets }` (facet rows);
 * out: `{ ready: true }` once the library is open, then `{ id, value }` or
 * `{ id, error: { message, code } }` per message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { BUSY_TIMEOUT_MS } from '../../db/open-database';
import { resolveNativeBinding } from '../../db/native-binding';
import { hasRankFunction, loadRankExtension } from '../../db/rank-extension';
import { PhraseDocCounts } from './phrase-doc-counts';
import { StatementCache } from './statement-cache';
import type { ThreadRequest } from './search-thread';
import { runFacetJob, runTypeJob, type JobConnection } from './type-job';

export interface SearchWorkerData {
  dbPath: string;
  useRankExtension: boolean;
}

const { dbPath, useRankExtension } = workerData as SearchWorkerData;
const nativeBinding = resolveNativeBinding();
const db = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS, ...(nativeBinding ? { nativeBinding } : {}) });
if (useRankExtension) loadRankExtension(db);
const statements = new StatementCache(db);
const hasExtension = hasRankFunction(db);
const connection: JobConnection = { statements, phraseCounts: hasExtension ? new PhraseDocCounts(statements) : null, bitmaps: hasExtension };

parentPort!.on('message', (message: ThreadRequest) => {
  try {
    const value = 'job' in message ? runTypeJob(connection, message.job) : runFacetJob(connection, message.facets);
    parentPort!.postMessage({ id: message.id, value });
  } catch (error) {
    const e = error as { message?: string; code?: string };
    parentPort!.postMessage({ id: message.id, error: { message: String(e?.message ?? error), code: typeof e?.code === 'string' ? e.code : undefined } });
  }
});
parentPort!.postMessage({ ready: true });
