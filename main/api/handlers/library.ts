import type { Services } from '../../services/services';
import type { HandlerGroup } from '../handler-types';

export const libraryHandlers = (s: Services): HandlerGroup<'app.capabilities.get' | 'library.info' | 'library.check' | 'library.optimize' | 'library.backup' | 'settings.get' | 'settings.update' | 'items.get' | 'items.trash' | 'items.restore' | 'trash.list' | 'trash.purge'> => ({
  'app.capabilities.get': async () => ({ pdf: s.pdfPrinter !== null }),
  'library.info': () => s.library.info(),
  'library.check': (p) => s.library.check(p),
  'library.optimize': () => s.library.optimize(),
  'library.backup': (i) => s.library.backup(i.path, { withFiles: i.withFiles ?? false }),
  'settings.get': () => s.settings.get(),
  'settings.update': (i) => s.settings.update(i),
  'items.get': (i) => s.items.get(i.id),
  'items.trash': (i) => s.trash.trash(i.id),
  'items.restore': (i) => s.trash.restore(i.id),
  'trash.list': (i) => s.trash.list(i),
  'trash.purge': (i) => s.trash.purge(i.id),
});
