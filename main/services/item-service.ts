import { AppError } from '../../shared/errors';
import type { ItemDetail, Quote, Stance } from '../../shared/domain/entities';
import { findItem } from '../db/repositories/items';
import type { Services } from './services';

/** `show ID`: any item with its quotes, stances, links, backlinks, tags and collections. */
export class ItemService {
  constructor(private readonly s: Omit<Services, 'items'>) {}

  async get(id: string): Promise<ItemDetail> {
    const ref = findItem(this.s.ctx.db, id);
    if (!ref) throw new AppError('not-found', `No item with id ${id}.`, { id });
    if (ref.deletedAt) throw new AppError('not-found', `The ${ref.type} ${id} is in the trash; restore it first (\`sourcebook restore ${id}\`).`, { id, trashed: true });
    const s = this.s;
    const item = await (async () => {
      switch (ref.type) {
        case 'article': return s.articles.get(id);
        case 'quote': return s.quotes.get(id);
        case 'speaker': return s.speakers.get(id);
        case 'topic': return s.topics.get(id);
        case 'note': return s.notes.get(id);
        case 'collection': return s.collections.get(id);
        case 'tag': return (await s.tags.list()).find((t) => t.id === id)!;
        // By the link's own id: links.list would look for links *of* the link, and find none.
        case 'link': return s.links.get(id);
        case 'stance': return s.stances.require(id);
      }
    })();

    let quotes: Quote[] = [];
    if (ref.type === 'article') quotes = (await s.quotes.list({ articleId: id, limit: 1000, offset: 0 })).items;
    if (ref.type === 'speaker') quotes = (await s.quotes.list({ speakerId: id, limit: 1000, offset: 0, sort: 'saidAt' })).items;

    let stances: Stance[] = [];
    if (ref.type === 'topic') stances = await s.stances.list({ topicId: id, includeHistory: true });
    else if (ref.type === 'quote' || ref.type === 'article' || ref.type === 'speaker') stances = await s.stances.list({ subjectId: id, includeHistory: true });

    const isLinkable = ref.type !== 'link' && ref.type !== 'stance' && ref.type !== 'tag';
    return {
      type: ref.type,
      id,
      title: ref.title,
      item,
      quotes,
      stances,
      links: isLinkable ? await s.links.outgoing(id) : [],
      backlinks: isLinkable ? await s.links.incoming(id) : [],
      tags: s.tags.tagsOf(id),
      collections: s.collections.collectionsOf(id),
    };
  }
}
