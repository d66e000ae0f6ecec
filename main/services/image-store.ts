import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseHTML } from './parse-html';
import type { ServiceContext } from './context';
import { fetchUrl } from './clip/fetch-url';
import { ASSETS_DIR, libraryPath, requireItemId } from './library-paths';


/**
 * Images of clipped articles, stored in the library for offline reading: `<library>/assets/<article id>/`.
 * Limits (documented in the README): at most 40 images per article, 5 MB each, 25 MB in all, raster
 * types only (SVG is a document that can carry script). The stored HTML points at
 * `/library-assets/<article id>/<file>`, which browser mode and the Electron scheme serve from the
 * library; an image that cannot be fetched keeps its alt text and loses its source, so the reader
 * never reaches out to the web on its own.
 */
export const ASSET_URL_PREFIX = '/library-assets/';
export const IMAGE_LIMITS = { perArticle: 40, maxBytes: 5 * 1024 * 1024, maxTotalBytes: 25 * 1024 * 1024, timeoutMs: 15_000 };
const TYPES: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/avif': 'avif', 'image/bmp': 'bmp' };

export type ImageMode = 'store' | 'remote';

export interface StoredAsset {
  originalUrl: string;
  path: string;
  contentType: string;
  bytes: number;
}

/**
 * `<library>/assets/<article id>`. Throws (`validation`) for an id that is not ours, such as a
 * `../..` smuggled in by an imported file: this folder gets written to and deleted recursively.
 */
export function assetsDirOf(libraryDir: string, articleId: string): string {
  requireItemId(articleId, 'the image folder');
  return libraryPath(libraryDir, ASSETS_DIR, path.posix.join(ASSETS_DIR, articleId));
}

/** Download the article's images and rewrite their sources to the library copies. */
export async function localizeImages(
  ctx: ServiceContext,
  articleId: string,
  html: string,
  options: { allowPrivateAddresses?: boolean; signal?: AbortSignal },
): Promise<{ html: string; assets: StoredAsset[] }> {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const images = [...document.querySelectorAll('img')];
  if (images.length === 0) return { html, assets: [] };
  const assets: StoredAsset[] = [];
  let total = 0;
  const dir = assetsDirOf(ctx.libraryDir, articleId);
  for (const [index, img] of images.entries()) {
    const src = img.getAttribute('src') ?? '';
    img.removeAttribute('srcset');
    const isRemote = /^https?:\/\//i.test(src);
    const stored = isRemote && index < IMAGE_LIMITS.perArticle && total < IMAGE_LIMITS.maxTotalBytes ? await download(src, dir, articleId, options) : null;
    if (stored) {
      total += stored.bytes;
      assets.push(stored);
      img.setAttribute('src', `${ASSET_URL_PREFIX}${articleId}/${path.basename(stored.path)}`);
    } else if (isRemote) {
      img.removeAttribute('src');
    }
  }
  for (const source of [...document.querySelectorAll('picture source')]) source.remove();
  return { html: document.body.innerHTML, assets };
}

async function download(url: string, dir: string, articleId: string, options: { allowPrivateAddresses?: boolean; signal?: AbortSignal }): Promise<StoredAsset | null> {
  try {
    const page = await fetchUrl(url, {
      maxBytes: IMAGE_LIMITS.maxBytes,
      timeoutMs: IMAGE_LIMITS.timeoutMs,
      allowPrivateAddresses: options.allowPrivateAddresses,
      signal: options.signal,
      accept: 'image',
    });
    const contentType = page.contentType.split(';')[0]!.trim().toLowerCase();
    const extension = TYPES[contentType];
    if (!extension) return null;
    const name = `${createHash('sha256').update(page.bytes).digest('hex').slice(0, 20)}.${extension}`;
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) {
      fs.writeFileSync(`${file}.partial`, page.bytes);
      fs.renameSync(`${file}.partial`, file);
    }
    return { originalUrl: url, path: path.posix.join(ASSETS_DIR, articleId, name), contentType, bytes: page.bytes.length };
  } catch {
    return null;
  }
}

/** Record stored images (inside the caller's transaction). */
export function recordAssetsInTransaction(ctx: ServiceContext, articleId: string, assets: StoredAsset[]): void {
  const insert = ctx.db.prepare(
    'INSERT OR IGNORE INTO article_assets (id, article_id, original_url, path, content_type, bytes) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const a of assets) insert.run(ctx.newId(), articleId, a.originalUrl, a.path, a.contentType, a.bytes);
}

/** The file behind `/library-assets/<article>/<file>`, or null when it is not a stored asset. */
export function resolveAssetFile(ctx: { db: ServiceContext['db']; libraryDir: string }, urlPath: string): { file: string; contentType: string } | null {
  const match = /^\/library-assets\/([0-9a-f-]{36})\/([0-9a-f]{20}\.[a-z]{3,4})$/.exec(urlPath);
  if (!match) return null;
  const relative = path.posix.join(ASSETS_DIR, match[1]!, match[2]!);
  const row = ctx.db.prepare('SELECT content_type FROM article_assets WHERE article_id = ? AND path = ? LIMIT 1').get(match[1], relative) as { content_type: string } | undefined;
  if (!row) return null;
  return { file: libraryPath(ctx.libraryDir, ASSETS_DIR, relative), contentType: row.content_type };
}
