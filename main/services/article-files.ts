import fs from 'node:fs';
import path from 'node:path';
import { SNAPSHOT_DIR } from './snapshots';
import { assetsDirOf } from './image-store';
import { libraryPath } from './library-paths';

/**
 * Delete an article's stored images and raw snapshots (after it was purged for good). An id that is
 * not ours is refused (`validation`) before anything is deleted: the images folder is removed
 * recursively, so it must be `<library>/assets/<id>` and nothing else.
 */
export function removeArticleFiles(libraryDir: string, articleId: string): void {
  fs.rmSync(assetsDirOf(libraryDir, articleId), { recursive: true, force: true });
  const snapshots = path.join(libraryDir, SNAPSHOT_DIR);
  let names: string[] = [];
  try {
    names = fs.readdirSync(snapshots);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(`${articleId}-v`)) fs.rmSync(libraryPath(libraryDir, SNAPSHOT_DIR, path.posix.join(SNAPSHOT_DIR, name)), { force: true });
  }
}
