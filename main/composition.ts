import type { Database } from 'better-sqlite3';
import { openLibrary, type OpenedLibrary } from './db/open-database';
import { createRouter, type Dispatch } from './api/router';
import { createServiceContext } from './services/context';
import { ArticleService } from './services/article-service';
import { CollectionService } from './services/collection-service';
import { ClipService } from './services/clip-service';
import { ClipperService } from './services/clipper-service';
import { SuggestionService } from './services/suggestion-service';
import { StanceAnalysisService } from './services/stance-analysis';
import { GraphService } from './services/graph-service';
import { SettingsService } from './services/settings-service';
import { ItemService } from './services/item-service';
import { LibraryService } from './services/library-service';
import { LinkService } from './services/link-service';
import { NoteService } from './services/note-service';
import { NoteEmbedIndex } from './services/notes/embed-index';
import { NotebookService } from './services/notes/notebook-service';
import { QuoteService } from './services/quote-service';
import type { Services } from './services/services';
import { SpeakerService } from './services/speaker-service';
import { StanceService } from './services/stance-service';
import { TagService } from './services/tag-service';
import { TopicService } from './services/topic-service';
import { TrashService } from './services/trash-service';
import type { PdfPrinter } from './services/exchange/pdf';
import { SearchThread } from './services/search/search-thread';
import { startCommonTermsUpkeep } from './services/search/common-terms';
import { SearchWarmUp, WARM_UP_DELAY_MS } from './services/search/search-warm-up';
import { startIndexMergeUpkeep } from './services/search/index-merge';
import { ExchangeJobs } from './services/exchange/exchange-jobs';
import { hasRankFunction, rankExtensionPath } from './db/rank-extension';
import { startPairCatchUp } from './db/phrase-pairs';

export interface App {
  services: Services;
  dispatch: Dispatch;
  db: Database;
  library: OpenedLibrary;
  close(): void;
}

export interface CreateOptions {
  clock?: () => Date;
  log?: (error: unknown) => void;
  /** A platform capability: the desktop app passes its Electron printer; elsewhere PDF exports are `export/unsupported`. */
  pdfPrinter?: PdfPrinter;
  /**
   * Search big libraries on two threads (search-thread.ts): for the processes that stay open (the
   * app, browser mode), not for one-shot commands, which would pay the thread's start for one search.
   * SOURCEBOOK_SEARCH_THREAD=off leaves it out anyway (a one-core machine, or to compare).
   */
  searchThread?: boolean;
  /**
   * Fill the phrase pairs rows wait for, in small steps in the background (main/db/phrase-pairs.ts):
   * for the processes that stay open, as after the migration that added them to a big library.
   */
  catchUpPairs?: boolean;
  /**
   * Count the big word indexes' common words again when the library has changed enough, in small
   * steps in the background (services/search/common-terms.ts): for the processes that stay open.
   * One-shot commands use the counts as they are (an import counts them when it makes them stale).
   */
  countCommonWords?: boolean;
  /**
   * Search a little on its own while idle after opening (services/search/search-warm-up.ts), so the
   * user's first searches are not the process's slowest: for the processes that stay open.
   */
  warmUpSearch?: boolean;
  /**
   * Merge search indexes grown into many segments into one, in small steps in the background
   * (services/search/index-merge.ts): for the processes that stay open.
   */
  mergeIndexes?: boolean;
  /**
   * Run exports and imports on worker threads (exchange-jobs.ts), so a big one leaves the app's
   * thread free: for the processes that stay open. A one-shot command runs them itself.
   */
  exchangeWorkers?: boolean;
}

/** A request within this long means the user is at work (see userIsActive). */
const USER_ACTIVE_MS = 2000;

/**
 * The ONE place services are wired, used by Electron, the HTTP server, the CLI and the tests alike.
 * Opening migrates the library (or refuses it with a typed error: db/too-new, db/corrupt, db/unwritable).
 */
export function createServices(libraryDir: string, options: CreateOptions = {}): App {
  const library = openLibrary(libraryDir);
  const ctx = createServiceContext(library.db, library.libraryDir, library.dbPath, options.clock);
  const tags = new TagService(ctx);
  const collections = new CollectionService(ctx);
  const articles = new ArticleService(ctx, tags, collections);
  const speakers = new SpeakerService(ctx);
  const topics = new TopicService(ctx);
  const quotes = new QuoteService(ctx, articles, speakers, tags);
  const links = new LinkService(ctx);
  const suggestions = new SuggestionService(ctx, quotes, speakers, links);
  const settings = new SettingsService(ctx);
  const noteEmbeds = new NoteEmbedIndex(ctx.db);
  const searchThread = options.searchThread && process.env.SOURCEBOOK_SEARCH_THREAD !== 'off' ? new SearchThread({ dbPath: library.dbPath, rankExtension: hasRankFunction(library.db) ? rankExtensionPath() : null }) : null;
  const base = {
    ctx,
    library: new LibraryService(ctx),
    articles,
    quotes,
    speakers,
    topics,
    stances: new StanceService(ctx, topics),
    links,
    tags,
    collections,
    notes: new NoteService(ctx, (id) => noteEmbeds.sync(id)),
    notebook: new NotebookService(() => services, noteEmbeds),
    trash: new TrashService(ctx),
    clip: new ClipService(ctx, articles, quotes, suggestions, settings),
    suggestions,
    clipper: new ClipperService(ctx),
    analysis: new StanceAnalysisService(ctx, topics, speakers),
    graph: new GraphService(ctx),
    settings,
    serverOrigin: { current: null as string | null },
    pdfPrinter: options.pdfPrinter ?? null,
    searchThread,
    searchWarmUp: options.warmUpSearch ? new SearchWarmUp(ctx, searchThread) : null,
    exchangeJobs: options.exchangeWorkers ? new ExchangeJobs(library) : null,
  };
  const services: Services = { ...base, items: new ItemService(base) };
  const routed = createRouter(services, {}, options.log);
  // When the user (or a script) last asked for something: background upkeep that takes seconds waits while they work.
  let lastRequestAt = -Infinity;
  const dispatch: Dispatch = (method, input, call) => {
    lastRequestAt = performance.now();
    return routed(method, input, call);
  };
  const userIsActive = () => performance.now() - lastRequestAt < USER_ACTIVE_MS;
  const stopPairCatchUp = options.catchUpPairs ? startPairCatchUp(library.db, options.log) : null;
  const stopCommonTerms = options.countCommonWords ? startCommonTermsUpkeep(library.db, { log: options.log }) : null;
  const stopIndexMerge = options.mergeIndexes ? startIndexMergeUpkeep(library.db, { log: options.log, userIsActive }) : null;
  services.searchWarmUp?.startAfter(WARM_UP_DELAY_MS, options.log);
  return {
    services,
    dispatch,
    db: library.db,
    library,
    close: () => {
      stopPairCatchUp?.();
      stopCommonTerms?.();
      stopIndexMerge?.();
      services.searchWarmUp?.stop();
      services.searchThread?.close();
      services.exchangeJobs?.close();
      if (library.db.open) library.db.close();
    },
  };
}
