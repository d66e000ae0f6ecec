import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempLibrary, type TempLibrary } from '../../test/helpers/temp-library';
import { startLibraryServer } from '../server/browser-mode';
import type { RunningServer } from '../server/server';
import { forwardServerEvents, sendEvent } from './app-events';
import { EVENT_CHANNEL } from './channels';

/** A window's webContents as far as sending events goes: it records what the renderer would get. */
function recordingContents() {
  const sent: [string, unknown][] = [];
  let isDestroyed = false;
  return {
    sent,
    destroy: () => void (isDestroyed = true),
    isDestroyed: () => isDestroyed,
    send: (channel: string, payload: unknown) => void sent.push([channel, payload]),
  };
}

/**
 * The desktop window hears the clipper server: a real loopback server over a real library, a real
 * browser-clipper exchange over HTTP, and the events main would send to the window over IPC.
 * (main-smoke.test.ts checks that main.ts wires this up, in the bundle the app ships.)
 */
describe('forwarding the clipper server’s events to the window', () => {
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
    const post = async (route: string, body: unknown, headers: Record<string, string> = { origin }) => {
      // The clipper window passes on the library's bookmarklet secret with every request.
      const withSecret = { ...(body as object), secret: lib.app.services.clipper.bookmarkletSecret() };
      const response = await fetch(`${origin}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(withSecret) });
      return (await response.json()) as { ok: boolean; value: Record<string, unknown> };
    };
    return { post };
  }

  it('sends a pairing request and a clip from the browser to the open window, as the renderer expects them', async () => {
    const { post } = await start();
    const window = recordingContents();
    forwardServerEvents(server.events, () => window);

    const paired = (await post('/clipper/pair', { name: 'Firefox on the laptop' })).value;
    expect(window.sent).toEqual([[EVENT_CHANNEL, { type: 'clipper-pair-request', payload: { clientId: paired.clientId, name: 'Firefox on the laptop' } }]]);

    // The window's Approve button calls the API over IPC; here, the same router.
    await lib.ok('clipper.approve', { clientId: paired.clientId as string });
    const clipped = await post('/clipper/clip', {
      clientId: paired.clientId,
      key: paired.key,
      url: 'https://news.example/tram',
      html: '<html><head><title>Tram plan</title></head><body><article><h1>Tram plan</h1><p>The council voted for the new tram line on Tuesday evening.</p></article></body></html>',
    });
    expect(clipped.ok).toBe(true);
    expect(window.sent.at(-1)).toEqual([EVENT_CHANNEL, { type: 'changed', payload: { method: 'articles.clip', id: clipped.value.id } }]);
  });

  it('sends nothing to a closed or destroyed window, forwards no progress, and stops when asked', async () => {
    const { post } = await start();
    const window = recordingContents();
    let current: ReturnType<typeof recordingContents> | undefined;
    const stop = forwardServerEvents(server.events, () => current);

    await post('/clipper/pair', { name: 'no window open' });
    current = window;
    window.destroy();
    await post('/clipper/pair', { name: 'window closing' });
    expect(window.sent).toEqual([]);

    const open = recordingContents();
    current = open;
    // A browser-mode page's own long task reports to that page, not to the desktop window.
    server.events.publish('progress', { task: 'import', done: 1, total: 2 });
    await post('/clipper/pair', { name: 'window open' });
    expect(open.sent.map(([, event]) => (event as { type: string }).type)).toEqual(['clipper-pair-request']);

    stop();
    await post('/clipper/pair', { name: 'after quit' });
    expect(open.sent).toHaveLength(1);
  });

  it('sendEvent skips a destroyed window instead of throwing', () => {
    const window = recordingContents();
    sendEvent(window, { type: 'menu', payload: { command: 'clip.url' } });
    window.destroy();
    sendEvent(window, { type: 'menu', payload: { command: 'clip.url' } });
    expect(window.sent).toEqual([[EVENT_CHANNEL, { type: 'menu', payload: { command: 'clip.url' } }]]);
  });
});
