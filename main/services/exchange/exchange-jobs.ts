import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { AppError, type ErrorInfo, type Result } from '../../../shared/errors';
import type { ImportRun } from '../../../shared/api/methods-exchange';
import type { CallContext, ProgressEvent } from '../../api/handler-types';
import { workerEntry } from '../worker-entry';
import { BUSY_TIMEOUT_MS } from '../../db/read-only';
import { uploadedFile } from './uploads';

/** The methods that run as jobs on a worker of their own in the processes that stay open. */
export type ExchangeJobMethod = 'export.run' | 'export.report.get' | 'import.run';

export interface ExchangeWorkerData {
  libraryDir: string;
  method: ExchangeJobMethod;
  input: unknown;
  /** Set to 1 by the main thread to stop the job at its next progress step (the worker's thread is busy meanwhile). */
  stop: Int32Array;
}

export type ExchangeWorkerMessage = { ready: true } | { progress: ProgressEvent } | { result: Result<unknown> };

/** The conflict a write gets when an import on a worker still runs after it waited (ExchangeJobs.untilNoImport). */
export function importRunning(): AppError {
  return new AppError('conflict', 'An import is running; make this change once it has finished.', { busy: 'import' });
}

/**
 * From what size a job goes to a worker. A worker takes ~0.3 s to start and open the library
 * here, about what an export of 500 articles takes in-process, or an import of 1 MB; below, the job
 * runs on the caller's thread as before (a small export stays instant).
 */
export interface JobSizes {
  /** Articles the library has held (its highest rowid), for exports. */
  articles: number;
  /** The import's bytes. */
  importBytes: number;
}
const WORKER_FROM: JobSizes = { articles: 500, importBytes: 1024 * 1024 };

/**
 * Big exports and imports on worker threads (exchange-worker.ts), one worker per job, for the app and
 * browser mode. In-process, a big one held the app's thread for its whole run: at 100k articles
 * 19 s to 2.5 min for an export and ~9.5 min for a library JSON import, the window frozen
 * meanwhile. A worker opens the library on its own connection: an export reads a snapshot while
 * the app goes on (WAL); an import holds the write lock in its one transaction, so meanwhile the
 * router holds other writes back without holding the thread (untilNoImport), as long as a write
 * waits for another process's lock, and then refuses them (`importRunning`): waiting for the lock
 * itself would hold the app's thread. A worker's memory (gigabytes for a readable export of 100k
 * articles) goes when its job ends, and a job that runs out of it fails alone, not the app.
 *
 * Small jobs run in-process (WORKER_FROM). A worker that cannot start (no entry file, a failure
 * before the library is open) leaves the job to the caller's thread, said once on stderr; one that
 * fails later fails its job (an import's transaction then never commits).
 */
export class ExchangeJobs {
  private imports = 0;
  /** Settled when the last import under way ends; null while none runs. */
  private importsEnd: { promise: Promise<void>; resolve: () => void } | null = null;
  /** The workers under way, each with its job's method and stop flag. */
  private readonly workers = new Map<Worker, { method: ExchangeJobMethod; stop: Int32Array }>();
  private closed = false;
  private toldFallback = false;

  /**
   * `entry`: the worker's file (tests); by default found or built by workerEntry. `from`:
   * WORKER_FROM (tests). `writeWaitMs`: how long a write waits for an import (tests; BUSY_TIMEOUT_MS).
   */
  constructor(
    private readonly library: { db: Database; libraryDir: string },
    private readonly options: { entry?: URL; from?: JobSizes; writeWaitMs?: number } = {},
  ) {}

  /** Whether an import is under way on a worker (its writes hold the library's write lock). */
  get importRunning(): boolean {
    return this.imports > 0;
  }

  /**
   * Waits, without holding the thread, until no import runs on a worker: true then (at once if none
   * does), false if one still runs after `writeWaitMs`. A short import (a colleague's export of
   * some hundred articles) only delays a write made meanwhile.
   */
  async untilNoImport(): Promise<boolean> {
    const deadline = Date.now() + (this.options.writeWaitMs ?? BUSY_TIMEOUT_MS);
    while (this.importsEnd) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), left)));
      const outcome = await Promise.race([this.importsEnd.promise, timeout]);
      clearTimeout(timer);
      if (outcome === 'timeout') return false;
    }
    return true;
  }

  /** Runs `method` on a worker if the job is big enough; `inProcess` runs it here otherwise, or if no worker can. */
  async run<T>(method: ExchangeJobMethod, input: unknown, call: CallContext, inProcess: () => Promise<T>): Promise<T> {
    if (this.closed) throw closedError();
    if (!this.isBig(method, input)) return inProcess();
    // Counted before the first await: a write dispatched right after this import already waits for it.
    const isImport = method === 'import.run';
    if (isImport && this.imports++ === 0) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.importsEnd = { promise, resolve };
    }
    try {
      const entry = await this.entryFile();
      if (this.closed) throw closedError();
      const stop = new Int32Array(new SharedArrayBuffer(4));
      const result = entry ? await this.onWorker(entry, { libraryDir: this.library.libraryDir, method, input, stop }, call) : null;
      if (!result) return await inProcess();
      if (result.ok) return result.value as T;
      throw fromInfo(result.error);
    } finally {
      if (isImport && --this.imports === 0) {
        this.importsEnd?.resolve();
        this.importsEnd = null;
      }
    }
  }

  /**
   * Asks the jobs of `method` under way on workers to stop (`import.stop`, `export.stop`): each
   * stops at its next progress step and fails with `cancelled` (exchange-worker.ts). An import
   * rolls back; a library JSON import reports a step at least every 200 ms, other formats (up to
   * 100 MB) only at their start and end. An export reports steps while it reads the library and,
   * for JSON, Markdown and CSV, while it writes. Whether there was one.
   */
  stop(method: 'import.run' | 'export.run'): boolean {
    let any = false;
    for (const job of this.workers.values()) {
      if (job.method !== method) continue;
      Atomics.store(job.stop, 0, 1);
      any = true;
    }
    return any;
  }

  /** Stops every job under way: an import's transaction is rolled back with its connection. */
  close(): void {
    this.closed = true;
    for (const worker of this.workers.keys()) void worker.terminate();
    this.workers.clear();
  }

  private isBig(method: ExchangeJobMethod, input: unknown): boolean {
    const from = this.options.from ?? WORKER_FROM;
    if (method !== 'import.run') {
      const articles = (this.library.db.prepare('SELECT max(rowid) FROM articles').pluck().get() as number | null) ?? 0;
      return articles >= from.articles;
    }
    const bytes = importBytes(input as ImportRun, this.library.libraryDir);
    return bytes !== null && bytes >= from.importBytes;
  }

  private async entryFile(): Promise<URL | null> {
    if (this.options.entry) return this.options.entry;
    try {
      return await workerEntry('exchange-worker');
    } catch (error) {
      this.fallBack(`the exchange worker was not found (${(error as Error).message})`);
      return null;
    }
  }

  /** The job's Result, or null if the worker stopped before the library was open. */
  private onWorker(entry: URL, workerData: ExchangeWorkerData, call: CallContext): Promise<Result<unknown> | null> {
    return new Promise((resolve, reject) => {
      let ready = false;
      let settled = false;
      let worker: Worker;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        this.workers.delete(worker);
        outcome();
      };
      const stopped = (why: string) =>
        settle(() => {
          if (!ready) {
            this.fallBack(`the exchange worker did not start (${why})`);
            resolve(null);
          } else {
            reject(stoppedMidway(workerData.method, why));
          }
        });
      try {
        // No execArgv: flags meant for the main script (--input-type, --eval…) would stop the worker.
        worker = new Worker(entry, { workerData, execArgv: [] });
      } catch (error) {
        this.fallBack(`the exchange worker did not start (${(error as Error).message})`);
        resolve(null);
        return;
      }
      this.workers.set(worker, { method: workerData.method, stop: workerData.stop });
      worker.on('message', (message: ExchangeWorkerMessage) => {
        if ('ready' in message) ready = true;
        else if ('progress' in message) call.onProgress?.(message.progress);
        else settle(() => resolve(message.result));
      });
      worker.on('error', (error) => stopped(error.message));
      worker.on('exit', (code) => stopped(this.closed ? 'Sourcebook is shutting down' : `exit code ${code}`));
    });
  }

  private fallBack(why: string): void {
    if (this.toldFallback) return;
    this.toldFallback = true;
    process.stderr.write(`sourcebook: ${why}; exports and imports run on the app's thread.\n`);
  }
}

/** An import's size in bytes; null where it cannot be told (run in-process, the job says why it fails at once). */
function importBytes(input: ImportRun, libraryDir: string): number | null {
  if (input.content !== undefined) return Buffer.byteLength(input.content);
  try {
    return fs.statSync(input.upload !== undefined ? uploadedFile(libraryDir, input.upload) : path.resolve(input.path ?? '')).size;
  } catch {
    return null;
  }
}

/** A job whose worker stopped after it began (an import's transaction never commits). */
function stoppedMidway(method: ExchangeJobMethod, why: string): AppError {
  return new AppError(
    'internal',
    method === 'import.run' ? `The import stopped before it finished (${why}); nothing of it was imported.` : `The export stopped before it finished (${why}); run it again.`,
  );
}

const closedError = () => new AppError('internal', 'The library is closed (Sourcebook is shutting down). Start Sourcebook again to open it.');

function fromInfo(info: ErrorInfo): AppError {
  return new AppError(info.code, info.message, info.details);
}
