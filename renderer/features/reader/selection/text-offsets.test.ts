// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { domToText, type TextNodeLike } from '../../../../shared/text/dom-text';
import { buildSafeFragment } from '../safe-html';
import { highlightQuotes } from '../highlight';
import { CONTEXT_CHARS, offsetsToRange, selectionToAnchor } from './text-offsets';

const setup = (html: string) => {
  const root = document.createElement('div');
  root.appendChild(buildSafeFragment(html, null));
  document.body.replaceChildren(root);
  const text = domToText(root as unknown as TextNodeLike);
  return { root, text };
};

/** A Range from the first occurrence of `from` (its start) to the end of the first `to` after it. */
function rangeBetween(root: HTMLElement, from: string, to: string): Range {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let started = false;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (!started) {
      const at = node.data.indexOf(from);
      if (at < 0) continue;
      range.setStart(node, at);
      started = true;
      const end = node.data.indexOf(to, at);
      if (end >= 0) {
        range.setEnd(node, end + to.length);
        return range;
      }
      continue;
    }
    const end = node.data.indexOf(to);
    if (end >= 0) {
      range.setEnd(node, end + to.length);
      return range;
    }
  }
  throw new Error(`no range from ${from} to ${to}`);
}

describe('selectionToAnchor', () => {
  it('maps a selection inside one text node to offsets into the plain text', () => {
    const { root, text } = setup('<p>The mayor said the budget was fair.</p>');
    const anchor = selectionToAnchor(root, rangeBetween(root, 'budget', 'fair'), text);
    expect(anchor).toMatchObject({ text: 'budget was fair' });
    expect(text.slice(anchor!.start, anchor!.end)).toBe('budget was fair');
    expect(anchor!.prefix).toBe('The mayor said the ');
    expect(anchor!.suffix).toBe('.');
  });

  it('crosses inline elements, collapsed white space and blocks', () => {
    const { root, text } = setup('<p>One  <em>two</em>\n three.</p><p>Four <b>five</b> six.</p>');
    const anchor = selectionToAnchor(root, rangeBetween(root, 'two', 'five'), text)!;
    expect(anchor.text).toBe('two three.\n\nFour five');
    expect(text.slice(anchor.start, anchor.end)).toBe(anchor.text);
  });

  it('trims white space a double-click takes along', () => {
    const { root, text } = setup('<p>alpha beta gamma</p>');
    const anchor = selectionToAnchor(root, rangeBetween(root, 'beta ', 'beta '), text)!;
    expect(anchor.text).toBe('beta');
    expect(anchor.start).toBe(6);
  });

  it('works over text already split by quote marks (overlapping quotes)', () => {
    const { root, text } = setup('<p>We saved Saturday hours at two branches, she said.</p>');
    highlightQuotes(root, text, [{ id: 'q1', start: 3, end: 23, text: text.slice(3, 23) }]);
    const anchor = selectionToAnchor(root, rangeBetween(root, 'Saturday', 'branches'), text)!;
    expect(anchor.text).toBe('Saturday hours at two branches');
    expect(anchor.start).toBe(text.indexOf('Saturday'));
  });

  it('keeps 32 characters of context', () => {
    const long = 'x'.repeat(50);
    const { root, text } = setup(`<p>${long} target ${long}</p>`);
    const anchor = selectionToAnchor(root, rangeBetween(root, 'target', 'target'), text)!;
    expect(anchor.prefix).toHaveLength(CONTEXT_CHARS);
    expect(anchor.suffix).toHaveLength(CONTEXT_CHARS);
  });

  it('falls back to the nearest occurrence when the rendered text differs from the stored one', () => {
    const { root } = setup('<p>apples and pears</p>');
    const stored = 'Intro.\n\napples and pears';
    const anchor = selectionToAnchor(root, rangeBetween(root, 'pears', 'pears'), stored)!;
    expect(anchor.start).toBe(stored.indexOf('pears'));
  });

  it('returns null for a selection outside the article', () => {
    const { root, text } = setup('<p>inside</p>');
    const outside = document.createElement('p');
    outside.textContent = 'outside';
    document.body.appendChild(outside);
    const range = document.createRange();
    range.selectNodeContents(outside);
    expect(selectionToAnchor(root, range, text)).toBeNull();
  });
});

describe('offsetsToRange', () => {
  it('round-trips with selectionToAnchor', () => {
    const { root, text } = setup('<p>First <i>para</i>graph.</p><ul><li>item one</li><li>item two</li></ul>');
    const start = text.indexOf('graph');
    const end = text.indexOf('one') + 3;
    const range = offsetsToRange(root, text, start, end)!;
    expect(range.toString()).toBe('graph.item one'); // Range text has no block separators
    expect(selectionToAnchor(root, range, text)).toMatchObject({ start, end });
  });
});
