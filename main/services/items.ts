import { AppError } from '../../shared/errors';
import type { ItemType } from '../../shared/domain/entities';
import { findItem, type ItemRef } from '../db/repositories/items';
import type { ServiceContext } from './context';

/** The item with this id, not in the trash, or `not-found` saying so. */
export function requireLiveItem(ctx: ServiceContext, id: string, allowed?: readonly ItemType[]): ItemRef {
  const item = findItem(ctx.db, id);
  if (!item) throw new AppError('not-found', `No item with id ${id}.`, { id });
  if (item.deletedAt) throw new AppError('not-found', `The ${item.type} ${id} is in the trash; restore it first (\`sourcebook restore ${id}\`).`, { id, trashed: true });
  if (allowed && !allowed.includes(item.type)) {
    throw new AppError('validation', `${id} is a ${item.type}; expected ${allowed.join(' or ')}.`, { id, type: item.type });
  }
  return item;
}
