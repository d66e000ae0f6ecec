import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';

/**
 * Which better-sqlite3 native module to load.
 *
 * Tests and the CLI run under plain Node and use node_modules/better-sqlite3 as npm built it.
 * Electron has a different ABI, so in development the app loads an Electron-ABI copy that
 * `npm run rebuild:electron-sqlite` writes to native/electron-<abi>-<platform>-<arch>/ (through
 * better-sqlite3's `nativeBinding` option), leaving the Node build untouched. A packaged app needs
 * nothing: electron-builder rebuilds the module in the package for Electron's ABI.
 */
export interface BindingEnvironment {
  /** process.versions.electron, undefined under plain Node. */
  electronVersion: string | undefined;
  /** process.versions.modules: the ABI number. */
  modulesAbi: string;
  platform: string;
  arch: string;
  isPackaged: boolean;
  appRoot: string;
  exists(file: string): boolean;
}

export function electronBindingDir(appRoot: string, abi: string, platform: string, arch: string): string {
  return path.join(appRoot, 'native', `electron-${abi}-${platform}-${arch}`);
}

export function selectNativeBinding(env: BindingEnvironment): string | undefined {
  if (!env.electronVersion || env.isPackaged) return undefined;
  const candidate = path.join(electronBindingDir(env.appRoot, env.modulesAbi, env.platform, env.arch), 'better_sqlite3.node');
  if (env.exists(candidate)) return candidate;
  throw new AppError(
    'internal',
    `better-sqlite3 has no build for Electron ${env.electronVersion} (ABI ${env.modulesAbi}) at ${candidate}. ` +
      'Run `npm run rebuild:electron-sqlite` once, then start the app again.',
    { candidate },
  );
}

export function resolveNativeBinding(): string | undefined {
  const electronVersion = process.versions.electron;
  if (!electronVersion) return undefined;
  return selectNativeBinding({
    electronVersion,
    modulesAbi: process.versions.modules ?? '',
    platform: process.platform,
    arch: process.arch,
    isPackaged: process.env.SOURCEBOOK_PACKAGED === '1',
    appRoot: process.env.SOURCEBOOK_APP_ROOT ?? process.cwd(),
    exists: (file) => fs.existsSync(file),
  });
}
