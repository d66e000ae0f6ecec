import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { AppError, isAppError, type ErrorInfo, type Result } from '../../shared/errors';
import type { Dispatch } from '../api/router';
import { EventHub } from './events';
import { WINDOW_HEADER, WINDOW_ID_PATTERN } from '../../shared/api/events';
import {
  SECURITY_HEADERS, isAllowedHost, isAuthenticated, isCrossOriginWrite, isLoopbackBindAddress, sessionCookieName,
} from './security';
import { resolveStaticFile } from './static-files';
import { isReadOnlyMethod } from '../api/read-only-methods';

export const DEFAULT_BODY_LIMIT = 32 * 1024 * 1024;

/** A route another module adds (the browser clipper); it does its own authentication. */
export interface ExtraRoute {
  method: 'GET' | 'POST' | 'OPTIONS';
  path: string;
  handle(req: IncomingMessage, res: ServerResponse, body: Buffer | null): Promise<void> | void;
}

export interface ServerOptions {
  dispatch: Dispatch;
  /** Folder of the built renderer (index.html + assets). */
  staticDir: string;
  port?: number;
  host?: string;
  token?: string;
  bodyLimit?: number;
  extraRoutes?: (hub: EventHub, port: () => number) => ExtraRoute[];
  /**
   * Stores a file the page uploads for an import (`POST /api/upload`, the file as the raw body),
   * resolving to its id; without it the route is not there.
   */
  upload?: (body: IncomingMessage) => Promise<string>;
  /** Files kept in the library and shown by the app (stored images), by URL path. */
  libraryFile?: (urlPath: string) => { file: string; contentType: string } | null;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  events: EventHub;
  close(): Promise<void>;
}

const HTTP_STATUS: Partial<Record<ErrorInfo['code'], number>> = {
  validation: 400, 'not-found': 404, conflict: 409, unauthorized: 401, 'search/invalid-query': 400, 'import/invalid': 400,
  'clip/unsupported': 415, 'clip/too-large': 413, 'clip/fetch-failed': 502, 'export/unsupported': 501, 'export/failed': 500, internal: 500,
};

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'content-length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

function sendResult(res: ServerResponse, result: Result<unknown>): void {
  const status = result.ok ? 200 : (HTTP_STATUS[result.error.code] ?? 422);
  send(res, status, JSON.stringify(result), 'application/json; charset=utf-8', { 'cache-control': 'no-store' });
}

const failure = (code: ErrorInfo['code'], message: string): Result<never> => ({ ok: false, error: { code, message } });

/** Read a request body up to `limit` bytes; past it, reject with `clip/too-large` (HTTP 413). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new AppError('clip/too-large', `The request body is over the ${limit}-byte limit.`));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new AppError('clip/too-large', `The request body is over the ${limit}-byte limit.`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Refuses (and answers) a request to an API route that is not a POST (405), comes from another
 * origin (403) or has another body type than the route takes (415); true when it did.
 */
function isRefusedWrite(req: IncomingMessage, res: ServerResponse, port: number, expect: { type: RegExp; post: string; send: string }): boolean {
  if (req.method !== 'POST') {
    send(res, 405, JSON.stringify(failure('validation', expect.post)), 'application/json', { allow: 'POST' });
  } else if (isCrossOriginWrite(req, port)) {
    send(res, 403, JSON.stringify(failure('unauthorized', 'Cross-origin requests are refused.')), 'application/json');
  } else if (!expect.type.test(req.headers['content-type'] ?? '')) {
    send(res, 415, JSON.stringify(failure('validation', expect.send)), 'application/json');
  } else {
    return false;
  }
  req.resume();
  return true;
}

/**
 * `POST /api/upload`: the raw body (application/octet-stream) streamed to the store, answered with
 * `{ ok: true, value: { upload } }`. The same checks as every API call (token, Host, no
 * cross-origin writes), and only a raw body: a form post from another site cannot send one.
 */
async function handleUpload(req: IncomingMessage, res: ServerResponse, store: NonNullable<ServerOptions['upload']>, port: number): Promise<void> {
  if (isRefusedWrite(req, res, port, { type: /^application\/octet-stream\b/i, post: 'Use POST to upload.', send: 'Send the file as the raw body (content-type: application/octet-stream).' })) return;
  try {
    sendResult(res, { ok: true, value: { upload: await store(req) } });
  } catch (error) {
    const info = isAppError(error) ? { code: error.code, message: error.message } : { code: 'internal' as const, message: 'The upload failed.' };
    if (!isAppError(error)) console.error('[sourcebook] upload failed:', error);
    res.setHeader('connection', 'close');
    sendResult(res, { ok: false, error: info });
  }
}

/**
 * Browser mode: the built renderer plus `POST /api/<method>` through the same router as Electron
 * and the CLI. Loopback only, `Host` checked (DNS rebinding), a token required (Bearer header or the
 * session cookie set from the URL's token), cross-origin writes refused, no CORS headers, bodies capped.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackBindAddress(host)) {
    throw new AppError('validation', `host: Sourcebook's server only listens on loopback (127.0.0.1, ::1 or localhost), not ${host}.`, { field: 'host' });
  }
  const token = options.token ?? randomBytes(24).toString('base64url');
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const events = new EventHub();
  let port = options.port ?? 0;
  const extra = options.extraRoutes?.(events, () => port) ?? [];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (!isAllowedHost(req.headers.host, port)) {
      send(res, 403, 'Forbidden: this server only answers to its loopback address.', 'text/plain; charset=utf-8');
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const route = extra.find((r) => r.path === url.pathname && r.method === req.method);
    if (route) {
      let body: Buffer | null = null;
      if (req.method === 'POST') {
        try {
          body = await readBody(req, bodyLimit);
        } catch (error) {
          sendResult(res, failure('clip/too-large', (error as Error).message));
          return;
        }
      }
      await route.handle(req, res, body);
      return;
    }

    // Opening the printed URL trades the token in the query for an HttpOnly, SameSite=Strict cookie.
    const queryToken = url.searchParams.get('token');
    if (req.method === 'GET' && queryToken !== null) {
      const fake = { headers: { authorization: `Bearer ${queryToken}` } } as IncomingMessage;
      if (!isAuthenticated(fake, token, port)) {
        send(res, 401, 'Unauthorized: the token in this URL is wrong. Use the URL printed by `sourcebook serve`.', 'text/plain; charset=utf-8');
        return;
      }
      url.searchParams.delete('token');
      res.writeHead(302, {
        ...SECURITY_HEADERS,
        location: `${url.pathname}${url.search}`,
        'set-cookie': `${sessionCookieName(port)}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
      });
      res.end();
      return;
    }

    if (!isAuthenticated(req, token, port)) {
      if (url.pathname.startsWith('/api/')) sendResult(res, failure('unauthorized', 'Missing or wrong token. Open the URL printed by `sourcebook serve`.'));
      else send(res, 401, 'Unauthorized: open the URL printed by `sourcebook serve` (it carries the access token).', 'text/plain; charset=utf-8');
      return;
    }

    if (url.pathname === '/api/events' && req.method === 'GET') {
      events.attach(res);
      return;
    }
    if (url.pathname === '/api/upload' && options.upload) {
      await handleUpload(req, res, options.upload, port);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (isRefusedWrite(req, res, port, { type: /^application\/json\b/i, post: 'Use POST for API calls.', send: 'Send the input as JSON (content-type: application/json).' })) return;
      let body: Buffer;
      try {
        body = await readBody(req, bodyLimit);
      } catch (error) {
        send(res, 413, JSON.stringify(failure('clip/too-large', (error as Error).message)), 'application/json', { connection: 'close' });
        return;
      }
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        sendResult(res, failure('validation', 'The request body is not valid JSON.'));
        return;
      }
      const method = decodeURIComponent(url.pathname.slice('/api/'.length));
      const result = await options.dispatch(method, input, {
        onProgress: (event) => events.publish('progress', event),
      });
      if (result.ok && !isReadOnlyMethod(method)) {
        const window = req.headers[WINDOW_HEADER];
        events.publish('changed', { method, ...(typeof window === 'string' && WINDOW_ID_PATTERN.test(window) ? { window } : {}) });
      }
      sendResult(res, result);
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8');
      return;
    }
    if (url.pathname.startsWith('/library-assets/')) {
      const asset = options.libraryFile?.(url.pathname);
      let body: Buffer | null = null;
      try {
        body = asset ? fs.readFileSync(asset.file) : null;
      } catch {
        body = null;
      }
      if (!asset || !body) send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      else send(res, 200, body, asset.contentType, { 'cache-control': 'private, max-age=86400' });
      return;
    }
    const found = resolveStaticFile(options.staticDir, url.pathname) ?? resolveStaticFile(options.staticDir, '/index.html');
    if (!found) {
      send(res, 500, 'The app UI is not built. Run `npm run build`.', 'text/plain; charset=utf-8');
      return;
    }
    send(res, 200, fs.readFileSync(found.file), found.type, { 'cache-control': found.type.startsWith('text/html') ? 'no-store' : 'max-age=300' });
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[sourcebook] server error:', error);
      if (!res.headersSent) sendResult(res, failure('internal', 'Unexpected server error.'));
      else res.end();
    });
  });
  server.requestTimeout = 120_000;
  // Clients (browsers, Playwright) reuse idle connections; closing them after Node's default 5 s
  // races with a request just sent on one, which then fails with ECONNRESET.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host === 'localhost' ? '127.0.0.1' : host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = host === '::1' ? '[::1]' : '127.0.0.1';
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    token,
    events,
    close: () =>
      new Promise<void>((resolve) => {
        events.closeAll();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
