import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { countWords, domToText, domToTextWithOrigins, type TextNodeLike } from './dom-text';

const body = (html: string): TextNodeLike => parseHTML(`<!doctype html><html><head><title>t</title></head><body>${html}</body></html>`).document.body as unknown as TextNodeLike;
const text = (html: string) => domToText(body(html));

/** Every character that came from the page maps back to that character (white space folded to a space). */
function expectOriginsConsistent(html: string): void {
  const { text: out, origins } = domToTextWithOrigins(body(html));
  expect(out).toBe(text(html));
  expect(origins).toHaveLength(out.length);
  for (let i = 0; i < out.length; i++) {
    const origin = origins[i];
    if (origin === null || origin === undefined) {
      expect(out[i], `char ${i} of ${JSON.stringify(out)} has no origin`).toMatch(/\s/);
      continue;
    }
    const source = origin.node.nodeValue![origin.offset];
    if (source === out[i]) continue;
    expect(out[i], `char ${i} of ${JSON.stringify(out)}`).toBe(' ');
    expect(source, `char ${i} of ${JSON.stringify(out)} comes from ${JSON.stringify(source)}`).toMatch(/[\s\u00a0]/);
  }
}

describe('domToText', () => {
  it('separates blocks with a blank line and trims them', () => {
    expect(text('<h1> Title </h1><p>First  para.</p><div><p>Nested</p></div><ul><li>one</li><li>two</li></ul>')).toBe('Title\n\nFirst para.\n\nNested\n\none\n\ntwo');
  });

  it('turns <br> and table rows into single newlines, cells into spaces', () => {
    expect(text('<p>line one<br>line two<br/>line three</p>')).toBe('line one\nline two\nline three');
    expect(text('<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>')).toBe('a b\nc d');
    // A space before the break must not swallow it.
    expect(text('<p>line one <br>line two</p>')).toBe('line one\nline two');
  });

  it('collapses runs of white space inside a block to one space, non-breaking spaces included', () => {
    expect(text('<p>  a \n\t b   c  </p>')).toBe('a b c');
    expect(text('<p>a&nbsp;b</p>')).toBe('a b');
    expect(text('<p>in<em>line</em> <strong>tags</strong>, no<span> gaps</span></p>')).toBe('inline tags, no gaps');
  });

  it('keeps spaces and line breaks inside <pre>', () => {
    expect(text('<p>Before</p><pre>def f():\n    return  1\nend</pre><p>After</p>')).toBe('Before\n\ndef f():\n    return  1\nend\n\nAfter');
  });

  it('keeps blank lines inside <pre>', () => {
    expect(text('<pre>a\n\nb</pre>')).toBe('a\n\nb');
    expect(text('<pre>a\n\n\nb\n</pre><p>c</p>')).toBe('a\n\n\nb\n\nc');
  });

  it('skips script, style, template, noscript and head content', () => {
    expect(text('<p>Visible</p><script>var hidden = 1;</script><style>p{color:red}</style><template><p>tpl</p></template><noscript>ns</noscript><p>Also</p>')).toBe('Visible\n\nAlso');
  });

  it('is empty for an empty or invisible body', () => {
    expect(text('')).toBe('');
    expect(text('<p>   </p><script>x</script>')).toBe('');
  });

  it('counts words in any script', () => {
    expect(countWords('The mayor’s plan — isn’t it 2027-ready?')).toBe(6);
    expect(countWords('東京都')).toBe(3);
  });
});

describe('domToTextWithOrigins', () => {
  it('maps every character back to its text node and offset', () => {
    expectOriginsConsistent('<p>  a \n\t b   c  </p><p>x<br>y</p><pre> keep  this\n too</pre><p>a&nbsp;b <em>c</em>  <b>d</b></p>');
    const { text: out, origins } = domToTextWithOrigins(body('<p>ab</p><p>cd</p>'));
    expect(out).toBe('ab\n\ncd');
    expect(origins.map((o) => (o ? `${o.node.nodeValue}@${o.offset}` : null))).toEqual(['ab@0', 'ab@1', null, null, 'cd@0', 'cd@1']);
  });

  it('gives a collapsed space the origin of white space in the page, never of the next letter', () => {
    const { text: out, origins } = domToTextWithOrigins(body('<p>a \n b</p>'));
    expect(out).toBe('a b');
    expect(origins[1]!.node.nodeValue![origins[1]!.offset]).toMatch(/\s/);
  });

  it('holds for random nested markup (property)', () => {
    const word = fc.stringMatching(/^[a-zA-Z0-9 \n\t]{0,8}$/);
    const leaf = fc.oneof(word, fc.constant('<br>'), fc.constant('&nbsp;'), fc.constant(' '));
    const tags = ['p', 'div', 'span', 'em', 'li', 'pre', 'h2', 'td', 'tr', 'blockquote', 'script', 'b'];
    const tree: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.tuple(fc.constantFrom(...tags), fc.array(tie('node'), { maxLength: 4 })).map(([tag, kids]) => `<${tag}>${kids.join('')}</${tag}>`),
      ),
    })).node;
    fc.assert(
      fc.property(fc.array(tree, { maxLength: 5 }), (parts) => {
        expectOriginsConsistent(parts.join(''));
      }),
      { numRuns: 300 },
    );
  });
});
