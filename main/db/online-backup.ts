import type { Database } from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { BUSY_TIMEOUT_MS } from './open-database';

/** A step size that copies every remaining page at once (sqlite3_backup_step's page count is an int). */
export const ALL_PAGES = 0x7fffffff;

export interface OnlineCopyOptions {
  /**
   * Called after the first step, when SQLite holds the destination's write lock and nothing is
   * committed yet; what it throws aborts the copy and rolls the destination back. better-sqlite3
   * calls it between later steps too.
   */
  onLocked?: () => void;
  /** How long to keep trying while another process holds a lock (default: the busy timeout). */
  waitMs?: number;
}

/**
 * Copy `db` into the database file `dest` with SQLite's online backup API (better-sqlite3's
 * `db.backup`), creating it or overwriting a database that other connections may have open: the
 * copy is one write transaction on `dest`, so they see it whole or not at all.
 *
 * Why a loop: when the first step meets a lock (another process is writing), SQLite returns BUSY
 * before it has counted the pages, so better-sqlite3 reads "0 pages remaining", ends the backup and
 * resolves as if it were done, having copied nothing (`{ totalPages: 0 }`; online-backup.test.ts shows it). An
 * empty copy is never right (a database has at least one page), so wait briefly and try again.
 */
export async function copyDatabase(db: Database, dest: string, options: OnlineCopyOptions = {}): Promise<{ pages: number }> {
  if ((db.pragma('page_count', { simple: true }) as number) === 0) throw new AppError('internal', `Nothing to copy to ${dest}: the database is empty.`, { path: dest });
  const deadline = Date.now() + (options.waitMs ?? BUSY_TIMEOUT_MS);
  for (;;) {
    let isLocked = false;
    const progress = await db.backup(dest, {
      progress: () => {
        if (!isLocked) {
          isLocked = true;
          options.onLocked?.();
        }
        return ALL_PAGES;
      },
    });
    if (progress.totalPages > 0 && progress.remainingPages === 0) {
      // better-sqlite3's first step copies no pages, so the callback always runs before the commit.
      if (!isLocked) throw new AppError('internal', `The copy to ${dest} finished before it could be checked.`, { path: dest });
      return { pages: progress.totalPages };
    }
    if (Date.now() > deadline) {
      throw new AppError('conflict', `${dest} stayed busy (another Sourcebook window or command kept writing to it); nothing was changed. Try again in a moment.`, { path: dest });
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
