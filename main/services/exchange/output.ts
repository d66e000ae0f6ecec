import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { ExportFormat } from '../../../shared/api/methods-exchange';

/**
 * Where exports land, and how: every file is written to a temporary name beside its target and
 * renamed into place (so a crash or a full disk never leaves half a file where the old one was),
 * and nothing is ever written outside the file or folder the user named.
 */

/** Marks a folder as a Sourcebook export: which format, and which file each exported item went to. */
export const MANIFEST_NAME = '.sourcebook-export.json';

export interface FolderManifest {
  format: 'sourcebook-export';
  version: 1;
  exportFormat: ExportFormat;
  /** Every file the export wrote, relative to the folder (posix separators). */
  files: string[];
  /** Item id → its file, so a re-export keeps each item's file name even if its title changed. */
  names: Record<string, string>;
}

function ioError(error: unknown, target: string, what: string): AppError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOSPC' ? 'the disk is full; free some space and export again'
    : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'that place is not writable; choose another folder'
    : code === 'ENOENT' || code === 'ENOTDIR' ? 'its folder does not exist; create it or choose another'
    : (error as Error).message;
  return new AppError('io/failed', `Could not ${what} ${target}: ${reason}.`, { path: target, errno: code ?? null });
}

/** Write `data` to `file` through a temporary file in the same folder and a rename. */
export function writeFileAtomic(file: string, data: string | Buffer): void {
  writeFileAtomicBy(file, (write) => write(data));
}

/**
 * `writeFileAtomic` for a file written piece by piece (`fill` calls `write` as often as it likes),
 * so a file larger than memory, or than one string can hold, is never built whole. Pieces are
 * gathered into 1 MB writes. Whatever `fill` throws, the temporary file is removed and the target
 * left as it was.
 */
export function writeFileAtomicBy<T>(file: string, fill: (write: (piece: string | Buffer) => void) => T): T {
  const partial = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.partial`);
  let fd: number | null = null;
  try {
    fd = fs.openSync(partial, 'wx');
    const pending: (string | Buffer)[] = [];
    let pendingBytes = 0;
    const flush = () => {
      if (pending.length === 0) return;
      const bytes = Buffer.concat(pending.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
      for (let at = 0; at < bytes.length;) at += fs.writeSync(fd!, bytes, at);
      pending.length = pendingBytes = 0;
    };
    const result = fill((piece) => {
      pending.push(piece);
      pendingBytes += piece.length;
      if (pendingBytes >= WRITE_BYTES) flush();
    });
    flush();
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(partial, file);
    return result;
  } catch (error) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(partial, { force: true });
    // The file system's errors are the write's; anything else (a failed read of what is written) passes on.
    if (error instanceof Error && 'syscall' in error) throw ioError(error, file, 'write');
    throw error;
  }
}

/** How much writeFileAtomicBy gathers before it writes. */
const WRITE_BYTES = 1 << 20;

/** A one-file export target: refuse to overwrite unless forced, and check its folder exists. */
export function prepareFileTarget(out: string, force: boolean): string {
  const file = path.resolve(out);
  const stat = statOrNull(file);
  if (stat?.isDirectory()) throw new AppError('conflict', `${file} is a folder; give a file name for this format.`, { path: file });
  if (stat && !force) throw new AppError('conflict', `${file} already exists; choose a new name or pass --force to replace it.`, { path: file });
  const parent = statOrNull(path.dirname(file));
  if (!parent?.isDirectory()) {
    throw new AppError('io/failed', `Could not write ${file}: its folder ${path.dirname(file)} does not exist; create it or choose another.`, { path: file });
  }
  return file;
}

export interface FolderTarget {
  root: string;
  previous: FolderManifest | null;
}

/**
 * A folder export target. A new or empty folder is fine; so is an earlier Sourcebook export of the
 * same format (it is updated in place). A folder holding anything else needs `force`, and even then
 * only the files this export writes are touched.
 */
export function prepareFolderTarget(out: string, format: ExportFormat, force: boolean): FolderTarget {
  const root = path.resolve(out);
  const stat = statOrNull(root);
  if (stat && !stat.isDirectory()) throw new AppError('conflict', `${root} is a file; the ${format} export writes a folder. Choose a folder name.`, { path: root });
  if (!stat) {
    const parent = statOrNull(path.dirname(root));
    if (!parent?.isDirectory()) {
      throw new AppError('io/failed', `Could not create ${root}: its folder ${path.dirname(root)} does not exist; create it or choose another.`, { path: root });
    }
    try {
      fs.mkdirSync(root);
    } catch (error) {
      throw ioError(error, root, 'create the folder');
    }
    return { root, previous: null };
  }
  const previous = readManifest(root);
  if (previous && previous.exportFormat !== format) {
    throw new AppError('conflict', `${root} holds a Sourcebook ${previous.exportFormat} export; export ${format} into another folder.`, { path: root });
  }
  if (!previous && fs.readdirSync(root).length > 0 && !force) {
    throw new AppError('conflict', `${root} already exists and is not a Sourcebook export; choose a new folder or pass --force to write into it.`, { path: root });
  }
  return { root, previous };
}

function readManifest(root: string): FolderManifest | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(path.join(root, MANIFEST_NAME), 'utf8'));
  } catch {
    return null;
  }
  const m = parsed as Partial<FolderManifest>;
  if (m?.format !== 'sourcebook-export' || typeof m.exportFormat !== 'string' || !Array.isArray(m.files)) return null;
  // A hand-edited manifest must not make us touch files outside the folder.
  const files = m.files.filter((f): f is string => typeof f === 'string' && isSafeRelative(f));
  const names = Object.fromEntries(
    Object.entries(m.names && typeof m.names === 'object' ? m.names : {}).filter((e): e is [string, string] => typeof e[1] === 'string' && isSafeRelative(e[1])),
  );
  return { format: 'sourcebook-export', version: 1, exportFormat: m.exportFormat as ExportFormat, files, names };
}

/** Each segment a plain name: letters, digits, dots, dashes, underscores; never `..` or absolute. */
const SEGMENT = /^[\p{L}\p{N}_][\p{L}\p{N}._-]*$/u;
export function isSafeRelative(rel: string): boolean {
  const parts = rel.split('/');
  return parts.length > 0 && parts.length <= 4 && parts.every((p) => SEGMENT.test(p) && p !== '..' && p.length <= 200);
}

/** `root/rel`, guaranteed inside `root`. */
export function safeJoin(root: string, rel: string): string {
  if (!isSafeRelative(rel)) throw new AppError('internal', `Refusing to write the unsafe export path "${rel}".`);
  const full = path.resolve(root, ...rel.split('/'));
  if (!full.startsWith(root + path.sep)) throw new AppError('internal', `Refusing to write outside ${root}: "${rel}".`);
  return full;
}

/** A file's content: whole, or written piece by piece through `write` (writeFileAtomicBy). */
export type FileContent = string | Buffer | ((write: (piece: string | Buffer) => void) => void);

/**
 * Write a folder export: every file atomically, as `files` yields it (a big vault is never held
 * whole), then remove what an earlier export of this folder wrote that is no longer part of it,
 * then the manifest. Returns the files written and the files removed, each sorted.
 */
export function writeFolder(
  target: FolderTarget, format: ExportFormat, files: Iterable<[string, FileContent]>, names: Record<string, string>,
  onFile?: (written: number) => void,
): { written: string[]; removed: string[] } {
  const written = new Set<string>();
  for (const [rel, data] of files) {
    written.add(rel);
    onFile?.(written.size);
    const full = safeJoin(target.root, rel);
    try {
      fs.mkdirSync(path.dirname(full), { recursive: true });
    } catch (error) {
      throw ioError(error, path.dirname(full), 'create the folder');
    }
    if (typeof data === 'function') writeFileAtomicBy(full, data);
    else writeFileAtomic(full, data);
  }
  const removed: string[] = [];
  for (const rel of target.previous?.files ?? []) {
    if (written.has(rel)) continue;
    const full = safeJoin(target.root, rel);
    if (statOrNull(full)?.isFile()) {
      fs.rmSync(full, { force: true });
      removed.push(rel);
    }
  }
  const manifest: FolderManifest = { format: 'sourcebook-export', version: 1, exportFormat: format, files: [...written].sort(), names };
  writeFileAtomic(path.join(target.root, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
  return { written: manifest.files, removed: removed.sort() };
}

function statOrNull(p: string): fs.Stats | null {
  try {
    return fs.statSync(p);
  } catch {
    return null;
  }
}
