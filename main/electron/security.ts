import path from 'node:path';
import type { BrowserWindowConstructorOptions, CustomScheme } from 'electron';

/**
 * The window's security configuration as plain values and functions, so unit tests under plain
 * Node can assert them (this module must never import the `electron` runtime, only its types).
 * Follows Electron's security checklist: https://www.electronjs.org/docs/latest/tutorial/security
 */

/** The renderer is served from `sourcebook://app/`: a stable origin IPC can check, unlike file://. */
export const APP_SCHEME = 'sourcebook';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/`;

/**
 * `standard` gives the scheme a real (tuple) origin so CSP 'self', relative URLs and storage work;
 * `secure` makes it a secure context; `supportFetchAPI` + `corsEnabled` are needed for Vite's
 * `<script type="module" crossorigin>` to load from a custom scheme. It does NOT bypass CSP and
 * gets no service workers.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
};

/**
 * Sent as a response header with every app file, on top of the meta CSP in renderer/index.html
 * (both are enforced, so this one must not be looser and need not be stricter). Scripts only from
 * the app; no plugins, frames, forms or base changes. Images may come from http(s) so clipped
 * articles show their pictures (the renderer's choice); nothing else remote is loaded (see
 * isAllowedRemoteRequest). Inline styles are allowed for React style props (no script risk).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https: http:",
  "font-src 'self' data:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The window talks to main over IPC and clipping fetches pages in main (Node), so the only network
 * request the renderer may make is an image of a clipped article; scripts, XHR/fetch, fonts,
 * frames, websockets, pings... to http(s) are cancelled. Requests on the app scheme never get here.
 */
export function isAllowedRemoteRequest(resourceType: string, url: string): boolean {
  if (resourceType !== 'image') return false;
  const parsed = parseUrl(url);
  return parsed !== undefined && (parsed.protocol === 'https:' || parsed.protocol === 'http:');
}

export interface WindowOptionsInput {
  /** Absolute path of the preload bundle (dist/electron/preload.cjs). */
  preloadPath: string;
  platform?: NodeJS.Platform;
  bounds?: { x: number; y: number; width: number; height: number };
  backgroundColor?: string;
}

export const MIN_WINDOW_SIZE = { width: 720, height: 480 } as const;
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 } as const;

/**
 * Spellcheck: on macOS and Windows Chromium uses the OS spellchecker; on Linux it would download
 * Hunspell dictionaries from Google's servers, which an offline, private notebook must not do.
 */
export function isSpellcheckEnabled(platform: NodeJS.Platform): boolean {
  return platform === 'darwin' || platform === 'win32';
}

export function createWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  const platform = input.platform ?? process.platform;
  return {
    ...(input.bounds ?? DEFAULT_WINDOW_SIZE),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Sourcebook',
    // Shown on 'ready-to-show' so the user never sees an unpainted window.
    show: false,
    ...(input.backgroundColor ? { backgroundColor: input.backgroundColor } : {}),
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      enableWebSQL: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: isSpellcheckEnabled(platform),
    },
  };
}

function parseUrl(url: unknown): URL | undefined {
  if (typeof url !== 'string' || url.length === 0 || url.length > 8192) return undefined;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** IPC is answered only for documents of the app's own origin (never a remote or file:// page). */
export function isAllowedSender(url: unknown): boolean {
  const parsed = parseUrl(url);
  return parsed !== undefined && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

/** The parts of Electron's WebFrameMain the IPC check reads (plain, so it is unit-tested). */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
  readonly detached?: boolean;
}

/**
 * Only the top frame of a document served from `sourcebook://app` may call main: a sub-frame (an
 * article shown in an iframe) or any other origin is refused. Electron reports a null senderFrame
 * when the frame has navigated away or been destroyed, which is refused too.
 */
export function isTrustedSenderFrame(frame: SenderFrame | null | undefined): boolean {
  if (!frame || frame.detached === true || frame.parent !== null) return false;
  return isAllowedSender(frame.url);
}

/**
 * Links leave the app only as parsed http(s) URLs with a host and no embedded credentials
 * (`https://bank.example@evil.example/` style spoofing); everything else (file:, javascript:,
 * custom protocol handlers that launch programs) is refused.
 */
export function isSafeExternalUrl(url: unknown): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  return parsed.hostname.length > 0 && parsed.username === '' && parsed.password === '';
}

/**
 * Sub-frames (the reader may show stored articles in a sandboxed iframe) may load only app pages or
 * inline documents; the main frame never navigates after the initial load (see window.ts).
 */
export function isAllowedFrameNavigation(url: unknown): boolean {
  if (url === 'about:blank' || url === 'about:srcdoc') return true;
  return isAllowedSender(url);
}

/**
 * Map a `sourcebook://app/...` request to a file under `root`, or undefined when it is not the app's
 * origin or escapes `root` (`..`, encoded `%2e%2e`/`%2f`, absolute paths, NUL bytes). `/` is index.html.
 */
export function resolveAppFile(root: string, url: string): string | undefined {
  const parsed = parseUrl(url);
  if (!parsed || !isAllowedSender(parsed.href)) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined; // malformed percent-encoding
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return undefined;
  if (pathname === '' || pathname.endsWith('/')) pathname += 'index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, `.${pathname.startsWith('/') ? pathname : `/${pathname}`}`);
  const relative = path.relative(base, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return file;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** Module scripts are refused without a JavaScript MIME type, so every served file gets an exact one. */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers for every file served on the app scheme. */
export function appResponseHeaders(file: string): Record<string, string> {
  return {
    'content-type': contentTypeFor(file),
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  };
}

/** No web permission (camera, notifications, geolocation, clipboard-read, HID...) is ever granted. */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}
