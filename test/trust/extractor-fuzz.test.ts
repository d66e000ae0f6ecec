import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { isAppError } from '../../shared/errors';
import { extractArticle } from '../../main/services/clip/extract-html';
import { sanitizeHtml } from '../../main/services/clip/sanitize';
import { suggestQuotes } from '../../main/services/suggest';

/**
 * Hostile and broken HTML through the extractor: random trees, random cuts, deep nesting and huge
 * attributes. The extractor must return (or fail with a typed error) within a time bound, and what
 * it returns must be sanitized and consistent: `text` is the plain text of `html`, and suggested
 * quote offsets point into that text.
 */
const TAGS = ['div', 'p', 'span', 'a', 'script', 'style', 'iframe', 'svg', 'img', 'table', 'tr', 'td', 'ul', 'li', 'blockquote', 'form', 'input', 'h1', 'h2', 'article', 'nav', 'footer', 'pre', 'br', 'meta', 'base', 'object', 'math'];
const ATTRS = ['href', 'src', 'onerror', 'onclick', 'style', 'class', 'id', 'srcdoc', 'xlink:href', 'formaction', 'data-x', 'lang', 'dir'];
const VALUES = ['javascript:alert(1)', 'https://example.com/x', 'data:text/html,<script>1</script>', 'x" onmouseover="alert(1)', 'url(javascript:1)', '', '\u0000', 'vbscript:msgbox', '&#106;avascript:alert(1)'];

const text = fc.string({ maxLength: 40 }).map((s) => s.replace(/[<>&]/g, ' '));
const element: fc.Memo<string> = fc.memo((depth) =>
  depth <= 0
    ? text
    : fc
        .tuple(
          fc.constantFrom(...TAGS),
          fc.array(fc.tuple(fc.constantFrom(...ATTRS), fc.constantFrom(...VALUES)), { maxLength: 3 }),
          fc.array(fc.oneof(text, element(depth - 1)), { maxLength: 4 }),
        )
        .map(([tag, attrs, children]) => `<${tag}${attrs.map(([k, v]) => ` ${k}="${v}"`).join('')}>${children.join('')}</${tag}>`),
);
const page = fc.tuple(fc.array(element(4), { maxLength: 6 }), fc.nat(), fc.boolean()).map(([parts, cut, truncate]) => {
  const html = `<!doctype html><html><head><title>Fuzz</title></head><body>${parts.join('')}</body></html>`;
  return truncate ? html.slice(0, cut % (html.length + 1)) : html;
});

/** Inspect the output as a browser would parse it: dangerous elements, handlers and URLs are gone. */
function assertSafe(html: string): void {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  expect(document.querySelectorAll('script, iframe, object, embed, form, input, base, meta, style, frame').length).toBe(0);
  for (const el of document.querySelectorAll('*')) {
    for (const attr of Array.from(el.attributes) as { name: string; value: string }[]) {
      expect(attr.name, el.outerHTML.slice(0, 200)).not.toMatch(/^on/i);
      expect(attr.name).not.toBe('style');
      expect(attr.name).not.toBe('srcdoc');
      expect(attr.value.replace(/[\s\u0000-\u001f]/g, ''), `${attr.name} on <${el.tagName}>`).not.toMatch(/^(javascript|vbscript|data:text)/i);
    }
  }
}

function extractBounded(html: string, boundMs: number) {
  const started = performance.now();
  try {
    const article = extractArticle(html, { url: 'https://example.com/page' });
    return { article, ms: performance.now() - started };
  } catch (error) {
    // A typed refusal is fine; anything else is a crash.
    expect(isAppError(error), String(error)).toBe(true);
    return { article: null, ms: performance.now() - started };
  } finally {
    expect(performance.now() - started).toBeLessThan(boundMs);
  }
}

describe('extractor under hostile input', () => {
  it('random and truncated pages: no crash, no hang, sanitized output, consistent offsets', () => {
    fc.assert(
      fc.property(page, (html) => {
        const { article } = extractBounded(html, 5_000);
        if (!article) return;
        assertSafe(article.html);
        for (const q of suggestQuotes(article.text)) expect(article.text.slice(q.start, q.end)).toBe(q.text);
      }),
      { numRuns: 150 },
    );
  });

  it('deep nesting (20,000 levels) finishes in bounded time', () => {
    const depth = 20_000;
    const html = `<html><body>${'<div>'.repeat(depth)}<p>Deep text that still counts.</p>${'</div>'.repeat(depth)}</body></html>`;
    const { article } = extractBounded(html, 20_000);
    expect(article?.text ?? '').toContain('Deep text');
  });

  it('a 5 MB attribute and a megabyte data: image are dropped, not choked on', () => {
    const huge = 'x'.repeat(5 * 1024 * 1024);
    const dataImage = `data:image/png;base64,${'A'.repeat(1024 * 1024)}`;
    const html = `<html><body><article><h1>Title here</h1><p title="${huge}">Body paragraph with enough words to be an article body for the extractor.</p><img src="${dataImage}"><p>Another paragraph of real text for the reader to keep.</p></article></body></html>`;
    const { article } = extractBounded(html, 30_000);
    expect(article).not.toBeNull();
    expect(article!.html.length).toBeLessThan(200_000);
    expect(article!.text).toContain('Another paragraph');
  });

  it('sanitizing never lets an event handler or script URL through', () => {
    fc.assert(
      fc.property(fc.array(element(3), { maxLength: 5 }), (parts) => {
        assertSafe(sanitizeHtml(parts.join('')));
      }),
      { numRuns: 200 },
    );
  });
});
