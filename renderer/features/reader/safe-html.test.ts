// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { domToText, type TextNodeLike } from '../../../shared/text/dom-text';
import { buildSafeFragment, safeUrl } from './safe-html';

const render = (html: string, base: string | null = null): HTMLDivElement => {
  const div = document.createElement('div');
  div.appendChild(buildSafeFragment(html, base));
  return div;
};

describe('buildSafeFragment', () => {
  it('drops scripts, iframes, forms controls, styles and event handlers', () => {
    const div = render(
      `<p onclick="alert(1)" style="color:red" class="x" id="y">Hi <b onmouseover="x()">there</b></p>
       <script>window.pwned = 1</script><iframe src="https://evil.example"></iframe>
       <form action="https://evil.example"><input name="a"><button>Go</button></form>
       <img src="x" onerror="alert(1)"><svg><script>alert(1)</script></svg><style>body{display:none}</style>
       <object data="x.swf"></object><embed src="y"><meta http-equiv="refresh" content="0;url=https://evil.example">`,
    );
    expect(div.querySelector('script, iframe, form, input, object, embed, style, svg, meta')).toBeNull();
    for (const el of Array.from(div.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) expect(attr.name).not.toMatch(/^on|^style$|^class$|^id$/);
    }
    expect(div.textContent).toContain('Hi there');
    // A button's label stays as text (unwrapped), so the plain text keeps its length.
    expect(div.textContent).toContain('Go');
  });

  it('removes javascript: and other unsafe URLs but keeps the link text', () => {
    const div = render(`<a href="javascript:alert(1)">one</a> <a href=" JaVa\nScRiPt:alert(2)">two</a> <a href="data:text/html,x">three</a>`);
    expect(div.querySelectorAll('a[href]')).toHaveLength(0);
    expect(div.textContent).toBe('one two three');
  });

  it('makes http(s) links open externally without opener or referrer', () => {
    const a = render(`<a href="https://example.com/x">x</a>`).querySelector('a')!;
    expect(a.getAttribute('href')).toBe('https://example.com/x');
    expect(a.getAttribute('target')).toBe('_blank');
    expect(a.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('resolves relative URLs against the article, never the app', () => {
    expect(render(`<a href="/about">a</a>`).querySelector('a')!.hasAttribute('href')).toBe(false);
    expect(render(`<a href="/about">a</a>`, 'https://news.example/story').querySelector('a')!.getAttribute('href')).toBe('https://news.example/about');
    expect(render(`<img src="pic.png" alt="p">`, 'https://news.example/a/story').querySelector('img')!.getAttribute('src')).toBe('https://news.example/a/pic.png');
  });

  it('keeps only raster data: images', () => {
    expect(safeUrl('data:image/png;base64,AAAA', null, 'image')).toBe('data:image/png;base64,AAAA');
    expect(safeUrl('data:image/svg+xml;base64,AAAA', null, 'image')).toBeNull();
    expect(safeUrl('javascript:alert(1)', null, 'image')).toBeNull();
  });

  it('yields the same plain text as the stored HTML when nothing unsafe was there', () => {
    const html = '<h2>Title</h2><p>First <em>para</em>graph.</p><ul><li>one</li><li>two</li></ul><fieldset>box</fieldset><p>after<br>break</p>';
    const stored = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
    expect(domToText(render(html) as unknown as TextNodeLike)).toBe(domToText(stored as unknown as TextNodeLike));
  });
});
