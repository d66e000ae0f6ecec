import { describe, expect, it } from 'vitest';
import { trimWithin } from './trim';

const suggestion = { text: 'We patched it for years.\n\n“Now the patches are the problem,” and so on.', start: 40 };

describe('trimWithin', () => {
  it('locates the kept words in the passage and gives their place in the article', () => {
    expect(trimWithin(suggestion, 'patched it')).toEqual({ text: 'patched it', start: 43 });
    expect(trimWithin(suggestion, '  We patched it for years. ')).toEqual({ text: 'We patched it for years.', start: 40 });
  });

  it('keeps the article’s own white space when the edit differs only in it', () => {
    expect(trimWithin(suggestion, 'years. “Now the')).toEqual({ text: 'years.\n\n“Now the', start: 40 + suggestion.text.indexOf('years.') });
  });

  it('refuses words not in the passage, changed words and an empty edit', () => {
    expect(trimWithin(suggestion, 'patched it for months')).toBeNull();
    expect(trimWithin(suggestion, 'We patched it for years. Then')).toBeNull();
    expect(trimWithin(suggestion, '  ')).toBeNull();
  });

  it('treats the typed text literally', () => {
    expect(trimWithin({ text: 'costs rose (again) by 5.5%', start: 0 }, '(again) by 5.5%')).toEqual({ text: '(again) by 5.5%', start: 11 });
    expect(trimWithin({ text: 'costs rose again', start: 0 }, 'rose.*')).toBeNull();
  });
});
