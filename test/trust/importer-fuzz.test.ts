import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/errors';
import { IMPORT_FORMATS } from '../../shared/api/methods-exchange';
import { tempLibrary, type TempLibrary } from '../helpers/temp-library';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'exchange');
const SEEDS: [string, (typeof IMPORT_FORMATS)[number]][] = [
  ['citations.bib', 'bibtex'],
  ['citations.ris', 'ris'],
  ['citations.csl.json', 'csl-json'],
  ['readwise.csv', 'readwise'],
  ['hypothesis.json', 'hypothesis'],
];

/**
 * Hostile and mangled files through every importer: random text, and our own fixtures cut, spliced
 * and sprinkled with junk. Each import must end, quickly, in a report or a typed error — and a
 * failed import must change nothing.
 */
describe('importers under hostile input', () => {
  let lib: TempLibrary;
  let seeds: { text: string; format: (typeof IMPORT_FORMATS)[number]; name: string }[];
  beforeAll(() => {
    lib = tempLibrary();
    seeds = SEEDS.map(([name, format]) => ({ name, format, text: fs.readFileSync(path.join(FIXTURES, name), 'utf8') }));
  });
  afterAll(() => lib.cleanup());

  const mangled = fc
    .tuple(fc.nat(), fc.option(fc.nat(), { freq: 2 }), fc.nat(), fc.string({ maxLength: 40 }), fc.integer({ min: 0, max: 3 }), fc.nat())
    .map(([seedIndex, cut, spliceAt, junk, forceFormat, formatIndex]) => {
      const seed = seeds[seedIndex % seeds.length]!;
      const text = cut === null ? seed.text : seed.text.slice(0, cut % (seed.text.length + 1));
      const at = spliceAt % (text.length + 1);
      const content = `${text.slice(0, at)}${junk}${text.slice(at)}`;
      return { content, fileName: seed.name, format: forceFormat === 0 ? IMPORT_FORMATS[formatIndex % IMPORT_FORMATS.length] : undefined };
    });

  const outcomes = { reports: 0, errors: 0 };
  async function importBounded(input: { content: string; fileName: string; format?: string }) {
    const before = await lib.ok('library.info', {});
    const started = performance.now();
    const result = await lib.dispatch('import.run', input.format ? input : { content: input.content, fileName: input.fileName });
    expect(performance.now() - started).toBeLessThan(5_000);
    if (result.ok) outcomes.reports++;
    else outcomes.errors++;
    if (!result.ok) {
      expect(ERROR_CODES).toContain(result.error.code);
      expect(result.error.code).not.toBe('internal');
      expect((await lib.ok('library.info', {})).counts).toEqual(before.counts);
    }
  }

  it('mangled fixtures of every format: a report or a typed error, bounded, nothing half-done', async () => {
    await fc.assert(fc.asyncProperty(mangled, importBounded), { numRuns: 120 });
    // The property must have exercised both ways out, or it proved little.
    expect(outcomes.reports).toBeGreaterThan(5);
    expect(outcomes.errors).toBeGreaterThan(5);
  }, 300_000);

  it('random text under every format: a report or a typed error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), fc.constantFrom(...IMPORT_FORMATS), (content, format) => importBounded({ content, fileName: 'x', format })),
      { numRuns: 120 },
    );
    const check = await lib.ok('library.check', {});
    expect(check.problems).toEqual([]);
  }, 300_000);
});
