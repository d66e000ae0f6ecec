/**
 * Download one page for clipping, in the main process, with Node's own http/https.
 *
 * Why not `fetch`: the SSRF check must apply to the address the socket actually connects to. Here
 * every hop is resolved first, every resolved address is checked, and the request is then pinned
 * to the checked address through the `lookup` hook, so a DNS answer that changes between check and
 * connect (DNS rebinding) cannot reach a private host. Redirects are followed by hand for the same
 * reason: each Location is a new host to check.
 */
import { promises as dns } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import zlib from 'node:zlib';
import { PassThrough, type Readable } from 'node:stream';
import { AppError } from '../../../shared/errors';
import { isPublicAddress } from './address-policy';
import { looksBinary } from './decode';

export interface FetchUrlOptions {
  /** Total time for all hops and the body, in ms (default 20 000). */
  timeoutMs?: number;
  /** Largest decompressed body accepted, in bytes (default 15 MB). */
  maxBytes?: number;
  /** Most redirects followed (default 10). */
  maxRedirects?: number;
  /** Allow loopback / private / link-local targets (the user asked for an intranet page; tests). */
  allowPrivateAddresses?: boolean;
  /** Cancels the download (e.g. the user closed the clip dialog). */
  signal?: AbortSignal;
  /** What the caller can use: web pages and text (default), or raster images (stored for offline reading). */
  accept?: 'text' | 'image';
  /** Replaces DNS resolution (tests); must return every address of the host. */
  resolveHost?: (hostname: string) => Promise<ResolvedAddress[]>;
  /**
   * Replaces the public-address rule (tests use it to allow 127.0.0.1 while still refusing other
   * private ranges). Ignored when allowPrivateAddresses is true.
   */
  isAddressAllowed?: (address: string) => boolean;
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export interface FetchedPage {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  /** The Content-Type header as sent ('' when the server sent none). */
  contentType: string;
  /** The decompressed body. */
  bytes: Buffer;
  /** Every URL requested, in order (the first is the one given). */
  redirects: string[];
}

export const DEFAULT_FETCH_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_BYTES = 15 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 10;

/**
 * A current desktop Chrome: some sites serve a stripped page, a consent wall or a 403 to unknown
 * agents, and the user wants what their browser shows.
 */
const BROWSER_HEADERS: Record<string, string> = {
  'User-Agent':
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,text/markdown;q=0.8,*/*;q=0.5',
  'Accept-Language': 'en-US,en;q=0.9',
  'Accept-Encoding': 'gzip, deflate, br',
};

/** Types the clip pipeline can read; everything else is refused before its body is downloaded. */
export function isTextualContentType(mime: string): boolean {
  return (
    mime === '' ||
    mime.startsWith('text/') ||
    mime === 'application/xhtml+xml' ||
    mime === 'application/xml' ||
    mime === 'application/octet-stream' // mislabelled pages are common; the body is sniffed below
  );
}

export function mimeOf(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Fetch `url` (http or https only) and return its decompressed body; see the module comment. */
export async function fetchUrl(url: string, options: FetchUrlOptions = {}): Promise<FetchedPage> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new TimeoutSignal()), timeoutMs);
  const onOuterAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const { signal } = controller;

  try {
    let current = parseHttpUrl(url);
    const visited: string[] = [];
    for (;;) {
      if (visited.includes(current.href)) {
        throw fetchFailed(`Redirect loop at ${current.href}; the site keeps sending the request back to a page it already visited.`, {
          url,
          redirects: visited,
        });
      }
      visited.push(current.href);
      const pinned = await resolveAndCheck(current, options, signal);
      const res = await request(current, pinned, signal);
      const status = res.statusCode ?? 0;

      if (REDIRECT_STATUSES.has(status) && res.headers.location) {
        res.resume();
        if (visited.length > maxRedirects) {
          throw fetchFailed(`Too many redirects (more than ${maxRedirects}) starting from ${url}.`, { url, redirects: visited });
        }
        let next: URL;
        try {
          next = new URL(res.headers.location, current);
        } catch {
          throw fetchFailed(`The server at ${current.host} redirected to an invalid address.`, { url: current.href });
        }
        current = parseHttpUrl(next.href);
        continue;
      }

      const contentType = headerValue(res.headers['content-type']);
      if (status < 200 || status > 299) {
        res.resume();
        throw fetchFailed(`The server answered HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''} for ${current.href}.`, {
          url: current.href,
          status,
        });
      }
      const mime = mimeOf(contentType);
      const wantsImage = options.accept === 'image';
      if (wantsImage ? !/^image\/(png|jpeg|gif|webp|avif|bmp)$/.test(mime) : !isTextualContentType(mime)) {
        res.resume();
        throw new AppError('clip/unsupported', `Cannot clip ${mime} content from ${current.href}: only web pages and text can be clipped.`, {
          url: current.href,
          contentType: mime,
        });
      }
      const declared = Number(res.headers['content-length']);
      // Content-Length counts the compressed bytes, so it proves "too large" only when uncompressed.
      if (!res.headers['content-encoding'] && Number.isFinite(declared) && declared > maxBytes) {
        res.destroy();
        throw tooLarge(current.href, maxBytes);
      }
      const bytes = await readBody(res, maxBytes, signal, current.href);
      if (!wantsImage && looksBinary(bytes)) {
        throw new AppError('clip/unsupported', `The page at ${current.href} is labelled ${mime || 'without a type'} but contains binary data.`, {
          url: current.href,
          contentType: mime,
        });
      }
      return { url: current.href, status, contentType, bytes, redirects: visited };
    }
  } catch (error) {
    throw toAppError(error, url, timeoutMs, signal);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}

class TimeoutSignal extends Error {}

function parseHttpUrl(raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new AppError('validation', `"${raw}" is not a valid URL.`, { url: raw });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new AppError('clip/unsupported', `Only http and https addresses can be clipped, not ${u.protocol.replace(/:$/, '')}.`, {
      url: raw,
    });
  }
  if (u.username || u.password) {
    // Credentials in a URL would be sent to every hop, including redirect targets.
    throw new AppError('validation', 'URLs with a user name or password cannot be clipped.', { url: u.origin });
  }
  return u;
}

async function resolveAndCheck(u: URL, options: FetchUrlOptions, signal: AbortSignal): Promise<ResolvedAddress> {
  const host = u.hostname.replace(/^\[|\]$/g, '');
  let addresses: ResolvedAddress[];
  const literal = isIP(host);
  if (literal !== 0) {
    addresses = [{ address: host, family: literal as 4 | 6 }];
  } else {
    const resolve =
      options.resolveHost ??
      (async (h: string) => (await dns.lookup(h, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family as 4 | 6 })));
    try {
      addresses = await abortable(resolve(host), signal);
    } catch (error) {
      if (signal.aborted) throw error;
      throw fetchFailed(`Could not find the server "${host}" (DNS lookup failed). Check the address and your connection.`, {
        url: u.href,
        cause: (error as NodeJS.ErrnoException).code ?? String(error),
      });
    }
    if (addresses.length === 0) throw fetchFailed(`The server "${host}" has no address.`, { url: u.href });
  }
  if (!options.allowPrivateAddresses) {
    // Refuse when any answer is private: a host that resolves to both kinds is either misconfigured
    // or an attacker hoping the connection picks the private one.
    const allowed = options.isAddressAllowed ?? isPublicAddress;
    const bad = addresses.find((a) => !allowed(a.address));
    if (bad) {
      throw fetchFailed(
        `Refused to fetch ${u.href}: "${host}" points to a private or local network address (${bad.address}). ` +
          'Clipping such pages must be allowed explicitly.',
        { url: u.href, address: bad.address, reason: 'private-address' },
      );
    }
  }
  return addresses[0]!;
}

function request(u: URL, pinned: ResolvedAddress, signal: AbortSignal): Promise<http.IncomingMessage> {
  // The connection goes to the checked address whatever DNS says now; Host and TLS SNI still carry
  // the host name because the URL's hostname is passed through unchanged.
  const lookup: LookupFunction = (_hostname, opts, callback) => {
    if ((opts as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
    } else {
      callback(null, pinned.address, pinned.family);
    }
  };
  const mod = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(
      u,
      {
        method: 'GET',
        headers: BROWSER_HEADERS,
        lookup,
        signal,
        agent: false,
      },
      resolve,
    );
    req.on('error', reject);
    req.end();
  });
}

function readBody(res: http.IncomingMessage, maxBytes: number, signal: AbortSignal, url: string): Promise<Buffer> {
  const encoding = headerValue(res.headers['content-encoding']).trim().toLowerCase();
  let stream: Readable = res;
  if (encoding === 'gzip' || encoding === 'x-gzip') stream = res.pipe(zlib.createGunzip());
  else if (encoding === 'br') stream = res.pipe(zlib.createBrotliDecompress());
  else if (encoding === 'deflate') stream = inflateEitherWay(res);
  if (stream !== res) res.on('error', (e) => stream.destroy(e));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const fail = (error: unknown) => {
      res.destroy();
      stream.destroy();
      reject(error);
    };
    const onAbort = () => fail(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    stream.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        fail(tooLarge(url, maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    stream.on('error', (e) =>
      fail(
        (e as NodeJS.ErrnoException).code?.startsWith('Z_') || /incorrect header|unexpected end/i.test(e.message)
          ? fetchFailed(`The page at ${url} was sent with broken ${encoding} compression.`, { url })
          : e,
      ),
    );
    stream.on('end', () => {
      signal.removeEventListener('abort', onAbort);
      resolve(Buffer.concat(chunks, total));
    });
  });
}

/** "deflate" as servers send it: usually zlib-wrapped, sometimes raw deflate without the header. */
function inflateEitherWay(res: http.IncomingMessage): Readable {
  const out = new PassThrough();
  let decided = false;
  res.once('data', (first: Buffer) => {
    decided = true;
    // A zlib stream starts with a CMF byte whose low nibble is 8 (deflate) and a valid checksum.
    const isZlib = first.length >= 2 && (first[0]! & 0x0f) === 8 && ((first[0]! << 8) | first[1]!) % 31 === 0;
    const inflater = isZlib ? zlib.createInflate() : zlib.createInflateRaw();
    inflater.on('error', (e) => out.destroy(e));
    inflater.pipe(out);
    inflater.write(first);
    res.pipe(inflater);
  });
  res.once('end', () => {
    if (!decided) out.end();
  });
  return out;
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

function headerValue(v: string | string[] | undefined): string {
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

function fetchFailed(message: string, details: Record<string, unknown>): AppError {
  return new AppError('clip/fetch-failed', message, details);
}

function tooLarge(url: string, maxBytes: number): AppError {
  return new AppError(
    'clip/too-large',
    `The page at ${url} is larger than the ${Math.round(maxBytes / (1024 * 1024))} MB limit for a clip.`,
    { url, maxBytes },
  );
}

function toAppError(error: unknown, url: string, timeoutMs: number, signal: AbortSignal): AppError {
  if (error instanceof AppError) return error;
  if (signal.aborted) {
    if (signal.reason instanceof TimeoutSignal) {
      return fetchFailed(`Timed out after ${formatSeconds(timeoutMs)} fetching ${url}. The site may be slow or unreachable; try again later.`, {
        url,
        reason: 'timeout',
      });
    }
    return new AppError('cancelled', `Fetching ${url} was cancelled.`, { url });
  }
  const code = (error as NodeJS.ErrnoException)?.code;
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'the server refused the connection',
    ECONNRESET: 'the connection was reset',
    EHOSTUNREACH: 'the server is unreachable',
    ENETUNREACH: 'the network is unreachable',
    ETIMEDOUT: 'the connection timed out',
    EPROTO: 'the secure connection failed',
    CERT_HAS_EXPIRED: "the site's certificate has expired",
    DEPTH_ZERO_SELF_SIGNED_CERT: 'the site uses a self-signed certificate',
    ERR_TLS_CERT_ALTNAME_INVALID: "the site's certificate is for another name",
    HPE_INVALID_HEADER_TOKEN: 'the server sent a malformed response',
  };
  const reason = (code && reasons[code]) ?? (error instanceof Error ? error.message : String(error));
  return fetchFailed(`Could not fetch ${url}: ${reason}.`, { url, cause: code ?? null });
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s` : `${ms} ms`;
}
