import type { ClipResult, ClipSource } from '../../../shared/api/methods-clip';
import type { Article } from '../../../shared/domain/entities';
import { ApiError, call } from '../../api/client';

/** Where clipped articles go: the same tags and collection for every article of one clip. */
export interface ClipTarget {
  tags: string[];
  collection: string;
}

export const NO_TARGET: ClipTarget = { tags: [], collection: '' };

/** "climate, EU policy ,, climate" → ["climate", "EU policy"]. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of text.split(',')) {
    const tag = raw.trim().replace(/^#/, '');
    if (tag && !seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase());
      tags.push(tag);
    }
  }
  return tags;
}

export type ClipOutcome = 'added' | 'duplicate' | 'updated';

export const outcomeOf = (result: ClipResult): ClipOutcome => (result.duplicate ? 'duplicate' : result.updated ? 'updated' : 'added');

/** What the user is told after one clip (toast and per-item results). */
export function clipMessage(result: Pick<ClipResult, 'duplicate' | 'updated' | 'version'>, title: string): string {
  if (result.duplicate) return `Already in your library: “${title}”.`;
  if (result.updated) return `Updated to version ${result.version}: “${title}”.`;
  return `Added “${title}”.`;
}

export function shortOutcome(result: ClipResult): string {
  if (result.duplicate) return 'Already in your library';
  if (result.updated) return `Updated to version ${result.version}`;
  return 'Added';
}

/**
 * The API files a *new* article under the clip's tags and collection, but leaves an article it
 * already had alone. A user re-clipping into a collection expects the article there, so the
 * renderer adds them itself (both calls are idempotent).
 */
async function applyTargetToExisting(id: string, target: ClipTarget): Promise<void> {
  for (const tag of target.tags) await call('tags.add', { itemId: id, tag });
  const name = target.collection.trim();
  if (!name) return;
  const collections = await call('collections.list', { limit: 1000, sort: 'name', order: 'asc' });
  const found = collections.items.find((c) => c.name.toLowerCase() === name.toLowerCase());
  const collection = found ?? (await call('collections.create', { name }));
  await call('collections.addItems', { collectionId: collection.id, itemIds: [id] });
}

export interface ClippedArticle {
  result: ClipResult;
  article: Article;
  message: string;
}

/** Clip one source into the library, file it under the target, and load the stored article. */
export async function clipOne(source: ClipSource, target: ClipTarget, allowPrivateAddresses = false): Promise<ClippedArticle> {
  const collection = target.collection.trim();
  const result = await call('articles.clip', {
    source,
    allowPrivateAddresses,
    ...(target.tags.length ? { tags: target.tags } : {}),
    ...(collection ? { collection } : {}),
  });
  if (result.duplicate || result.updated) await applyTargetToExisting(result.id, target);
  let article: Article;
  try {
    article = await call('articles.get', { id: result.id });
  } catch (error) {
    // Stored but unreadable right away (trashed in another window meanwhile): still say what happened.
    if (error instanceof ApiError && error.code === 'not-found') throw new Error(`The article was clipped but is no longer in the library (moved to the trash?).`);
    throw error;
  }
  return { result, article, message: clipMessage(result, article.title) };
}
