import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'Sourcebook';

/**
 * The per-user library folder, the same for the app and the CLI: XDG data home on Linux,
 * Application Support on macOS, %APPDATA% on Windows.
 */
export function defaultLibraryDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = os.homedir()): string {
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  if (platform === 'win32') return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  const dataHome = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(home, '.local', 'share');
  return path.join(dataHome, APP_DIR_NAME);
}

/** `--library DIR` wins, then SOURCEBOOK_LIBRARY, then the per-user default. */
export function resolveLibraryDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag || env.SOURCEBOOK_LIBRARY || defaultLibraryDir(env);
  return path.resolve(chosen);
}

/**
 * The desktop app's own profile folder (Chromium's storage and caches, window state, the
 * single-instance lock), under Electron's appData. On macOS and Windows appData is where the
 * default library lives, so the profile takes a sibling folder rather than filling the library's
 * with browser files; elsewhere appData is ~/.config, apart from the library (XDG data) already.
 */
export function desktopProfileDir(appData: string, platform: NodeJS.Platform = process.platform): string {
  const join = platform === 'win32' ? path.win32.join : path.join;
  return join(appData, platform === 'darwin' || platform === 'win32' ? `${APP_DIR_NAME} Desktop` : APP_DIR_NAME);
}
