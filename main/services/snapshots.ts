import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { AppError } from '../../shared/errors';
import { libraryPath, requireItemId } from './library-paths';

/**
 * Raw pages as clipped, gzip-compressed under `<library>/snapshots/`, so an article can be
 * re-extracted later and its original viewed. The file is written (atomically) before the database
 * row that points at it: a crash leaves at worst an unreferenced file, never a dangling reference.
 */
export const SNAPSHOT_DIR = 'snapshots';

export function writeSnapshot(libraryDir: string, articleId: string, version: number, bytes: Buffer, contentType: string): string {
  requireItemId(articleId, 'the page snapshot');
  const relative = path.posix.join(SNAPSHOT_DIR, `${articleId}-v${version}.gz`);
  const file = libraryPath(libraryDir, SNAPSHOT_DIR, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const header = Buffer.from(`${contentType.replace(/[\r\n]/g, ' ')}\n`, 'utf8');
  const partial = `${file}.partial`;
  try {
    fs.writeFileSync(partial, zlib.gzipSync(Buffer.concat([header, bytes]), { level: 6 }));
    fs.renameSync(partial, file);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError('io/failed', code === 'ENOSPC' ? 'The disk is full; free some space and clip again. Nothing was stored.' : `Could not store the page snapshot: ${(error as Error).message}`);
  }
  return relative;
}

/** `relative` comes from a row (maybe an imported one): a path outside `snapshots/` is refused, never read. */
export function readSnapshot(libraryDir: string, relative: string): { bytes: Buffer; contentType: string } {
  const file = libraryPath(libraryDir, SNAPSHOT_DIR, relative);
  let raw: Buffer;
  try {
    raw = zlib.gunzipSync(fs.readFileSync(file));
  } catch (error) {
    throw new AppError('not-found', `The original snapshot is missing or damaged (${(error as Error).message}).`);
  }
  const newline = raw.indexOf(0x0a);
  return { contentType: raw.subarray(0, newline).toString('utf8'), bytes: raw.subarray(newline + 1) };
}
