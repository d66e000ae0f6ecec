import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempLibrary, type TempLibrary } from '../../test/helpers/temp-library';
import { resolveAssetFile } from './image-store';

/** A page with two images on a loopback server: one real (PNG), one that 404s. */
let server: http.Server;
let base = '';
let imageHits = 0;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/photo.png') {
      imageHits++;
      res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from('not really a png, but typed as one'));
    } else if (req.url === '/page') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html><head><title>Harbour photos</title></head><body><article>
        <h1>Harbour photos</h1><p>The new pier opened on Monday after two years of work on the eastern side.</p>
        <figure><img src="/photo.png" alt="The new pier at dawn"><figcaption>The pier at dawn.</figcaption></figure>
        <p>Officials said the project finished under budget, and the ferry will return next week.</p>
        <img src="/missing.png" alt="A missing picture"></article></body></html>`);
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('images stored for offline reading', () => {
  let lib: TempLibrary;
  afterEach(() => lib?.cleanup());

  it('downloads images into the library and points the article at the copies', async () => {
    lib = tempLibrary();
    const clip = await lib.ok('articles.clip', { source: { kind: 'url', url: `${base}/page` }, allowPrivateAddresses: true });
    const article = await lib.ok('articles.get', { id: clip.id });
    const src = /<img[^>]*src="([^"]+)"[^>]*alt="The new pier at dawn"|<img[^>]*alt="The new pier at dawn"[^>]*src="([^"]+)"/.exec(article.html);
    const local = src?.[1] ?? src?.[2];
    expect(local).toMatch(/^\/library-assets\//);
    const asset = resolveAssetFile({ db: lib.app.db, libraryDir: lib.dir }, local!);
    expect(asset?.contentType).toBe('image/png');
    expect(fs.readFileSync(asset!.file, 'utf8')).toContain('typed as one');
    expect(asset!.file.startsWith(path.join(lib.dir, 'assets'))).toBe(true);
    // The image that could not be fetched keeps its alt text but no remote source.
    expect(article.html).toContain('A missing picture');
    expect(article.html).not.toContain(base);
  });

  it('deletes the stored images and snapshot when the article is deleted for good', async () => {
    lib = tempLibrary();
    const clip = await lib.ok('articles.clip', { source: { kind: 'url', url: `${base}/page` }, allowPrivateAddresses: true });
    const assets = path.join(lib.dir, 'assets', clip.id);
    expect(fs.existsSync(assets)).toBe(true);
    await lib.ok('items.trash', { id: clip.id });
    expect(fs.existsSync(assets)).toBe(true);
    await lib.ok('trash.purge', { id: clip.id });
    expect(fs.existsSync(assets)).toBe(false);
    expect(fs.readdirSync(path.join(lib.dir, 'snapshots')).filter((n) => n.startsWith(clip.id))).toEqual([]);
  });

  it('keeps images on the web when the library is set to remote images', async () => {
    lib = tempLibrary();
    await lib.ok('settings.update', { images: 'remote' });
    const before = imageHits;
    const clip = await lib.ok('articles.clip', { source: { kind: 'url', url: `${base}/page` }, allowPrivateAddresses: true });
    expect(imageHits).toBe(before);
    expect((await lib.ok('articles.get', { id: clip.id })).html).toContain(`${base}/photo.png`);
  });

  it('never serves a path that is not a recorded asset', () => {
    lib = tempLibrary();
    const ctx = { db: lib.app.db, libraryDir: lib.dir };
    for (const p of ['/library-assets/../sourcebook.db', '/library-assets/x/y.png', `/library-assets/${'0'.repeat(36)}/${'a'.repeat(20)}.png`]) {
      expect(resolveAssetFile(ctx, p)).toBeNull();
    }
  });
});
