import type { Services } from '../../services/services';
import type { HandlerGroup } from '../handler-types';

type QuoteMethods =
  | 'quotes.create' | 'quotes.get' | 'quotes.update' | 'quotes.list'
  | 'speakers.create' | 'speakers.get' | 'speakers.update' | 'speakers.list' | 'speakers.merge' | 'speakers.resolve'
  | 'topics.create' | 'topics.get' | 'topics.update' | 'topics.list'
  | 'stances.set' | 'stances.list' | 'links.create' | 'links.list' | 'links.update' | 'topics.matrix' | 'speakers.stances' | 'items.graph';

export const quoteHandlers = (s: Services): HandlerGroup<QuoteMethods> => ({
  'quotes.create': (i) => s.quotes.create(i),
  'quotes.get': (i) => s.quotes.get(i.id),
  'quotes.update': (i) => s.quotes.update(i),
  'quotes.list': (i) => s.quotes.list(i),
  'speakers.create': (i) => s.speakers.create(i),
  'speakers.get': (i) => s.speakers.get(i.id),
  'speakers.update': (i) => s.speakers.update(i),
  'speakers.list': (i) => s.speakers.list(i),
  'speakers.merge': (i) => s.speakers.merge(i.fromId, i.intoId),
  'speakers.resolve': (i) => s.speakers.resolve(i.name),
  'topics.create': (i) => s.topics.create(i),
  'topics.get': (i) => s.topics.get(i.id),
  'topics.update': (i) => s.topics.update(i),
  'topics.list': (i) => s.topics.list(i),
  'stances.set': (i) => s.stances.set(i),
  'stances.list': (i) => s.stances.list(i),
  'topics.matrix': (i) => s.analysis.matrix(i.id),
  'speakers.stances': (i) => s.analysis.speakerStances(i.id),
  'items.graph': (i) => s.graph.neighbourhood(i.id, i.depth),
  'links.create': (i) => s.links.create(i),
  'links.update': (i) => s.links.update(i),
  'links.list': (i) => s.links.list(i),
});
