import { describe, expect, it } from 'vitest';
import { filesInFolder } from './dropped-folders';

// Batches, the limit and an unreadable folder, on plain objects with the FileSystem API's shape (a
// folder's reader hands out batches, then []): a real folder cannot be made unreadable or huge on
// demand. e2e/specs/clip-drop.spec.ts drops a real folder from disk into the app.
type Tree = { [name: string]: string | Tree };

function folderEntry(name: string, tree: Tree, batchSize = 2): FileSystemDirectoryEntry {
  return {
    name,
    isDirectory: true,
    isFile: false,
    createReader: () => {
      const entries = Object.entries(tree).map(([child, value]) =>
        typeof value === 'string'
          ? ({ name: child, isDirectory: false, isFile: true, file: (ok: (f: File) => void) => ok(new File([value], child, { type: 'text/html' })) } as unknown as FileSystemEntry)
          : (folderEntry(child, value, batchSize) as FileSystemEntry),
      );
      let at = 0;
      return {
        readEntries: (ok: (batch: FileSystemEntry[]) => void) => {
          const batch = entries.slice(at, at + batchSize);
          at += batch.length;
          setTimeout(() => ok(batch), 0);
        },
      };
    },
  } as unknown as FileSystemDirectoryEntry;
}

describe('filesInFolder', () => {
  it('reads every batch of every subfolder, in order', async () => {
    const folder = folderEntry('clippings', { 'a.html': 'A', 'b.html': 'B', 'c.html': 'C', sub: { 'd.html': 'D', deeper: { 'e.html': 'E' } }, 'f.html': 'F' });
    const { files, isCut } = await filesInFolder(folder);
    expect(files.map((f) => f.name)).toEqual(['a.html', 'b.html', 'c.html', 'd.html', 'e.html', 'f.html']);
    expect(await files[3]!.text()).toBe('D');
    expect(isCut).toBe(false);
  });

  it('stops at the limit and says so', async () => {
    const tree = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`p${i}.html`, 'x']));
    const { files, isCut } = await filesInFolder(folderEntry('many', tree), 5);
    expect(files).toHaveLength(5);
    expect(isCut).toBe(true);
  });

  it('rejects with the browser’s error when a folder cannot be read', async () => {
    const unreadable = {
      name: 'locked',
      isDirectory: true,
      createReader: () => ({ readEntries: (_ok: unknown, fail: (e: DOMException) => void) => fail(new DOMException('not readable', 'EncodingError')) }),
    } as unknown as FileSystemDirectoryEntry;
    await expect(filesInFolder(unreadable)).rejects.toThrow('not readable');
  });
});
