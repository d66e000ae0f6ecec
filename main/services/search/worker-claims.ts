/**
 * Who does work the search worker was given in advance (facet rows, hit details): the worker, or
 * the main thread taking it back because it got there first (the worker was still busy with
 * something before it). A shared Int32Array holds a slot per piece of work (its answer's id modulo
 * CLAIM_SLOTS): 0 until one side claims it, once, with compareExchange, so it is done exactly once.
 */
export const CLAIM_SLOTS = 256;
const BY_WORKER = 1;
const BY_MAIN = 2;

export const newClaims = () => new Int32Array(new SharedArrayBuffer(4 * CLAIM_SLOTS));

/** A piece of work's slot, cleared before it is sent (ids go up, so a slot's last use is long done). */
export function openClaim(claims: Int32Array, id: number): number {
  const slot = id % CLAIM_SLOTS;
  Atomics.store(claims, slot, 0);
  return slot;
}

/** The worker starts the work: false when the main thread took it back. */
export const claimForWorker = (claims: Int32Array, slot: number) => Atomics.compareExchange(claims, slot, 0, BY_WORKER) === 0;

/** The main thread takes the work back: false when the worker has it already. */
export const claimForMain = (claims: Int32Array, slot: number) => Atomics.compareExchange(claims, slot, 0, BY_MAIN) === 0;

/** Work the worker does unless the main thread takes it back first. */
export interface OnWorker<T> {
  /** The worker's answer; null when the main thread took the work back. */
  value: Promise<T | null>;
  /** True when the worker had not started: it will not, and the caller does the work itself. */
  takeBack(): boolean;
}
