import type { Services } from '../../services/services';
import type { HandlerGroup } from '../handler-types';

export const articleHandlers = (s: Services): HandlerGroup<'articles.create' | 'articles.get' | 'articles.update' | 'articles.list'> => ({
  'articles.create': (i) => s.clip.createFromPaste(i),
  'articles.get': (i) => s.articles.get(i.id),
  'articles.update': (i) => s.articles.update(i),
  'articles.list': (i) => s.articles.list(i),
});
