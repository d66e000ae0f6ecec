import { diffWordsWithSpace } from 'diff';
import { AppError, isAppError } from '../../shared/errors';
import type { ExtractedArticle, ExtractResult } from '../../shared/domain/extraction';
import type { Article } from '../../shared/domain/entities';
import type { ArticleCreate } from '../../shared/api/schemas';
import type { ArticleVersion, ArticlesClip, ClipManyResult, ClipResult, ClipSource, DiffPart, SelectionOutcome } from '../../shared/api/methods-clip';
import type { CallContext } from '../api/handler-types';
import { locateQuote } from './anchoring';
import type { ArticleService } from './article-service';
import { contentHashOf } from './content';
import type { ServiceContext } from './context';
import { refreshNotesNaming } from './notes/search-text';
import type { QuoteService } from './quote-service';
import { readSnapshot, writeSnapshot } from './snapshots';
import type { SuggestionService } from './suggestion-service';
import { extractArticle } from './clip/extract-html';
import { sanitizeHtml } from './clip/sanitize';
import { decodeBytes } from './clip/decode';
import { extractFromSource, type ClipSource as PipelineSource } from './clip/load-input';
import { localizeImages, recordAssetsInTransaction, type StoredAsset } from './image-store';
import type { SettingsService } from './settings-service';
import { TO_CLIP_TAG } from './exchange/import-plan';

export interface ClipOptions {
  tags?: string[];
  collection?: string;
  allowPrivateAddresses?: boolean;
  selection?: string;
  /** Where a file or stdin came from on the web (`clip FILE --url ORIGINAL`). */
  originalUrl?: string;
  sourceKind?: 'url' | 'file' | 'paste' | 'browser' | 'import';
}

/** A clip source as the CLI gives it: an API source, or a file path the CLI may read. */
export type AnySource = ClipSource | { kind: 'file'; path: string };

const SELECTION_MESSAGES: Record<SelectionOutcome['status'], string> = {
  quoted: 'Your selection was saved as a quote.',
  'already-quoted': 'Your selection was already a quote in this article; it was not added again.',
  'not-in-article':
    'Your selection is not in the article text Sourcebook kept (it may be in a caption, a sidebar or the comments, which the article leaves out), ' +
    'so it is not marked in the article. It was kept as a quote: find it under Quotes → Show: Not found in source.',
};

/** The result's fields about the selection: `quoteId` names a quote only when it is in the article. */
const selectionFields = (outcome: SelectionOutcome | undefined): Pick<ClipResult, 'quoteId' | 'selection'> => ({
  quoteId: outcome && outcome.status !== 'not-in-article' ? outcome.quoteId : null,
  ...(outcome ? { selection: outcome } : {}),
});

const describeSource = (source: AnySource): string =>
  source.kind === 'url' ? source.url : source.kind === 'file' ? source.path : source.kind === 'html' ? (source.fileName ?? source.url ?? '(pasted HTML)') : (source.fileName ?? `(pasted ${source.kind})`);

function toSourceInput(source: AnySource): PipelineSource {
  switch (source.kind) {
    case 'url': return source.url;
    case 'file': return source.path;
    case 'html': return { html: source.html, url: source.url ?? null };
    case 'text': return { text: source.text };
    case 'markdown': return { markdown: source.markdown };
  }
}

/** A title the user gave for pasted text wins over the extracted one. */
function givenTitle(source: AnySource): string | undefined {
  return source.kind === 'text' || source.kind === 'markdown' ? source.title?.trim() || undefined : undefined;
}

/**
 * Clipping: any URL, file, paste or browser page becomes a clean, offline, deduplicated article.
 * Each input is stored in its own transaction together with its suggestions, after its raw
 * snapshot is on disk; a re-clip whose text changed adds a version and re-anchors the quotes.
 */
export class ClipService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly articles: ArticleService,
    private readonly quotes: QuoteService,
    private readonly suggestions: SuggestionService,
    private readonly settings: SettingsService,
  ) {}

  /** Store the article's images in the library unless the user keeps images remote. */
  private async withLocalImages(articleId: string, article: ExtractedArticle, options: ClipOptions, signal?: AbortSignal): Promise<{ article: ExtractedArticle; assets: StoredAsset[] }> {
    if ((await this.settings.get()).images !== 'store') return { article, assets: [] };
    const { html, assets } = await localizeImages(this.ctx, articleId, article.html, { allowPrivateAddresses: options.allowPrivateAddresses, signal });
    return { article: { ...article, html }, assets };
  }

  /**
   * Paste (the Foundation's `articles.create`): clip the text, HTML or Markdown, then apply the
   * metadata the user typed over what was extracted.
   */
  async createFromPaste(input: ArticleCreate): Promise<Article> {
    const source: ClipSource =
      input.html !== undefined
        ? { kind: 'html', html: input.html, url: input.url ?? null }
        : input.markdown !== undefined
          ? { kind: 'markdown', markdown: input.markdown, ...(input.title ? { title: input.title } : {}) }
          : { kind: 'text', text: input.text ?? '', ...(input.title ? { title: input.title } : {}) };
    const body = input.html ?? input.markdown ?? input.text ?? '';
    if (body.trim() === '') throw new AppError('validation', 'text: the article is empty; paste some text, HTML or Markdown', { field: 'text' });
    let result: ClipResult;
    try {
      result = await this.clip(source, { tags: input.tags, collection: input.collection, sourceKind: 'paste' });
    } catch (error) {
      if (isAppError(error) && error.code === 'clip/unsupported') throw new AppError('validation', `text: ${error.message}`, { field: 'text' });
      throw error;
    }
    const overrides: Record<string, unknown> = Object.fromEntries(
      (['title', 'authors', 'siteName', 'publishedAt', 'lang', 'url'] as const).filter((k) => input[k] !== undefined && input[k] !== null).map((k) => [k, input[k]]),
    );
    // A typed title is trimmed like every other title (articles.update takes a trimmed, non-empty Name).
    if (typeof overrides.title === 'string') overrides.title = overrides.title.trim() || undefined;
    if (overrides.title === undefined) delete overrides.title;
    try {
      if (!result.duplicate && Object.keys(overrides).length > 0) await this.articles.update({ id: result.id, ...overrides });
      return this.articles.require(result.id);
    } catch (error) {
      // Stored a moment ago and gone already: only a restore replaces the library under a write like this.
      if (isAppError(error) && error.code === 'not-found' && !this.ctx.db.prepare('SELECT 1 FROM items WHERE id = ?').get(result.id)) {
        throw new AppError(
          'conflict',
          'The library was replaced by a backup while this article was being saved, so it is not in the library now. The library as it was, with the article, is kept in the backups folder; add the article again to have it here.',
          { id: result.id },
        );
      }
      throw error;
    }
  }

  /** Run the pipeline and return what would be stored (CLI `extract`): nothing is written. */
  async extract(source: AnySource, options: { allowPrivateAddresses?: boolean; signal?: AbortSignal; url?: string } = {}): Promise<ExtractResult> {
    const extracted = await extractFromSource(toSourceInput(source), options);
    const article = { ...extracted.article, title: givenTitle(source) ?? extracted.article.title };
    const found = this.suggestions.compute(article.text, article.links);
    return { source: describeSource(source), ...article, suggestedQuotes: found.quotes, suggestedSources: found.sources };
  }

  async clip(source: AnySource, options: ClipOptions = {}, call: CallContext = {}): Promise<ClipResult> {
    const extracted = await extractFromSource(toSourceInput(source), {
      allowPrivateAddresses: options.allowPrivateAddresses,
      signal: call.signal,
      ...(options.originalUrl ? { url: options.originalUrl } : {}),
    });
    const raw = extracted.raw;
    const article = { ...extracted.article, title: givenTitle(source) ?? extracted.article.title };
    if (article.text.trim().length === 0) {
      throw new AppError('clip/unsupported', `${describeSource(source)} has no readable text to clip.`);
    }
    const found = this.suggestions.compute(article.text, article.links);
    const extractResult: ExtractResult = { source: describeSource(source), ...article, suggestedQuotes: found.quotes, suggestedSources: found.sources };
    const sourceKind = options.sourceKind ?? (source.kind === 'url' ? 'url' : source.kind === 'file' ? 'file' : 'paste');

    const existing = this.articles.findDuplicate({ canonicalUrl: article.canonicalUrl, url: article.url, text: article.text });
    if (existing && existing.contentHash === contentHashOf(article.text)) {
      const selection = options.selection?.trim() ? this.ctx.write(() => this.selectionInTransaction(existing.id, options.selection)) : undefined;
      return { ...extractResult, title: this.storedTitle(existing.id, extractResult.title), id: existing.id, duplicate: true, updated: false, version: existing.version, ...selectionFields(selection) };
    }
    if (existing) {
      const local = await this.withLocalImages(existing.id, article, options, call.signal);
      return this.addVersion(existing.id, local.article, raw, found, extractResult, options, local.assets);
    }

    const id = this.ctx.newId();
    const { article: stored, assets } = await this.withLocalImages(id, article, options, call.signal);
    const snapshotPath = raw ? writeSnapshot(this.ctx.libraryDir, id, 1, raw.bytes, raw.contentType) : null;
    const selection = this.ctx.write(() => {
      this.articles.insertInTransaction(id, {
        content: { html: stored.html, text: article.text, title: article.title, wordCount: article.wordCount },
        title: article.title, url: article.url, canonicalUrl: article.canonicalUrl, authors: article.authors, siteName: article.siteName,
        publishedAt: article.publishedAt, modifiedAt: article.modifiedAt, lang: article.lang, excerpt: article.excerpt,
        leadImageUrl: article.leadImageUrl, snapshotPath, sourceKind, tags: options.tags, collection: options.collection,
      });
      recordAssetsInTransaction(this.ctx, id, assets);
      this.suggestions.storeInTransaction(id, found);
      return this.selectionInTransaction(id, options.selection);
    });
    return { ...extractResult, title: this.storedTitle(id, extractResult.title), html: stored.html, id, duplicate: false, updated: false, version: 1, ...selectionFields(selection) };
  }

  /** The same URL with changed text: keep the old text as a version, store the new, re-anchor quotes. */
  private addVersion(
    id: string,
    article: ExtractedArticle,
    raw: { bytes: Buffer; contentType: string } | null,
    found: ReturnType<SuggestionService['compute']>,
    extractResult: ExtractResult,
    options: ClipOptions,
    assets: StoredAsset[] = [],
  ): ClipResult {
    const current = this.articles.require(id);
    const version = current.version + 1;
    const snapshotPath = raw ? writeSnapshot(this.ctx.libraryDir, id, version, raw.bytes, raw.contentType) : null;
    const selection = this.ctx.write(() => {
      const db = this.ctx.db;
      db.prepare(
        `INSERT INTO article_versions (id, article_id, version, title, html, text, content_hash, snapshot_path, clipped_at)
         SELECT ?, id, version, title, html, text, content_hash, snapshot_path, clipped_at FROM articles WHERE id = ?`,
      ).run(this.ctx.newId(), id);
      db.prepare(
        `UPDATE articles SET title = @title, html = @html, text = @text, word_count = @wordCount, content_hash = @hash, snapshot_path = coalesce(@snapshotPath, snapshot_path),
           modified_at = coalesce(@modifiedAt, modified_at), excerpt = coalesce(@excerpt, excerpt), version = @version, clipped_at = @now, updated_at = @now
         WHERE id = @id`,
      ).run({
        id, title: article.title || current.title, html: article.html, text: article.text, wordCount: article.wordCount, hash: contentHashOf(article.text),
        snapshotPath, modifiedAt: article.modifiedAt, excerpt: article.excerpt, version, now: this.ctx.now(),
      });
      recordAssetsInTransaction(this.ctx, id, assets);
      if (article.title && article.title !== current.title) refreshNotesNaming(db, [id]);
      this.quotes.reanchorInTransaction(id, article.text);
      this.suggestions.storeInTransaction(id, found);
      // An imported citation or highlight waited for its page (import-plan.ts): it has it now.
      db.prepare('DELETE FROM taggings WHERE item_id = ? AND tag_id IN (SELECT id FROM tags WHERE name = ? COLLATE NOCASE)').run(id, TO_CLIP_TAG);
      return this.selectionInTransaction(id, options.selection);
    });
    return { ...extractResult, title: this.storedTitle(id, extractResult.title), html: article.html, id, duplicate: false, updated: true, version, ...selectionFields(selection) };
  }

  /**
   * The title as stored: an untitled page or paste gets one from its text when stored, and the
   * result (printed by `clip`) must name the article the list shows.
   */
  private storedTitle(id: string, fallback: string): string {
    return (this.ctx.db.prepare('SELECT title FROM articles WHERE id = ?').pluck().get(id) as string | undefined) ?? fallback;
  }

  /**
   * The browser selection becomes a highlight quote, in the clip's transaction. Clicking the
   * bookmarklet twice with the same selection must not quote it twice, so an identical quote on the
   * article (same wording, not in the trash) is reused. A selection the extractor left out of the
   * article (a caption, a sidebar) is still the user's: it is kept as an orphan quote, which the
   * Quotes view lists as not found in the source, instead of being dropped without a word.
   */
  private selectionInTransaction(articleId: string, selection: string | undefined): SelectionOutcome | undefined {
    const text = selection?.trim();
    if (!text) return undefined;
    const article = this.articles.require(articleId);
    // The same search quotes.create does, so what is found here is what it stores.
    const located = locateQuote(article.text, { exact: text }, { allowFuzzy: false });
    const wording = located ? article.text.slice(located.start, located.end) : text;
    const same = this.ctx.db
      .prepare('SELECT id FROM quotes WHERE article_id = ? AND text = ? AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1')
      .get(articleId, wording) as { id: string } | undefined;
    const outcome = (status: SelectionOutcome['status'], quoteId: string): SelectionOutcome => ({ status, quoteId, message: SELECTION_MESSAGES[status] });
    if (located) {
      if (same) return outcome('already-quoted', same.id);
      return outcome('quoted', this.quotes.createInTransaction({ articleId, text, kind: 'highlight', origin: 'browser' }));
    }
    if (same) return outcome('not-in-article', same.id);
    const id = this.ctx.newId();
    const now = this.ctx.now();
    // An orphan has no place in the text; the offsets only satisfy the table's checks (the reader
    // places no orphan) and a later version of the page that contains the text re-anchors it.
    this.ctx.db
      .prepare(
        `INSERT INTO quotes (id, article_id, text, prefix, suffix, start_offset, end_offset, anchor_status, kind, said_at, note, origin, created_at, updated_at)
         VALUES (@id, @articleId, @text, '', '', 0, @end, 'orphan', 'highlight', @saidAt, @note, 'browser', @now, @now)`,
      )
      .run({ id, articleId, text, end: text.length, saidAt: article.publishedAt ?? null, note: 'Selected on the page in the browser, but not found in the clipped article text.', now });
    return outcome('not-in-article', id);
  }

  /** Clip many inputs, a few at a time; every committed article stays; cancelling stops the rest. */
  async clipMany(sources: AnySource[], options: ClipOptions & { concurrency?: number }, call: CallContext = {}): Promise<ClipManyResult> {
    const results: ClipManyResult['results'] = [];
    let next = 0;
    let done = 0;
    let errors = 0;
    const total = sources.length;
    const worker = async () => {
      while (next < total && !call.signal?.aborted) {
        const index = next++;
        const source = sources[index]!;
        call.onProgress?.({ task: 'clip', done, total, current: describeSource(source), errors });
        try {
          results.push({ ok: true, index, result: await this.clip(source, options, { signal: call.signal }) });
        } catch (error) {
          errors++;
          const info = isAppError(error) ? error.toInfo() : { code: 'internal', message: (error as Error).message };
          results.push({ ok: false, index, source: describeSource(source), error: { code: info.code, message: info.message } });
        }
        done++;
        call.onProgress?.({ task: 'clip', done, total, current: describeSource(source), errors });
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 3, total) }, worker));
    results.sort((a, b) => a.index - b.index);
    return { results, cancelled: Boolean(call.signal?.aborted) && done < total };
  }

  async versions(id: string): Promise<ArticleVersion[]> {
    const current = this.articles.require(id);
    const older = this.ctx.db
      .prepare('SELECT version, title, clipped_at, content_hash, text FROM article_versions WHERE article_id = ? ORDER BY version DESC')
      .all(id) as { version: number; title: string; clipped_at: string; content_hash: string; text: string }[];
    return [
      { version: current.version, title: current.title, clippedAt: current.clippedAt, contentHash: current.contentHash, wordCount: current.wordCount, isCurrent: true },
      ...older.map((v) => ({ version: v.version, title: v.title, clippedAt: v.clipped_at, contentHash: v.content_hash, wordCount: v.text.split(/\s+/).filter(Boolean).length, isCurrent: false })),
    ];
  }

  private textOfVersion(id: string, version: number): string {
    const current = this.articles.require(id);
    if (version === current.version) return current.text;
    const row = this.ctx.db.prepare('SELECT text FROM article_versions WHERE article_id = ? AND version = ?').get(id, version) as { text: string } | undefined;
    if (!row) throw new AppError('not-found', `Article ${id} has no version ${version}.`, { id, version });
    return row.text;
  }

  /** A word-level diff between two versions of an article's text. */
  async diff(id: string, from: number, to: number): Promise<{ parts: DiffPart[] }> {
    const parts = diffWordsWithSpace(this.textOfVersion(id, from), this.textOfVersion(id, to));
    return { parts: parts.map((p) => ({ value: p.value, ...(p.added ? { added: true } : {}), ...(p.removed ? { removed: true } : {}) })) };
  }

  /** The raw page as clipped, sanitized for viewing (its scripts never run). */
  async snapshot(id: string, version?: number): Promise<{ html: string; contentType: string; version: number }> {
    const current = this.articles.require(id);
    const wanted = version ?? current.version;
    const path =
      wanted === current.version
        ? current.snapshotPath
        : (this.ctx.db.prepare('SELECT snapshot_path FROM article_versions WHERE article_id = ? AND version = ?').get(id, wanted) as { snapshot_path: string | null } | undefined)?.snapshot_path;
    if (!path) throw new AppError('not-found', `No original snapshot is stored for version ${wanted} of this article.`, { id, version: wanted });
    const { bytes, contentType } = readSnapshot(this.ctx.libraryDir, path);
    const text = decodeBytes(bytes, { contentType }).text;
    const html = /html/i.test(contentType) ? sanitizeHtml(text) : `<pre>${text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!)}</pre>`;
    return { html, contentType, version: wanted };
  }

  /** Run the extractor again over the stored snapshot (after an extractor improvement, say). */
  async reextract(id: string): Promise<ClipResult> {
    const current = this.articles.require(id);
    if (!current.snapshotPath) throw new AppError('not-found', 'This article has no stored snapshot to re-extract from.', { id });
    const { bytes, contentType } = readSnapshot(this.ctx.libraryDir, current.snapshotPath);
    if (!/html/i.test(contentType)) throw new AppError('clip/unsupported', 'Only HTML snapshots can be re-extracted.', { id });
    const article = extractArticle(decodeBytes(bytes, { contentType }).text, { url: current.url });
    const found = this.suggestions.compute(article.text, article.links);
    const extractResult: ExtractResult = { source: current.url ?? id, ...article, suggestedQuotes: found.quotes, suggestedSources: found.sources };
    if (contentHashOf(article.text) === current.contentHash) return { ...extractResult, id, duplicate: true, updated: false, version: current.version };
    const local = await this.withLocalImages(id, article, {});
    return this.addVersion(id, local.article, null, found, extractResult, {}, local.assets);
  }
}

export type { ArticlesClip };
