import fs from 'node:fs';
import path from 'node:path';
import { SNAPSHOT_DIR } from './snapshots';
import { assetsDirOf } from './image-store';

/** Delete an article's stored images and raw snapshots (after it was purged for good). */
export function removeArticleFiles(libraryDir: string, articleId: string): void {
  fs.rmSync(assetsDirOf(libraryDir, articleId), { recursive: true, force: true });
  const snapshots = path.join(libraryDir, SNAPSHOT_DIR);
  let names: string[] = [];
  try {
    names = fs.readdirSync(snapshots);
  } catch {
    return;
  }
  for (const name of names) if (name.startsWith(`${articleId}-v`)) fs.rmSync(path.join(snapshots, name), { force: true });
}
