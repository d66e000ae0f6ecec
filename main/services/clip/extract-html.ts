/**
 * HTML page -> ExtractedArticle.
 *
 * Pipeline: parse with linkedom (fast) -> read metadata from the untouched page -> remove
 * boilerplate by markup -> Readability -> remove boilerplate by text -> absolute URLs, lazy images
 * -> DOMPurify (jsdom) -> plain text by domToText() over the *sanitized* HTML re-parsed, because
 * quote offsets index into exactly that text and the renderer recomputes it from the same HTML.
 *
 * When Readability finds nothing, or clearly less than the page's own article container holds,
 * the container (or the cleaned body) is used instead, so a page with text never yields an empty
 * article.
 */
import { Readability } from '@mozilla/readability';
import type { ExtractedArticle, ExtractedLink } from '../../../shared/domain/extraction';
import { countWords, domToText } from '../../../shared/text/dom-text';
import { cleanContent, guessArticleRoot, removeBoilerplateMarkup, removeHeadlinePreamble } from './boilerplate';
import type { DomDocument, DomElement } from './dom';
import { normalizedText, parseDocument, parseFragment, textLength } from './dom';
import { absoluteHttpUrl, cleanAuthors, cleanSpace, documentBaseUrl, normalizeDate, normalizeLang, readMetadata } from './metadata';
import { sanitizeHtml } from './sanitize';

export interface ExtractOptions {
  /** The page's URL: resolves relative links, images and the canonical URL. */
  url?: string | null;
}

/** Readability's own result fields we use (its content is the live element, see `serializer`). */
interface ReadabilityResult {
  title?: string | null;
  content?: DomElement | null;
  byline?: string | null;
  siteName?: string | null;
  lang?: string | null;
  publishedTime?: string | null;
  excerpt?: string | null;
}

/** Extract the main article and its metadata from a page's HTML. */
export function extractArticle(html: string, options: ExtractOptions = {}): ExtractedArticle {
  const url = options.url ?? null;
  const doc = parseDocument(html);
  const meta = readMetadata(doc, url);
  // A saved page opened from disk has no URL of its own; its canonical link is the best base for
  // its relative links.
  const base = documentBaseUrl(doc, url ?? meta.canonicalUrl);
  const headings = collectHeadlines(doc);
  const bylineNearHeadline = meta.authors.length > 0 ? [] : findBylineNearHeadline(doc);

  const root = removeBoilerplateMarkup(doc);
  const headline = findHeadlineElement(doc, chooseTitle(meta.titleCandidates, headings, meta.siteName, null));
  if (headline) removeHeadlinePreamble(headline);
  const rootLen = root ? textLength(root) : 0;

  let reader: ReadabilityResult | null = null;
  try {
    reader = new Readability(doc as never, {
      serializer: (el: unknown) => el,
      charThreshold: 500,
      keepClasses: false,
      // Metadata comes from readMetadata(), which reads JSON-LD more fully (@graph, @id authors).
      disableJSONLD: true,
    }).parse() as ReadabilityResult | null;
  } catch {
    // Readability throws on some malformed trees; the fallback below still yields the text.
    reader = null;
  }

  const title = chooseTitle(meta.titleCandidates, headings, meta.siteName, reader?.title ?? null);
  const siteName = meta.siteName ?? (reader?.siteName ? cleanSpace(reader.siteName) : null) ?? siteFromTitle(meta.titleCandidates, title);
  let authors = meta.authors;
  if (authors.length === 0) authors = cleanAuthors(bylineNearHeadline);
  if (authors.length === 0 && reader?.byline) authors = cleanAuthors([reader.byline]);

  let content: DomElement | null = reader?.content ?? null;
  const readerLen = content ? textLength(content) : 0;
  // Readability found nothing, or missed most of an explicitly marked article body (it happens
  // when the body is split by ad slots into sibling containers or a comment thread out-scores it).
  // A short result on a short page is kept: the cleaned body would add the page's chrome.
  if (!content || readerLen === 0 || (rootLen > 0 && readerLen < rootLen * 0.5)) {
    const fallback = fallbackContent(html);
    if (fallback && textLength(fallback) > readerLen) content = fallback;
  }

  let cleanHtml = '';
  if (content) {
    cleanContent(content, { title, authors, siteName });
    fixLazyImages(content);
    absolutizeUrls(content, base);
    cleanHtml = sanitizeHtml(content.innerHTML);
  }
  let textRoot = parseFragment(cleanHtml);
  let text = domToText(textRoot);

  if (text === '') {
    // Last resort: the whole body minus scripts and styles, sanitized. Anything with text beats
    // an empty clip.
    const body = parseDocument(html).body;
    if (body) {
      absolutizeUrls(body, base);
      cleanHtml = sanitizeHtml(body.innerHTML);
      textRoot = parseFragment(cleanHtml);
      text = domToText(textRoot);
    }
  }

  const links = collectLinks(textRoot, base);
  const firstImage = firstImageUrl(textRoot);

  return {
    title,
    authors,
    siteName,
    publishedAt: meta.publishedAt ?? normalizeDate(reader?.publishedTime ?? null),
    modifiedAt: meta.modifiedAt,
    url,
    canonicalUrl: meta.canonicalUrl,
    lang: meta.lang ?? normalizeLang(reader?.lang ?? null),
    excerpt: meta.excerpt ?? excerptFrom(text),
    leadImageUrl: meta.leadImageUrl ?? firstImage,
    html: cleanHtml,
    text,
    links,
    wordCount: countWords(text),
  };
}

/** A fresh parse with only the markup pass, returning the article container or the whole body. */
function fallbackContent(html: string): DomElement | null {
  const doc = parseDocument(html);
  const root = removeBoilerplateMarkup(doc) ?? guessArticleRoot(doc);
  return root ?? doc.body;
}

/**
 * "By Jane Doe" lines without any class or meta tag to mark them (hand-written pages, newsletters):
 * a short text starting with "by" among the few elements that follow the first <h1>.
 */
function findBylineNearHeadline(doc: DomDocument): string[] {
  const h1 = doc.querySelector('h1');
  if (!h1) return [];
  let el: DomElement | null = h1;
  for (let steps = 0; steps < 6; steps++) {
    el = el.nextElementSibling ?? (el.parentElement && el.parentElement !== doc.body ? el.parentElement.nextElementSibling : null);
    if (!el) break;
    const t = normalizedText(el);
    if (t.length > 150) break;
    // The innermost element that starts with "By", so a job title in a sibling span stays out.
    const inner = [el, ...Array.from(el.querySelectorAll('*'))].reverse().find((e) => BYLINE_START.test(normalizedText(e)));
    const m = inner ? BYLINE_START.exec(normalizedText(inner)) : null;
    if (m) return [m[1]!.replace(/\s*(?:[·|•,–—-]\s*)?(?:\w+day,?\s+)?(?:\d{1,2}\s+\w+|\w+\s+\d{1,2},?)\s+\d{4}.*$/, '')];
  }
  return [];
}

// "By" + a capitalised name, no sentence ending: "By Tuesday, the roof had gone." is prose.
// Case-sensitive on purpose (\p{Lu} under /i would match any letter).
const BYLINE_START = /^(?:(?:[Ww]ritten|[Ww]ords|[Pp]osted|[Ss]tory|[Tt]ext|[Ii]nterview)\s+)?(?:[Bb]y|BY)\s+(\p{Lu}(?:(?![.!?]$).){0,100})$/u;

/** The <h1> whose text is the chosen title (not the site's logo h1). */
function findHeadlineElement(doc: DomDocument, title: string): DomElement | null {
  const ct = comparable(title);
  if (ct.length < 3) return null;
  const h1s = doc.querySelectorAll('h1');
  for (let i = 0; i < h1s.length; i++) {
    if (comparable(normalizedText(h1s[i]!)) === ct) return h1s[i]!;
  }
  return null;
}

interface Headline {
  text: string;
  isSiteLogo: boolean;
}

/** Visible headlines: h1s, noting those that are really the site's logo link. */
function collectHeadlines(doc: DomDocument): Headline[] {
  const out: Headline[] = [];
  const h1s = doc.querySelectorAll('h1');
  for (let i = 0; i < h1s.length && out.length < 5; i++) {
    const h = h1s[i]!;
    const t = normalizedText(h);
    if (t === '') continue;
    const logo = !!h.querySelector('a[href="/"], img') || !!h.closest('[role="banner"], .logo, .site-title, .masthead');
    out.push({ text: t, isSiteLogo: logo });
  }
  return out;
}

const comparable = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

const TITLE_SEPARATOR = /\s+[|–—·:»•\\/-]\s+|\s*[|»•]\s*/;

/**
 * The article's title: the visible <h1> when a metadata title confirms it (titles often carry
 * " | Site Name" or are truncated for search results), otherwise the best metadata title with the
 * site name removed.
 */
function chooseTitle(candidates: string[], headlines: Headline[], siteName: string | null, readerTitle: string | null): string {
  const site = siteName ? comparable(siteName) : '';
  for (const h of headlines) {
    if (h.isSiteLogo) continue;
    const ch = comparable(h.text);
    if (ch.length < 3 || ch === site) continue;
    for (const c of candidates) {
      const cc = comparable(c);
      if (cc === ch) return h.text;
      if (cc.includes(ch) && ch.length >= cc.length * 0.4) return h.text;
      // "Headline - Site Name" where the site name is long: the h1 is one whole segment.
      if (c.split(TITLE_SEPARATOR).some((part) => comparable(part) === ch)) return h.text;
      // A metadata title cut short for search results ("A long headline that goes on…").
      if (/(?:…|\.\.\.)$/.test(c) && ch.startsWith(comparable(c.replace(/(?:…|\.\.\.)$/, '')))) return h.text;
    }
  }
  const best = candidates[0] || readerTitle || headlines.find((h) => !h.isSiteLogo)?.text || '';
  return stripSiteName(best, siteName, readerTitle);
}

function stripSiteName(title: string, siteName: string | null, readerTitle: string | null): string {
  const parts = title.split(TITLE_SEPARATOR).map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length < 2) return title.trim();
  const site = siteName ? comparable(siteName) : '';
  if (site) {
    const isSite = (p: string) => {
      const cp = comparable(p);
      return cp === site || (cp.length > 2 && site.includes(cp)) || (site.length > 2 && cp.includes(site) && cp.length < site.length + 12);
    };
    if (isSite(parts[parts.length - 1]!)) return rejoin(title, parts.slice(0, -1));
    if (isSite(parts[0]!)) return rejoin(title, parts.slice(1));
  }
  // No site name to match: Readability's title heuristic (drops a short trailing segment).
  if (readerTitle && readerTitle.length >= 10 && title.includes(readerTitle.trim())) return readerTitle.trim();
  return title.trim();
}

/**
 * "Hollow way - Regional Encyclopedia" with the headline "Hollow way": the rest of the document
 * title is the site's name. Only a single trailing (or leading) segment counts.
 */
function siteFromTitle(candidates: string[], title: string): string | null {
  const ct = comparable(title);
  if (ct === '') return null;
  for (const c of candidates) {
    const parts = c.split(TITLE_SEPARATOR).map((p) => p.trim()).filter((p) => p !== '');
    if (parts.length < 2) continue;
    const last = parts[parts.length - 1]!;
    const first = parts[0]!;
    if (comparable(parts.slice(0, -1).join(' ')) === ct && last.length <= 60) return last;
    if (comparable(parts.slice(1).join(' ')) === ct && first.length <= 60) return first;
  }
  return null;
}

/** Re-join kept parts with the separators they had ("A: B | Site" keeps "A: B"). */
function rejoin(title: string, kept: string[]): string {
  const first = kept[0]!;
  const last = kept[kept.length - 1]!;
  const start = title.indexOf(first);
  const end = title.lastIndexOf(last) + last.length;
  return start >= 0 && end > start ? title.slice(start, end).trim() : kept.join(' - ');
}

const LAZY_SRC_ATTRS = ['data-src', 'data-lazy-src', 'data-original', 'data-lazy', 'data-url', 'data-hi-res-src', 'data-full-src'];
const LAZY_SRCSET_ATTRS = ['data-srcset', 'data-lazy-srcset'];

/**
 * Lazy-loading scripts never run here, so the real image URL is still in a data- attribute and
 * `src` holds a placeholder (or nothing).
 */
function fixLazyImages(root: DomElement): void {
  const imgs = root.querySelectorAll('img, source');
  for (let i = 0; i < imgs.length; i++) {
    const img = imgs[i]!;
    const src = img.getAttribute('src') ?? '';
    const placeholder = src === '' || /^data:image\/(?:gif|png|svg)/i.test(src) && src.length < 400 || /(?:blank|spacer|placeholder|pixel|lazy)\.(?:gif|png|svg)/i.test(src);
    if (placeholder) {
      for (const a of LAZY_SRC_ATTRS) {
        const v = img.getAttribute(a);
        if (v) {
          img.setAttribute('src', v);
          break;
        }
      }
    }
    if (!img.getAttribute('srcset')) {
      for (const a of LAZY_SRCSET_ATTRS) {
        const v = img.getAttribute(a);
        if (v) {
          img.setAttribute('srcset', v);
          break;
        }
      }
    }
  }
}

/** Links and images must work outside the page, so every URL becomes absolute. */
function absolutizeUrls(root: DomElement, base: string | null): void {
  if (!base) return;
  const resolve = (v: string) => {
    try {
      return new URL(v.trim(), base).href;
    } catch {
      return v;
    }
  };
  const attrs: [string, string][] = [['a[href]', 'href'], ['img[src]', 'src'], ['blockquote[cite], q[cite], del[cite], ins[cite]', 'cite']];
  for (const [sel, attr] of attrs) {
    const els = root.querySelectorAll(sel);
    for (let i = 0; i < els.length; i++) {
      const el = els[i]!;
      const v = el.getAttribute(attr)!;
      if (/^(?:data|javascript|mailto|tel):/i.test(v.trim())) continue;
      el.setAttribute(attr, resolve(v));
    }
  }
  const sets = root.querySelectorAll('img[srcset], source[srcset]');
  for (let i = 0; i < sets.length; i++) {
    const el = sets[i]!;
    const value = el
      .getAttribute('srcset')!
      .split(/,\s+/)
      .map((c) => {
        const [u, ...d] = c.trim().split(/\s+/);
        return u ? [resolve(u), ...d].join(' ') : '';
      })
      .filter((c) => c !== '')
      .join(', ');
    el.setAttribute('srcset', value);
  }
}

/** Outbound http(s) links of the content, in order, without duplicates or same-page anchors. */
function collectLinks(root: DomElement, pageUrl: string | null): ExtractedLink[] {
  const out: ExtractedLink[] = [];
  const seen = new Set<string>();
  const page = pageUrl ? pageUrl.replace(/#.*$/, '') : null;
  const anchors = root.querySelectorAll('a[href]');
  for (let i = 0; i < anchors.length; i++) {
    const a = anchors[i]!;
    const href = absoluteHttpUrl(a.getAttribute('href'), pageUrl);
    if (!href) continue;
    if (page && href.replace(/#.*$/, '') === page) continue;
    const text = normalizedText(a);
    const key = `${href}\u0000${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ href, text });
  }
  return out;
}

function firstImageUrl(root: DomElement): string | null {
  const img = root.querySelector('img[src]');
  return img ? absoluteHttpUrl(img.getAttribute('src'), null) : null;
}

/** The first paragraph-sized piece of text, cut at a word boundary. */
function excerptFrom(text: string): string | null {
  const para = text.split('\n\n').find((p) => p.length >= 40) ?? text.split('\n\n')[0] ?? '';
  if (para === '') return null;
  if (para.length <= 300) return para;
  const cut = para.slice(0, 300);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 200))}…`;
}
