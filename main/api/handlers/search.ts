import type { Services } from '../../services/services';
import type { HandlerGroup } from '../handler-types';
import type { searchMethods } from '../../../shared/api/methods-search';

/** Handlers of the search methods; the search service is built here from the shared context. */
export const searchHandlers = (_s: Services): HandlerGroup<keyof typeof searchMethods> => ({});
