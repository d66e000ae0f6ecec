import fs from 'node:fs';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, tempLibrary } from '../../test/helpers/temp-library';
import { isAppError } from '../../shared/errors';
import { isItemId, isStoredPathIn, libraryPath } from './library-paths';
import { assetsDirOf } from './image-store';
import { removeArticleFiles } from './article-files';
import { readSnapshot, writeSnapshot } from './snapshots';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function scratch(prefix: string): string {
  const t = tempDir(prefix);
  cleanups.push(t.cleanup);
  return t.dir;
}

/** A folder outside the library with a file in it, and the `../..` id that reaches it from `<library>/assets/`. */
function victimNear(libraryDir: string): { victim: string; file: string; hostileId: string } {
  const victim = path.join(scratch('sourcebook-victim-'), 'victim');
  fs.mkdirSync(victim);
  const file = path.join(victim, 'precious.txt');
  fs.writeFileSync(file, 'years of work');
  return { victim, file, hostileId: path.relative(path.join(libraryDir, 'assets'), victim) };
}

/** Runs `fn`, which must throw a `validation` AppError. */
function expectRefused(fn: () => unknown): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(isAppError(thrown) && thrown.code, String(thrown)).toBe('validation');
}

describe('ids and stored paths that become file-system paths', () => {
  it('takes the ids the app makes and nothing else', () => {
    for (let i = 0; i < 20; i++) expect(isItemId(uuidv7())).toBe(true);
    expect(isItemId('00000000-0000-7000-8000-000000000014')).toBe(true);
    for (const bad of ['', '.', '..', '../../etc', 'a/b', '0190F0C4-5B1E-7A3C-8D2E-4F6A7B8C9D0E', `${uuidv7()}/..`, `${uuidv7()}\n`, ' 0190f0c4-5b1e-7a3c-8d2e-4f6a7b8c9d0e']) {
      expect(isItemId(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('accepts a stored path only inside its folder', () => {
    expect(isStoredPathIn('snapshots/x-v1.gz', 'snapshots')).toBe(true);
    expect(isStoredPathIn('assets/a/b.png', 'assets')).toBe(true);
    for (const bad of ['snapshots', 'snapshots/', 'snapshots/../x', 'snapshots/./x', 'snapshots//x', 'assets/x.png', '/snapshots/x', 'snapshots\\..\\x', '../snapshots/x']) {
      expect(isStoredPathIn(bad, 'snapshots'), bad).toBe(false);
    }
  });

  it('libraryPath refuses anything that resolves outside its folder, or the folder itself', () => {
    const lib = '/srv/library';
    expect(libraryPath(lib, 'assets', 'assets/abc/x.png')).toBe(path.resolve(lib, 'assets/abc/x.png'));
    for (const bad of ['assets', 'assets/', 'assets/..', 'assets/../sourcebook.db', '../elsewhere', '/etc/passwd', 'assets-evil/x', 'snapshots/x.gz']) {
      expectRefused(() => libraryPath(lib, 'assets', bad));
    }
  });
});

describe('files of an article: a traversal id is refused, nothing is deleted', () => {
  it('assetsDirOf and removeArticleFiles refuse a ../ id and leave the folder it points at alone', () => {
    const library = scratch('sourcebook-paths-');
    const { victim, file, hostileId } = victimNear(library);
    expect(path.resolve(library, 'assets', hostileId)).toBe(victim);
    expectRefused(() => assetsDirOf(library, hostileId));
    expectRefused(() => removeArticleFiles(library, hostileId));
    // An empty id would have named the whole assets folder, every article's images.
    fs.mkdirSync(path.join(library, 'assets', 'other'), { recursive: true });
    expectRefused(() => removeArticleFiles(library, ''));
    expect(fs.readFileSync(file, 'utf8')).toBe('years of work');
    expect(fs.existsSync(path.join(library, 'assets', 'other'))).toBe(true);
  });

  it('removeArticleFiles deletes exactly the article\'s own images and snapshots', () => {
    const library = scratch('sourcebook-paths-');
    const [mine, other] = [uuidv7(), uuidv7()];
    for (const id of [mine, other]) {
      fs.mkdirSync(path.join(library, 'assets', id), { recursive: true });
      fs.writeFileSync(path.join(library, 'assets', id, '0123456789abcdef0123.png'), 'png');
      writeSnapshot(library, id, 1, Buffer.from('<p>page</p>'), 'text/html');
    }
    writeSnapshot(library, mine, 2, Buffer.from('<p>page v2</p>'), 'text/html');
    removeArticleFiles(library, mine);
    expect(fs.existsSync(path.join(library, 'assets', mine))).toBe(false);
    expect(fs.readdirSync(path.join(library, 'assets'))).toEqual([other]);
    expect(fs.readdirSync(path.join(library, 'snapshots'))).toEqual([`${other}-v1.gz`]);
  });

  it('snapshots: a traversal id is never written, a stored path outside snapshots/ never read', () => {
    const library = scratch('sourcebook-paths-');
    const { victim, file } = victimNear(library);
    const hostile = path.relative(path.join(library, 'snapshots'), path.join(victim, 'precious.txt')).replace(/\.txt$/, '');
    expectRefused(() => writeSnapshot(library, hostile, 1, Buffer.from('overwritten'), 'text/html'));
    expectRefused(() => readSnapshot(library, path.relative(library, file)));
    expectRefused(() => readSnapshot(library, 'snapshots/../sourcebook.db'));
    expect(fs.readdirSync(victim)).toEqual(['precious.txt']);
    expect(fs.readFileSync(file, 'utf8')).toBe('years of work');
    const id = uuidv7();
    expect(readSnapshot(library, writeSnapshot(library, id, 1, Buffer.from('<p>ok</p>'), 'text/html'))).toEqual({ contentType: 'text/html', bytes: Buffer.from('<p>ok</p>') });
  });

  it('"Delete for good" of an article with a ../ id (a library imported before ids were checked) deletes its rows, not the folder it names', async () => {
    const lib = tempLibrary();
    cleanups.push(lib.cleanup);
    const { file, hostileId } = victimNear(lib.dir);
    const a = await lib.ok('articles.create', { title: 'Harbour', text: 'The harbour reopened on Monday.' });
    lib.app.db.exec('PRAGMA foreign_keys = OFF');
    lib.app.db.prepare('UPDATE articles SET id = ? WHERE id = ?').run(hostileId, a.id);
    lib.app.db.prepare('UPDATE items SET id = ? WHERE id = ?').run(hostileId, a.id);
    lib.app.db.prepare('UPDATE quote_suggestions SET article_id = ? WHERE article_id = ?').run(hostileId, a.id);
    lib.app.db.exec('PRAGMA foreign_keys = ON');
    await lib.ok('items.trash', { id: hostileId });
    await lib.ok('trash.purge', { id: hostileId });
    expect(lib.app.db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe('years of work');
  });
});
