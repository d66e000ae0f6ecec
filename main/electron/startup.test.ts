import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { describeOpenError, parseLibraryFlag } from './startup';

describe('parseLibraryFlag', () => {
  it('reads --library DIR and --library=DIR, the last one winning', () => {
    expect(parseLibraryFlag(['/usr/bin/electron', '.', '--library', '/tmp/lib'])).toBe('/tmp/lib');
    expect(parseLibraryFlag(['Sourcebook', '--library=/data/notes'])).toBe('/data/notes');
    expect(parseLibraryFlag(['x', '--library=/a', '--library', '/b'])).toBe('/b');
  });

  it('ignores a flag without a value', () => {
    expect(parseLibraryFlag(['x', '--library'])).toBeUndefined();
    expect(parseLibraryFlag(['x', '--library', '--inspect'])).toBeUndefined();
    expect(parseLibraryFlag(['x', '--library='])).toBeUndefined();
    expect(parseLibraryFlag(['x', '--libraryX=/a'])).toBeUndefined();
  });
});

describe('describeOpenError', () => {
  it('explains a library from a newer app and offers no reset', () => {
    const text = describeOpenError(new AppError('db/too-new', 'schema 9, this app knows 3'), '/lib');
    expect(text.title).toMatch(/newer/i);
    expect(text.detail).toContain('schema 9, this app knows 3');
    expect(text.detail).toMatch(/Install the newer version/);
    expect(text.detail).toContain('/lib');
    expect(`${text.message} ${text.detail}`).not.toMatch(/reset|delete|erase/i);
  });

  it('points a damaged library at its backups and offers the folder', () => {
    const text = describeOpenError(new AppError('db/corrupt', 'header is wrong'), '/lib');
    expect(text.detail).toMatch(/backups/);
    // restore-backup, not `restore` (that one restores items from the trash).
    expect(text.detail).toMatch(/sourcebook restore-backup FILE --library DIR/);
    expect(text.detail).not.toMatch(/sourcebook restore [A-Z]/);
    expect(text.offerOpenFolder).toBe(true);
  });

  it('asks to fix permissions for an unwritable folder', () => {
    const text = describeOpenError(new AppError('db/unwritable', 'EACCES'), '/lib');
    expect(text.detail).toMatch(/permissions/);
    expect(text.offerOpenFolder).toBe(true);
  });

  it('passes the missing Electron build message through', () => {
    const text = describeOpenError(new AppError('internal', 'Run `npm run rebuild:electron-sqlite` once'), '/lib');
    expect(text.detail).toContain('npm run rebuild:electron-sqlite');
    expect(describeOpenError('boom', '/lib').detail).toContain('boom');
  });
});
