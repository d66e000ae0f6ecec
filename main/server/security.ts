import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Hosts a loopback server answers to; anything else in `Host` is a DNS-rebinding attempt. */
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];
export const isLoopbackBindAddress = (host: string): boolean => host === '127.0.0.1' || host === 'localhost' || host === '::1';

export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  return LOOPBACK_HOSTS.some((h) => hostHeader.toLowerCase() === `${h}:${port}`);
}

export function ownOrigins(port: number): string[] {
  return LOOPBACK_HOSTS.map((h) => `http://${h}:${port}`);
}

export const sessionCookieName = (port: number): string => `sb_session_${port}`;

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function cookieValue(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** The request carries the token, as a Bearer header or as the session cookie set from the URL. */
export function isAuthenticated(req: IncomingMessage, token: string, port: number): boolean {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ') && safeEqual(auth.slice(7).trim(), token)) return true;
  const cookie = cookieValue(req, sessionCookieName(port));
  return cookie !== undefined && safeEqual(cookie, token);
}

/**
 * A write must come from our own page (or a non-browser client with the Bearer token and no
 * Origin). Browsers send Origin on cross-origin POSTs and Sec-Fetch-Site on all modern requests.
 */
export function isCrossOriginWrite(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined && !ownOrigins(port).includes(origin)) return true;
  const site = req.headers['sec-fetch-site'];
  return site === 'cross-site' || site === 'same-site';
}

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https: http:; " +
  "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'; frame-ancestors 'none'";

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/**
 * The clipper window's page. The bookmarklet opens it from the page being clipped (another origin)
 * and the two talk by postMessage, which needs the opener link: `Cross-Origin-Opener-Policy:
 * same-origin` would put the window in its own browsing-context group, so the bookmarklet's handle
 * reads `closed` and `window.opener` is null (HTML spec, "cross-origin opener policies"). This page
 * keeps every other header: the strict CSP, no framing, no sniffing. It holds no token (only the
 * pairing key, in its own origin's storage), and the opener can do no more than message it or
 * navigate it away. The app itself keeps COOP same-origin.
 */
export const CLIPPER_PAGE_HEADERS: Record<string, string> = { ...SECURITY_HEADERS, 'cross-origin-opener-policy': 'unsafe-none' };
