import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonDocumentWriter } from './json-writer';

/** Write `doc` through the writer: lists item by item, objects (two levels deep) member by member. */
function written(doc: Record<string, unknown>): string {
  const pieces: string[] = [];
  const out = new JsonDocumentWriter((piece) => pieces.push(piece));
  const members = (object: Record<string, unknown>, depth: number) => {
    for (const [key, value] of Object.entries(object)) {
      if (Array.isArray(value)) out.list(key, value, (item) => item);
      else if (depth < 2 && value !== null && typeof value === 'object') {
        out.openObject(key);
        members(value as Record<string, unknown>, depth + 1);
        out.closeObject();
      } else out.value(key, value);
    }
  };
  out.open();
  members(doc, 1);
  out.close();
  return pieces.join('');
}

describe('JsonDocumentWriter', () => {
  it('writes exactly what JSON.stringify(doc, null, 2) does, plus a final newline (property)', () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    const member = fc.oneof(value, fc.array(value, { maxLength: 4 }), fc.dictionary(fc.string(), fc.oneof(value, fc.array(value, { maxLength: 3 })), { maxKeys: 3 }));
    fc.assert(
      fc.property(fc.dictionary(fc.string(), member, { maxKeys: 5 }), (doc) => {
        expect(written(doc)).toBe(`${JSON.stringify(doc, null, 2)}\n`);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out undefined members, as JSON.stringify does, and keeps only the list items asked for', () => {
    const pieces: string[] = [];
    const out = new JsonDocumentWriter((piece) => pieces.push(piece));
    out.open({ a: 1, gone: undefined });
    expect(out.list('even', [1, 2, 3, 4], (n) => ({ n }), (n) => n % 2 === 0)).toBe(2);
    expect(out.list('none', [1, 3], (n) => n, (n) => n % 2 === 0)).toBe(0);
    out.close();
    expect(pieces.join('')).toBe(`${JSON.stringify({ a: 1, even: [{ n: 2 }, { n: 4 }], none: [] }, null, 2)}\n`);
  });
});
