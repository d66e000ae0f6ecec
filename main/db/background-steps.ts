import type { Database } from 'better-sqlite3';

/**
 * Runs `fn` without waiting for the write lock (busy_timeout 0 meanwhile): 'busy' if another
 * connection holds it. For background work on the app's thread: a restore in the same process
 * writes through a connection of its own and needs this thread to go on, so waiting here
 * (busy_timeout, 15 s) would hold the thread, and the restore with it, for that long.
 */
export function withoutWaitingForLock<T>(db: Database, fn: () => T): T | 'busy' {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    return fn();
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return 'busy';
    throw error;
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}

/**
 * Background upkeep on the app's thread (the pair catch-up, the common words' counts): `step`
 * runs after `firstMs`, then again after as many milliseconds as it returns, while the library is
 * open, on timers that never keep the process alive. Returns the stop function.
 */
export function startBackgroundSteps(db: Database, firstMs: number, step: () => number): () => void {
  let timer: NodeJS.Timeout | null = null;
  const schedule = (ms: number) => {
    timer = setTimeout(run, ms);
    timer.unref();
  };
  const run = () => {
    timer = null;
    if (db.open) schedule(step());
  };
  schedule(firstMs);
  return () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
}
