import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempLibrary, type TempLibrary } from '../../test/helpers/temp-library';
import { startLibraryServer } from './browser-mode';
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
    const post = async (route: string, body: unknown, from: string | null = origin) => {
      const response = await fetch(`${origin}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(from ? { origin: from } : {}) },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as { ok: boolean; value?: Record<string, unknown>; error?: { code: string } } };
    };
    return { origin, post };
  }

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

  it('refuses clipper requests from another origin or with a wrong key', async () => {
    const { post } = await start();
    expect((await post('/clipper/pair', { name: 'x' }, 'https://evil.example')).status).toBe(403);
    expect((await post('/clipper/pair', { name: 'x' }, null)).status).toBe(403);
    const paired = await post('/clipper/pair', { name: 'y' });
    await lib.ok('clipper.approve', { clientId: paired.body.value!.clientId as string });
    const wrong = await post('/clipper/status', { clientId: paired.body.value!.clientId, key: 'not-the-key' });
    expect(wrong.body.value).toEqual({ status: 'unknown' });
  });
});
