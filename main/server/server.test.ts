import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, tempLibrary, type TempLibrary } from '../../test/helpers/temp-library';
import { WINDOW_HEADER } from '../../shared/api/events';
import { startServer, type RunningServer } from './server';
import { resolveStaticFile } from './static-files';
import { receiveUpload, UPLOADS_DIR } from '../services/exchange/uploads';
import { GOLDEN_LIBRARY_JSON } from '../../test/helpers/golden-library';

/** Far above the API's body limit (4 KB here): an upload is streamed to disk, not read into memory. */
const UPLOAD_LIMIT = 1024 * 1024;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let lib: TempLibrary;
let site: { dir: string; cleanup(): void };
let staticDir: string;
let server: RunningServer;
const TOKEN = 'test-token-0123456789';
const INDEX = '<!doctype html><title>Sourcebook test</title><p>index</p>';

/** A raw request, so tests control every header (Host included). */
function request(options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; port?: number }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const port = options.port ?? server.port;
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const api = (method: string, input: unknown, headers: Record<string, string> = {}) =>
  request({
    method: 'POST',
    path: `/api/${method}`,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });

beforeAll(async () => {
  lib = tempLibrary();
  site = tempDir('sourcebook-site-');
  staticDir = path.join(site.dir, 'dist');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), INDEX);
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  // Files just outside the static folder that traversal must never reach.
  fs.writeFileSync(path.join(site.dir, 'package.json'), '{"secret": "outside staticDir"}');
  fs.writeFileSync(path.join(site.dir, 'dist-secret.txt'), 'sibling with a shared prefix');
  server = await startServer({ dispatch: lib.dispatch, staticDir, port: 0, token: TOKEN, bodyLimit: 4096, upload: (body) => receiveUpload(lib.dir, body, UPLOAD_LIMIT) });
});
afterAll(async () => {
  await server?.close();
  lib.cleanup();
  site.cleanup();
});

describe('server', () => {
  it('listens on loopback and prints a URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
    expect(server.port).toBeGreaterThan(0);
  });

  it('answers POST /api/<method> with the Bearer token with a Result', async () => {
    await lib.ok('articles.create', { title: 'Tram vote', text: 'The tram is coming.' });
    const r = await api('articles.list', { limit: 10 });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    const result = JSON.parse(r.body);
    expect(result.ok).toBe(true);
    expect(result.value.items.map((a: { title: string }) => a.title)).toEqual(['Tram vote']);
  });

  it('maps error Results to HTTP statuses', async () => {
    const notFound = await api('articles.get', { id: 'nope' });
    expect(notFound.status).toBe(404);
    expect(JSON.parse(notFound.body)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const invalid = await api('articles.list', { limit: 0 });
    expect(invalid.status).toBe(400);
    const unknown = await api('no.such', {});
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'validation' } });
    const badJson = await request({ method: 'POST', path: '/api/articles.list', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: '{oops' });
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body)).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('refuses API calls without the token, or with a wrong one (401)', async () => {
    const none = await request({ method: 'POST', path: '/api/articles.list', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const wrong = await api('articles.list', {}, { authorization: 'Bearer not-the-token' });
    expect(wrong.status).toBe(401);
    const page = await request({ path: '/' });
    expect(page.status).toBe(401);
    expect(page.body).not.toContain('Sourcebook test');
  });

  it.each(['evil.example', `evil.example:${0}`, 'localhost.evil.example', '127.0.0.1', '127.0.0.1:1'])('refuses a foreign Host header %s (403, DNS rebinding)', async (host) => {
    const r = await api('articles.list', {}, { host: host.replace(':0', `:${server.port}`) });
    expect(r.status).toBe(403);
  });

  it('accepts the loopback names it is reachable by', async () => {
    for (const host of [`localhost:${server.port}`, `127.0.0.1:${server.port}`]) expect((await api('library.info', {}, { host })).status).toBe(200);
  });

  it('refuses a cross-origin write (Origin of another site) with 403', async () => {
    const r = await api('articles.create', { text: 'sneaky' }, { origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    const sameSite = await api('articles.create', { text: 'sneaky' }, { 'sec-fetch-site': 'cross-site' });
    expect(sameSite.status).toBe(403);
    expect((await lib.ok('articles.list', { contains: 'sneaky' })).total).toBe(0);
    const own = await api('library.info', {}, { origin: `http://127.0.0.1:${server.port}` });
    expect(own.status).toBe(200);
  });

  it('never sends Access-Control-Allow-Origin, on any response or preflight', async () => {
    const replies = await Promise.all([
      api('library.info', {}, { origin: 'http://evil.example' }),
      api('library.info', {}),
      request({ method: 'OPTIONS', path: '/api/library.info', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } }),
      request({ method: 'OPTIONS', path: '/api/library.info', headers: { authorization: `Bearer ${TOKEN}`, origin: 'http://evil.example', 'access-control-request-method': 'POST' } }),
      request({ path: '/', headers: { authorization: `Bearer ${TOKEN}`, origin: 'http://evil.example' } }),
    ]);
    for (const r of replies) {
      expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
    expect(replies[3]!.status).toBeGreaterThanOrEqual(400);
  });

  it('refuses a body over the limit with 413', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(10_000) });
    const r = await request({ method: 'POST', path: '/api/articles.create', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: big });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'clip/too-large' } });
  });

  it('refuses a body over the limit sent without a content-length (chunked) with 413', async () => {
    const r = await new Promise<Reply>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/articles.create', headers: { host: `127.0.0.1:${server.port}`, authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
        (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' || (e as NodeJS.ErrnoException).code === 'EPIPE' ? resolve({ status: 413, headers: {}, body: '' }) : reject(e)));
      for (let i = 0; i < 10; i++) req.write('x'.repeat(1000));
      req.end();
    });
    expect(r.status).toBe(413);
  });

  it('refuses a non-JSON content type with 415', async () => {
    const r = await request({ method: 'POST', path: '/api/library.info', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain' }, body: '{}' });
    expect(r.status).toBe(415);
    const form = await request({ method: 'POST', path: '/api/library.info', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
    expect(form.status).toBe(415);
  });

  it('trades ?token= for an HttpOnly SameSite=Strict cookie and redirects; the cookie then authenticates', async () => {
    const r = await request({ path: `/?token=${TOKEN}` });
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe('/');
    const [cookie] = r.headers['set-cookie'] ?? [];
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const pair = cookie!.split(';')[0]!;

    const page = await request({ path: '/', headers: { cookie: pair } });
    expect(page.status).toBe(200);
    expect(page.body).toBe(INDEX);
    const call = await request({ method: 'POST', path: '/api/library.info', headers: { cookie: pair, 'content-type': 'application/json' }, body: '{}' });
    expect(call.status).toBe(200);
    expect(JSON.parse(call.body).ok).toBe(true);

    const wrong = await request({ path: '/?token=wrong' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('refuses to bind a non-loopback address', async () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10']) {
      await expect(startServer({ dispatch: lib.dispatch, staticDir, port: 0, token: TOKEN, host })).rejects.toMatchObject({ code: 'validation' });
    }
  });

  it('serves static files and never leaves staticDir, however the path is spelled', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const js = await request({ path: '/assets/app.js', headers: auth });
    expect(js.status).toBe(200);
    expect(js.body).toBe('console.log(1)');
    for (const p of ['/../package.json', '/%2e%2e/package.json', '/%2E%2E%2Fpackage.json', '/assets/../../package.json', '/..%2f..%2fpackage.json', '/%2e%2e%5cpackage.json', '/../dist-secret.txt', '/%2e%2e/dist-secret.txt', '//etc/passwd', '/%00']) {
      const r = await request({ path: p, headers: auth });
      expect(r.body, p).not.toContain('outside staticDir');
      expect(r.body, p).not.toContain('shared prefix');
      expect(r.body, p).not.toContain('root:');
    }
  });

  it('resolveStaticFile keeps every path inside the root', () => {
    for (const p of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/../dist-secret.txt', '/%2e%2e%2fdist-secret.txt', '/a/../../package.json']) {
      expect(resolveStaticFile(staticDir, p), p).toBeNull();
    }
    expect(resolveStaticFile(staticDir, '/')?.file).toBe(path.join(staticDir, 'index.html'));
    expect(resolveStaticFile(staticDir, '/%E0%A4%A')).toBeNull();
  });
});

describe('which calls announce a library change', () => {
  it('reads do not, writes do', async () => {
    const { isReadOnlyMethod } = await import('../api/read-only-methods');
    for (const m of ['articles.list', 'items.get', 'topics.matrix', 'items.graph', 'notes.embeds.get', 'search.query', 'export.run', 'articles.diff']) expect(isReadOnlyMethod(m), m).toBe(true);
    for (const m of ['articles.clip', 'quotes.create', 'stances.set', 'items.trash', 'notes.update', 'search.saved.save', 'import.run']) expect(isReadOnlyMethod(m), m).toBe(false);
  });
});

describe('the changed event', () => {
  it("names the page whose call made the change (its window header), so that page can skip its own; a malformed name is left out", async () => {
    const events: { type: string; payload: { method?: string; window?: string } }[] = [];
    const stream = http.get(
      { host: '127.0.0.1', port: server.port, path: '/api/events', headers: { host: `127.0.0.1:${server.port}`, authorization: `Bearer ${TOKEN}` } },
      (res) => res.setEncoding('utf8').on('data', (chunk: string) => {
        for (const line of chunk.split('\n')) if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)));
      }),
    );
    stream.on('error', () => {});
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const create = (title: string, headers: Record<string, string> = {}) => api('articles.create', { title, text: `${title}, a text of a few words.` }, headers);
      expect((await create('From page one', { [WINDOW_HEADER]: '3f2a-page-one' })).status).toBe(200);
      expect((await create('From a forged page', { [WINDOW_HEADER]: '<script>alert(1)</script>' })).status).toBe(200);
      expect((await create('From the CLI or a test')).status).toBe(200);
      await expect.poll(() => events.filter((e) => e.type === 'changed').length).toBe(3);
      expect(events.filter((e) => e.type === 'changed').map((e) => e.payload)).toEqual([
        { method: 'articles.create', window: '3f2a-page-one' },
        { method: 'articles.create' },
        { method: 'articles.create' },
      ]);
    } finally {
      stream.destroy();
    }
  });
});

describe('uploads for an import (browser mode)', () => {
  const upload = (body: string | Buffer, headers: Record<string, string> = {}) =>
    request({ method: 'POST', path: '/api/upload', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/octet-stream', ...headers }, body });
  const stored = () => (fs.existsSync(path.join(lib.dir, UPLOADS_DIR)) ? fs.readdirSync(path.join(lib.dir, UPLOADS_DIR)) : []);

  it('streams a file larger than any API body to the library, imports it by id, then deletes it', async () => {
    const file = fs.readFileSync(GOLDEN_LIBRARY_JSON);
    expect(file.length).toBeGreaterThan(4096);
    const reply = await upload(file);
    expect(reply.status).toBe(200);
    const { upload: id } = (JSON.parse(reply.body) as { value: { upload: string } }).value;
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(fs.readFileSync(path.join(lib.dir, UPLOADS_DIR, id))).toEqual(file);

    const imported = await api('import.run', { upload: id, fileName: 'library.json' });
    expect(imported.status).toBe(200);
    expect(JSON.parse(imported.body).value).toMatchObject({ format: 'json', byType: { articles: { created: 5 } } });
    expect(stored()).toEqual([]);
    const again = await api('import.run', { upload: id });
    expect(JSON.parse(again.body).error).toMatchObject({ code: 'not-found', message: expect.stringMatching(/upload is gone/) });
  });

  it('a file that fails to import is deleted too, and its error names the file as the page did', async () => {
    const id = (JSON.parse((await upload('just some words')).body) as { value: { upload: string } }).value.upload;
    const reply = JSON.parse((await api('import.run', { upload: id, fileName: 'notes.txt' })).body);
    expect(reply.error).toMatchObject({ code: 'import/invalid', message: expect.stringContaining('Cannot tell what kind of file notes.txt is') });
    expect(stored()).toEqual([]);
  });

  it('refuses what the API refuses (no token, another origin, not POST), any body but a raw one, and an upload past the limit; nothing is kept', async () => {
    expect((await upload('x', { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await upload('x', { origin: 'https://evil.example' })).status).toBe(403);
    expect((await upload('{"a": 1}', { 'content-type': 'application/json' })).status).toBe(415);
    expect((await upload('a=1', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await request({ path: '/api/upload', headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(405);
    const tooLarge = await upload(Buffer.alloc(UPLOAD_LIMIT + 1, 0x20));
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.body).error.code).toBe('clip/too-large');
    expect(stored()).toEqual([]);
    // An id is 32 hex digits, never a path.
    expect(JSON.parse((await api('import.run', { upload: '../sourcebook.db' })).body).error.code).toBe('validation');
  });
});
