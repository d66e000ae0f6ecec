import { parseHTML } from './parse-html';
import { domToText, type TextNodeLike } from '../../shared/text/dom-text';


/** Parse stored (already sanitized) HTML as the body of a document. */
function bodyOf(html: string) {
  return parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;
}

/** Plain text of stored HTML, by the shared definition quote offsets rely on. */
export function textOfHtml(html: string): string {
  return domToText(bodyOf(html).body as unknown as TextNodeLike);
}

/** Outbound http(s) links of stored HTML. */
export function linksOfHtml(html: string): { href: string; text: string }[] {
  return [...bodyOf(html).querySelectorAll('a[href]')]
    .map((a) => ({ href: a.getAttribute('href') ?? '', text: (a.textContent ?? '').replace(/\s+/g, ' ').trim() }))
    .filter((l) => /^https?:\/\//i.test(l.href));
}
