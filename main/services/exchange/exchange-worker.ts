/**
 * The exchange worker (exchange-jobs.ts starts one per job): opens the library on a connection of
 * its own, runs one export or import through its own router, and exits. Messages out: `{ ready:
 * true }` once the library is open, `{ progress }` for each progress event, then `{ result }` (the
 * method's Result, as the main thread's router would have returned it).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createServices } from '../../composition';
import type { ExchangeWorkerData, ExchangeWorkerMessage } from './exchange-jobs';

const { libraryDir, method, input } = workerData as ExchangeWorkerData;
const post = (message: ExchangeWorkerMessage) => parentPort!.postMessage(message);

// A failure to open throws here, before `ready`: the main thread then runs the job itself.
const app = createServices(libraryDir);
post({ ready: true });
try {
  post({ result: await app.dispatch(method, input, { onProgress: (progress) => post({ progress }) }) });
} finally {
  app.close();
}
