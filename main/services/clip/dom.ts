/**
 * The small slice of the DOM the clip services use, typed here because main/ compiles without the
 * DOM lib (it runs in Node), plus a tolerant linkedom parser.
 *
 * linkedom is used for extraction because it parses 5-10x faster than jsdom; its one trap is that it
 * needs a full `<html>` document — given a fragment, the first element becomes the document element
 * and `document.body` is empty — so fragments and head-less pages are wrapped first.
 */
import { parseHTML } from '../parse-html';


export interface DomNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  textContent: string | null;
  parentNode: DomNode | null;
  parentElement: DomElement | null;
  childNodes: ArrayLike<DomNode>;
  firstChild: DomNode | null;
  nextSibling: DomNode | null;
  previousSibling: DomNode | null;
  removeChild(child: DomNode): DomNode;
  appendChild(child: DomNode): DomNode;
  insertBefore(node: DomNode, ref: DomNode | null): DomNode;
  replaceChild(node: DomNode, old: DomNode): DomNode;
  cloneNode(deep?: boolean): DomNode;
  contains(other: DomNode | null): boolean;
}

export interface DomElement extends DomNode {
  tagName: string;
  localName: string;
  id: string;
  className: string;
  innerHTML: string;
  outerHTML: string;
  children: ArrayLike<DomElement>;
  firstElementChild: DomElement | null;
  nextElementSibling: DomElement | null;
  previousElementSibling: DomElement | null;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  getElementsByTagName(name: string): ArrayLike<DomElement>;
  closest(selector: string): DomElement | null;
  remove(): void;
}

export interface DomDocument extends DomNode {
  documentElement: DomElement | null;
  head: DomElement | null;
  body: DomElement | null;
  title: string;
  createElement(tag: string): DomElement;
  createTextNode(text: string): DomNode;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  getElementsByTagName(name: string): ArrayLike<DomElement>;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

/**
 * Comments, scripts (except JSON-LD), styles and inline SVG, matched in one left-to-right pass so
 * that whichever construct opens first wins, as in the HTML tokenizer: a "<script>" inside a
 * comment stays in the comment, a "<!--" inside a script stays in the script.
 */
const INVISIBLE = /<!--[\s\S]*?-->|<script\b([^>]*)>[\s\S]*?<\/script\s*>|<style\b[^>]*>[\s\S]*?<\/style\s*>|<svg\b[^>]*>[\s\S]*?<\/svg\s*>/gi;

/**
 * Drops markup that can never be article text before parsing. On real pages scripts, styles and
 * icon SVGs are often half the bytes and most of linkedom's parse time (a 130 KB page with a few
 * hundred inline icons: 25 ms to parse as is, 6 ms stripped).
 */
export function stripInvisible(html: string): string {
  return html.replace(INVISIBLE, (match, scriptAttrs: string | undefined) =>
    scriptAttrs !== undefined && /ld\+json/i.test(scriptAttrs) ? match : '',
  );
}

/** Parse a page or a fragment into a linkedom document that always has html, head and body. */
export function parseDocument(html: string, options: { keepInvisible?: boolean } = {}): DomDocument {
  const source = options.keepInvisible ? html : stripInvisible(html);
  const document = parseHTML(wrapAsDocument(source)).document as unknown as DomDocument;
  if (UPPERCASE_ATTR.test(source)) lowerCaseAttributes(document);
  if (document.body && tagNestingEstimate(source) > MAX_DEPTH) limitDepth(document.body, MAX_DEPTH);
  return document;
}

/**
 * Deepest nesting tolerated below <body>. Real article pages stay under ~40 levels. Readability
 * walks ancestors for every node and takes seconds on a few hundred levels (14 s at 1,000), and
 * DOMPurify slows down too, so deeper documents are flattened first.
 */
export const MAX_DEPTH = 60;

/** Elements that only wrap: dissolving one loses no text and no block boundary it alone makes. */
const WRAPPERS = new Set(['DIV', 'SPAN', 'SECTION', 'ARTICLE', 'MAIN', 'ASIDE', 'HEADER', 'FOOTER', 'FONT', 'CENTER', 'NOBR', 'FORM', 'LABEL', 'TBODY']);
const INLINE_WRAPPERS = new Set(['SPAN', 'FONT', 'NOBR', 'LABEL', 'B', 'I', 'U', 'EM', 'STRONG', 'SMALL', 'BIG', 'A']);

/**
 * Deepest nesting of common container tags as written in the source, found without building the
 * tree. Unclosed tags make it an overestimate, which only costs the exact check in limitDepth().
 */
export function tagNestingEstimate(html: string): number {
  const re = /<(\/?)(?:div|section|article|span|table|ul|ol|font|center|blockquote|main|aside|header|footer|form)\b/gi;
  let depth = 0;
  let deepest = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html)) !== null) {
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (++depth > deepest) deepest = depth;
  }
  return deepest;
}

function maxDepth(root: DomElement): number {
  let deepest = 0;
  const stack: [DomElement, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [el, depth] = stack.pop()!;
    if (depth > deepest) deepest = depth;
    const kids = el.children;
    for (let i = 0; i < kids.length; i++) stack.push([kids[i]!, depth + 1]);
  }
  return deepest;
}

/**
 * Flatten a document nested deeper than `max`: first collapse chains of wrappers that hold nothing
 * but one wrapper each (the usual cause: builders and broken templates), then dissolve inline
 * wrappers still below the limit. Iterative, so the walk itself cannot overflow the stack.
 */
export function limitDepth(root: DomElement, max: number): void {
  if (maxDepth(root) <= max) return;
  const all = root.querySelectorAll('*');
  // Innermost first, so each chain folds into its deepest member.
  for (let i = all.length - 1; i >= 0; i--) {
    const el = all[i]!;
    const only = soleChild(el);
    if (!only || !WRAPPERS.has(el.tagName) || !WRAPPERS.has(only.tagName) || !el.parentNode) continue;
    // Keep the outer element's class and id on the survivor: they may name it (comments, ad).
    const cls = [el.getAttribute('class'), only.getAttribute('class')].filter(Boolean).join(' ');
    if (cls) only.setAttribute('class', cls);
    if (!only.getAttribute('id') && el.getAttribute('id')) only.setAttribute('id', el.getAttribute('id')!);
    el.parentNode.replaceChild(only, el);
  }
  if (maxDepth(root) <= max) return;
  const stack: [DomElement, number][] = [[root, 0]];
  const tooDeep: DomElement[] = [];
  while (stack.length > 0) {
    const [el, depth] = stack.pop()!;
    const kids = el.children;
    for (let i = 0; i < kids.length; i++) {
      if (depth + 1 > max && INLINE_WRAPPERS.has(kids[i]!.tagName)) tooDeep.push(kids[i]!);
      stack.push([kids[i]!, depth + 1]);
    }
  }
  for (let i = tooDeep.length - 1; i >= 0; i--) {
    const el = tooDeep[i]!;
    const parent = el.parentNode;
    if (!parent) continue;
    while (el.firstChild) parent.insertBefore(el.firstChild, el);
    parent.removeChild(el);
  }
}

/** The single element child of `el` when it has no other element and no non-blank text. */
function soleChild(el: DomElement): DomElement | null {
  let only: DomElement | null = null;
  const kids = el.childNodes;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i]!;
    if (k.nodeType === ELEMENT_NODE) {
      if (only) return null;
      only = k as DomElement;
    } else if (k.nodeType === TEXT_NODE && (k.nodeValue ?? '').trim() !== '') {
      return null;
    }
  }
  return only;
}

// linkedom keeps attribute names as written (it turns htmlparser2's lowercasing off to preserve
// SVG's viewBox), so the HREF / CONTENT / CLASS of old pages would be invisible to getAttribute().
const UPPERCASE_ATTR = /<[a-zA-Z][^\s>]*\s+(?:[^>]*\s)?[A-Z][\w-]*\s*=/;

function lowerCaseAttributes(document: DomDocument): void {
  const all = document.querySelectorAll('*');
  for (let i = 0; i < all.length; i++) {
    const el = all[i]! as DomElement & { attributes: ArrayLike<{ name: string; value: string }> };
    if (el.localName === 'svg' || el.closest('svg')) continue;
    const renames: [string, string][] = [];
    for (let j = 0; j < el.attributes.length; j++) {
      const { name, value } = el.attributes[j]!;
      if (name !== name.toLowerCase()) renames.push([name, value]);
    }
    for (const [name, value] of renames) {
      el.removeAttribute(name);
      if (!el.hasAttribute(name.toLowerCase())) el.setAttribute(name.toLowerCase(), value);
    }
  }
}

/** Parse an HTML fragment (e.g. sanitized article HTML) and return the body that holds it. */
export function parseFragment(html: string): DomElement {
  const doc = parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`).document as unknown as DomDocument;
  return doc.body!;
}

function wrapAsDocument(html: string): string {
  // Leading junk before <html> (BOM, XML prolog, comments, stray text from a broken CMS) would
  // become the document element in linkedom, so everything before <html> is dropped.
  const htmlTag = /<html[\s>]/i.exec(html);
  if (htmlTag) {
    const rest = html.slice(htmlTag.index);
    // A document with <html> but no <body> (truncated, or body-less legacy markup) gets one.
    if (/<body[\s>]/i.test(rest)) return `<!DOCTYPE html>${rest}`;
    const headEnd = /<\/head\s*>/i.exec(rest);
    if (headEnd) {
      const at = headEnd.index + headEnd[0].length;
      return `<!DOCTYPE html>${rest.slice(0, at)}<body>${rest.slice(at).replace(/<\/html\s*>\s*$/i, '')}</body></html>`;
    }
    const open = /<html[^>]*>/i.exec(rest)!;
    return `<!DOCTYPE html>${open[0]}<head></head><body>${rest.slice(open[0].length).replace(/<\/html\s*>\s*$/i, '')}</body></html>`;
  }
  // No <html>: split off head-only elements (title, meta, link, base, style) that precede the
  // first body content, so metadata is still found in <head>.
  const bodyTag = /<body[^>]*>/i.exec(html);
  if (bodyTag) {
    const head = html.slice(0, bodyTag.index).replace(/<\/?head[^>]*>/gi, '').replace(/<!DOCTYPE[^>]*>/i, '');
    return `<!DOCTYPE html><html><head>${head}</head>${html.slice(bodyTag.index)}</html>`;
  }
  const headPart = /^(?:\s|<!DOCTYPE[^>]*>|<!--[\s\S]*?-->|<\/?head[^>]*>|<(?:meta|link|base)\b[^>]*>|<title[^>]*>[\s\S]*?<\/title>|<style[^>]*>[\s\S]*?<\/style>|<script[^>]*>[\s\S]*?<\/script>)*/i.exec(html)![0];
  const head = headPart.replace(/<\/?head[^>]*>/gi, '').replace(/<!DOCTYPE[^>]*>/i, '');
  return `<!DOCTYPE html><html><head>${head}</head><body>${html.slice(headPart.length)}</body></html>`;
}

/** Text length of an element with white space collapsed. */
export function textLength(el: DomNode): number {
  const t = el.textContent ?? '';
  let n = 0;
  let inSpace = true;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    const isSpace = c === 32 || c === 10 || c === 9 || c === 13 || c === 160 || c === 12;
    if (isSpace) {
      if (!inSpace) n++;
      inSpace = true;
    } else {
      n++;
      inSpace = false;
    }
  }
  return n;
}

export function normalizedText(el: DomNode): string {
  return (el.textContent ?? '').replace(/[\s\u00a0]+/g, ' ').trim();
}

/** Share of an element's text that sits inside links (0..1). */
export function linkDensity(el: DomElement): number {
  const total = textLength(el);
  if (total === 0) return 0;
  let inLinks = 0;
  const links = el.getElementsByTagName('a');
  for (let i = 0; i < links.length; i++) inLinks += textLength(links[i]!);
  return Math.min(1, inLinks / total);
}
