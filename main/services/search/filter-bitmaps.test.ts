import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { useTempLibrary } from '../../../test/helpers/temp-library';
import { rankExtensionPath } from '../../db/rank-extension';
import { bitmapKey, FilterBitmaps } from './filter-bitmaps';
import { SearchService } from './search-service';

const lib = useTempLibrary();

describe('bitmapKey', () => {
  it('names a set by its SQL and the values it uses, not by how its parameters are numbered', () => {
    const sql = (a: string, b: string) => `SELECT x FROM t WHERE name = ${a} AND kind = ${b} AND n > @p1`;
    expect(bitmapKey(sql('@p3', '@p12'), { p3: 'ocean', p12: 'quote', p1: 5n, p7: 'unused' })).toBe(bitmapKey(sql('@p4', '@p13'), { p4: 'ocean', p13: 'quote', p1: 5n }));
    expect(bitmapKey(sql('@p3', '@p12'), { p3: 'ocean', p12: 'quote', p1: 5n })).not.toBe(bitmapKey(sql('@p3', '@p12'), { p3: 'seas', p12: 'quote', p1: 5n }));
    expect(bitmapKey('SELECT 1 WHERE a = @p1 OR b = @p10', { p1: 'x', p10: 'y' })).not.toBe(bitmapKey('SELECT 1 WHERE a = @p1 OR b = @p10', { p1: 'y', p10: 'x' }));
  });
});

describe.skipIf(!fs.existsSync(rankExtensionPath()))('filter bitmaps kept between searches', () => {
  it('reuses a filter’s bitmap while the library is unchanged, and reads it again after any change, from this connection or another', async () => {
    const l = lib();
    const tagged: string[] = [];
    for (let i = 0; i < 8; i++) {
      const a = await l.ok('articles.create', { title: `Harbour report ${i}`, text: `The harbour dues rose again, report ${i} says.` });
      if (i % 2) {
        await l.ok('tags.add', { itemId: a.id, tag: 'port' });
        tagged.push(a.id);
      }
    }
    // setRowCost 0: the filter is always read as a set (here: a bitmap).
    const search = new SearchService(l.app.services.ctx, { setRowCost: 0 });
    const find = async () => (await search.query({ query: 'harbour tag:port', type: 'article', limit: 50, offset: 0, facets: false, prefixLastWord: false })).hits.map((h) => h.id).sort();
    const reads = vi.spyOn(FilterBitmaps.prototype, 'set');

    expect(await find()).toEqual([...tagged].sort());
    expect(reads).toHaveBeenCalledTimes(1);
    expect(await find()).toEqual([...tagged].sort());
    expect(reads).toHaveBeenCalledTimes(1); // kept

    // A change through this connection.
    const more = await l.ok('articles.create', { title: 'Harbour pilots', text: 'Harbour pilots went on strike.', tags: ['port'] });
    expect(await find()).toEqual([...tagged, more.id].sort());
    expect(reads).toHaveBeenCalledTimes(2);

    // A change through another connection (another process, a restore).
    const other = new BetterSqlite3(l.app.library.dbPath);
    try {
      other.prepare('DELETE FROM taggings WHERE item_id = ?').run(more.id);
    } finally {
      other.close();
    }
    expect(await find()).toEqual([...tagged].sort());
    expect(reads).toHaveBeenCalledTimes(3);
    reads.mockRestore();
  });
});
