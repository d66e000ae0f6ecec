import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project folder (holding package.json), from this file's place in main/. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const RENDERER_DIST = path.join(PROJECT_ROOT, 'dist', 'renderer');
