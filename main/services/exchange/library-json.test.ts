import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES, type ImportReport } from '../../../shared/api/methods-exchange';
import { useTempPerTest, type TempLibrary } from '../../../test/helpers/temp-library';
import { GOLDEN_LIBRARY_JSON, goldenLibraryDoc, writeLargeLibraryExport } from '../../../test/helpers/golden-library';

/** A Sourcebook library export: read record by record (library-json-reader.ts), written the same way (library-export.ts). */


const { library, scratch } = useTempPerTest('sourcebook-library-json-');
describe('a library export of any size', () => {
  it('imports past the 100 MB that other formats are limited to, and exports again to the same records', async () => {
    const dir = scratch();
    const big = path.join(dir, 'big.json');
    writeLargeLibraryExport(big, 110, 1024 * 1024);
    expect(fs.statSync(big).size).toBeGreaterThan(MAX_IMPORT_BYTES);

    const lib = library();
    const report: ImportReport = await lib.ok('import.run', { path: big });
    expect(report).toMatchObject({ format: 'json', errors: [] });
    expect(report.byType.articles).toMatchObject({ created: 110 });
    expect(report.byType.quotes).toMatchObject({ created: 110 });
    const stored = lib.app.db.prepare('SELECT count(*) AS n, min(length(html)) AS shortest FROM articles').get() as { n: number; shortest: number };
    expect(stored).toEqual({ n: 110, shortest: expect.any(Number) });
    expect(stored.shortest).toBeGreaterThanOrEqual(1024 * 1024);

    // Its own export of it: as large, and the same records in a second library.
    const again = path.join(dir, 'again.json');
    const exported = await lib.ok('export.run', { format: 'json', out: again });
    expect(exported.counts).toMatchObject({ articles: 110, quotes: 110 });
    expect(fs.statSync(again).size).toBeGreaterThan(MAX_IMPORT_BYTES);
    const copy = library();
    expect((await copy.ok('import.run', { path: again })).byType.articles).toMatchObject({ created: 110 });
    const digest = (l: TempLibrary) => l.app.db.prepare("SELECT group_concat(id || ':' || length(html) || ':' || title, ',') FROM (SELECT * FROM articles ORDER BY id)").pluck().get();
    expect(digest(copy)).toBe(digest(lib));
  }, 120_000);

  it('writes exactly the whole document\'s pretty JSON, scoped or not', async () => {
    const lib = library();
    await lib.ok('import.run', { path: GOLDEN_LIBRARY_JSON });
    const dir = scratch();
    const whole = path.join(dir, 'whole.json');
    await lib.ok('export.run', { format: 'json', out: whole });
    const collection = (await lib.ok('collections.list', {})).items[0]!;
    const part = path.join(dir, 'part.json');
    await lib.ok('export.run', { format: 'json', out: part, collection: collection.id });
    for (const file of [whole, part]) {
      const text = fs.readFileSync(file, 'utf8');
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    }
    const doc = JSON.parse(fs.readFileSync(whole, 'utf8'));
    const { exportedAt: _e, ...records } = doc;
    const { exportedAt: _g, ...goldenRecords } = goldenLibraryDoc();
    expect({ ...records, schemaVersion: 0 }).toEqual({ ...goldenRecords, schemaVersion: 0 });
    expect(JSON.parse(fs.readFileSync(part, 'utf8')).articles.length).toBeLessThan(doc.articles.length);
  });

  it('reads a file whose head does not say what it is (format last) like any other', async () => {
    const { format, ...rest } = goldenLibraryDoc();
    const file = path.join(scratch(), 'reordered.json');
    fs.writeFileSync(file, JSON.stringify({ ...rest, format }));
    const report: ImportReport = await library().ok('import.run', { path: file });
    expect(report).toMatchObject({ format: 'json', errors: [] });
    expect(report.byType.articles).toMatchObject({ created: 5 });
  });

  it('names a missing, misplaced or repeated section, and imports nothing', async () => {
    const lib = library();
    const dir = scratch();
    const { notes: _n, ...withoutNotes } = goldenLibraryDoc();
    const cases: [string, string, RegExp][] = [
      ['no-notes.json', JSON.stringify(withoutNotes), /notes: missing/],
      ['quotes-object.json', JSON.stringify({ ...goldenLibraryDoc(), quotes: { a: 1 } }), /quotes: expected a list, found an object$/],
      ['twice.json', JSON.stringify(goldenLibraryDoc()).replace(/}$/, ', "tags": []}'), /tags: appears twice/],
      ['version-list.json', JSON.stringify({ ...goldenLibraryDoc(), version: [1] }), /version: expected a single value/],
    ];
    for (const [name, text, message] of cases) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      const error = await lib.fail('import.run', { path: file });
      expect(error.code, name).toBe('import/invalid');
      expect(error.message, name).toMatch(message);
    }
    expect(lib.app.db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(0);
  });

  it('a syntax error deep in a record is reported on its line', async () => {
    const text = JSON.stringify(goldenLibraryDoc(), null, 2);
    const at = text.indexOf('"wordCount"', text.indexOf('"articles"'));
    const broken = `${text.slice(0, at)}"wordCount": 67 67,${text.slice(text.indexOf('\n', at))}`;
    const file = path.join(scratch(), 'broken.json');
    fs.writeFileSync(file, broken);
    const error = await library().fail('import.run', { path: file });
    const line = text.slice(0, at).split('\n').length;
    expect(error.message).toContain(`line ${line}: not valid JSON: unexpected "67`);
  });

  it('a file that changes while it is checked is not imported', async () => {
    const file = path.join(scratch(), 'moving.json');
    fs.writeFileSync(file, JSON.stringify(goldenLibraryDoc(), null, 2));
    const lib = library();
    let appended = false;
    const result = await lib.dispatch('import.run', { path: file }, {
      onProgress: () => {
        // The first report comes as the check starts: the file grows under it.
        if (!appended) fs.appendFileSync(file, '\n');
        appended = true;
      },
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/changed while it was being checked; nothing was imported/) });
    expect(lib.app.db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(0);
  });
});
