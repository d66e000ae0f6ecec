import { afterEach, describe, expect, it } from 'vitest';
import { tempLibrary, type TempLibrary } from '../helpers/temp-library';

/**
 * A full disk, simulated by capping the database at its current size (SQLite then fails writes
 * with SQLITE_FULL, as it does when the disk is out of space): the write fails with a clear
 * `io/failed`, and everything stored before is still there and consistent.
 */
describe('a full disk', () => {
  let lib: TempLibrary;
  afterEach(() => lib?.cleanup());

  it('fails the write clearly and loses nothing', async () => {
    lib = tempLibrary();
    const first = await lib.ok('articles.create', { title: 'Kept before the disk filled', text: 'The council met on Tuesday.\n\nIt approved the harbour budget.' });
    const pages = lib.app.db.pragma('page_count', { simple: true }) as number;
    lib.app.db.pragma(`max_page_count = ${pages + 1}`);

    const big = Array.from({ length: 4000 }, (_, i) => `Paragraph ${i} of a long report on the eastern pier and its budget.`).join('\n\n');
    const error = await lib.fail('articles.create', { title: 'Too big for the disk', text: big });
    expect(error.code).toBe('io/failed');
    expect(error.message).toMatch(/disk is full/i);

    lib.app.db.pragma('max_page_count = 1073741823');
    const list = await lib.ok('articles.list', {});
    expect(list.items.map((a) => a.id)).toEqual([first.id]);
    const check = await lib.ok('library.check', {});
    expect(check.problems).toEqual([]);
    // And the library works again once there is room.
    await lib.ok('articles.create', { title: 'After space was freed', text: 'The pier reopened.' });
    expect((await lib.ok('articles.list', {})).total).toBe(2);
  });
});
