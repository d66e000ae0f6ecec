// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { domToText, type TextNodeLike } from '../../../shared/text/dom-text';
import { buildSafeFragment } from './safe-html';
import { highlightQuotes } from './highlight';

const setup = (html: string) => {
  const root = document.createElement('div');
  root.appendChild(buildSafeFragment(html, null));
  const text = domToText(root as unknown as TextNodeLike);
  return { root, text };
};

const marked = (root: HTMLElement, id: string) =>
  Array.from(root.querySelectorAll<HTMLElement>(`mark[data-quote-id="${id}"]`))
    .map((m) => m.textContent)
    .join('');

describe('highlightQuotes', () => {
  it('wraps a range that crosses inline elements and collapsed white space', () => {
    const { root, text } = setup('<p>The minister said   <em>we will not</em> raise taxes this year.</p>');
    const quote = 'we will not raise taxes';
    const start = text.indexOf(quote);
    const result = highlightQuotes(root, text, [{ id: 'q1', start, end: start + quote.length, text: quote }]);
    expect(result.missing).toEqual([]);
    expect(marked(root, 'q1').replace(/\s+/g, ' ')).toBe(quote);
    // Highlighting never changes the text itself.
    expect(domToText(root as unknown as TextNodeLike)).toBe(text);
  });

  it('spans paragraphs and nests overlapping quotes', () => {
    const { root, text } = setup('<p>Alpha beta gamma.</p><p>Delta epsilon.</p>');
    const a = text.indexOf('beta');
    const b = text.indexOf('gamma');
    const end = text.indexOf('Delta') + 'Delta'.length;
    highlightQuotes(root, text, [
      { id: 'a', start: a, end, text: text.slice(a, end) },
      { id: 'b', start: b, end: b + 5, text: 'gamma' },
    ]);
    expect(marked(root, 'b')).toBe('gamma');
    expect(marked(root, 'a')).toContain('beta');
    expect(marked(root, 'a')).toContain('Delta');
    expect(root.querySelector('mark[data-quote-id="a"] mark[data-quote-id="b"], mark[data-quote-id="b"] mark[data-quote-id="a"]')).not.toBeNull();
  });

  it('falls back to searching the text when the rendered text differs from the stored one', () => {
    const { root } = setup('<p>Only the second sentence matters here.</p>');
    const stored = 'Something else entirely. Only the second sentence matters here.';
    const result = highlightQuotes(root, stored, [{ id: 'q', start: 25, end: 47, text: 'second sentence' }]);
    expect(result.missing).toEqual([]);
    expect(marked(root, 'q')).toBe('second sentence');
  });

  it('reports quotes it cannot place', () => {
    const { root, text } = setup('<p>Short.</p>');
    expect(highlightQuotes(root, `${text}x`, [{ id: 'gone', start: 0, end: 4, text: 'absent words' }]).missing).toEqual(['gone']);
  });
});
