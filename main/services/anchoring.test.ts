import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTEXT_LENGTH, closestPassage, contextAround, locateQuote } from './anchoring';

const TEXT =
  'The council met on Tuesday. The mayor said: “We will build the tram by 2027.” ' +
  'Tom Berg replied that the budget does not add up. ' +
  'On Friday the mayor repeated: “We will build the tram by 2027.” Nobody else spoke.';

const selectorAt = (text: string, start: number, end: number) => ({ exact: text.slice(start, end), ...contextAround(text, start, end), start });

describe('locateQuote', () => {
  it('finds exact text at its recorded position (exact)', () => {
    const start = TEXT.indexOf('the budget');
    const sel = selectorAt(TEXT, start, start + 'the budget does not add up'.length);
    expect(locateQuote(TEXT, sel)).toEqual({ start, end: sel.start + sel.exact.length, status: 'exact' });
  });

  it('finds exact text without a position, as exact', () => {
    const start = TEXT.indexOf('Tom Berg');
    expect(locateQuote(TEXT, { exact: 'Tom Berg replied' })).toEqual({ start, end: start + 16, status: 'exact' });
  });

  it('finds text that moved after an edit before it (moved)', () => {
    const start = TEXT.indexOf('the budget');
    const sel = selectorAt(TEXT, start, start + 'the budget does not add up'.length);
    const edited = `UPDATED: a correction was added at the top. ${TEXT}`;
    const found = locateQuote(edited, sel);
    expect(found?.status).toBe('moved');
    expect(edited.slice(found!.start, found!.end)).toBe(sel.exact);
  });

  it('finds text whose white space or quote marks changed (moved, the new wording’s span)', () => {
    const exact = '“We will build the tram by 2027.”';
    const edited = TEXT.replaceAll(exact, '"We  will build\nthe tram by 2027."');
    const found = locateQuote(edited, { exact, start: TEXT.indexOf(exact) });
    expect(found).toEqual({ start: TEXT.indexOf(exact), end: TEXT.indexOf(exact) + 34, status: 'moved' });
    expect(edited.slice(found!.start, found!.end)).toBe('"We  will build\nthe tram by 2027."');
    const later = locateQuote(edited, { exact, start: TEXT.lastIndexOf(exact) })!;
    expect(later.start).toBe(edited.lastIndexOf('"We  will'));
  });

  it('finds text with a small wording change (fuzzy)', () => {
    const exact = 'Tom Berg replied that the budget does not add up';
    const edited = TEXT.replace('does not add up', 'did not add up');
    const found = locateQuote(edited, { exact, start: TEXT.indexOf(exact) });
    expect(found?.status).toBe('fuzzy');
    expect(edited.slice(found!.start, found!.end)).toContain('did not add up');
    expect(locateQuote(edited, { exact }, { allowFuzzy: false })).toBeNull();
  });

  it('gives up on text that is gone (orphan: null)', () => {
    const edited = TEXT.replace('Tom Berg replied that the budget does not add up. ', '');
    expect(locateQuote(edited, { exact: 'Tom Berg replied that the budget does not add up', start: 80 })).toBeNull();
    expect(locateQuote(TEXT, { exact: '' })).toBeNull();
    expect(locateQuote('', { exact: 'anything at all here' })).toBeNull();
  });

  it('chooses among repeated occurrences by context, then by nearness to the old position', () => {
    const exact = 'We will build the tram by 2027';
    const first = TEXT.indexOf(exact);
    const second = TEXT.lastIndexOf(exact);
    expect(locateQuote(TEXT, { exact })!.start).toBe(first);
    expect(locateQuote(TEXT, { exact, prefix: 'the mayor repeated: “' })!.start).toBe(second);
    expect(locateQuote(TEXT, { exact, suffix: '.” Nobody else' })!.start).toBe(second);
    expect(locateQuote(TEXT, { exact, prefix: 'The mayor said: “' })!.start).toBe(first);
    // After an edit moves both, the recorded context still picks the right one.
    const edited = `Breaking. ${TEXT}`;
    const sel = selectorAt(TEXT, second, second + exact.length);
    const found = locateQuote(edited, sel)!;
    expect(found.start).toBe(second + 'Breaking. '.length);
    expect(found.status).toBe('moved');
    // Without context, the occurrence nearest the old position wins.
    expect(locateQuote(edited, { exact, start: second })!.start).toBe(second + 'Breaking. '.length);
  });

  it('re-finds any span of an unchanged text exactly where it was (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), fc.nat(), fc.nat(), (text, a, b) => {
        const start = a % text.length;
        const end = start + 1 + (b % (text.length - start));
        const found = locateQuote(text, selectorAt(text, start, end));
        expect(found).toEqual({ start, end, status: 'exact' });
      }),
    );
  });

  it('re-finds a span after text is inserted before it (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), fc.string({ maxLength: 50 }), fc.nat(), fc.nat(), (text, inserted, a, b) => {
        const start = a % text.length;
        const end = start + 1 + (b % (text.length - start));
        const sel = selectorAt(text, start, end);
        const edited = inserted + text;
        const found = locateQuote(edited, sel);
        expect(found).not.toBeNull();
        expect(edited.slice(found!.start, found!.end)).toBe(sel.exact);
      }),
    );
  });
});

describe('locateQuote ignoring white space, quote style and case', () => {
  // Matching is also case-insensitive; 'İ' lowercases to 'i' + U+0307, so it may stand for an 'i'.
  const normalize = (t: string) => t.replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim().toLowerCase().replace(/\u0307/g, '');

  it('maps the match back to the right span when lowercasing changes a character’s length (İ)', () => {
    const text = 'İstanbul’s mayor said “we will win” today.';
    const found = locateQuote(text, { exact: '"we will win"' })!;
    expect(text.slice(found.start, found.end)).toBe('“we will win”');
  });

  it('returns a span that reads the same once normalized (property)', () => {
    const char = fc.constantFrom('a', 'b', 'İ', 'i', '“', '”', '"', ' ', '\n', 'ß');
    fc.assert(
      fc.property(fc.array(char, { minLength: 1, maxLength: 80 }).map((cs) => cs.join('')), fc.nat(), fc.nat(), (text, a, b) => {
        const start = a % text.length;
        const end = start + 1 + (b % (text.length - start));
        const variant = text.slice(start, end).replace(/[“”]/g, '"').replace(/\s+/g, ' ');
        const found = locateQuote(text, { exact: variant }, { allowFuzzy: false });
        if (normalize(variant) === '') return;
        expect(found).not.toBeNull();
        expect(normalize(text.slice(found!.start, found!.end))).toBe(normalize(variant));
      }),
      { numRuns: 500 },
    );
  });
});

describe('contextAround', () => {
  it('takes up to 32 characters either side', () => {
    expect(CONTEXT_LENGTH).toBe(32);
    const text = 'x'.repeat(50) + 'QUOTE' + 'y'.repeat(50);
    expect(contextAround(text, 50, 55)).toEqual({ prefix: 'x'.repeat(32), suffix: 'y'.repeat(32) });
    expect(contextAround('abQUOTEcd', 2, 7)).toEqual({ prefix: 'ab', suffix: 'cd' });
  });
});

describe('closestPassage', () => {
  it('returns the window sharing the most words, with its offsets', () => {
    const found = closestPassage(TEXT, 'the budget simply cannot add up')!;
    expect(found.text).toContain('budget');
    expect(TEXT.slice(found.start, found.end)).toBe(found.text);
    expect(found.similarity).toBeGreaterThan(0.5);
    expect(found.similarity).toBeLessThanOrEqual(1);
  });

  it('of windows sharing as many words, picks the one that lines up with the quote (not the first)', () => {
    const text = 'The ministry defended the ruling on Monday, citing its advisers. "We think this is a balanced decision," a spokesperson said.';
    // A misspelt last word: the window one word early shares as many words as the right one.
    const found = closestPassage(text, 'We think this is a balanced decison')!;
    expect(found.text).toBe('We think this is a balanced decision');
    expect(text.slice(found.start, found.end)).toBe(found.text);
    // A misspelt first word: the window one word late ties with the right one the other way round.
    expect(closestPassage(text, 'Wee think this is a balanced decision')!.text).toBe('We think this is a balanced decision');
    // With no tie, the window sharing the most words still wins outright.
    expect(closestPassage(text, 'citing its advisers on Monday')!.text).toBe('on Monday, citing its advisers');
  });

  it('counts a repeated word only as often as the quote has it (similarity stays within 0..1)', () => {
    // "a" twice in the later window must not outweigh the right window's one "a".
    const text = 'Officials said: "We think this is a balanced decision," a spokesperson added.';
    expect(closestPassage(text, 'Wee think this is a balanced decision')!.text).toBe('We think this is a balanced decision');
    expect(closestPassage('one one one two', 'one two')).toMatchObject({ text: 'one two', similarity: 1 });
    expect(closestPassage('a a b', 'a a b')!.similarity).toBe(1);
  });

  it('is null when nothing is shared, or there is nothing to compare', () => {
    expect(closestPassage(TEXT, 'zebra quantum xylophone')).toBeNull();
    expect(closestPassage(TEXT, '“ — ”')).toBeNull();
    expect(closestPassage('', 'the mayor')).toBeNull();
  });
});
