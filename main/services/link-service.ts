import type { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { ItemType, Link, LinkType } from '../../shared/domain/entities';
import type { LinkCreate, LinkList, LinkUpdate } from '../../shared/api/schemas';
import { findItem } from '../db/repositories/items';
import type { ServiceContext } from './context';
import { requireLiveItem } from './items';

const LINKABLE: readonly ItemType[] = ['article', 'quote', 'speaker', 'topic', 'note', 'collection'];
type Raw = { id: string; type: LinkType; from_id: string; to_id: string | null; to_url: string | null; note: string; created_at: string };

/**
 * An address as a page's identity: parsed (so the host's case and default ports do not count),
 * without the #fragment (a place in the same page) or a trailing slash on the path. Null when it
 * does not parse.
 */
function sameAddressKey(raw: string): string | null {
  if (!URL.canParse(raw.trim())) return null;
  const url = new URL(raw.trim());
  url.hash = '';
  if (url.pathname.length > 1) url.pathname = url.pathname.replace(/\/+$/, '');
  return url.href;
}

export class LinkService {
  constructor(private readonly ctx: ServiceContext) {}

  /** A typed link from an item to another item or an external URL. Self-links are refused; cycles are fine. */
  async create(input: LinkCreate): Promise<Link> {
    if (input.toId !== undefined && input.toId === input.fromId) {
      throw new AppError('validation', 'toId: an item cannot link to itself', { field: 'toId' });
    }
    const from = requireLiveItem(this.ctx, input.fromId, LINKABLE);
    if (input.toId) requireLiveItem(this.ctx, input.toId, LINKABLE);
    if (input.toUrl && from.type === 'article' && this.isOwnAddress(input.fromId, input.toUrl)) {
      throw new AppError('validation', 'toUrl: that is the article’s own address; an item cannot link to itself', { field: 'toUrl' });
    }
    const duplicate = this.ctx.db
      .prepare('SELECT id FROM links WHERE from_id = ? AND type = ? AND deleted_at IS NULL AND (to_id IS ? AND to_url IS ?)')
      .get(input.fromId, input.type, input.toId ?? null, input.toUrl ?? null) as { id: string } | undefined;
    if (duplicate) throw new AppError('conflict', `That ${input.type} link already exists (${duplicate.id}).`, { id: duplicate.id });
    const id = this.ctx.newId();
    this.ctx.write(() =>
      this.ctx.db
        .prepare('INSERT INTO links (id, type, from_id, to_id, to_url, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(id, input.type, input.fromId, input.toId ?? null, input.toUrl ?? null, input.note ?? '', this.ctx.now()),
    );
    return this.toLink(this.ctx.db.prepare('SELECT * FROM links WHERE id = ?').get(id) as Raw).link;
  }

  /** A new type or note for a link; a type the same two ends already have a link of is a conflict. */
  async update(input: z.output<typeof LinkUpdate>): Promise<Link> {
    const current = await this.get(input.id);
    const type = input.type ?? current.type;
    if (type !== current.type) {
      const duplicate = this.ctx.db
        .prepare('SELECT id FROM links WHERE from_id = ? AND type = ? AND deleted_at IS NULL AND to_id IS ? AND to_url IS ? AND id <> ?')
        .get(current.fromId, type, current.toId, current.toUrl, current.id) as { id: string } | undefined;
      if (duplicate) throw new AppError('conflict', `That ${type} link already exists (${duplicate.id}).`, { id: duplicate.id });
    }
    this.ctx.write(() => this.ctx.db.prepare('UPDATE links SET type = ?, note = ? WHERE id = ?').run(type, input.note ?? current.note, current.id));
    return this.get(current.id);
  }

  /** Whether `url` is where the article was clipped from or its canonical address (a self-link in disguise). */
  private isOwnAddress(articleId: string, url: string): boolean {
    const own = this.ctx.db.prepare('SELECT url, canonical_url FROM articles WHERE id = ?').get(articleId) as { url: string | null; canonical_url: string | null } | undefined;
    const target = sameAddressKey(url);
    return [own?.url, own?.canonical_url].some((u) => u != null && target !== null && sameAddressKey(u) === target);
  }

  /** One link by its own id (trashed links are not-found). */
  async get(id: string): Promise<Link> {
    const r = this.ctx.db.prepare('SELECT * FROM links WHERE id = ? AND deleted_at IS NULL').get(id) as Raw | undefined;
    if (!r) throw new AppError('not-found', `No link with id ${id}.`, { id });
    return this.toLink(r).link;
  }

  async list(input: z.output<typeof LinkList>): Promise<Link[]> {
    const { itemId, direction } = input;
    const clauses: string[] = [];
    if (direction !== 'incoming') clauses.push('from_id = @itemId');
    if (direction !== 'outgoing') clauses.push('to_id = @itemId');
    const rows = this.ctx.db
      .prepare(`SELECT * FROM links WHERE deleted_at IS NULL AND (${clauses.join(' OR ')}) ORDER BY created_at`)
      .all({ itemId }) as Raw[];
    // A link whose other end is in the trash is hidden until that end comes back.
    return rows.map((r) => this.toLink(r)).filter((l) => !l.hidden).map((l) => l.link);
  }

  outgoing(itemId: string): Promise<Link[]> {
    return this.list({ itemId, direction: 'outgoing' });
  }

  incoming(itemId: string): Promise<Link[]> {
    return this.list({ itemId, direction: 'incoming' });
  }

  private toLink(r: Raw): { link: Link; hidden: boolean } {
    const from = findItem(this.ctx.db, r.from_id);
    const to = r.to_id ? findItem(this.ctx.db, r.to_id) : undefined;
    const link: Link = {
      id: r.id,
      type: r.type,
      fromId: r.from_id,
      fromType: from?.type ?? 'article',
      fromTitle: from?.title ?? '(missing)',
      toId: r.to_id,
      toType: r.to_url ? 'url' : (to?.type ?? 'article'),
      toTitle: r.to_url ?? to?.title ?? '(missing)',
      toUrl: r.to_url,
      note: r.note,
      createdAt: r.created_at,
    };
    return { link, hidden: Boolean(from?.deletedAt || to?.deletedAt) };
  }
}
