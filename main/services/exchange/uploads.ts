import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { AppError } from '../../../shared/errors';
import { UPLOAD_ID } from '../../../shared/api/methods-exchange';

/**
 * Files a page uploads for an import (browser mode: the page cannot name a file on disk): the
 * request body is streamed to `<library>/.uploads/<id>`, never held in memory, so a library export
 * of gigabytes uploads as well as a small one; `import.run { upload: id }` then reads it like a
 * path and deletes it. On the library's disk, as the import's database writes are.
 */
export const UPLOADS_DIR = '.uploads';

/** Uploads left behind (a page closed between its upload and its import) are removed after a day. */
const STALE_MS = 24 * 60 * 60 * 1000;

/** Store one upload; resolves to its id. Past `limit` bytes the upload is refused and nothing is kept. */
export async function receiveUpload(libraryDir: string, body: Readable, limit: number): Promise<string> {
  const dir = path.join(libraryDir, UPLOADS_DIR);
  fs.mkdirSync(dir, { recursive: true });
  removeStaleUploads(dir);
  const id = randomBytes(16).toString('hex');
  const partial = path.join(dir, `${id}.partial`);
  let bytes = 0;
  try {
    await pipeline(
      body,
      async function* capped(chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          bytes += chunk.length;
          if (bytes > limit) throw new AppError('clip/too-large', `The upload is over the ${Math.round(limit / 1024 ** 3)} GB limit.`);
          yield chunk;
        }
      },
      fs.createWriteStream(partial, { flags: 'wx' }),
    );
    fs.renameSync(partial, path.join(dir, id));
    return id;
  } catch (error) {
    fs.rmSync(partial, { force: true });
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOSPC' ? 'the disk is full' : (error as Error).message;
    throw new AppError('io/failed', `The upload could not be stored (${reason}); nothing was imported.`, { errno: code ?? null });
  }
}

/** The file of an upload, or `not-found` (never a path outside the uploads folder: the id is 32 hex digits). */
export function uploadedFile(libraryDir: string, id: string): string {
  if (!UPLOAD_ID.test(id)) throw new AppError('validation', 'upload: not an upload id', { field: 'upload' });
  const file = path.join(libraryDir, UPLOADS_DIR, id);
  if (!fs.existsSync(file)) throw new AppError('not-found', 'That upload is gone (imported already, or left for over a day); choose the file again.', { field: 'upload' });
  return file;
}

export function removeUpload(libraryDir: string, id: string): void {
  if (UPLOAD_ID.test(id)) fs.rmSync(path.join(libraryDir, UPLOADS_DIR, id), { force: true });
}

function removeStaleUploads(dir: string): void {
  const now = Date.now();
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    try {
      if (now - fs.statSync(file).mtimeMs > STALE_MS) fs.rmSync(file, { force: true });
    } catch {
      // Gone meanwhile (imported by another page): nothing to remove.
    }
  }
}
