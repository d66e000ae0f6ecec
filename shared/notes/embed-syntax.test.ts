import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMBED_TYPES, embedQueryBefore, embeddedItems, formatEmbed, matchEmbedAt, parseEmbeds, quoteBlockId, quoteBlockIds } from './embed-syntax';
import { parseMarkdown } from './markdown-ast';

const ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

describe('embed syntax', () => {
  it('reads embeds, references and labels with their offsets', () => {
    const text = `See ![[quote:${ID}]] and [[article:a-1|the piece]].`;
    expect(parseEmbeds(text)).toEqual([
      { isEmbed: true, type: 'quote', id: ID, label: null, from: 4, to: 4 + `![[quote:${ID}]]`.length },
      { isEmbed: false, type: 'article', id: 'a-1', label: 'the piece', from: text.indexOf('[[article'), to: text.indexOf('.', text.indexOf('[[article')) },
    ]);
  });

  it('leaves code, escapes, unknown types and broken tokens as text', () => {
    const text = [
      '`![[quote:a]]` and ``x `[[quote:b]]` y``',
      '\\[[quote:c]] and \\\\[[quote:d]]',
      '[[person:e]] [[quote:]] [[quote:f g]] [[quote:h] ] [[quote:i|]]',
      '```',
      '![[quote:j]]',
      '```',
      '~~~~md',
      '[[quote:k]]',
      '~~~',
      '~~~~',
      '[[quote:l]]',
    ].join('\n');
    expect(parseEmbeds(text).map((t) => t.id)).toEqual(['d', 'l']);
  });

  it('never spans lines and keeps ids to a safe alphabet', () => {
    expect(parseEmbeds('[[quote:a\n]]')).toEqual([]);
    expect(parseEmbeds('[[quote:a|one\ntwo]]')).toEqual([]);
    expect(parseEmbeds(`[[quote:${'x'.repeat(101)}]]`)).toEqual([]);
    expect(parseEmbeds('[[quote:a"onmouseover=x]]')).toEqual([]);
  });

  it('formats tokens that parse back to themselves', () => {
    expect(formatEmbed({ type: 'quote', id: ID, isEmbed: true })).toBe(`![[quote:${ID}]]`);
    expect(formatEmbed({ type: 'speaker', id: 's1', label: 'the mayor]] | x' })).toBe('[[speaker:s1|the mayor x]]');
    expect(matchEmbedAt(formatEmbed({ type: 'speaker', id: 's1', label: 'the mayor]] | x' }), 0)).toMatchObject({ label: 'the mayor x' });
  });

  it('counts each item once, remembering whether any occurrence embeds it', () => {
    expect(embeddedItems('[[quote:a]] ![[quote:a]] [[topic:t]]')).toEqual([
      { type: 'quote', id: 'a', isEmbed: true, count: 2, firstOffset: 0 },
      { type: 'topic', id: 't', isEmbed: false, count: 1, firstOffset: 25 },
    ]);
  });

  it('finds the picker query before the cursor', () => {
    expect(embedQueryBefore('text [[tram')).toEqual({ from: 5, isEmbed: false, query: 'tram' });
    expect(embedQueryBefore('![[')).toEqual({ from: 0, isEmbed: true, query: '' });
    expect(embedQueryBefore('\\[[tram')).toBeNull();
    expect(embedQueryBefore('[[done]] more')).toBeNull();
  });

  it('gives quotes Obsidian block ids from the random tail of their id, the same in every document', () => {
    const a = '01a22553-cd71-7026-a798-802bbd555e2f';
    const b = '01a22553-cd73-7b26-8798-802bbd555e30';
    expect(quoteBlockId(a)).toBe('q-802bbd555e2f');
    expect(quoteBlockIds([a, b, a])).toEqual(new Map([[a, 'q-802bbd555e2f'], [b, 'q-802bbd555e30']]));
    // Two ids with the same tail (never seen in practice) fall back to their whole ids.
    const twin = '99999999-0000-7000-a798-802bbd555e2f';
    expect(quoteBlockIds([a, twin]).get(twin)).toBe('q-9999999900007000a798802bbd555e2f');
  });

  describe('properties', () => {
    const alphabet = fc.constantFrom('[', ']', '!', '|', ':', '\\', '`', '~', '\n', ' ', 'quote', 'article', 'topic', 'a', '1', '-', '```', 'é', '😀');
    const noteish = fc.oneof(fc.string({ maxLength: 300 }), fc.array(alphabet, { maxLength: 120 }).map((parts) => parts.join('')));

    it('any string parses without throwing, and every token is exactly its slice', () => {
      fc.assert(
        fc.property(noteish, (text) => {
          const tokens = parseEmbeds(text);
          let last = -1;
          for (const t of tokens) {
            expect(t.from).toBeGreaterThan(last);
            expect(t.to).toBeLessThanOrEqual(text.length);
            expect(matchEmbedAt(text, t.from)).toEqual(t);
            expect(EMBED_TYPES).toContain(t.type);
            last = t.to - 1;
          }
          expect(() => parseMarkdown(text)).not.toThrow();
        }),
        { numRuns: 500 },
      );
    });

    it('a formatted token, dropped anywhere outside code, is found again', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...EMBED_TYPES),
          fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
          fc.boolean(),
          fc.option(fc.string({ maxLength: 60 }), { nil: null }),
          fc.string({ maxLength: 40 }).map((s) => s.replace(/[`~\\[\]!\n]/g, '')),
          (type, id, isEmbed, label, before) => {
            const token = formatEmbed({ type, id, isEmbed, label });
            const found = parseEmbeds(`${before} ${token} tail`);
            expect(found).toHaveLength(1);
            expect(found[0]).toMatchObject({ type, id, isEmbed });
          },
        ),
      );
    });
  });
});
