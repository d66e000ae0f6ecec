/**
 * Who reads a facet job sent to the search worker: the worker, or the main thread taking it back
 * because it got there first (the worker was still busy with the quote facets, say). A shared
 * Int32Array holds a slot per job (its id modulo CLAIM_SLOTS): 0 until one side claims it, once,
 * with compareExchange, so the rows are read exactly once.
 */
export const CLAIM_SLOTS = 256;
const BY_WORKER = 1;
const BY_MAIN = 2;

export const newClaims = () => new Int32Array(new SharedArrayBuffer(4 * CLAIM_SLOTS));

/** A job's slot, cleared before the job is sent (ids go up, so a slot's last job is long done). */
export function openClaim(claims: Int32Array, id: number): number {
  const slot = id % CLAIM_SLOTS;
  Atomics.store(claims, slot, 0);
  return slot;
}

/** The worker starts the job: false when the main thread took it back. */
export const claimForWorker = (claims: Int32Array, slot: number) => Atomics.compareExchange(claims, slot, 0, BY_WORKER) === 0;

/** The main thread takes the job back: false when the worker has it already. */
export const claimForMain = (claims: Int32Array, slot: number) => Atomics.compareExchange(claims, slot, 0, BY_MAIN) === 0;
