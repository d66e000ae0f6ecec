/**
 * The one gate clipped HTML passes before it is stored or shown: DOMPurify with an allow-list of
 * reading tags.
 *
 * DOMPurify runs on a jsdom window. On linkedom it silently returns its input unchanged (it checks
 * for a real DOM implementation and gives up), which is why the tests assert that scripts really go.
 * One window is created lazily and reused, and the configuration is set once: building a jsdom
 * window costs 15-25 ms, sanitizing a typical article on the warm, configured one 1-3 ms (see the
 * "sanitizer" numbers in bench/extract-bench.ts).
 */
import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';
import { lazyModule } from '../../lazy-module';

/** Largest inline `data:image/...` URL kept; bigger ones bloat the library and are dropped. */
export const MAX_DATA_IMAGE_BYTES = 256 * 1024;

const ALLOWED_TAGS = [
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote',
  'figure', 'figcaption', 'img', 'picture', 'source', 'table', 'caption', 'colgroup', 'col',
  'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'a', 'em', 'strong', 'b', 'i', 'u', 's', 'del',
  'ins', 'sub', 'sup', 'small', 'code', 'pre', 'kbd', 'samp', 'var', 'mark', 'q', 'cite', 'abbr',
  'dfn', 'time', 'br', 'hr', 'span', 'div', 'section', 'article', 'header', 'footer', 'aside',
  'main', 'details', 'summary', 'bdi', 'bdo', 'wbr', 'ruby', 'rt', 'rp',
];

const ALLOWED_ATTR = [
  'href', 'src', 'srcset', 'sizes', 'media', 'type', 'alt', 'title', 'width', 'height', 'datetime',
  'cite', 'colspan', 'rowspan', 'scope', 'headers', 'span', 'lang', 'dir', 'start', 'reversed',
  'value', 'open', 'abbr', 'rel',
];

const URL_ATTRS = new Set(['href', 'src', 'cite']);
/** Longest value kept for an attribute other than an image's src (a data: image has its own cap). */
export const MAX_ATTRIBUTE_LENGTH = 8 * 1024;
const SAFE_SCHEMES = /^(?:https?|mailto|tel):/i;
// Base64 image types a browser renders as a bitmap; SVG is excluded because it is a document.
const DATA_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp|avif|bmp);base64,[a-z0-9+/=\s]*$/i;

const CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  // Content of dropped wrappers (<font>, <center>, unknown custom elements) is kept; content of
  // these is not, because it is code or UI, never article text.
  KEEP_CONTENT: true,
  FORBID_CONTENTS: [
    'script', 'style', 'template', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed',
    'applet', 'form', 'button', 'select', 'textarea', 'input', 'option', 'svg', 'math', 'canvas',
    'video', 'audio', 'title', 'head', 'meta', 'link', 'base', 'dialog', 'nav',
  ],
  WHOLE_DOCUMENT: false,
  // The HTML is parsed into an inert document by sanitizeHtml() and cleaned there, see below.
  IN_PLACE: true,
};

/** Loaded on the first sanitize, not at start-up (about 100 MB; lazy-module.ts). */
const loadJsdom = lazyModule<typeof import('jsdom')>('jsdom');

let purifier: DOMPurify | null = null;
/**
 * A document with no browsing context: nothing parsed into it loads or runs (jsdom never runs
 * scripts unless asked, and an inert document fetches no images). Parsing into it and sanitizing
 * in place is about twice as fast as DOMPurify's string mode, which builds a new Document through
 * DOMParser on every call.
 */
let inertDocument: { createElement(tag: string): { innerHTML: string } } | null = null;

function getPurifier(): DOMPurify {
  if (purifier) return purifier;
  const { JSDOM } = loadJsdom();
  const { window } = new JSDOM('<!DOCTYPE html><html><head></head><body></body></html>');
  inertDocument = window.document.implementation.createHTMLDocument('');
  const p = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  if (!p.isSupported) throw new Error('DOMPurify cannot run on this DOM; refusing to store unsanitized HTML.');

  p.addHook('uponSanitizeAttribute', (node, data) => {
    const name = data.attrName;
    const value = data.attrValue.trim();
    // A megabyte-long title or alt is an attack or junk, never content worth storing.
    if (value.length > MAX_ATTRIBUTE_LENGTH && !(name === 'src' && node.nodeName === 'IMG')) {
      data.keepAttr = false;
      return;
    }
    if (URL_ATTRS.has(name)) {
      if (!isSafeUrl(value, node.nodeName === 'IMG' && name === 'src')) data.keepAttr = false;
    } else if (name === 'srcset') {
      const kept = filterSrcset(value);
      if (kept === '') data.keepAttr = false;
      else data.attrValue = kept;
    } else if (name === 'rel') {
      // Replaced below for links; meaningless elsewhere.
      data.keepAttr = false;
    }
  });
  p.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A' && node.hasAttribute('href')) {
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
  // Set once: passing the config to every sanitize() call makes DOMPurify rebuild its tag and
  // attribute tables each time, which costs more than sanitizing a typical article.
  p.setConfig(CONFIG);
  purifier = p;
  return p;
}

/** Whether a URL may stay in stored HTML: web and mail links, relative paths, small data images. */
function isSafeUrl(value: string, isImageSrc: boolean): boolean {
  // Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:").
  const compact = value.replace(/[\u0000-\u0020\u007f-\u009f]+/g, '');
  if (compact === '') return false;
  if (/^data:/i.test(compact)) return isImageSrc && DATA_IMAGE.test(value) && value.length <= MAX_DATA_IMAGE_BYTES;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  if (!scheme) return true; // relative: "/path", "#note-1", "page.html"
  return SAFE_SCHEMES.test(compact);
}

function filterSrcset(value: string): string {
  return value
    .split(/,\s+/)
    .map((s) => s.trim())
    .filter((candidate) => {
      const url = candidate.split(/\s+/)[0] ?? '';
      return url !== '' && !/^data:/i.test(url) && isSafeUrl(url, false);
    })
    .join(', ');
}

/**
 * Sanitize an HTML fragment for storage and display. Returns the cleaned fragment's HTML (body
 * content, no wrapper).
 */
export function sanitizeHtml(html: string): string {
  const p = getPurifier();
  const holder = inertDocument!.createElement('div');
  holder.innerHTML = html;
  p.sanitize(holder as never);
  return holder.innerHTML;
}
