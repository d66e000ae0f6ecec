/**
 * Article metadata from the many places publishers put it. Sources are read in the order of how
 * reliable they are in practice: JSON-LD (written for search engines, so usually correct and
 * structured), then OpenGraph / article:* / Twitter / Dublin Core / Parse.ly-style meta tags, then
 * microdata and visible markup (<time datetime>, rel=author, .byline).
 *
 * Works on any DOM with querySelectorAll (linkedom here); reads, never mutates, so it runs before
 * boilerplate removal and Readability change the document.
 */

export interface PageMetadata {
  title: string | null;
  /** Every title-like candidate, best first (the extractor picks one after seeing the h1s). */
  titleCandidates: string[];
  authors: string[];
  siteName: string | null;
  publishedAt: string | null;
  modifiedAt: string | null;
  canonicalUrl: string | null;
  lang: string | null;
  excerpt: string | null;
  leadImageUrl: string | null;
}

// Minimal DOM surface used here, so linkedom and jsdom documents both fit.
interface El {
  getAttribute(name: string): string | null;
  textContent: string | null;
  tagName: string;
  querySelector(sel: string): El | null;
  querySelectorAll(sel: string): ArrayLike<El>;
  closest?(sel: string): El | null;
}
export interface DocLike {
  documentElement: El | null;
  querySelector(sel: string): El | null;
  querySelectorAll(sel: string): ArrayLike<El>;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const ARTICLE_TYPE = /(?:Article|BlogPosting|Posting|Report|ReportageNews|Review|LiveBlogPosting|Story)$/;

/** Collects metadata; `pageUrl` resolves relative canonical and image URLs. */
export function readMetadata(doc: DocLike, pageUrl: string | null): PageMetadata {
  const meta = collectMeta(doc);
  const ld = readJsonLd(doc);
  const base = baseUrl(doc, pageUrl);
  const m = (...keys: string[]) => {
    for (const k of keys) {
      const v = meta.get(k);
      if (v && v.length > 0) return v[0]!;
    }
    return null;
  };

  const titleCandidates = uniq(
    [
      text(ld.article?.headline),
      m('og:title'),
      m('twitter:title'),
      m('dc.title', 'dcterms.title', 'citation_title', 'parsely-title', 'sailthru.title', 'title'),
      text(ld.article?.name),
      cleanSpace(doc.querySelector('title')?.textContent ?? ''),
    ].filter((s): s is string => !!s && s.trim() !== ''),
  );

  const siteName =
    m('og:site_name') ??
    text(ld.publisher?.name) ??
    text(ld.website?.name) ??
    m('application-name', 'apple-mobile-web-app-title', 'publisher', 'dc.publisher', 'citation_journal_title', 'al:ios:app_name');

  const authorCandidates: string[] = [];
  if (ld.authors.length > 0) authorCandidates.push(...ld.authors);
  else {
    // Scholarly and library tags hold one person per tag, often as "Last, First".
    const onePerTag = [...(meta.get('citation_author') ?? []), ...(meta.get('dc.creator') ?? []), ...(meta.get('dcterms.creator') ?? [])].map(
      invertLastFirst,
    );
    const metaAuthors = [
      ...(meta.get('author') ?? []),
      ...(meta.get('article:author') ?? []).filter((a) => !/^https?:/i.test(a)),
      ...onePerTag,
      ...(meta.get('parsely-author') ?? []),
      ...(meta.get('sailthru.author') ?? []),
      ...(meta.get('byl') ?? []),
    ];
    authorCandidates.push(...metaAuthors);
    if (metaAuthors.length === 0) authorCandidates.push(...markupAuthors(doc));
  }
  let authors = cleanAuthors(authorCandidates);
  if (authors.length === 0 && ld.organizations.length > 0) {
    const site = (siteName ?? '').toLowerCase();
    // The outlet named as its own author says nothing; a syndication partner or agency does.
    authors = ld.organizations.filter((o) => o.toLowerCase() !== site).map(cleanSpace);
  }

  const publishedRaw =
    text(ld.article?.datePublished) ??
    m('article:published_time', 'og:article:published_time', 'og:published_time', 'datepublished', 'article.published',
      'parsely-pub-date', 'sailthru.date', 'citation_publication_date', 'citation_date', 'dc.date.issued', 'dcterms.issued',
      'dc.date', 'dcterms.date', 'dc.date.created', 'dcterms.created', 'pubdate', 'publishdate', 'publish-date', 'date',
      'article_date_original', 'cxenseparse:recs:publishtime') ??
    text(ld.article?.dateCreated) ??
    timeFromMarkup(doc, 'published');
  const modifiedRaw =
    text(ld.article?.dateModified) ??
    m('article:modified_time', 'og:updated_time', 'dc.date.modified', 'dcterms.modified', 'last-modified', 'lastmod') ??
    timeFromMarkup(doc, 'modified');

  const canonicalRaw =
    doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href') ?? m('og:url') ?? text(ld.article?.url) ?? null;

  const htmlLang = doc.documentElement?.getAttribute('lang') ?? doc.documentElement?.getAttribute('xml:lang') ?? null;
  const langRaw = htmlLang ?? m('content-language', 'dc.language', 'language', 'og:locale') ?? text(ld.article?.inLanguage);

  const excerpt =
    m('og:description', 'description', 'twitter:description', 'dc.description', 'dcterms.abstract', 'sailthru.description') ??
    text(ld.article?.description);

  const imageRaw =
    m('og:image:secure_url', 'og:image:url', 'og:image', 'twitter:image', 'twitter:image:src') ??
    imageFromLd(ld.article?.image) ??
    doc.querySelector('link[rel~="image_src" i]')?.getAttribute('href') ??
    null;

  return {
    title: titleCandidates[0] ?? null,
    titleCandidates,
    authors,
    siteName: siteName ? cleanSpace(siteName) : null,
    publishedAt: normalizeDate(publishedRaw),
    modifiedAt: normalizeDate(modifiedRaw),
    canonicalUrl: absoluteHttpUrl(canonicalRaw, base),
    lang: normalizeLang(langRaw),
    excerpt: excerpt ? cleanSpace(excerpt) : null,
    leadImageUrl: absoluteHttpUrl(imageRaw, base),
  };
}

/** `<meta>` values keyed by lower-cased name/property/itemprop/http-equiv, in document order. */
function collectMeta(doc: DocLike): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const metas = doc.querySelectorAll('meta');
  for (let i = 0; i < metas.length; i++) {
    const el = metas[i]!;
    const content = el.getAttribute('content') ?? el.getAttribute('value');
    if (content === null || content.trim() === '') continue;
    // One tag can carry several names (RDFa "property" alongside "name").
    const keys = [el.getAttribute('property'), el.getAttribute('name'), el.getAttribute('itemprop'), el.getAttribute('http-equiv')]
      .filter((k): k is string => !!k)
      .flatMap((k) => k.toLowerCase().split(/\s+/));
    for (const key of keys) {
      const list = out.get(key);
      if (list) list.push(content.trim());
      else out.set(key, [content.trim()]);
    }
  }
  return out;
}

interface LdResult {
  article: JsonObject | null;
  publisher: JsonObject | null;
  website: JsonObject | null;
  /** People named as author or creator. */
  authors: string[];
  /** Organisations named as author (used only when no person is found anywhere). */
  organizations: string[];
}

/** Parse every JSON-LD block, flatten @graph / arrays / nested entities, pick the article. */
export function readJsonLd(doc: DocLike): LdResult {
  const scripts = doc.querySelectorAll('script[type*="ld+json" i]');
  const nodes: JsonObject[] = [];
  for (let i = 0; i < scripts.length; i++) {
    const parsed = parseLenientJson(scripts[i]!.textContent ?? '');
    if (parsed !== undefined) flatten(parsed, nodes, 0);
  }
  const byId = new Map<string, JsonObject>();
  for (const n of nodes) if (typeof n['@id'] === 'string') byId.set(n['@id'], n);
  const deref = (v: Json | undefined): Json | undefined => {
    if (v && typeof v === 'object' && !Array.isArray(v) && typeof v['@id'] === 'string' && Object.keys(v).length <= 2) {
      return byId.get(v['@id']) ?? v;
    }
    return v;
  };

  const typesOf = (n: JsonObject): string[] => {
    const t = n['@type'];
    return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
  };
  const article =
    nodes.find((n) => typesOf(n).some((t) => ARTICLE_TYPE.test(t)) && (n.headline || n.articleBody || n.author)) ??
    nodes.find((n) => typesOf(n).some((t) => ARTICLE_TYPE.test(t))) ??
    nodes.find((n) => typesOf(n).some((t) => /WebPage$/.test(t)) && (n.headline || n.datePublished)) ??
    null;
  const website = nodes.find((n) => typesOf(n).includes('WebSite')) ?? null;
  const pub = deref(article?.publisher ?? undefined);
  const publisher = pub && typeof pub === 'object' && !Array.isArray(pub) ? pub : null;

  const people: string[] = [];
  const organizations: string[] = [];
  const addAuthor = (a: Json | undefined) => {
    const v = deref(a);
    if (typeof v === 'string') people.push(v);
    else if (Array.isArray(v)) v.forEach(addAuthor);
    else if (v && typeof v === 'object') {
      const name = text(v.name) ?? ([text(v.givenName), text(v.familyName)].filter(Boolean).join(' ') || null);
      // An organisation as author (the outlet itself, "Staff") is the last resort, after any
      // person named elsewhere on the page.
      if (name) (typesOf(v).some((t) => /Organization$/.test(t)) ? organizations : people).push(name);
    }
  };
  if (article) addAuthor(article.author ?? article.creator ?? undefined);
  return { article, publisher, website, authors: people, organizations };
}

function flatten(v: Json, out: JsonObject[], depth: number): void {
  if (depth > 6 || v === null || typeof v !== 'object') return;
  if (Array.isArray(v)) {
    for (const x of v) flatten(x, out, depth + 1);
    return;
  }
  out.push(v);
  if (Array.isArray(v['@graph'])) flatten(v['@graph'], out, depth + 1);
  for (const key of ['mainEntity', 'mainEntityOfPage', 'itemListElement', 'hasPart']) {
    const child = v[key];
    if (child && typeof child === 'object') flatten(child, out, depth + 1);
  }
}

/** JSON.parse with repairs for what CMSes actually emit: comments, CDATA, trailing commas, raw newlines. */
function parseLenientJson(raw: string): Json | undefined {
  const src = raw.trim().replace(/^<!\[CDATA\[|\]\]>$/g, '').replace(/^<!--|-->$/g, '').trim();
  if (src === '') return undefined;
  try {
    return JSON.parse(src) as Json;
  } catch {
    try {
      const repaired = src
        .replace(/,\s*([}\]])/g, '$1')
        .replace(/[\u0000-\u001f]+/g, ' ');
      return JSON.parse(repaired) as Json;
    } catch {
      return undefined;
    }
  }
}

function text(v: Json | undefined): string | null {
  if (typeof v === 'string') return v.trim() === '' ? null : decodeEntities(v.trim());
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return text(v[0]);
  if (v && typeof v === 'object' && '@value' in v) return text(v['@value']);
  return null;
}

function imageFromLd(v: Json | undefined): string | null {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return imageFromLd(v[0]);
  if (v && typeof v === 'object') return text(v.url) ?? text(v.contentUrl) ?? null;
  return null;
}

/** JSON-LD strings sometimes carry HTML entities because the CMS escaped them twice. */
function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}

/** "Okoro, Chidinma" -> "Chidinma Okoro"; anything else unchanged. */
function invertLastFirst(name: string): string {
  const m = /^\s*([^,]{2,40}),\s*([^,]{2,40})\s*$/.exec(name);
  if (!m || m[1]!.split(/\s+/).length > 3 || m[2]!.split(/\s+/).length > 3) return name;
  if (ROLE_WORDS.test(m[2]!)) return name;
  return `${m[2]!.trim()} ${m[1]!.trim()}`;
}

/** Authors named in the page itself when no meta tag names them. */
function markupAuthors(doc: DocLike): string[] {
  const found: string[] = [];
  const selectors = [
    '[itemprop~="author"] [itemprop~="name"]',
    '[itemprop~="author"]',
    'a[rel~="author"]',
    '[rel~="author"]',
    '.byline__name, .byline-name, .author-name, .author__name, .article-author, .post-author, .entry-author',
    '.byline, .by-line, .author, [class*="byline"]',
  ];
  for (const sel of selectors) {
    const els = doc.querySelectorAll(sel);
    for (let i = 0; i < els.length && i < 6; i++) {
      const el = els[i]!;
      const content = el.getAttribute('content');
      const t = cleanSpace(content ?? el.textContent ?? '');
      if (t && t.length < 120) found.push(t);
    }
    if (found.length > 0) break;
  }
  return found;
}

/** <time datetime> in the page: one marked as published/modified, else the first in the header. */
function timeFromMarkup(doc: DocLike, which: 'published' | 'modified'): string | null {
  const sel =
    which === 'published'
      ? '[itemprop~="datePublished"], time[pubdate], time.published, time[class*="publish"], .published time, .dateline time, .byline time, article header time, header time, time'
      : '[itemprop~="dateModified"], time.updated, time[class*="modif"], time[class*="update"]';
  const els = doc.querySelectorAll(sel);
  for (let i = 0; i < els.length; i++) {
    const el = els[i]!;
    const v = el.getAttribute('datetime') ?? el.getAttribute('content');
    if (v && normalizeDate(v)) return v;
  }
  return null;
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10,
  nov: 11, november: 11, dec: 12, december: 12,
};

const pad = (n: number) => String(n).padStart(2, '0');

function validYmd(y: number, mo: number, d: number): string | null {
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/**
 * A date as ISO 8601: "YYYY-MM-DD" when the source gives only a day, "YYYY-MM-DDTHH:MM:SSZ" (UTC)
 * when it gives a time. A time without a zone is taken as UTC: guessing the publisher's zone is
 * worse than a few hours' error in a date that is shown as a day anyway.
 */
export function normalizeDate(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = raw.trim();
  if (s === '') return null;
  if (/^\d{10}(?:\d{3})?$/.test(s)) {
    const ms = s.length === 10 ? Number(s) * 1000 : Number(s);
    return isoUtc(new Date(ms));
  }
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s) ?? /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return validYmd(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i.exec(s);
  if (m) {
    if (!validYmd(+m[1]!, +m[2]!, +m[3]!)) return null;
    let zone = (m[7] ?? 'Z').toUpperCase();
    if (zone === 'UTC' || zone === 'GMT') zone = 'Z';
    else if (/^[+-]\d{2}$/.test(zone)) zone += ':00';
    else if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
    const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${zone}`);
    return Number.isNaN(d.getTime()) ? null : isoUtc(d);
  }
  // "2024年3月5日" (Chinese, Japanese), "2024년 3월 5일" (Korean)
  m = /(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?/.exec(s);
  if (m) return validYmd(+m[1]!, +m[2]!, +m[3]!);
  // "05.03.2024" (day first, as in most of Europe)
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})\b/.exec(s);
  if (m) return validYmd(+m[3]!, +m[2]!, +m[1]!);
  // RFC 2822 and other forms with an explicit zone: let V8 parse them.
  if (/\b(?:GMT|UTC|Z)\b|[+-]\d{4}\b/.test(s) && /\d{1,2}:\d{2}/.test(s)) {
    const d = new Date(s);
    if (!Number.isNaN(d.getTime())) return isoUtc(d);
  }
  // "March 5, 2024", "Mar. 5 2024", "Tuesday 5 March 2024 10.32 GMT"
  m = /\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(s);
  if (m && MONTHS[m[1]!.toLowerCase()]) return validYmd(+m[3]!, MONTHS[m[1]!.toLowerCase()]!, +m[2]!);
  m = /\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b/.exec(s);
  if (m && MONTHS[m[2]!.toLowerCase()]) return validYmd(+m[3]!, MONTHS[m[2]!.toLowerCase()]!, +m[1]!);
  return null;
}

function isoUtc(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  return d.toISOString().replace(/\.000Z$/, 'Z');
}

/** "en_us" -> "en-US", "EN" -> "en"; anything that is not a language tag -> null. */
export function normalizeLang(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const first = raw.split(/[,;]/)[0]!.trim().replace(/_/g, '-');
  if (!/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(first)) return null;
  const [lang, ...rest] = first.split('-');
  return [
    lang!.toLowerCase(),
    ...rest.map((p) => (p.length === 2 ? p.toUpperCase() : p.length === 4 ? p[0]!.toUpperCase() + p.slice(1).toLowerCase() : p.toLowerCase())),
  ].join('-');
}

// Words that mark a job title, an organisation or a dateline rather than a person's name.
const ROLE_WORDS =
  /\b(?:correspondent|editor|reporter|writer|staff|contributor|columnist|journalist|producer|analyst|bureau|chief|senior|desk|news ?room|photographer|illustrat\w*|updated|published|posted|min(?:ute)?s? read|follow|email|department|communications|office|team|press|agency|agencies|service|services|ministry|council|committee|association|group|media|inc|ltd|llc|gmbh|university|newsletter|wire|admin|administrator|webmaster|editorial)\b/i;

/**
 * Author strings -> a clean list of names: no "By ", split on "and" / "&" / "," / ";", roles,
 * dates, handles and e-mail addresses dropped, duplicates removed.
 */
export function cleanAuthors(raw: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const entry of raw) {
    const s = cleanSpace(entry)
      .replace(/^(?:(?:written|posted|reported|words|story|text|photos?)\s+)?by[:\s]+/i, '')
      .replace(/^(?:author|authors|autor|auteur|von|por|par|di)\s*[:\s]\s*/i, '')
      .replace(/\s*[|•·]\s*.*$/, '')
      .replace(/\s+(?:on|at)\s+(?:\w+\s+)?\d.*$/i, '')
      .replace(/\([^)]*\)/g, '')
      .trim();
    if (s === '' || /^https?:\/\//i.test(s)) continue;
    // Korean, Chinese and Japanese bylines put the role after the name: "김서연 기자", "王明 记者".
    const cjkRole = /\s*(?:기자|특파원|선임기자|논설위원|记者|特约记者|特派记者|記者|特派員|編集委員|通信員)$/;
    // Case-sensitive on purpose: "y", "e", "et" join names in Spanish, Portuguese, French, but
    // "Y. Chen" or "E. Ortiz" are initials.
    for (let part of s.split(/\s*(?:,|;|&|、|،|\+)\s*|\s+(?:and|And|AND|und|et|y|e|i|og|och|en|و)\s+/)) {
      part = part
        .replace(cjkRole, '')
        .replace(/^(?:(?:words|text|story|reporting|photos?|photographs?|photography|pictures|images|illustrations?|graphics|video)\s+)?by\s+/i, '')
        .replace(/^[\s\-–—:@]+|[\s\-–—:.]+$/g, '')
        .trim();
      if (part === '' || part.length > 60) continue;
      if (/@|\d{3,}|^https?:/i.test(part)) continue;
      if (ROLE_WORDS.test(part)) continue;
      const words = part.split(/\s+/);
      if (words.length > 5) continue;
      // In Latin scripts a name is capitalised; "the team" or "staff reports" are not names.
      if (/^[\p{Script=Latin}\s.'’-]+$/u.test(part) && !words.every((w) => /^(?:\p{Lu}|d[eiau]\b|v[ao]n\b|de[rl]?\b|la\b|le\b|bin\b|al-|van\b)/u.test(w))) {
        continue;
      }
      const key = part.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(part);
    }
  }
  return out;
}

export function cleanSpace(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

function uniq(list: string[]): string[] {
  return [...new Set(list.map(cleanSpace))];
}

function baseUrl(doc: DocLike, pageUrl: string | null): string | null {
  const href = doc.querySelector('base[href]')?.getAttribute('href');
  if (href) {
    try {
      return new URL(href, pageUrl ?? undefined).href;
    } catch {
      /* a relative <base> without a page URL cannot be resolved */
    }
  }
  return pageUrl;
}

/** Resolve `raw` against `base`; only http(s) results are kept. */
export function absoluteHttpUrl(raw: string | null | undefined, base: string | null): string | null {
  if (!raw) return null;
  try {
    const u = new URL(raw.trim(), base ?? undefined);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export { baseUrl as documentBaseUrl };
