import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from './json-error';

describe('jsonErrorOffset', () => {
  it('finds where JSON.parse gave up', () => {
    expect(jsonErrorOffset('{\n  "a": [}\n')).toBe(10);
    expect(jsonErrorOffset('{"a": [1,')).toBe(9);
    expect(jsonErrorOffset('{"a" 1}')).toBe(5);
    expect(jsonErrorOffset('[1,2,]')).toBe(5);
    expect(jsonErrorOffset('{"a":1}x')).toBe(7);
    expect(jsonErrorOffset('{"z": "\\u12"}')).toBe(9);
  });

  it('walks every valid JSON text to its end, and never past the end of a cut one', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), (json, cut) => {
        expect(jsonErrorOffset(json)).toBe(json.length);
        const truncated = json.slice(0, cut % (json.length + 1));
        let isValid = true;
        try {
          JSON.parse(truncated);
        } catch {
          isValid = false;
        }
        if (!isValid) expect(jsonErrorOffset(truncated)).toBeLessThanOrEqual(truncated.length);
      }),
      { numRuns: 300 },
    );
    expect(jsonErrorOffset(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toBe(200_000);
  });
});
