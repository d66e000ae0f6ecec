/**
 * The exchange worker (exchange-jobs.ts starts one per job): opens the library on a connection of
 * its own, runs one export or import through its own router, and exits. Messages out: `{ ready:
 * true }` once the library is open, `{ progress }` for each progress event, then `{ result }` (the
 * method's Result, as the main thread's router would have returned it).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import { createServices } from '../../composition';
import type { ExchangeWorkerData, ExchangeWorkerMessage } from './exchange-jobs';

const { libraryDir, method, input, stop } = workerData as ExchangeWorkerData;
const post = (message: ExchangeWorkerMessage) => parentPort!.postMessage(message);

/**
 * Each progress step checks the stop flag (ExchangeJobs.stop): this thread is busy in the job, so
 * a message could not reach it. Thrown from inside the job, the stop rolls an import's transaction
 * back and removes an export's unfinished file, and the router answers with this error. Not the
 * last step (done = total): it comes after the commit or the last file, too late to stop.
 */
function onProgress(progress: Extract<ExchangeWorkerMessage, { progress: unknown }>['progress']): void {
  if (progress.done < progress.total && Atomics.load(stop, 0) === 1) throw new AppError('cancelled', stoppedMessage());
  post({ progress });
}

function stoppedMessage(): string {
  if (method === 'import.run') return 'The import was stopped; nothing of it was imported.';
  const format = (input as { format?: string }).format;
  return format === 'md' || format === 'csv'
    ? 'The export was stopped; the folder may hold part of it (export again to complete it).'
    : 'The export was stopped; no file was written (one it would have replaced is unchanged).';
}

// A failure to open throws here, before `ready`: the main thread then runs the job itself.
const app = createServices(libraryDir);
post({ ready: true });
try {
  post({ result: await app.dispatch(method, input, { onProgress }) });
} finally {
  app.close();
}
