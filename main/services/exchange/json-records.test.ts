import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bufferSource, JsonSyntaxError, lineOfOffset, readJsonArray, readJsonDocument, type JsonEvent } from './json-records';

const events = (text: string, chunk?: number): JsonEvent[] => [...readJsonDocument(bufferSource(Buffer.from(text, 'utf8')), { chunk })];

/** The document rebuilt from its events, as JSON.parse would give it (arrays from their units). */
function rebuild(list: JsonEvent[]): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  // Own properties only: a key may be "toString" or "__proto__".
  const own = (o: Record<string, unknown>, key: string, make: () => unknown) => {
    if (!Object.hasOwn(o, key)) Object.defineProperty(o, key, { value: make(), enumerable: true, writable: true, configurable: true });
    return o[key];
  };
  const parent = (path: string[]) => path.slice(0, -1).reduce((o, key) => own(o, key, () => ({})) as Record<string, unknown>, doc);
  for (const e of list) {
    const key = e.path[e.path.length - 1]!;
    if (e.kind === 'array') own(parent(e.path), key, () => []);
    else if (e.kind === 'object') own(parent(e.path), key, () => ({}));
    else if (e.index === null) own(parent(e.path), key, () => JSON.parse(e.text));
    else (own(parent(e.path), key, () => []) as unknown[]).push(JSON.parse(e.text));
  }
  return doc;
}

function syntaxError(text: string): JsonSyntaxError {
  try {
    events(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error;
    throw error;
  }
  throw new Error(`no syntax error in ${text}`);
}

describe('a JSON document read record by record', () => {
  const doc = {
    format: 'x', version: 1,
    articles: [{ id: 'a', html: '<p class="q">"quoted" {braces} [brackets] \\ back\\slash</p>', tags: ['x', 'y'] }, { id: 'b', text: 'naïve — 東京 😀' }],
    empty: [],
    suggestions: { quotes: [{ id: 'q' }, 7, 'eight', null, true], sources: [] },
    nested: { deeper: { kept: [1, { whole: true }] } },
  };

  it('hands out every element with its path and index, and every array with its extent and count', () => {
    const text = JSON.stringify(doc, null, 2);
    const bytes = Buffer.from(text, 'utf8');
    const list = events(text);
    expect(list.filter((e) => e.kind === 'unit' && e.path[0] === 'articles').map((e) => (e as { index: number }).index)).toEqual([0, 1]);
    const quotes = list.find((e) => e.kind === 'array' && e.path.join('.') === 'suggestions.quotes') as JsonEvent & { kind: 'array' };
    expect(quotes.count).toBe(5);
    expect(bytes.toString('utf8', quotes.start, quotes.end)).toBe(JSON.stringify(doc.suggestions.quotes, null, 2).replace(/\n/g, '\n    '));
    // Objects two levels down are one unit, not entered.
    expect(list.find((e) => e.path.join('.') === 'nested.deeper')).toMatchObject({ kind: 'unit', index: null });
    expect(rebuild(list)).toEqual(doc);
  });

  it('reads the same in any chunk size (strings, escapes and multi-byte characters across chunk ends)', () => {
    for (const spacing of [0, 2]) {
      const text = JSON.stringify(doc, null, spacing);
      for (const chunk of [1, 2, 3, 5, 7, 64]) expect(rebuild(events(text, chunk)), `chunk ${chunk}`).toEqual(doc);
    }
  });

  it('reads one array again from where the document said it starts', () => {
    const text = JSON.stringify(doc, null, 2);
    const source = bufferSource(Buffer.from(text, 'utf8'));
    for (const e of events(text)) {
      if (e.kind !== 'array') continue;
      const units = [...readJsonArray(source, e.start, e.path, { chunk: 3 })];
      expect(units.map((u) => JSON.parse(u.text))).toEqual(e.path.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], doc));
    }
  });

  it('gives any document of objects, arrays and values back as JSON.parse reads it (property)', () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    const member = fc.oneof(value, fc.array(value, { maxLength: 4 }), fc.dictionary(fc.string(), fc.oneof(value, fc.array(value, { maxLength: 3 })), { maxKeys: 3 }));
    fc.assert(
      fc.property(fc.dictionary(fc.string(), member, { maxKeys: 5 }), fc.constantFrom(0, 1, 2), fc.integer({ min: 1, max: 9 }), (document, spacing, chunk) => {
        const text = JSON.stringify(document, null, spacing);
        expect(rebuild(events(text, chunk))).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('says where the structure breaks, or that it ends too early', () => {
    const cases: [string, number, boolean][] = [
      ['{"a": [1, 2}', 11, false], // a number ends at "}", which cannot close the array
      ['{"a": [}', 7, false],
      ['{"a": 1 "b": 2}', 8, false],
      ['{"a" 1}', 5, false],
      ['{"a": [1, 2]', 12, true],
      ['{"a": "unclosed', 15, true],
      ['{"a": {"b": [{"c": 1}', 21, true],
      ['{"a": 1} trailing', 9, false],
      ['[1, 2]', 0, false],
      ['', 0, true],
    ];
    for (const [text, offset, endsEarly] of cases) expect(syntaxError(text), text).toMatchObject({ offset, endsEarly });
  });

  it('leaves a unit\'s own syntax to JSON.parse (its text is handed out as it is)', () => {
    const list = events('{"a": [{"x": 1,}, tru]}');
    expect(list.filter((e) => e.kind === 'unit').map((e) => (e as { text: string }).text)).toEqual(['{"x": 1,}', 'tru']);
  });

  it('counts lines up to a byte offset', () => {
    const source = bufferSource(Buffer.from('{\n  "a": [\n    1,\n    x\n  ]\n}', 'utf8'));
    expect(lineOfOffset(source, 0)).toBe(1);
    expect(lineOfOffset(source, 2)).toBe(2);
    expect(lineOfOffset(source, 22)).toBe(4);
  });
});
