import type { SearchQuery } from '../../../shared/api/methods-search';
import type { ServiceContext } from '../context';
import { SearchService } from './search-service';
import type { SearchThread } from './search-thread';

/** What a warm-up did. */
export interface WarmUpReport {
  searches: number;
  ms: number;
  /** Whether it was stopped (by a user's search) before it ran them all. */
  stopped: boolean;
}

/** How many searches: enough to cover the first few dozen a process is slow at (0.9–1.3 s on both threads at 100k, 0.2 s at 2k). */
export const WARM_UP_SEARCHES = 48;

/** The app gives the page this long to load and the user a moment, before it starts. */
export const WARM_UP_DELAY_MS = 1500;

/** How long it waits for the search worker to be up (it runs without it after that). */
const THREAD_WAIT_MS = 10_000;

/**
 * Searches the app runs on its own while it sits idle after opening a library, before the user's
 * first search. A new process searches slower at first: the first few dozen searches at 100k
 * articles took 12–22 ms where the same searches later took 3–14, most of it the process's own
 * warm-up (V8 compiling the search code on both threads, the worker's first jobs, SQLite's first
 * reads of the indexes' upper pages), not anything a search keeps for the next.
 *
 * The warm-up's searches leave nothing of their own behind for the user's: they run on a search
 * service of their own (its statements, word counts, prefixes and filter sets), and on the worker
 * on a connection kept for them (TypeJob.warmUp). What carries over is the compiled code and the
 * pages read. A user's search stops it (`stop`): from then on the user's own searches warm the
 * process, and none waits behind one of these.
 */
export class SearchWarmUp {
  private stopped = false;
  private running: Promise<WarmUpReport> | null = null;
  private timer: NodeJS.Timeout | null = null;

  /** `tuning`: how many searches (WARM_UP_SEARCHES), and SearchOptions.threadFromQuotes (tests send small libraries' searches to the worker). */
  constructor(
    private readonly ctx: ServiceContext,
    private readonly thread: SearchThread | null,
    private readonly tuning: { count?: number; threadFromQuotes?: number } = {},
  ) {}

  /** Runs the warm-up after `delayMs` of the app's idle time, unless stopped first. */
  startAfter(delayMs: number, log?: (error: unknown) => void): void {
    if (this.stopped || this.timer || this.running) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.run().catch((error) => log?.(error));
    }, delayMs);
    this.timer.unref();
  }

  /** Runs the warm-up now (once; a second call gets the first's report). */
  run(): Promise<WarmUpReport> {
    this.running ??= this.searchAll();
    return this.running;
  }

  /** No further warm-up search starts (the one running, if any, ends as it would). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async searchAll(): Promise<WarmUpReport> {
    const started = performance.now();
    const queries = warmUpQueries(this.ctx, this.tuning.count ?? WARM_UP_SEARCHES);
    const search = new SearchService(this.ctx, { thread: this.thread, warmUp: true, threadFromQuotes: this.tuning.threadFromQuotes });
    // The worker warms up too, where the user's searches will use it (a small library's never start it).
    if (this.thread && queries.length > 0 && search.searchesOnTwoThreads()) await this.threadStarted(this.thread);
    let searches = 0;
    for (const query of queries) {
      if (this.stopped || !this.ctx.db.open) break;
      try {
        await search.query(asTheAppSends(query));
      } catch (error) {
        // The library closed under it (the app quitting) ends it quietly; anything else is a fault to log.
        if (this.ctx.db.open) throw error;
        break;
      }
      searches++;
      // Between searches the event loop runs, so a user's request is never queued behind all of them.
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.thread?.endWarmUp();
    return { searches, ms: Math.round(performance.now() - started), stopped: searches < queries.length };
  }

  private async threadStarted(thread: SearchThread): Promise<void> {
    thread.start();
    for (let waited = 0; !thread.isReady && !this.stopped && waited < THREAD_WAIT_MS; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** A search as the app's search view sends it (SearchView.tsx): a page of 20, facets, counts up to 1,000, the last word as a prefix. */
function asTheAppSends(query: string): SearchQuery {
  return { query, limit: 20, offset: 0, facets: true, prefixLastWord: true, countUpTo: 1000 };
}

/**
 * Searches of every kind the query language has (a word, two words, a phrase, a prefix, filters),
 * made of the words of the library's newest titles: words it holds, found the way a user's are.
 */
export function warmUpQueries(ctx: ServiceContext, count: number): string[] {
  const titles = ctx.db
    .prepare('SELECT title FROM articles WHERE deleted_at IS NULL ORDER BY rowid DESC LIMIT ?')
    .pluck()
    .all(Math.max(1, Math.ceil(count / 2))) as string[];
  const speaker = ctx.db
    .prepare('SELECT s.name FROM quotes q JOIN speakers s ON s.id = q.speaker_id WHERE q.deleted_at IS NULL AND s.deleted_at IS NULL ORDER BY q.rowid DESC LIMIT 1')
    .pluck()
    .get() as string | undefined;
  const filters = ['type:quote', 'type:article', `after:${new Date().getUTCFullYear() - 5}`, ...(speaker ? [`speaker:"${speaker.replace(/"/g, '')}"`] : [])];
  const queries: string[] = [];
  for (const [i, title] of titles.entries()) {
    const all = [...title.toLowerCase().matchAll(/\p{L}+/gu)].map((m) => m[0]);
    const words = all.filter((w) => w.length >= 4);
    if (words.length < 2) continue;
    const [a, b] = [words[i % words.length]!, words[(i + 1) % words.length]!];
    queries.push(i % 2 === 0 ? a : `${a} ${b}`);
    switch (i % 3) {
      case 0:
        queries.push(`"${all.slice(i % (all.length - 1), (i % (all.length - 1)) + 2).join(' ')}"`);
        break;
      case 1:
        queries.push(`${b.slice(0, Math.max(4, b.length - 3))}*`);
        break;
      default:
        queries.push(`${a} ${filters[i % filters.length]}`);
    }
  }
  return queries.slice(0, count);
}
