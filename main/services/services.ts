import type { ServiceContext } from './context';
import type { ArticleService } from './article-service';
import type { QuoteService } from './quote-service';
import type { SpeakerService } from './speaker-service';
import type { TopicService } from './topic-service';
import type { StanceService } from './stance-service';
import type { LinkService } from './link-service';
import type { TagService } from './tag-service';
import type { CollectionService } from './collection-service';
import type { NoteService } from './note-service';
import type { NotebookService } from './notes/notebook-service';
import type { TrashService } from './trash-service';
import type { ItemService } from './item-service';
import type { LibraryService } from './library-service';
import type { ClipService } from './clip-service';
import type { SuggestionService } from './suggestion-service';
import type { ClipperService } from './clipper-service';
import type { StanceAnalysisService } from './stance-analysis';
import type { GraphService } from './graph-service';
import type { SettingsService } from './settings-service';
import type { PdfPrinter } from './exchange/pdf';
import type { SearchWarmUp } from './search/search-warm-up';
import type { SearchThread } from './search/search-thread';
import type { ExchangeJobs } from './exchange/exchange-jobs';

/** Every service, wired once in composition.ts. */
export interface Services {
  ctx: ServiceContext;
  library: LibraryService;
  articles: ArticleService;
  quotes: QuoteService;
  speakers: SpeakerService;
  topics: TopicService;
  stances: StanceService;
  links: LinkService;
  tags: TagService;
  collections: CollectionService;
  notes: NoteService;
  notebook: NotebookService;
  trash: TrashService;
  items: ItemService;
  clip: ClipService;
  suggestions: SuggestionService;
  clipper: ClipperService;
  analysis: StanceAnalysisService;
  graph: GraphService;
  settings: SettingsService;
  /** The browser-mode server's origin while one runs (for the bookmarklet), else null. */
  serverOrigin: { current: string | null };
  /** Prints HTML to PDF: given by the desktop app only (null in browser mode, the CLI and tests). */
  pdfPrinter: PdfPrinter | null;
  /** The second search thread of long-lived processes (search-thread.ts); null for one-shot commands. */
  searchThread: SearchThread | null;
  /** The searches long-lived processes run while idle after opening (search-warm-up.ts), stopped by the user's first; null elsewhere. */
  searchWarmUp: SearchWarmUp | null;
  /** Exports and imports on worker threads (exchange-jobs.ts), in the processes that stay open; null elsewhere. */
  exchangeJobs: ExchangeJobs | null;
}
