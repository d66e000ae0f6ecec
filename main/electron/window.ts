import fs from 'node:fs/promises';
import path from 'node:path';
import { BrowserWindow, Menu, protocol, shell, type Session, type WebContents } from 'electron';
import {
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  APP_START_URL,
  appResponseHeaders,
  createWindowOptions,
  isAllowedFrameNavigation,
  isAllowedRemoteRequest,
  isPermissionGranted,
  isSafeExternalUrl,
  resolveAppFile,
} from './security';
import type { Rect } from './window-state';

/** Must run before app 'ready' (Chromium fixes scheme privileges at start-up). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

const textResponse = (status: number, text: string): Response =>
  new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } });

/**
 * Serve dist/renderer on `sourcebook://app/`. Paths escaping the folder are refused; an unknown path
 * without an extension gets index.html so a reload on a client-side route still shows the app.
 * fs reads work inside app.asar (Electron patches fs in main).
 */
export function serveAppScheme(
  session: Session,
  rendererRoot: string,
  libraryFile?: (urlPath: string) => { file: string; contentType: string } | null,
): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    // Images stored in the library for offline reading (main/services/image-store.ts).
    const pathname = new URL(request.url).pathname;
    if (pathname.startsWith('/library-assets/')) {
      const asset = libraryFile?.(pathname);
      if (!asset) return textResponse(404, 'Not found');
      try {
        const body = await fs.readFile(asset.file);
        return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: { 'content-type': asset.contentType, 'x-content-type-options': 'nosniff' } });
      } catch {
        return textResponse(404, 'Not found');
      }
    }
    const file = resolveAppFile(rendererRoot, request.url);
    if (!file) return textResponse(403, 'Forbidden');
    for (const candidate of path.extname(file) ? [file] : [file, path.join(rendererRoot, 'index.html')]) {
      try {
        const body = await fs.readFile(candidate);
        return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: appResponseHeaders(candidate) });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' && code !== 'EISDIR' && code !== 'ENOTDIR') {
          console.error(`[sourcebook] cannot read ${candidate}:`, error);
          return textResponse(500, 'Cannot read the app file');
        }
      }
    }
    return textResponse(404, 'Not found');
  });
}

/**
 * Deny every permission request and check, and cancel every network request from the renderer
 * except images of clipped articles (see isAllowedRemoteRequest).
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionGranted(permission)));
  session.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (details, callback) =>
    callback({ cancel: !isAllowedRemoteRequest(details.resourceType, details.url) }),
  );
}

function openExternally(url: string): void {
  if (!isSafeExternalUrl(url)) return;
  shell.openExternal(new URL(url).href).catch((error: unknown) => {
    console.warn(`[sourcebook] could not open ${url}: ${(error as Error).message}`);
  });
}

/**
 * Applied to every WebContents the app creates ('web-contents-created'): the page can never
 * navigate away from the app or open windows; http(s) links go to the user's browser instead.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    if (event.isMainFrame) openExternally(event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isAllowedFrameNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedFrameNavigation(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Spelling suggestions and clipboard items; Chromium shows no context menu of its own in Electron. */
function attachContextMenu(contents: WebContents): void {
  contents.on('context-menu', (_event, params) => {
    const items: Electron.MenuItemConstructorOptions[] = [];
    for (const suggestion of params.dictionarySuggestions.slice(0, 5)) {
      items.push({ label: suggestion, click: () => contents.replaceMisspelling(suggestion) });
    }
    if (params.misspelledWord) {
      items.push(
        { label: 'Add to Dictionary', click: () => contents.session.addWordToSpellCheckerDictionary(params.misspelledWord) },
        { type: 'separator' },
      );
    }
    if (params.isEditable) items.push({ role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { type: 'separator' }, { role: 'selectAll' });
    else if (params.selectionText) items.push({ role: 'copy' });
    if (isSafeExternalUrl(params.linkURL)) {
      items.push({ type: 'separator' }, { label: 'Open Link in Browser', click: () => openExternally(params.linkURL) });
    }
    if (items.length > 0) Menu.buildFromTemplate(items).popup();
  });
}

export interface MainWindowInput {
  preloadPath: string;
  bounds: Rect | undefined;
  isMaximized: boolean;
  backgroundColor: string;
}

export function createMainWindow(input: MainWindowInput): BrowserWindow {
  const window = new BrowserWindow(
    createWindowOptions({ preloadPath: input.preloadPath, bounds: input.bounds, backgroundColor: input.backgroundColor }),
  );
  attachContextMenu(window.webContents);
  if (!input.bounds) window.center();
  window.once('ready-to-show', () => {
    if (input.isMaximized) window.maximize();
    window.show();
  });
  void window.loadURL(APP_START_URL);
  return window;
}
