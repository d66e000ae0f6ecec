/**
 * The search worker thread (search-thread.ts starts it): its own read-only connection to the
 * library, running the type searches it is sent (type-job.ts) while the main thread runs the
 * others. Messages in: `{ id, job }`; out: `{ ready: true }` once the
 * library is open, then `{ id, value }` or `{ id, error: { message, code } }` per job.
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { BUSY_TIMEOUT_MS } from '../../db/open-database';
import { resolveNativeBinding } from '../../db/native-binding';
import { hasRankFunction, loadRankExtension } from '../../db/rank-extension';
import { PhraseDocCounts } from './phrase-doc-counts';
import { StatementCache } from './statement-cache';
import { runTypeJob, type TypeJob } from './type-job';

export interface SearchWorkerData {
  dbPath: string;
  useRankExtension: boolean;
}

const { dbPath, useRankExtension } = workerData as SearchWorkerData;
const nativeBinding = resolveNativeBinding();
const db = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS, ...(nativeBinding ? { nativeBinding } : {}) });
if (useRankExtension) loadRankExtension(db);
const statements = new StatementCache(db);
const phraseCounts = hasRankFunction(db) ? new PhraseDocCounts(statements) : null;

parentPort!.on('message', (message: { id: number; job: TypeJob }) => {
  try {
    parentPort!.postMessage({ id: message.id, value: runTypeJob(statements, phraseCounts, message.job) });
  } catch (error) {
    const e = error as { message?: string; code?: string };
    parentPort!.postMessage({ id: message.id, error: { message: String(e?.message ?? error), code: typeof e?.code === 'string' ? e.code : undefined } });
  }
});
parentPort!.postMessage({ ready: true });
