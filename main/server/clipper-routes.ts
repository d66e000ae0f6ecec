import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { isAppError, type Result } from '../../shared/errors';
import type { App } from '../composition';
import { PROJECT_ROOT } from '../paths';
import { BOOKMARKLET_REFUSED } from '../services/clipper-service';
import type { EventHub } from './events';
import { CLIPPER_PAGE_HEADERS, SECURITY_HEADERS, ownOrigins } from './security';
import type { ExtraRoute } from './server';

/**
 * The clipper window's files: beside this module (the sources; the Electron build copies them
 * beside its bundle), else in the project's sources (a bundle elsewhere: the CLI's, bin/sourcebook.mjs).
 */
const PAGE_BESIDE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'clipper-page');
const PAGE_DIR = fs.existsSync(path.join(PAGE_BESIDE, 'clipper.html')) ? PAGE_BESIDE : path.join(PROJECT_ROOT, 'main', 'server', 'clipper-page');
const PAGE_FILES: Record<string, [string, string]> = {
  '/clipper': ['clipper.html', 'text/html; charset=utf-8'],
  '/clipper/clipper.js': ['clipper.js', 'text/javascript; charset=utf-8'],
  '/clipper/clipper.css': ['clipper.css', 'text/css; charset=utf-8'],
};

/**
 * The library's bookmarklet secret, which the clipper window passes on from the bookmarklet's
 * message. Optional here so that a bookmarklet saved before it existed is told what to do (the
 * service's check) instead of getting a validation error.
 */
const Secret = z.strictObject({ secret: z.string().max(200).optional() });
const Credentials = Secret.extend({ clientId: z.string().min(1).max(100), key: z.string().min(1).max(200) });
const PairInput = Secret.extend({ name: z.string().max(200).default('Browser') });
const ClipInput = Credentials.extend({
  url: z.string().url().max(8000).refine((u) => /^https?:/i.test(u), 'must be an http(s) URL'),
  title: z.string().max(2000).default(''),
  html: z.string().min(1).max(30_000_000),
  selection: z.string().max(100_000).default(''),
});

function reply(res: ServerResponse, status: number, result: Result<unknown>): void {
  const body = JSON.stringify(result);
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * The browser clipper's routes. The bookmarklet opens `/clipper` (a page on this origin) and hands
 * it the page by postMessage; that page pairs once and then posts clips here, same-origin. So these
 * POSTs must come from our own origin (checked), and each carries the client's key, which only
 * works after the user approved the pairing inside the app.
 *
 * Any site can open `/clipper` too and message it its own content, and in a paired browser the
 * window holds a valid key. So every POST also carries the library's bookmarklet secret, which only
 * the app's bookmarklet has; it is checked before anything else happens (no pairing request shows
 * in the app, nothing is clipped, no key is touched).
 */
export function clipperRoutes(app: App): (hub: EventHub, port: () => number) => ExtraRoute[] {
  const { clipper, clip } = app.services;
  return (hub, port) => {
    const page = (urlPath: string): ExtraRoute => ({
      method: 'GET',
      path: urlPath,
      handle: (_req, res) => {
        const [file, type] = PAGE_FILES[urlPath]!;
        const body = fs.readFileSync(path.join(PAGE_DIR, file));
        // Only the window's document needs the opener link to the page being clipped (security.ts).
        const headers = urlPath === '/clipper' ? CLIPPER_PAGE_HEADERS : SECURITY_HEADERS;
        res.writeHead(200, { ...headers, 'content-type': type, 'cache-control': 'no-store' });
        res.end(body);
      },
    });
    const post = <S extends z.ZodType<{ secret?: string | undefined }>>(urlPath: string, schema: S, run: (input: z.output<S>) => Promise<unknown>): ExtraRoute => ({
      method: 'POST',
      path: urlPath,
      handle: async (req: IncomingMessage, res: ServerResponse, body: Buffer | null) => {
        const origin = req.headers.origin;
        if (origin === undefined || !ownOrigins(port()).includes(origin)) {
          reply(res, 403, { ok: false, error: { code: 'unauthorized', message: 'The clipper only accepts requests from its own page.' } });
          return;
        }
        let input: unknown;
        try {
          input = JSON.parse(body?.toString('utf8') ?? '{}');
        } catch {
          reply(res, 400, { ok: false, error: { code: 'validation', message: 'The request body is not valid JSON.' } });
          return;
        }
        const parsed = schema.safeParse(input);
        if (!parsed.success) {
          reply(res, 400, { ok: false, error: { code: 'validation', message: parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ') } });
          return;
        }
        try {
          clipper.checkBookmarkletSecret(parsed.data.secret);
          reply(res, 200, { ok: true, value: await run(parsed.data) });
        } catch (error) {
          const info = isAppError(error) ? error.toInfo() : { code: 'internal' as const, message: (error as Error).message };
          // 403 for a refused bookmarklet: the browser may well be paired, the message is not the user's.
          const status = info.details?.reason === BOOKMARKLET_REFUSED ? 403 : info.code === 'unauthorized' ? 401 : info.code === 'internal' ? 500 : 400;
          reply(res, status, { ok: false, error: info });
        }
      },
    });
    return [
      page('/clipper'),
      page('/clipper/clipper.js'),
      page('/clipper/clipper.css'),
      post('/clipper/pair', PairInput, async ({ name }) => {
        const paired = clipper.requestPairing(name);
        hub.publish('clipper-pair-request', { clientId: paired.clientId, name });
        return paired;
      }),
      post('/clipper/status', Credentials, async ({ clientId, key }) => ({ status: clipper.statusFor(clientId, key) ?? 'unknown' })),
      post('/clipper/clip', ClipInput, async (input) => {
        clipper.authenticate(input.clientId, input.key);
        const result = await clip.clip({ kind: 'html', html: input.html, url: input.url }, { sourceKind: 'browser', ...(input.selection.trim() ? { selection: input.selection } : {}) });
        hub.publish('changed', { method: 'articles.clip', id: result.id });
        return {
          id: result.id, title: result.title, duplicate: result.duplicate, version: result.version, quoteId: result.quoteId ?? null,
          // The window shows what became of the selection, so none is lost without a word.
          selection: result.selection ?? null,
        };
      }),
    ];
  };
}
