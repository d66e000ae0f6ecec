import type { Services } from '../../services/services';
import type { HandlerGroup } from '../handler-types';
import type { clipMethods } from '../../../shared/api/methods-clip';

/** Handlers of the clipping methods; the clip service is built here from the shared services. */
export const clipHandlers = (_s: Services): HandlerGroup<keyof typeof clipMethods> => ({});
