import type { Services } from '../../services/services';
import type { HandlerGroup } from '../handler-types';
import type { exchangeMethods } from '../../../shared/api/methods-exchange';

/** Handlers of export, import and backup methods. */
export const exchangeHandlers = (_s: Services): HandlerGroup<keyof typeof exchangeMethods> => ({});
