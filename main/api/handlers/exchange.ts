import type { Services } from '../../services/services';
import type { CallContext, HandlerGroup } from '../handler-types';
import type { exchangeMethods } from '../../../shared/api/methods-exchange';
import { ExchangeService } from '../../services/exchange/exchange-service';
import type { ExchangeJobMethod } from '../../services/exchange/exchange-jobs';

/** Handlers of export, import and backup methods. */
export const exchangeHandlers = (s: Services): HandlerGroup<keyof typeof exchangeMethods> => {
  const exchange = new ExchangeService(s);
  // On a worker where the process has them (the app, browser mode) and the job is big; else here.
  const job = <T>(method: ExchangeJobMethod, input: unknown, call: CallContext, here: () => Promise<T>): Promise<T> =>
    s.exchangeJobs ? s.exchangeJobs.run(method, input, call, here) : here();
  return {
    // A PDF is printed by the app's own printer, which a worker does not have.
    'export.run': (i, call) => (i.format === 'pdf' ? exchange.export(i, call) : job('export.run', i, call, () => exchange.export(i, call))),
    'export.report.get': (i, call) => job('export.report.get', i, call, () => exchange.report(i)),
    'import.run': (i, call) => job('import.run', i, call, () => exchange.import(i, call)),
    'import.stop': async () => ({ stopping: s.exchangeJobs?.stop('import.run') ?? false }),
    'export.stop': async () => ({ stopping: s.exchangeJobs?.stop('export.run') ?? false }),
    'backup.list': async () => exchange.list(),
    'backup.restore': (i) => exchange.restore(i.name),
    'backup.auto': (i) => exchange.auto(i.keep),
  };
};
