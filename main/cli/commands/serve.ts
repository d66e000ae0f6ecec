import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { AppError } from '../../../shared/errors';
import { PROJECT_ROOT, RENDERER_DIST } from '../../paths';
import { DEFAULT_PORT, startLibraryServer } from '../../server/browser-mode';
import { progressLine } from '../output';
import type { CliRunner } from '../runner';
import { startAutoBackup } from '../../services/exchange/auto-backup';

/** Build the renderer once when it is missing, so `sourcebook serve` works right after `npm install`. */
async function ensureRendererBuilt(): Promise<void> {
  if (fs.existsSync(path.join(RENDERER_DIST, 'index.html'))) return;
  progressLine('Building the app UI (first run only)…');
  try {
    const vite = await import('vite');
    await vite.build({ configFile: path.join(PROJECT_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  } catch (error) {
    throw new AppError('internal', `Could not build the app UI: ${(error as Error).message}. Run \`npm run build\` and try again.`);
  }
}

export function registerServe(program: Command, run: CliRunner): void {
  program
    .command('serve')
    .description('run browser mode: the app UI and its API on a loopback address, printing the URL to open')
    .option('--port <n>', `port to listen on (default ${DEFAULT_PORT}, or a free one if taken)`, (v) => Number.parseInt(v, 10))
    .option('--host <host>', 'loopback address to bind (127.0.0.1 or ::1)', '127.0.0.1')
    .option('--token <token>', 'access token (default: SOURCEBOOK_TOKEN or a new random one)')
    .action(async (o: { port?: number; host: string; token?: string }) => {
      await ensureRendererBuilt();
      const app = run.app({ searchThread: true, catchUpPairs: true, countCommonWords: true, mergeIndexes: true, warmUpSearch: true, exchangeWorkers: true });
      const server = await startLibraryServer(app, {
        staticDir: RENDERER_DIST,
        host: o.host,
        ...(o.port !== undefined ? { port: o.port } : {}),
        ...(o.token ?? process.env.SOURCEBOOK_TOKEN ? { token: o.token ?? process.env.SOURCEBOOK_TOKEN } : {}),
      });
      // Browser mode is the app: it keeps the rolling daily backups, as the Electron app does.
      const backups = startAutoBackup(app);
      process.stdout.write(`Sourcebook is serving ${app.library.libraryDir}\nOpen ${server.url}\n`);
      const stop = async () => {
        backups.stop();
        await server.close();
        run.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await new Promise<never>(() => {});
    });
}
