import type { Services } from '../../services/services';
import type { HandlerGroup } from '../handler-types';
import type { exchangeMethods } from '../../../shared/api/methods-exchange';
import { ExchangeService } from '../../services/exchange/exchange-service';

/** Handlers of export, import and backup methods. */
export const exchangeHandlers = (s: Services): HandlerGroup<keyof typeof exchangeMethods> => {
  const exchange = new ExchangeService(s);
  return {
    'export.run': (i, call) => exchange.export(i, call),
    'export.report.get': (i) => exchange.report(i),
    'import.run': (i, call) => exchange.import(i, call),
    'backup.list': async () => exchange.list(),
    'backup.restore': (i) => exchange.restore(i.name),
    'backup.auto': (i) => exchange.auto(i.keep),
  };
};
