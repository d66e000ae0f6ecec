import type { Services } from '../../services/services';
import type { HandlerGroup } from '../handler-types';

type OrganizeMethods =
  | 'tags.list' | 'tags.add' | 'tags.remove' | 'tags.rename' | 'tags.delete'
  | 'collections.create' | 'collections.get' | 'collections.update' | 'collections.list' | 'collections.addItems' | 'collections.removeItems'
  | 'notes.create' | 'notes.get' | 'notes.update' | 'notes.list';

export const organizeHandlers = (s: Services): HandlerGroup<OrganizeMethods> => ({
  'tags.list': async (i) => (await s.tags.list(i.contains)).slice(i.offset ?? 0, i.limit === undefined ? undefined : (i.offset ?? 0) + i.limit),
  'tags.add': (i) => s.tags.add(i.itemId, i.tag),
  'tags.remove': (i) => s.tags.remove(i.itemId, i.tag),
  'tags.rename': (i) => s.tags.rename(i.id, i.name),
  'tags.delete': (i) => s.tags.delete(i.tag),
  'collections.create': (i) => s.collections.create(i),
  'collections.get': (i) => s.collections.get(i.id),
  'collections.update': (i) => s.collections.update(i),
  'collections.list': (i) => s.collections.list(i),
  'collections.addItems': (i) => s.collections.addItems(i.collectionId, i.itemIds),
  'collections.removeItems': (i) => s.collections.removeItems(i.collectionId, i.itemIds),
  'notes.create': (i) => s.notes.create(i),
  'notes.get': (i) => s.notes.get(i.id),
  'notes.update': (i) => s.notes.update(i),
  'notes.list': (i) => s.notes.list(i),
});
