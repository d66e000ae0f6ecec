import createDOMPurify from 'dompurify';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { MAX_DATA_IMAGE_BYTES, sanitizeHtml } from './sanitize';

describe('sanitizeHtml', () => {
  it('really removes scripts (DOMPurify runs on jsdom)', () => {
    const out = sanitizeHtml('<p>Text</p><script>alert(1)</script><p>More</p>');
    expect(out).toBe('<p>Text</p><p>More</p>');
  });

  it('would silently do nothing on linkedom, which is why it uses jsdom', () => {
    const purifier = createDOMPurify(parseHTML('<html><body></body></html>') as never);
    expect(purifier.isSupported).toBeFalsy();
    expect(purifier.sanitize('<script>alert(1)</script>')).toContain('<script>');
  });

  it.each([
    ['event handlers', '<p onclick="x()" onmouseover="y()">a</p><img src="https://e.com/i.png" onerror="z()">', /on\w+=/],
    ['inline styles', '<p style="position:fixed;top:0">a</p>', /style=/],
    ['style elements', '<style>body{display:none}</style><p>a</p>', /<style|display:none/],
    ['javascript: links', '<a href="javascript:alert(1)">a</a>', /javascript:/i],
    ['obfuscated javascript: links', '<a href=" jav&#x09;ascript:alert(1)">a</a><a href="JaVaScRiPt:alert(1)">b</a>', /script:/i],
    ['vbscript: links', '<a href="vbscript:msgbox(1)">a</a>', /vbscript/i],
    ['data: links', '<a href="data:text/html;base64,PHNjcmlwdD4=">a</a>', /data:/],
    ['svg data images', '<img src="data:image/svg+xml;base64,PHN2Zz48c2NyaXB0Pg==">', /data:/],
    ['iframes', '<iframe src="https://evil.example/"></iframe><p>a</p>', /iframe|evil/],
    ['objects and embeds', '<object data="x.swf"></object><embed src="y.swf"><p>a</p>', /object|embed|swf/],
    ['forms and inputs', '<form action="https://evil.example/"><input name="pw"><button>Go</button><select><option>1</option></select><textarea>t</textarea></form><p>a</p>', /form|input|button|select|textarea|Go/],
    ['meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example/"><p>a</p>', /refresh|meta/],
    ['base', '<base href="https://evil.example/"><a href="/x">a</a>', /base|evil/],
    ['link elements', '<link rel="stylesheet" href="https://evil.example/x.css"><p>a</p>', /<link|evil/],
    ['svg scripts', '<svg><script>alert(1)</script><a xlink:href="javascript:alert(2)"><text>t</text></a></svg><p>a</p>', /svg|script|alert/],
    ['math elements', '<math><mtext><img src=x onerror=alert(1)></mtext></math>', /math|onerror/],
    ['formaction and srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe><button formaction="javascript:alert(1)">x</button>', /srcdoc|formaction|alert/],
    ['templates', '<template><img src=x onerror=alert(1)></template><p>a</p>', /template|onerror/],
    ['noscript payloads', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', /onerror/],
    ['data attributes and ids', '<p data-track="1" id="x" class="c">a</p>', /data-track|id=|class=/],
  ])('removes %s', (_label, html, forbidden) => {
    expect(sanitizeHtml(html)).not.toMatch(forbidden);
  });

  it('keeps content structure', () => {
    const html =
      '<h2>Head</h2><p>A <em>b</em> <strong>c</strong> <code>d</code><br>e</p><ul><li>1</li></ul><ol start="3"><li>2</li></ol>' +
      '<blockquote cite="https://q.example/"><p>q</p></blockquote><figure><img src="https://i.example/a.jpg" alt="A"><figcaption>Cap</figcaption></figure>' +
      '<table><caption>T</caption><thead><tr><th scope="col">h</th></tr></thead><tbody><tr><td colspan="2">v</td></tr></tbody></table>' +
      '<pre><code>x = 1</code></pre><p><time datetime="2024-01-01">Jan 1</time> <abbr title="World Health Organization">WHO</abbr> H<sub>2</sub>O x<sup>2</sup></p>';
    const out = sanitizeHtml(html);
    for (const fragment of ['<h2>', '<em>b</em>', '<br>', '<ol start="3">', 'cite="https://q.example/"', 'alt="A"', '<figcaption>', '<caption>', 'scope="col"', 'colspan="2"', '<pre><code>', 'datetime="2024-01-01"', '<abbr title=', '<sub>2</sub>']) {
      expect(out).toContain(fragment);
    }
  });

  it('adds rel="noopener noreferrer" to links and keeps safe URLs', () => {
    const out = sanitizeHtml('<a href="https://a.example/x" rel="nofollow" target="_blank">a</a> <a href="mailto:me@example.com">m</a> <a href="#note">n</a>');
    expect(out).toContain('<a href="https://a.example/x" rel="noopener noreferrer">a</a>');
    expect(out).toContain('href="mailto:me@example.com"');
    expect(out).toContain('href="#note"');
    expect(out).not.toContain('target=');
  });

  it('keeps small data: images and drops large ones', () => {
    const small = `data:image/png;base64,${'A'.repeat(100)}`;
    const large = `data:image/png;base64,${'A'.repeat(MAX_DATA_IMAGE_BYTES + 10)}`;
    expect(sanitizeHtml(`<img src="${small}">`)).toContain(small);
    expect(sanitizeHtml(`<img src="${large}">`)).not.toContain('data:');
  });

  it('filters srcset candidates', () => {
    const out = sanitizeHtml('<picture><source srcset="https://i.example/a.webp 1x, javascript:alert(1) 2x" type="image/webp"><img src="https://i.example/a.jpg"></picture>');
    expect(out).toContain('srcset="https://i.example/a.webp 1x"');
    expect(out).not.toContain('javascript');
  });

  it('keeps the text of unknown wrappers', () => {
    expect(sanitizeHtml('<center><font color="red">kept</font></center><custom-el>also</custom-el>')).toBe('keptalso');
  });
});
