import { AppError } from '../../shared/errors';
import type { App } from '../composition';
import { clipperRoutes } from './clipper-routes';
import { resolveAssetFile } from '../services/image-store';
import { startServer, type RunningServer } from './server';

export const DEFAULT_PORT = 47321;

/**
 * Start the loopback server for an opened library: the app UI and API (browser mode) plus the
 * browser clipper's routes. The default port is fixed so the bookmarklet keeps working across
 * runs; when it is taken (and no port was asked for) a free one is used instead.
 */
export async function startLibraryServer(app: App, options: { staticDir: string; port?: number; host?: string; token?: string }): Promise<RunningServer> {
  const common = {
    dispatch: app.dispatch,
    staticDir: options.staticDir,
    host: options.host ?? '127.0.0.1',
    token: options.token,
    extraRoutes: clipperRoutes(app),
    libraryFile: (urlPath: string) => resolveAssetFile({ db: app.db, libraryDir: app.library.libraryDir }, urlPath),
  };
  let server: RunningServer;
  try {
    server = await startServer({ ...common, port: options.port ?? DEFAULT_PORT });
  } catch (error) {
    const inUse = (error as { code?: string }).code === 'EADDRINUSE';
    if (inUse && options.port !== undefined) throw new AppError('validation', `port: ${options.port} is already in use; choose another with --port.`);
    if (!inUse) throw error;
    server = await startServer({ ...common, port: 0 });
  }
  app.services.serverOrigin.current = `http://127.0.0.1:${server.port}`;
  return server;
}
