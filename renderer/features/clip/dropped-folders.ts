/**
 * Folders dropped onto the window. A drop lists a folder as one "file" that cannot be read; its
 * contents come through the browser's FileSystem entries, which must be taken while the drop event
 * runs (`splitDroppedFiles`) and are read after it (`filesInFolder`).
 */

/** Files read from dropped folders at most: a whole disk dropped by mistake is not walked to the end. */
export const MAX_FOLDER_FILES = 1000;

export interface DroppedFiles {
  files: File[];
  folders: FileSystemDirectoryEntry[];
}

/** The dropped files and folders, apart. Call it inside the drop event: the entries are gone after it. */
export function splitDroppedFiles(data: DataTransfer): DroppedFiles {
  const out: DroppedFiles = { files: [], folders: [] };
  for (const item of Array.from(data.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.();
    if (entry?.isDirectory) {
      out.folders.push(entry as FileSystemDirectoryEntry);
      continue;
    }
    const file = item.getAsFile();
    if (file) out.files.push(file);
  }
  return out;
}

/**
 * The files in `folder` and its subfolders, in the order the browser lists them, up to `limit`
 * (`isCut` says some were left). Rejects with the browser's error when the folder cannot be read.
 */
export async function filesInFolder(folder: FileSystemDirectoryEntry, limit = MAX_FOLDER_FILES): Promise<{ files: File[]; isCut: boolean }> {
  const files: File[] = [];
  let isCut = false;
  const walk = async (dir: FileSystemDirectoryEntry): Promise<void> => {
    const reader = dir.createReader();
    // readEntries hands out a folder's entries in batches (100 in Chromium) until an empty one.
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) return;
      for (const entry of batch) {
        if (files.length >= limit) {
          isCut = true;
          return;
        }
        if (entry.isDirectory) await walk(entry as FileSystemDirectoryEntry);
        else files.push(await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject)));
      }
    }
  };
  await walk(folder);
  return { files, isCut };
}
