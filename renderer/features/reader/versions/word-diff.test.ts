import { describe, expect, it } from 'vitest';
import { countChanges, diffSegments } from './word-diff';

const words = (n: number, prefix = 'w') => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(' ');

describe('word diff', () => {
  it('counts added and removed words', () => {
    const parts = [{ value: 'The vote was ' }, { value: '7 to 2', removed: true }, { value: '8 to 1 today', added: true }, { value: '.' }];
    expect(countChanges(parts)).toEqual({ added: 4, removed: 3 });
  });

  it('folds long unchanged stretches but keeps context around changes and the whole text', () => {
    const before = `${words(200, 'a')} `;
    const after = ` ${words(200, 'b')}`;
    const parts = [{ value: before }, { value: 'NEW', added: true }, { value: after }];
    const segments = diffSegments(parts, 10);
    expect(segments.map((s) => s.kind)).toEqual(['gap', 'same', 'added', 'same', 'gap']);
    expect(segments.map((s) => s.text).join('')).toBe(before + 'NEW' + after);
    const firstGap = segments[0]!;
    expect(firstGap.kind === 'gap' && firstGap.words).toBe(190);
  });

  it('leaves short unchanged parts whole', () => {
    const parts = [{ value: 'short text ' }, { value: 'x', removed: true }];
    expect(diffSegments(parts)).toEqual([{ kind: 'same', text: 'short text ' }, { kind: 'removed', text: 'x' }]);
  });
});
