/**
 * Defence in depth for the reader. Main already sanitized the article's HTML (DOMPurify) before
 * storing it, but the reader still treats it as hostile: the string is parsed by DOMParser into an
 * inert document (no scripts run, nothing loads), and a new tree is *built* in the live document
 * from an allowlist of elements and attributes. Nothing from the parsed document is imported
 * as-is, so an event-handler attribute, a `javascript:` URL, a <script>, <iframe> or <form>
 * cannot survive, whatever main let through. No innerHTML is involved.
 *
 * Text equivalence matters: quote offsets index into the article's plain text (shared/text/dom-text),
 * so elements are unwrapped (children kept) rather than dropped wherever they may hold text, and a
 * block element is only ever replaced by another block element.
 */

/** Kept with their allowed attributes. */
const ALLOWED = new Set([
  'a', 'abbr', 'address', 'article', 'aside', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'cite', 'code', 'col',
  'colgroup', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'header', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'main', 'mark', 'nav', 'ol', 'p', 'pre', 'q', 'rp',
  'rt', 'ruby', 's', 'samp', 'section', 'small', 'span', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td',
  'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul', 'var', 'wbr',
]);

/** Block elements outside the allowlist become a <div>, which counts as a block for dom-text too. */
const RENAMED: Record<string, string> = { fieldset: 'div', center: 'div', hgroup: 'div', search: 'div' };

/** Removed with everything inside: active content, or content the plain text also skips. */
const DROPPED = new Set([
  'script', 'style', 'template', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param',
  'link', 'meta', 'base', 'head', 'title', 'input', 'select', 'textarea', 'option', 'optgroup', 'datalist', 'canvas',
  'audio', 'video', 'source', 'track', 'portal', 'fencedframe', 'svg', 'math', 'keygen', 'dialog', 'slot',
]);
// Anything else (form, button, label, font, custom elements…) is unwrapped: its children stay.

const GLOBAL_ATTRIBUTES = new Set(['title', 'lang', 'dir']);
const TAG_ATTRIBUTES: Record<string, Set<string>> = {
  a: new Set(['href']),
  img: new Set(['src', 'alt', 'width', 'height']),
  td: new Set(['colspan', 'rowspan', 'headers']),
  th: new Set(['colspan', 'rowspan', 'headers', 'scope', 'abbr']),
  col: new Set(['span']),
  colgroup: new Set(['span']),
  ol: new Set(['start', 'reversed', 'type']),
  li: new Set(['value']),
  time: new Set(['datetime']),
  details: new Set(['open']),
};

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
/** `/library-assets/<article id>/<hash>.<ext>`, as main/services/image-store.ts writes it. */
const LIBRARY_ASSET = /^\/library-assets\/[0-9a-f-]{36}\/[0-9a-f]{20}\.[a-z]{3,4}$/;
const IMAGE_DATA_URL = /^data:image\/(?:png|gif|jpe?g|webp|avif);/i;

/**
 * An absolute, safe URL or null. Relative URLs resolve against the article's own address (when
 * known), never against the app's origin. `new URL` strips the tabs and newlines browsers ignore,
 * so "java\nscript:" is seen as the `javascript:` it is.
 */
export function safeUrl(raw: string, base: string | null, kind: 'link' | 'image'): string | null {
  const value = raw.trim();
  if (!value) return null;
  // Images the library stored for offline reading are served by the app itself (browser mode's
  // server, or the Electron scheme), so they resolve against the app's origin, not the article's.
  if (kind === 'image' && LIBRARY_ASSET.test(value)) return value;
  let url: URL;
  try {
    url = base ? new URL(value, base) : new URL(value);
  } catch {
    return null;
  }
  if (kind === 'image') {
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
    return url.protocol === 'data:' && IMAGE_DATA_URL.test(value) ? value : null;
  }
  return LINK_PROTOCOLS.has(url.protocol) ? url.href : null;
}

function copyAttributes(from: Element, to: HTMLElement, tag: string, base: string | null): boolean {
  const perTag = TAG_ATTRIBUTES[tag];
  for (const attr of Array.from(from.attributes)) {
    const name = attr.name.toLowerCase();
    if (!GLOBAL_ATTRIBUTES.has(name) && !perTag?.has(name)) continue;
    if (name === 'href') {
      const href = safeUrl(attr.value, base, 'link');
      if (href) to.setAttribute('href', href);
      continue;
    }
    if (name === 'src') {
      const src = safeUrl(attr.value, base, 'image');
      if (!src) return false;
      to.setAttribute('src', src);
      continue;
    }
    to.setAttribute(name, attr.value);
  }
  if (tag === 'a' && to.hasAttribute('href')) {
    // Links leave the app: a new window the shell opens externally, with no opener and no referrer.
    to.setAttribute('target', '_blank');
    to.setAttribute('rel', 'noopener noreferrer');
    to.setAttribute('referrerpolicy', 'no-referrer');
  }
  if (tag === 'img') {
    if (!to.hasAttribute('src')) return false;
    to.setAttribute('loading', 'lazy');
    to.setAttribute('decoding', 'async');
    to.setAttribute('referrerpolicy', 'no-referrer');
  }
  return true;
}

function buildChildren(from: Node, into: Node, doc: Document, base: string | null): void {
  for (const child of Array.from(from.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) {
      into.appendChild(doc.createTextNode(child.nodeValue ?? ''));
      continue;
    }
    if (child.nodeType !== Node.ELEMENT_NODE) continue; // comments, processing instructions
    const element = child as Element;
    // Elements in the SVG or MathML namespace are dropped whole, whatever their local name.
    if (element.namespaceURI !== 'http://www.w3.org/1999/xhtml') continue;
    const tag = element.localName;
    if (DROPPED.has(tag)) continue;
    const target = ALLOWED.has(tag) ? tag : RENAMED[tag];
    if (!target) {
      buildChildren(element, into, doc, base);
      continue;
    }
    const copy = doc.createElement(target);
    if (!copyAttributes(element, copy, target, base)) continue; // an image with no safe source
    buildChildren(element, copy, doc, base);
    into.appendChild(copy);
  }
}

/**
 * The article's HTML as a fragment of fresh, allowlisted nodes owned by `doc` (the live document),
 * ready to append. `baseUrl` is the article's address, for its relative links and images.
 */
export function buildSafeFragment(html: string, baseUrl: string | null, doc: Document = document): DocumentFragment {
  const inert = new DOMParser().parseFromString(`<!doctype html><html><body>${html}</body></html>`, 'text/html');
  const fragment = doc.createDocumentFragment();
  buildChildren(inert.body, fragment, doc, baseUrl);
  return fragment;
}
