import path from 'node:path';
import { AppError } from '../../shared/errors';

/**
 * Ids and stored paths that become file-system paths inside the library folder.
 *
 * Item ids are what `ctx.newId()` makes: UUIDv7 from the uuid package, lowercase. Only that shape may
 * name a folder or file: it has no separator and no dot, so it cannot climb out of its folder, and
 * no upper-case twin (on a case-insensitive disk `A…` and `a…` would be one folder, and deleting
 * one article's images would delete the other's). Any UUID version is accepted, as nothing but the
 * shape matters for safety.
 */
/** Where an article's stored images live: `<library>/assets/<article id>/` (image-store.ts). */
export const ASSETS_DIR = 'assets';

export const ITEM_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const isItemId = (value: string): boolean => ITEM_ID.test(value);

/**
 * A path relative to the library as rows store it (`snapshots/<id>-v1.gz`, `assets/<id>/<file>`):
 * forward slashes, no `.` or `..` segment, no empty segment, starting with `folder/`, and naming
 * something inside it rather than the folder itself.
 */
export function isStoredPathIn(relative: string, folder: string): boolean {
  if (relative.includes('\\') || relative.includes('\0')) return false;
  const segments = relative.split('/');
  return segments.length >= 2 && segments[0] === folder && segments.every((s) => s !== '' && s !== '.' && s !== '..');
}

/**
 * The absolute path of `relative` (relative to the library folder), refused with a `validation`
 * error unless it lies strictly inside `<library>/<folder>/`. Every place that turns an id or a
 * stored path into a path it reads, writes or deletes goes through here, so a hostile id or path in
 * the database (say from an imported file) can never reach a folder outside the library, nor the
 * whole `<folder>` itself.
 */
export function libraryPath(libraryDir: string, folder: string, relative: string): string {
  const base = path.resolve(libraryDir, folder);
  const target = path.resolve(libraryDir, relative);
  if (!target.startsWith(base + path.sep)) {
    throw new AppError('validation', `Refused the path "${relative}": it is outside the library's ${folder} folder.`, { path: relative, folder });
  }
  return target;
}

/** An id about to name a file or folder: one of ours, else a `validation` error (`what` says what was refused). */
export function requireItemId(id: string, what: string): string {
  if (!isItemId(id)) throw new AppError('validation', `Refused ${what} for the id "${id.slice(0, 100)}": it is not a Sourcebook id.`, { id: id.slice(0, 100) });
  return id;
}
