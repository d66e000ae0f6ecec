import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppEvent } from '../../shared/api/events';
import { createServices } from '../composition';
import { tempLibrary, type TempLibrary } from '../../test/helpers/temp-library';
import { DEFAULT_PORT, startLibraryServer } from './browser-mode';
import type { RunningServer } from './server';

/** The browser clipper end to end over real HTTP: pairing needs the user's approval in the app. */
describe('browser clipper routes', () => {
  let lib: TempLibrary;
  let server: RunningServer;
  afterEach(async () => {
    await server?.close();
    lib?.cleanup();
  });

  async function start() {
    lib = tempLibrary();
    const staticDir = path.join(lib.dir, 'ui');
    fs.mkdirSync(staticDir);
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
    server = await startLibraryServer(lib.app, { staticDir, port: 0, token: 'tok' });
    const origin = `http://127.0.0.1:${server.port}`;
    /** What the clipper window sends: the route's body plus the secret it got from the bookmarklet. */
    const post = async (route: string, body: Record<string, unknown>, from: string | null = origin, secret: string | null = lib.app.services.clipper.bookmarkletSecret()) => {
      const response = await fetch(`${origin}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(from ? { origin: from } : {}) },
        body: JSON.stringify(secret === null ? body : { ...body, secret }),
      });
      return {
        status: response.status,
        body: (await response.json()) as { ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string; details?: Record<string, unknown> } },
      };
    };
    return { origin, post };
  }

  /** A browser paired and approved with the library's current bookmarklet. */
  async function pairedBrowser(post: Awaited<ReturnType<typeof start>>['post'], name = 'Test browser') {
    const paired = await post('/clipper/pair', { name });
    const creds = { clientId: paired.body.value!.clientId as string, key: paired.body.value!.key as string };
    await lib.ok('clipper.approve', { clientId: creds.clientId });
    return creds;
  }

  const articlePage = (url: string, title: string) => ({
    url,
    title,
    html: `<html><head><title>${title}</title></head><body><article><h1>${title}</h1><p>The council voted for the new tram line on Tuesday evening, after a long debate.</p><p>Work starts in the spring and the first trams run two years later.</p></article></body></html>`,
    selection: 'voted for the new tram line',
  });

  it('serves the clipper page and the bookmarklet points at it', async () => {
    const { origin } = await start();
    const page = await fetch(`${origin}/clipper`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/clipper/clipper.js');
    const bookmarklet = await lib.ok('clipper.bookmarklet', {});
    expect(bookmarklet.origin).toBe(origin);
    const source = decodeURIComponent(bookmarklet.bookmarklet!);
    expect(source.startsWith('javascript:')).toBe(true);
    expect(source).toContain(`var o="${origin}"`);
    expect(source).toContain("window.open(o+'/clipper'");
    // Its message carries the library's secret, which the clipper page itself never shows.
    const secret = lib.app.services.clipper.bookmarkletSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(source).toContain(`{type:'sourcebook-clip',secret:"${secret}",`);
    for (const asset of ['/clipper', '/clipper/clipper.js', '/clipper/clipper.css']) expect(await (await fetch(`${origin}${asset}`)).text()).not.toContain(secret);
    // No silent loss: when the clipper window never answers, the bookmarklet itself says so.
    expect(source).toContain(`alert('Sourcebook did not answer at '+o+", so this page was not clipped.`);
  });

  it('serves the clipper window so the page that opened it keeps the link to it; the app keeps COOP same-origin', async () => {
    const { origin } = await start();
    const clipperPage = await fetch(`${origin}/clipper`);
    // same-origin would cut the opener link, and the bookmarklet could never hand over the page.
    expect(clipperPage.headers.get('cross-origin-opener-policy')).toBe('unsafe-none');
    expect(clipperPage.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(clipperPage.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(clipperPage.headers.get('x-frame-options')).toBe('DENY');
    const script = await fetch(`${origin}/clipper/clipper.js`);
    expect(script.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    const app = await fetch(`${origin}/?token=tok`, { redirect: 'manual' });
    expect(app.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    const api = await fetch(`${origin}/api/library.info`, { method: 'POST', headers: { authorization: 'Bearer tok', 'content-type': 'application/json' }, body: '{}' });
    expect(api.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  });

  it('pairs only with approval, then clips the page with the selection as a quote', async () => {
    const { post } = await start();
    const paired = await post('/clipper/pair', { name: 'Test browser' });
    expect(paired.status).toBe(200);
    const creds = { clientId: paired.body.value!.clientId as string, key: paired.body.value!.key as string };
    expect((await post('/clipper/status', creds)).body.value).toEqual({ status: 'pending' });

    const page = {
      ...creds,
      url: 'https://news.example/tram',
      title: 'Tram plan',
      html: '<html><head><title>Tram plan</title></head><body><article><h1>Tram plan</h1><p>The council voted for the new tram line on Tuesday evening.</p><p>"It will change the east side," said Lea Novak, the transport chief.</p></article></body></html>',
      selection: 'voted for the new tram line',
    };
    const refused = await post('/clipper/clip', page);
    expect(refused.status).toBe(401);
    expect(refused.body.error?.code).toBe('unauthorized');

    const pending = await lib.ok('clipper.list', {});
    expect(pending.map((c) => [c.name, c.status])).toEqual([['Test browser', 'pending']]);
    await lib.ok('clipper.approve', { clientId: creds.clientId });

    const clipped = await post('/clipper/clip', page);
    expect(clipped.status).toBe(200);
    expect(clipped.body.value).toMatchObject({ title: 'Tram plan', duplicate: false });
    const quote = await lib.ok('quotes.get', { id: clipped.body.value!.quoteId as string });
    expect(quote.text).toBe('voted for the new tram line');
    expect((await lib.ok('articles.get', { id: clipped.body.value!.id as string })).sourceKind).toBe('browser');

    await lib.ok('clipper.revoke', { clientId: creds.clientId });
    expect((await post('/clipper/clip', page)).status).toBe(401);
  });

  it('says what became of the selection, never quotes it twice, and tells listeners about pairings and clips', async () => {
    const { post } = await start();
    const events: AppEvent[] = [];
    server.events.subscribe((event) => events.push(event));
    const paired = await post('/clipper/pair', { name: 'Test browser' });
    const creds = { clientId: paired.body.value!.clientId as string, key: paired.body.value!.key as string };
    await lib.ok('clipper.approve', { clientId: creds.clientId });
    const page = (selection: string) => ({
      ...creds,
      url: 'https://news.example/ferry',
      title: 'Ferry times',
      html: '<html><head><title>Ferry times</title></head><body><article><h1>Ferry times</h1><p>The evening ferry will leave at seven from May onwards.</p><p>The harbour office said the change follows a survey of passengers.</p></article><footer><p>Photo: the harbour desk</p></footer></body></html>',
      selection,
    });

    const first = await post('/clipper/clip', page('leave at seven from May'));
    expect(first.body.value).toMatchObject({ duplicate: false, selection: { status: 'quoted', message: 'Your selection was saved as a quote.' } });
    const again = await post('/clipper/clip', page('leave at seven from May'));
    expect(again.body.value).toMatchObject({ duplicate: true, quoteId: first.body.value!.quoteId, selection: { status: 'already-quoted' } });
    const outside = await post('/clipper/clip', page('Photo: the harbour desk'));
    expect(outside.status).toBe(200);
    expect(outside.body.value).toMatchObject({ duplicate: true, quoteId: null, selection: { status: 'not-in-article', message: expect.stringContaining('Not found in source') } });
    const none = await post('/clipper/clip', page(''));
    expect(none.body.value).toMatchObject({ quoteId: null, selection: null });

    const quotes = await lib.ok('quotes.list', { articleId: first.body.value!.id as string });
    expect(quotes.items.map((q) => [q.text, q.anchorStatus]).sort()).toEqual([
      ['Photo: the harbour desk', 'orphan'],
      ['leave at seven from May', 'exact'],
    ]);
    expect(events).toEqual([
      { type: 'clipper-pair-request', payload: { clientId: creds.clientId, name: 'Test browser' } },
      ...Array.from({ length: 4 }, () => ({ type: 'changed', payload: { method: 'articles.clip', id: first.body.value!.id } })),
    ]);
  });

  it('refuses a clip whose bookmarklet secret is wrong or missing, stores nothing, and keeps the browser paired', async () => {
    const { post } = await start();
    const creds = await pairedBrowser(post);
    const events: AppEvent[] = [];
    server.events.subscribe((event) => events.push(event));
    const page = { ...creds, ...articlePage('https://news.example/tram', 'Tram plan') };

    // Any site can open /clipper and message it; in a paired browser the window holds a valid key.
    const wrong = await post('/clipper/clip', page, undefined, 'a-secret-of-some-other-library-0123456789abcdef');
    expect(wrong.status).toBe(403);
    expect(wrong.body.error).toMatchObject({ code: 'unauthorized', details: { reason: 'bookmarklet-secret', secret: 'wrong' } });
    expect(wrong.body.error!.message).toContain('made for another Sourcebook library, or a new one was made here since');
    expect(wrong.body.error!.message).toContain('Copy it again from Sourcebook');
    // A bookmarklet saved before bookmarklets carried a secret sends none: it is told so.
    const missing = await post('/clipper/clip', page, undefined, null);
    expect(missing.status).toBe(403);
    expect(missing.body.error).toMatchObject({ code: 'unauthorized', details: { reason: 'bookmarklet-secret', secret: 'missing' } });
    expect(missing.body.error!.message).toContain('older Sourcebook');
    expect(missing.body.error!.message).toContain('Copy it again from Sourcebook');
    expect((await post('/clipper/clip', page, undefined, '')).status).toBe(403);

    expect((await lib.ok('articles.list', {})).items).toEqual([]);
    expect(events).toEqual([]);
    // The refusal was about the bookmarklet, not the browser: its key was neither revoked nor used.
    const [client] = await lib.ok('clipper.list', {});
    expect(client).toMatchObject({ status: 'approved', lastUsedAt: null });
    expect((await post('/clipper/status', creds)).body.value).toEqual({ status: 'approved' });
    const right = await post('/clipper/clip', page);
    expect(right.status).toBe(200);
    expect(right.body.value).toMatchObject({ title: 'Tram plan', duplicate: false });
    expect((await lib.ok('articles.list', {})).items.map((a) => a.title)).toEqual(['Tram plan']);
  });

  it('refuses pairing and status requests without the right secret, so a site cannot raise a pairing request', async () => {
    const { post } = await start();
    const events: AppEvent[] = [];
    server.events.subscribe((event) => events.push(event));
    for (const secret of [null, 'wrong-secret-wrong-secret-wrong-secret-wrong']) {
      const refused = await post('/clipper/pair', { name: 'Some site' }, undefined, secret);
      expect(refused.status).toBe(403);
      expect(refused.body.error?.details).toMatchObject({ reason: 'bookmarklet-secret' });
    }
    expect(await lib.ok('clipper.list', {})).toEqual([]);
    expect(events).toEqual([]);

    const creds = await pairedBrowser(post);
    expect((await post('/clipper/status', creds, undefined, 'wrong-secret-wrong-secret-wrong-secret-wrong')).status).toBe(403);
    expect((await post('/clipper/status', creds)).body.value).toEqual({ status: 'approved' });
  });

  it('rotating the secret makes a new bookmarklet and invalidates the old one; the secret stays in the library', async () => {
    const { post } = await start();
    const creds = await pairedBrowser(post);
    const old = lib.app.services.clipper.bookmarkletSecret();
    const oldBookmarklet = (await lib.ok('clipper.bookmarklet', {})).bookmarklet!;

    const rotated = await lib.ok('clipper.rotateSecret', {});
    const secret = lib.app.services.clipper.bookmarkletSecret();
    expect(secret).not.toBe(old);
    expect(rotated.origin).toBe(`http://127.0.0.1:${server.port}`);
    expect(rotated.bookmarklet).not.toBe(oldBookmarklet);
    expect(decodeURIComponent(rotated.bookmarklet!)).toContain(`secret:"${secret}"`);
    expect((await lib.ok('clipper.bookmarklet', {})).bookmarklet).toBe(rotated.bookmarklet);

    const page = { ...creds, ...articlePage('https://news.example/ferry', 'Ferry plan') };
    const stale = await post('/clipper/clip', page, undefined, old);
    expect(stale.status).toBe(403);
    expect(stale.body.error?.details).toMatchObject({ secret: 'wrong' });
    expect((await lib.ok('articles.list', {})).items).toEqual([]);
    expect((await post('/clipper/clip', page, undefined, secret)).status).toBe(200);

    // Not a preference: settings.get does not show it. Kept in the library: a reopened one has it.
    expect(await lib.ok('settings.get', {})).toEqual({ images: 'store' });
    const reopened = createServices(lib.dir);
    try {
      expect(reopened.services.clipper.bookmarkletSecret()).toBe(secret);
    } finally {
      reopened.close();
    }
  });

  it('refuses clipper requests from another origin or with a wrong key', async () => {
    const { post } = await start();
    expect((await post('/clipper/pair', { name: 'x' }, 'https://evil.example')).status).toBe(403);
    expect((await post('/clipper/pair', { name: 'x' }, null)).status).toBe(403);
    const paired = await post('/clipper/pair', { name: 'y' });
    await lib.ok('clipper.approve', { clientId: paired.body.value!.clientId as string });
    const wrong = await post('/clipper/status', { clientId: paired.body.value!.clientId, key: 'not-the-key' });
    expect(wrong.body.value).toEqual({ status: 'unknown' });
  });

  it('runs on another port when the usual one is taken, and says that saved bookmarklets will not reach it', async () => {
    // Hold the usual port (unless something else already does: then it is taken all the same).
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.once('error', () => resolve()).listen(DEFAULT_PORT, '127.0.0.1', () => resolve()));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      lib = tempLibrary();
      const staticDir = path.join(lib.dir, 'ui');
      fs.mkdirSync(staticDir);
      server = await startLibraryServer(lib.app, { staticDir, token: 'tok' });
      expect(server.port).not.toBe(DEFAULT_PORT);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]![0]).toContain(`Port ${DEFAULT_PORT} is in use`);
      expect(warn.mock.calls[0]![0]).toContain(`listens on port ${server.port}`);
      expect(warn.mock.calls[0]![0]).toContain('will NOT reach this library');
      expect((await lib.ok('clipper.bookmarklet', {})).origin).toBe(`http://127.0.0.1:${server.port}`);
    } finally {
      warn.mockRestore();
      await new Promise<void>((resolve) => (holder.listening ? holder.close(() => resolve()) : resolve()));
    }
  });
});
