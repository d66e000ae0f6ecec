import http from 'node:http';
import path from 'node:path';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, tempLibrary } from '../../test/helpers/temp-library';
import { startAutoBackup } from '../services/exchange/auto-backup';
import { startLibraryServer } from './browser-mode';
import type { BackupEntry } from '../../shared/api/methods-exchange';

type BackupList = { dir: string; backups: BackupEntry[] };

/**
 * Browser mode (`sourcebook serve`) restoring a backup through its own API, over real HTTP on
 * 127.0.0.1: the page's later calls must keep working on the restored library. (Before, the
 * restore closed the server's connection and every later call failed with "The library was closed".)
 */
const TOKEN = 'restore-test-token-0123456789';
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

interface Reply<T> {
  status: number;
  body: { ok: boolean; value: T; error?: { code: string; message: string } };
}

function post<T = unknown>(port: number, method: string, input: unknown): Promise<Reply<T>> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1', port, method: 'POST', path: `/api/${method}`,
        headers: { host: `127.0.0.1:${port}`, authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(input));
  });
}

/** The page's event stream: every `data:` line received so far. */
function listen(port: number): { events: { type: string; payload: { method?: string } }[]; close(): void } {
  const events: { type: string; payload: { method?: string } }[] = [];
  const req = http.get({ host: '127.0.0.1', port, path: '/api/events', headers: { host: `127.0.0.1:${port}`, authorization: `Bearer ${TOKEN}` } }, (res) => {
    res.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)));
    });
  });
  req.on('error', () => {});
  return { events, close: () => req.destroy() };
}

describe('browser mode: restoring a backup', () => {
  it('keeps serving the restored library: later calls work, no restart, and open pages hear of the change', async () => {
    const lib = tempLibrary({ log: () => {} });
    cleanups.push(() => lib.cleanup());
    const site = tempDir('sourcebook-site-');
    cleanups.push(site.cleanup);
    fs.writeFileSync(path.join(site.dir, 'index.html'), '<!doctype html><title>t</title>');
    const server = await startLibraryServer(lib.app, { staticDir: site.dir, port: 0, token: TOKEN });
    cleanups.push(() => server.close());
    // As `sourcebook serve` does: the daily backup runs beside the server.
    const auto = startAutoBackup(lib.app, { log: () => {} });
    cleanups.push(() => auto.stop());
    await auto.firstRun;
    const port = server.port;

    await post(port, 'articles.create', { title: 'After the backup', text: 'Written after the daily backup; the restore takes it away.' });
    const list = await post<BackupList>(port, 'backup.list', {});
    const name = list.body.value.backups.find((b) => b.kind === 'auto')!.name;
    const page = listen(port);
    cleanups.push(() => page.close());
    await new Promise((resolve) => setTimeout(resolve, 50));

    const restored = await post(port, 'backup.restore', { name });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ ok: true, value: { restartRequired: false, message: expect.stringMatching(/^Restored the library from auto-/) } });

    // The same server, the same connection: every later call works on the restored library.
    const articles = await post<{ items: unknown[] }>(port, 'articles.list', {});
    expect(articles.body).toMatchObject({ ok: true });
    expect(articles.body.value.items).toEqual([]);
    const created = await post(port, 'articles.create', { title: 'After the restore', text: 'The page goes on working.' });
    expect(created.body.ok).toBe(true);
    expect((await post<{ counts: { articles: number } }>(port, 'library.info', {})).body.value.counts.articles).toBe(1);
    expect((await post<{ problems: string[] }>(port, 'library.check', {})).body.value.problems).toEqual([]);
    expect((await post<BackupList>(port, 'backup.list', {})).body.value.backups.map((b) => b.kind).sort()).toEqual(['auto', 'replaced']);

    // Open pages are told the library changed, so they refetch (renderer/lib/library-context.tsx).
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(page.events).toContainEqual({ type: 'changed', payload: { method: 'backup.restore' } });
    expect(lib.app.db.open).toBe(true);
  });
});
