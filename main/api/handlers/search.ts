import type { Services } from '../../services/services';
import type { HandlerGroup } from '../handler-types';
import type { searchMethods } from '../../../shared/api/methods-search';
import { SearchService } from '../../services/search/search-service';

/** Handlers of the search methods; the search service is built here from the shared context. */
export const searchHandlers = (s: Services): HandlerGroup<keyof typeof searchMethods> => {
  const search = new SearchService(s.ctx, { thread: s.searchThread });
  return {
    'search.query': (i) => {
      // The user searches: the idle warm-up has done its part (their searches warm the process now).
      s.searchWarmUp?.stop();
      return search.query(i);
    },
    'search.quickOpenIndex': (i) => search.quickOpenIndex(i.maxArticles),
    'search.saved.list': () => search.listSaved(),
    'search.saved.save': (i) => search.saveSearch(i.name, i.query),
    'search.saved.delete': (i) => search.deleteSaved(i.id),
  };
};
