import { Worker } from 'node:worker_threads';
import { workerEntry } from '../worker-entry';
import type { SearchWorkerData } from './search-worker';
import type { FacetRows } from './facets';
import type { SearchHit } from '../../../shared/search/search-result';
import type { FacetJob, TypeJob, TypeJobResult } from './type-job';
import { claimForMain, newClaims, openClaim, type OnWorker } from './worker-claims';

/**
 * What the worker is sent: a type search, the facet rows of one type's matches, part of the main
 * thread's search (`scan`: a read-only SELECT, its rows as arrays; RunTypeOptions.scanOnWorker),
 * or the end of the idle warm-up (`endWarmUp`, not answered). A search is answered with its
 * ranking under `id`; then, if asked, its facet rows under `facetsId`, and its best candidates'
 * hit details under `hits.id` (unless taken back: worker-claims.ts).
 */
export type ThreadRequest =
  | { id: number; job: TypeJob; facetsId?: number; hits?: { id: number; claim: number } }
  | { id: number; facets: FacetJob; claim: number }
  | { id: number; scan: { sql: string; values: Record<string, unknown> }; claim: number }
  | { endWarmUp: true };

/**
 * The worker's heap. A small young generation: V8's default lets a worker that allocates results
 * for every search touch tens of MB (13 MB more RSS measured on the 100k benchmark library, no
 * measurable change in search times). The old generation holds a few MB; past the cap the worker
 * stops and searches go on on one thread.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 128 };

/** Why a job did not run on the worker: the caller runs it on its own connection instead. */
export class SearchThreadUnavailable extends Error {}

type Reply = { ready: true } | { id: number; value: unknown } | { id: number; error: { message: string; code?: string } };

/**
 * A second thread for big searches (search-worker.ts). A search's time on a big library is the
 * ranking and filtering of its two big types, articles and quotes, one after the other on one
 * core; this machine class has two. The worker runs the quote search on its own connection while
 * the main thread runs the rest, then reads the facet rows of both (and, for a phrase, cuts its
 * best quotes' hits) while the main thread cuts the page's snippets (SearchService.runJobs), so a
 * search takes about the longer of the two halves instead of their sum.
 *
 * The worker starts on first use and is not waited for: until it says it is ready, and for good if
 * it fails to start or dies, `run` rejects with SearchThreadUnavailable and the search runs on the
 * main thread as before (said once on stderr). It keeps a process alive only while a job is out.
 */
export class SearchThread {
  private worker: Worker | null = null;
  private state: 'idle' | 'starting' | 'ready' | 'failed' | 'closed' = 'idle';
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: never) => void; reject: (e: Error) => void }>();

  /** Claims on work the worker was given in advance (worker-claims.ts), shared with it. */
  private readonly claims = newClaims();

  /** `entry`: the worker's file (tests); by default found or built by workerEntry. */
  constructor(private readonly data: Omit<SearchWorkerData, 'claims'>, private readonly entry?: URL) {}

  get isReady(): boolean {
    return this.state === 'ready';
  }

  /** Start the worker if it is not running (returns at once; see isReady). */
  start(): void {
    if (this.state !== 'idle') return;
    this.state = 'starting';
    const entry = this.entry ? Promise.resolve(this.entry) : workerEntry('search-worker');
    entry.then(
      (url) => this.spawn(url),
      (error: Error) => this.fail(`the search worker was not found (${error.message})`),
    );
  }

  private spawn(entry: URL): void {
    if (this.state !== 'starting') return; // closed meanwhile
    try {
      // No execArgv: flags meant for the main script (--input-type, --eval…) would stop the worker.
      const workerData: SearchWorkerData = { ...this.data, claims: this.claims };
      const worker = new Worker(entry, { workerData, execArgv: [], resourceLimits: WORKER_LIMITS });
      worker.on('message', (reply: Reply) => this.onReply(reply));
      worker.on('error', (error) => this.fail(`the search worker failed (${error.message})`));
      worker.on('exit', (code) => this.fail(`the search worker stopped (exit code ${code})`));
      // After the listeners: adding a 'message' listener refs the worker again.
      worker.unref();
      this.worker = worker;
    } catch (error) {
      this.fail(`the search worker did not start (${(error as Error).message})`);
    }
  }

  /**
   * Runs a type search on the worker. With `job.facets`, the answer comes as soon as the ranking is
   * done, its facetRows a promise the worker fulfils next: the caller cuts its page meanwhile.
   */
  run(job: TypeJob): Promise<TypeJobResult> {
    if (this.state !== 'ready' || !this.worker) return Promise.reject(new SearchThreadUnavailable(`search worker ${this.state}`));
    const request: ThreadRequest & { job: TypeJob } = { id: this.nextId++, job };
    const ranked = this.expect<TypeJobResult>(request.id);
    let facetRows: Promise<FacetRows> | null = null;
    if (job.facets) {
      request.facetsId = this.nextId++;
      facetRows = this.expect<FacetRows>(request.facetsId);
      facetRows.catch(() => {}); // its reader may have failed already, and then never awaits it
    }
    let hits: OnWorker<Map<string, SearchHit>> | undefined;
    if (job.hits) {
      const { id, onWorker } = this.claimable<Map<string, SearchHit>>();
      request.hits = { id, claim: onWorker.claim };
      hits = onWorker;
    }
    this.worker.postMessage(request);
    return facetRows || hits ? ranked.then((r) => ({ ...r, ...(facetRows ? { facetRows } : {}), ...(hits ? { hits } : {}) })) : ranked;
  }

  /** Facet rows for the worker to read after what it is doing, unless taken back (worker-claims.ts). */
  facetRows(facets: FacetJob): OnWorker<FacetRows> {
    if (this.state !== 'ready' || !this.worker) return { value: Promise.reject(new SearchThreadUnavailable(`search worker ${this.state}`)), takeBack: () => false };
    const { id, onWorker } = this.claimable<FacetRows>();
    this.worker.postMessage({ id, facets, claim: onWorker.claim } satisfies ThreadRequest);
    return onWorker;
  }

  /** Rows of a read-only SELECT the main thread's search gives the worker, unless taken back (RunTypeOptions.scanOnWorker). */
  scan(sql: string, values: Record<string, unknown>): OnWorker<unknown[][]> {
    if (this.state !== 'ready' || !this.worker) return { value: Promise.reject(new SearchThreadUnavailable(`search worker ${this.state}`)), takeBack: () => false };
    const { id, onWorker } = this.claimable<unknown[][]>();
    this.worker.postMessage({ id, scan: { sql, values }, claim: onWorker.claim } satisfies ThreadRequest);
    return onWorker;
  }

  /** The idle warm-up is over: the worker lets go of the connection its searches ran on (TypeJob.warmUp). */
  endWarmUp(): void {
    if (this.state === 'ready' && this.worker) this.worker.postMessage({ endWarmUp: true } satisfies ThreadRequest);
  }

  /** An answer to come for work the worker may have taken back from it. */
  private claimable<T>(): { id: number; onWorker: OnWorker<T> & { claim: number } } {
    const id = this.nextId++;
    const claim = openClaim(this.claims, id);
    const value = this.expect<T | null>(id);
    value.catch(() => {}); // its reader may have failed already, and then never awaits it
    return { id, onWorker: { value, claim, takeBack: () => claimForMain(this.claims, claim) } };
  }

  /** The answer to come under `id`. */
  private expect<T>(id: number): Promise<T> {
    // Held while an answer is out, so a process with nothing else to do waits for it.
    if (this.pending.size === 0) this.worker!.ref();
    return new Promise<T>((resolve, reject) => this.pending.set(id, { resolve: resolve as (r: never) => void, reject }));
  }

  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.rejectPending('the search worker was closed');
    void this.worker?.terminate();
    this.worker = null;
  }

  private onReply(reply: Reply): void {
    if ('ready' in reply) {
      if (this.state === 'starting') this.state = 'ready';
      return;
    }
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker?.unref();
    if ('value' in reply) {
      waiting.resolve(reply.value as never);
    } else {
      // The SQLite error as the main thread would have seen it (its code decides how it is reported).
      waiting.reject(Object.assign(new Error(reply.error.message), reply.error.code ? { code: reply.error.code } : {}));
    }
  }

  private fail(why: string): void {
    if (this.state === 'closed' || this.state === 'failed') return;
    this.state = 'failed';
    this.rejectPending(why);
    this.worker = null;
    process.stderr.write(`sourcebook: ${why}; searches run on one thread.\n`);
  }

  private rejectPending(why: string): void {
    for (const { reject } of this.pending.values()) reject(new SearchThreadUnavailable(why));
    this.pending.clear();
  }
}
