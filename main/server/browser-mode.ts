import type { IncomingMessage } from 'node:http';
import { DEFAULT_CLIPPER_PORT } from '../../shared/clipper/bookmarklet';
import { AppError } from '../../shared/errors';
import type { App } from '../composition';
import { clipperRoutes } from './clipper-routes';
import { resolveAssetFile } from '../services/image-store';
import { startServer, type RunningServer } from './server';
import { receiveUpload } from '../services/exchange/uploads';

/** The largest file a page may upload for an import (a library export of a very large library). */
const UPLOAD_LIMIT = 64 * 1024 ** 3;

export const DEFAULT_PORT = DEFAULT_CLIPPER_PORT;

/**
 * Start the loopback server for an opened library: the app UI and API (browser mode) plus the
 * browser clipper's routes. The default port is fixed so the bookmarklet keeps working across
 * runs; when it is taken (and no port was asked for) a free one is used instead.
 *
 * Falling back rather than failing keeps the app, browser mode and a freshly copied bookmarklet
 * working for this session; refusing to start would take all of that away to protect bookmarklets
 * that cannot reach this library either way. What the fallback does break is said loudly: here,
 * in the log, and in the app next to the bookmarklet (BrowserClipperPanel); a saved bookmarklet
 * that finds nobody at its port tells its user too (shared/clipper/bookmarklet.ts).
 */
export async function startLibraryServer(app: App, options: { staticDir: string; port?: number; host?: string; token?: string }): Promise<RunningServer> {
  const common = {
    dispatch: app.dispatch,
    staticDir: options.staticDir,
    host: options.host ?? '127.0.0.1',
    token: options.token,
    extraRoutes: clipperRoutes(app),
    libraryFile: (urlPath: string) => resolveAssetFile({ db: app.db, libraryDir: app.library.libraryDir }, urlPath),
    upload: (body: IncomingMessage) => receiveUpload(app.library.libraryDir, body, UPLOAD_LIMIT),
  };
  let server: RunningServer;
  try {
    server = await startServer({ ...common, port: options.port ?? DEFAULT_PORT });
  } catch (error) {
    const inUse = (error as { code?: string }).code === 'EADDRINUSE';
    if (inUse && options.port !== undefined) throw new AppError('validation', `port: ${options.port} is already in use; choose another with --port.`);
    if (!inUse) throw error;
    server = await startServer({ ...common, port: 0 });
    console.warn(movedPortWarning(server.port));
  }
  app.services.serverOrigin.current = `http://127.0.0.1:${server.port}`;
  return server;
}

export function movedPortWarning(port: number): string {
  return (
    `[sourcebook] Port ${DEFAULT_PORT} is in use (another Sourcebook, or \`sourcebook serve\`?), so the local server listens on port ${port} ` +
    `for this session only. Browser bookmarklets saved earlier point at port ${DEFAULT_PORT} and will NOT reach this library; one copied now ` +
    `works only until Sourcebook restarts. To keep saved bookmarklets working, free port ${DEFAULT_PORT} and restart Sourcebook.`
  );
}
