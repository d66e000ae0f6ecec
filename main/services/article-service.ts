import { AppError } from '../../shared/errors';
import type { Article, ArticleSummary, Page } from '../../shared/domain/entities';
import type { ArticleList } from '../../shared/api/schemas';
import type { z } from 'zod';
import type { ArticleUpdate } from '../../shared/api/schemas';
import { findArticleByUrlOrHash, getArticle, insertArticle, listArticles, updateArticleFields } from '../db/repositories/articles';
import type { ServiceContext } from './context';
import { refreshNotesNaming } from './notes/search-text';
import { contentHashOf, titleFromText, type ArticleContent } from './content';
import type { TagService } from './tag-service';
import type { CollectionService } from './collection-service';

export interface NewArticle {
  content: ArticleContent;
  title?: string | null;
  url?: string | null;
  canonicalUrl?: string | null;
  authors?: string[];
  siteName?: string | null;
  publishedAt?: string | null;
  modifiedAt?: string | null;
  lang?: string | null;
  excerpt?: string | null;
  leadImageUrl?: string | null;
  snapshotPath?: string | null;
  sourceKind: Article['sourceKind'];
  tags?: string[];
  collection?: string;
}

export class ArticleService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly tags: TagService,
    private readonly collections: CollectionService,
  ) {}

  /** Store a new article (one transaction with its tags and collection). Used by create and clip. */
  insert(a: NewArticle): Article {
    const id = this.ctx.newId();
    this.ctx.write(() => this.insertInTransaction(id, a));
    return this.require(id);
  }

  /** Insert an article with this id, its tags and collection, inside the caller's transaction. */
  insertInTransaction(id: string, a: NewArticle): void {
    const now = this.ctx.now();
    insertArticle(this.ctx.db, {
      id,
      url: a.url ?? null,
      canonicalUrl: a.canonicalUrl ?? null,
      title: (a.title?.trim() || a.content.title?.trim() || titleFromText(a.content.text)).slice(0, 2000),
      authors: a.authors ?? [],
      siteName: a.siteName ?? null,
      publishedAt: a.publishedAt ?? null,
      modifiedAt: a.modifiedAt ?? null,
      clippedAt: now,
      lang: a.lang ?? null,
      excerpt: a.excerpt ?? (a.content.text.slice(0, 280).trim() || null),
      leadImageUrl: a.leadImageUrl ?? null,
      html: a.content.html,
      text: a.content.text,
      wordCount: a.content.wordCount,
      contentHash: contentHashOf(a.content.text),
      snapshotPath: a.snapshotPath ?? null,
      sourceKind: a.sourceKind,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    for (const tag of a.tags ?? []) this.tags.addInTransaction(id, tag);
    if (a.collection) this.collections.addByNameInTransaction(a.collection, [id]);
  }

  findDuplicate(keys: { canonicalUrl: string | null; url: string | null; text: string }): ArticleSummary | undefined {
    return findArticleByUrlOrHash(this.ctx.db, { canonicalUrl: keys.canonicalUrl, url: keys.url, contentHash: contentHashOf(keys.text) });
  }

  async get(id: string): Promise<Article> {
    return this.require(id);
  }

  require(id: string): Article {
    const article = getArticle(this.ctx.db, id);
    if (!article) throw new AppError('not-found', `No article with id ${id}. List articles with \`sourcebook list --type article\`.`, { id });
    return article;
  }

  async update(input: z.output<typeof ArticleUpdate>): Promise<Article> {
    this.require(input.id);
    const { id, ...fields } = input;
    this.ctx.write(() => {
      updateArticleFields(this.ctx.db, id, fields, this.ctx.now());
      if (fields.title !== undefined) refreshNotesNaming(this.ctx.db, [id]);
    });
    return this.require(id);
  }

  async list(params: ArticleList): Promise<Page<ArticleSummary>> {
    const { items, total } = listArticles(this.ctx.db, params);
    return { items, total, offset: params.offset, limit: params.limit };
  }
}
