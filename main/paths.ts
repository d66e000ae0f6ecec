import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project folder: the nearest one above this module holding package.json. From the sources
 * that is main/'s parent; a bundle of this code (the Electron app's in dist/electron/, a
 * benchmark's in node_modules/.cache/) finds the same folder.
 */
export const PROJECT_ROOT = projectRootAbove(path.dirname(fileURLToPath(import.meta.url)));
export const RENDERER_DIST = path.join(PROJECT_ROOT, 'dist', 'renderer');

export function projectRootAbove(dir: string): string {
  for (let at = dir; ; at = path.dirname(at)) {
    if (fs.existsSync(path.join(at, 'package.json'))) return at;
    if (path.dirname(at) === at) return path.resolve(dir, '..');
  }
}
