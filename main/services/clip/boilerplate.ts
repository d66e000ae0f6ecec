/**
 * Boilerplate removal around Readability.
 *
 * Readability finds the right container on most pages; what it gets wrong is mostly *inside* that
 * container or next to it: share bars, newsletter boxes, "Related" / "Most read" lists, comment
 * threads, ad slots, cookie banners, author bios and "Read more: ..." lines that publishers put in
 * the article body. Two passes handle them:
 *
 *  - before Readability, by markup: elements whose tag, ARIA role or class/id names what they are
 *    (share, newsletter, related, comments, ad, cookie ...). Never the element that holds the
 *    article itself: the likely article root and its ancestors are protected, and so is any
 *    wrapper holding most of the page's text (sites put "has-sidebar" or "promo-enabled" on body
 *    wrappers).
 *  - after Readability, by text: short blocks whose words are boilerplate, sections under a
 *    heading like "Related" or "Comments", and link lists trailing the article.
 */
import type { DomDocument, DomElement, DomNode } from './dom';
import { ELEMENT_NODE, linkDensity, normalizedText, textLength } from './dom';

/** Tags that are never article text (forms, players, page chrome). */
const NON_CONTENT_TAGS = [
  'script:not([type*="ld+json" i])', 'style', 'template', 'iframe', 'frame', 'object', 'embed', 'canvas',
  'button', 'select', 'textarea', 'input', 'dialog', 'nav', 'link', 'meta:not(head meta)',
];

const NON_CONTENT_ROLES = new Set([
  'navigation', 'contentinfo', 'complementary', 'search', 'dialog', 'alertdialog', 'menu', 'menubar',
  'toolbar', 'banner', 'tablist', 'status', 'alert',
]);

/** Class/id tokens that name page furniture. Matched as whole tokens (see tokensOf). */
const BOILERPLATE_TOKENS = new Set([
  'share', 'shares', 'sharing', 'sharebar', 'sharetools', 'social', 'socials', 'newsletter', 'newsletters',
  'subscribe', 'subscription', 'signup', 'optin', 'cookie', 'cookies', 'consent', 'gdpr', 'related',
  'recommended', 'recommendations', 'recommendation', 'outbrain', 'taboola', 'trending', 'popular',
  'mostread', 'mostpopular', 'mostviewed', 'comments', 'comment', 'commentlist', 'disqus', 'respond',
  'sidebar', 'sidebars', 'widget', 'widgets', 'breadcrumb', 'breadcrumbs', 'navbar', 'nav', 'menu',
  'footer', 'masthead', 'toolbar', 'ad', 'ads', 'adv', 'advert', 'adverts', 'advertisement', 'advertising',
  'adslot', 'adunit', 'adwrapper', 'dfp', 'gpt', 'sponsor', 'sponsored', 'sponsors', 'promo', 'promos',
  'promotion', 'promoted', 'paywall', 'modal', 'popup', 'overlay', 'banner', 'donate', 'donation', 'cta',
  'recirc', 'recirculation', 'readnext', 'readmore', 'upnext', 'morestories', 'moreon', 'morefrom',
  'youmaylike', 'authorbio', 'authorinfo', 'aboutauthor', 'bio', 'tags', 'taglist', 'tagcloud',
  'pagination', 'pager', 'postnav', 'postnavigation', 'sronly', 'visuallyhidden', 'screenreadertext',
  'skiplink', 'byline', 'dateline', 'meta', 'entrymeta', 'postmeta', 'articlemeta',
  'timestamp', 'alsoread', 'seealso', 'headlines', 'latest', 'subnav', 'jumplink', 'noprint', 'rail', 'rightrail', 'leftrail', 'livefyre', 'feedback', 'rating', 'reactions', 'follow',
  'login', 'signin', 'register', 'registration', 'storylist', 'teaser', 'teasers',
]);

/** Tokens strong enough to remove even inside the article root (unless it holds most text). */
const STRONG_TOKENS = new Set([
  'share', 'shares', 'sharing', 'sharebar', 'sharetools', 'social', 'newsletter', 'subscribe', 'signup',
  'optin', 'cookie', 'cookies', 'consent', 'gdpr', 'related', 'recommended', 'recommendations', 'outbrain',
  'taboola', 'trending', 'mostread', 'mostpopular', 'comments', 'comment', 'commentlist', 'disqus',
  'respond', 'ad', 'ads', 'adv', 'advert', 'advertisement', 'advertising', 'adslot', 'adunit', 'adwrapper',
  'dfp', 'gpt', 'sponsor', 'sponsored', 'promo', 'promos', 'paywall', 'modal', 'popup', 'donate', 'cta',
  'recirc', 'recirculation', 'readnext', 'readmore', 'upnext', 'morestories', 'youmaylike', 'authorbio',
  'aboutauthor', 'sronly', 'visuallyhidden', 'screenreadertext', 'skiplink', 'byline', 'dateline',
  'entrymeta', 'postmeta', 'articlemeta', 'alsoread', 'seealso', 'tags', 'taglist', 'noprint',
  'storylist', 'breadcrumb', 'breadcrumbs', 'widget', 'sidebar',
]);

const SCREEN_READER_TOKENS = new Set(['sronly', 'visuallyhidden', 'screenreadertext', 'screenreaderonly', 'readeronly', 'offscreen', 'assistivetext']);

/** Inline elements are left alone: a class on a <span> or <a> inside prose rarely marks a block. */
const INLINE_TAGS = new Set([
  'A', 'SPAN', 'EM', 'STRONG', 'B', 'I', 'U', 'S', 'ABBR', 'TIME', 'CITE', 'CODE', 'SUP', 'SUB', 'MARK',
  'Q', 'SMALL', 'IMG', 'PICTURE', 'SOURCE', 'BR', 'FONT', 'LABEL',
]);

/** Never removed by class: they are the structure Readability needs or the article itself. */
const STRUCTURAL_TAGS = new Set(['HTML', 'BODY', 'MAIN', 'H1', 'TABLE', 'TBODY', 'THEAD', 'TR', 'TD', 'TH']);

/**
 * Splits class and id into lower-case tokens, also joining neighbours so that "most-read",
 * "mostRead", "most_read" and "mostread" all yield "mostread".
 */
export function tokensOf(el: DomElement): string[] {
  const raw = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  if (raw.trim() === '') return [];
  // Pages repeat the same class strings thousands of times (comment lists, teaser grids).
  const cached = tokenCache.get(raw);
  if (cached) return cached;
  const tokens = computeTokens(raw);
  if (tokenCache.size > 5000) tokenCache.clear();
  tokenCache.set(raw, tokens);
  return tokens;
}

const tokenCache = new Map<string, string[]>();

function computeTokens(raw: string): string[] {
  const out: string[] = [];
  for (const name of raw.split(/\s+/)) {
    if (name === '') continue;
    const parts = name
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((p) => p !== '');
    for (let i = 0; i < parts.length; i++) {
      out.push(parts[i]!);
      if (i + 1 < parts.length) out.push(parts[i]! + parts[i + 1]!);
      if (i + 2 < parts.length) out.push(parts[i]! + parts[i + 1]! + parts[i + 2]!);
    }
    out.push(parts.join(''));
  }
  return out;
}

/**
 * Where pages put the article body, by widespread CMS and publishing conventions, strongest
 * first: schema.org microdata, then class/id names, then <article>, then the main landmark.
 */
const ROOT_CLASS_NAMES = new Set([
  'article-body', 'article__body', 'articlebody', 'article-content', 'article__content', 'story-body', 'story-content',
  'story__body', 'entry-content', 'post-content', 'post-body', 'post__content', 'blog-post-body', 'td-post-content',
  'single-content', 'content-body', 'body-text', 'rich-text', 'prose',
]);

function rootRank(el: DomElement): number {
  const itemprop = el.getAttribute('itemprop');
  if (itemprop && /(?:^|\s)(?:articleBody|text)(?:\s|$)/.test(itemprop)) return 0;
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.toLowerCase();
  if (names.trim() !== '' && names.split(/\s+/).some((n) => ROOT_CLASS_NAMES.has(n))) return 1;
  if (el.tagName === 'ARTICLE') return 2;
  if (el.tagName === 'MAIN' || el.getAttribute('role') === 'main') return 3;
  return -1;
}

/**
 * A cheap guess of the element holding the article: the strongest convention that matches, and
 * among several matches (a page with many <article> teasers) the one with the most paragraph
 * text. One walk over the elements; CSS selector matching is slow on large pages.
 */
export function guessArticleRoot(doc: DomDocument): DomElement | null {
  const body = doc.body;
  if (!body) return null;
  const byRank: DomElement[][] = [[], [], [], []];
  const all = body.getElementsByTagName('*');
  for (let i = 0; i < all.length; i++) {
    const rank = rootRank(all[i]!);
    if (rank >= 0) byRank[rank]!.push(all[i]!);
  }
  for (const group of byRank) {
    let best: DomElement | null = null;
    let bestScore = 0;
    for (const el of group) {
      const ps = el.getElementsByTagName('p');
      let score = 0;
      for (let j = 0; j < ps.length; j++) {
        const len = textLength(ps[j]!);
        if (len > 40) score += len;
      }
      if (score > bestScore) {
        best = el;
        bestScore = score;
      }
    }
    if (best && bestScore >= 200) return best;
  }
  return null;
}

function isHidden(el: DomElement): boolean {
  if (el.hasAttribute('hidden')) return true;
  const style = el.getAttribute('style');
  if (style && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i.test(style)) return true;
  return false;
}

/** Why an element counts as boilerplate by its markup, or null. */
export function boilerplateReason(el: DomElement): 'tag' | 'role' | 'hidden' | 'strong' | 'weak' | null {
  const role = el.getAttribute('role');
  if (role && NON_CONTENT_ROLES.has(role.toLowerCase())) return 'role';
  if (isHidden(el)) return 'hidden';
  if (el.getAttribute('aria-hidden') === 'true' && el.tagName !== 'IMG') return 'hidden';
  const tag = el.tagName;
  if (tag === 'ASIDE' || tag === 'FOOTER' || tag === 'FORM') return 'weak';
  if (STRUCTURAL_TAGS.has(tag)) return null;
  if (INLINE_TAGS.has(tag)) {
    // Screen-reader-only labels ("Image caption, ") are inline but never visible text.
    return tokensOf(el).some((t) => SCREEN_READER_TOKENS.has(t)) ? 'hidden' : null;
  }
  const tokens = tokensOf(el);
  let weak = false;
  for (const t of tokens) {
    if (STRONG_TOKENS.has(t)) return 'strong';
    if (BOILERPLATE_TOKENS.has(t)) weak = true;
  }
  if (tag === 'HEADER' && !el.querySelector('h1')) return 'weak';
  return weak ? 'weak' : null;
}

/**
 * Pass 1 (before Readability): remove non-content elements by tag, role and class/id.
 * Returns the guessed article root (possibly null) for the later passes.
 */
export function removeBoilerplateMarkup(doc: DomDocument): DomElement | null {
  const body = doc.body;
  if (!body) return null;
  for (const sel of NON_CONTENT_TAGS) removeAll(body.querySelectorAll(sel));
  // A <footer> inside a quote or figure is its attribution or credit, not page chrome; renamed so
  // neither this pass nor Readability drops it as a footer.
  const attributions = body.querySelectorAll('blockquote footer, figure footer');
  for (let i = attributions.length - 1; i >= 0; i--) renameElement(doc, attributions[i]!, 'p');

  const root = guessArticleRoot(doc);
  const bodyText = textLength(body);
  const rootText = root ? textLength(root) : 0;

  const all = body.querySelectorAll('*');
  const list: DomElement[] = [];
  for (let i = 0; i < all.length; i++) list.push(all[i]!);
  for (const el of list) {
    if (!el.parentNode) continue; // already removed with an ancestor
    if (!body.contains(el)) continue;
    const reason = boilerplateReason(el);
    if (reason === null) continue;
    if (root && (el === root || el.contains(root))) continue;
    const len = textLength(el);
    const inRoot = root !== null && root.contains(el);
    if (inRoot) {
      // Inside the article only clear signals count, and never for a block holding most of it.
      if (reason === 'weak' && !isFurnitureTag(el)) continue;
      if (len > rootText * 0.5 && rootText > 0) continue;
      if (el.tagName === 'FIGURE' || el.tagName === 'BLOCKQUOTE') continue;
    } else if (len > bodyText * 0.5 && (root === null || reason !== 'strong')) {
      continue;
    }
    el.remove();
  }
  return root;
}

/**
 * Short elements just before the headline (kicker, section label, breadcrumb, "LIVE" badge) are
 * header furniture; the article starts after its headline. Images and figures are kept.
 */
export function removeHeadlinePreamble(h1: DomElement): void {
  let el: DomElement | null = h1;
  // Climb out of a header wrapper that holds little besides the headline.
  for (let i = 0; i < 2 && el.parentElement && /^(?:HEADER|HGROUP|DIV)$/.test(el.parentElement.tagName) && textLength(el.parentElement) < textLength(h1) + 200; i++) {
    removePreviousShort(el);
    el = el.parentElement;
  }
  removePreviousShort(el);
}

function removePreviousShort(el: DomElement): void {
  let prev = el.previousElementSibling;
  while (prev) {
    const before: DomElement | null = prev.previousElementSibling;
    const len = textLength(prev);
    if (len >= 80 || prev.querySelector('img, picture, figure, video') || prev.tagName === 'FIGURE' || prev.tagName === 'IMG') return;
    if (len > 0) prev.remove();
    prev = before;
  }
}

/** Weak signals still count inside the article root for these page-furniture elements. */
function isFurnitureTag(el: DomElement): boolean {
  return el.tagName === 'ASIDE' || el.tagName === 'FORM' || el.tagName === 'NAV' || el.getAttribute('aria-hidden') === 'true' || isHidden(el);
}

function renameElement(doc: DomDocument, el: DomElement, tag: string): DomElement {
  const replacement = doc.createElement(tag);
  while (el.firstChild) replacement.appendChild(el.firstChild);
  el.parentNode?.replaceChild(replacement, el);
  return replacement;
}

function removeAll(nodes: ArrayLike<DomElement>): void {
  const arr: DomElement[] = [];
  for (let i = 0; i < nodes.length; i++) arr.push(nodes[i]!);
  for (const n of arr) n.remove();
}

// ---------------------------------------------------------------------------------------------
// Pass 2: text rules on the extracted content.

const BLOCK_SELECTOR = 'p, div, section, aside, ul, ol, li, h2, h3, h4, h5, h6, blockquote, figure, table, dl, header, footer, details, td';

const INNER_BLOCKS = 'p, div, section, aside, ul, ol, li, h1, h2, h3, h4, h5, h6, blockquote, figure, figcaption, table, dl, header, footer, details, td, pre';

/** A short block that consists of nothing but one of these is boilerplate. */
const BOILERPLATE_LINE: RegExp[] = [
  // Every rule must not fire on a short sentence of prose ("Share prices fell", "Register to vote
  // by Friday", "Copyright law changed"): they match labels, imperatives addressed to the reader,
  // or first-person publisher voice, not topics.
  /^(?:advertisement|advertising|ad|sponsored(?: content| post)?|paid (?:content|post)|promoted|anzeige|publicité|реклама|広告|广告)$/i,
  /^(?:story continues|article continues|continue reading)(?: below)?(?: (?:advertisement|the ad|the main story))?\.?$/i,
  /^share(?: (?:this|the)(?: (?:article|story|post|page|link))?| (?:on|via|to) [\w ]{1,30}| article| story)?\s*[:!]?(?:\s+(?:facebook|twitter|x|email|e-mail|linkedin|whatsapp|reddit|pinterest|telegram|copy link|print|messenger))*$/i,
  /^(?:tweet|email|print|copy link|copied|facebook|twitter|linkedin|whatsapp|reddit|pinterest)(?:\s+(?:tweet|email|print|copy link|facebook|twitter|x|linkedin|whatsapp|reddit|pinterest))*$/i,
  /^(?:sign up|signup|subscribe|register|join|get)\b.{0,100}\b(?:newsletters?|inbox|e-?mails?|briefing|digest|updates|alerts)\b/i,
  /\b(?:your inbox|our (?:free |daily |weekly )?(?:\w+ )?newsletters?)\b/i,
  /^(?:read|see|watch|listen)(?: more| also| next| now| the full story| full coverage)\s*(?:[:»›→]|$)/i,
  /^(?:related|more|also)(?: (?:articles?|stories|coverage|content|reading|posts|links|topics|news|on this|on this story|from [\w\s]+|about [\w\s]+|in [\w\s]+))?\s*:/i,
  /^(?:most (?:read|popular|viewed|shared|commented)|trending(?: now| stories)?|recommended(?: for you| stories| reading)?|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|what to read next|don['’]t miss|editor['’]s picks|top stories|latest (?:news|stories|articles|posts))\s*:?$/i,
  /\b(?:we|this (?:site|website)|our (?:site|website|partners))\b.{0,40}\buse[sd]? cookies\b/i,
  /\bcookies?\b.{0,80}\b(?:accept(?: all)?|cookie policy|cookie settings|manage (?:settings|preferences)|consent)\b/i,
  /^(?:follow|like) us (?:on|at)\b/i,
  /^(?:click|tap) here\b/i,
  /^(?:download|get) (?:our|the) (?:free )?app\b/i,
  /^(?:\d+\s+)?comments?(?:\s*\(\d+\))?$/i,
  /^(?:leave|post|add|write) a (?:comment|reply|response)\b/i,
  /^(?:join|start) the (?:conversation|discussion)\b/i,
  /^(?:show|view|load|hide) (?:all )?(?:\d+ )?comments?\b/i,
  /^(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}))/i,
  /\ball rights reserved\b/i,
  /^(?:listen to (?:this )?(?:article|story)|\d+\s*min(?:ute)?s?\s*read|reading time\b|\d+ ?-?minute read)/i,
  /^(?:support|fund)\s+(?:our|us|independent|quality)\b/i,
  /^(?:tags?|topics?|filed under|categories|category|posted in)\s*:/i,
  /^(?:report (?:an )?(?:error|typo|correction)|suggest a correction|send us a tip)\b/i,
  /^(?:enable|please enable) javascript\b/i,
  /^(?:log ?in|sign ?in)(?: to| or)\b.{0,80}$/i,
  /^register (?:or (?:log|sign) ?in|for (?:free|an account))\b/i,
  /^(?:previous|next) (?:article|post|story)\b/i,
  /^(?:skip to (?:main )?content|back to top|jump to)\b/i,
  /^a version of this (?:article|story|review) (?:appears|appeared) in print\b/i,
  /^(?:image|photo|picture|video) (?:source|credit|copyright)s?\s*[,:]/i,
  /^(?:is this page useful|was this (?:page|article) helpful)\??/i,
  /^report a problem with this page\b/i,
  // E-mail newsletters viewed on the web.
  /^view (?:this|it|the)? ?(?:email|e-mail|newsletter|message)? ?(?:in|on) (?:your|a|the) (?:web )?browser\b/i,
  /\bforward (?:this|it) (?:email |e-mail |newsletter )?to a friend\b/i,
  /\byou (?:are|were|have been) receiving this\b/i,
  /(?:^|[·|•]\s*)unsubscribe(?: here| now)?\s*(?:[·|•]|$)|\bunsubscribe here\b|\bto unsubscribe\b/i,
  // Affiliate disclosures and shop widgets.
  /\bwe (?:may )?(?:earn|receive|get) (?:a )?(?:small )?(?:commission|affiliate)|\baffiliate links?\b/i,
  /^(?:shop|buy)(?: it)? (?:now|here|today)\b/i,
  // Engagement counters.
  /^(?:views?|reads?|citations?|downloads?|shares?|likes?|claps?)\s*:?\s*[\d,.]+[km]?(?:\s*[·|•]\s*(?:views?|reads?|citations?|downloads?|shares?|likes?|comments?)\s*:?\s*[\d,.]+[km]?)*$/i,
  // "All rights reserved" / "no reproduction without permission" in other languages.
  /(?:版权所有|保留所有权利|版權所有|無断転載|무단전재|Все права защищены|Усі права захищені|Alle Rechte vorbehalten|Tous droits réservés|Todos los derechos reservados|Tutti i diritti riservati|Wszelkie prawa zastrzeżone|جميع الحقوق محفوظة|כל הזכויות שמורות)/i,
];

/** Lines that are boilerplate when they close the content (site credits), though not mid-article. */
const TRAILING_LINE =
  /^(?:copyright\b.{0,150}|(?:this )?(?:site|page|website) (?:maintained|designed|built|powered|hosted|run)\b.{0,100}|powered by\b.{0,60})$/i;

/** A heading with one of these names starts a block of page furniture that runs to the next heading. */
const BOILERPLATE_HEADING =
  /^(?:related(?: articles| stories| coverage| content| reading| posts| links| topics)?|more (?:on this|on this story|from|stories|in|like this|news|to explore)\b.*|read (?:more|next)\b.*|recommended(?: for you| reading| stories)?|most (?:read|popular|viewed|shared)|trending(?: now)?|popular(?: now| posts| stories)?|latest(?: news| stories| posts)?|you (?:may|might) (?:also )?like|what to read next|\d*\s*comments?(?:\s*\(\d+\))?|\d+ (?:thoughts|responses|replies) on\b.*|leave a (?:reply|comment)|join the (?:conversation|discussion)|about the authors?|share(?: this)?(?: article| story| post)?|sign up.*|(?:get )?our newsletter.*|newsletter|subscribe.*|follow us.*|also read|see also|elsewhere on\b.*|in other news|top stories|editor['’]s picks|don['’]t miss)\s*:?$/i;

/**
 * Headings of end matter: when one of these is the last section (or only end matter follows), it
 * and everything after it go. Only at the end, because "About the study" or "Notes" mid-article
 * can be content.
 */
const END_MATTER_HEADING =
  /^(?:about (?:the )?(?:authors?|us|company)|media (?:contacts?|enquiries|inquiries)|press (?:contacts?|office|enquiries|inquiries)|(?:for )?(?:more|further) information(?: contact)?|contacts?|notes (?:to|for) editors?|references|notes|sources|footnotes|citations|bibliography|works cited|external links|see also|disclaimer|disclosure|corrections?|editor['’]s note|(?:article )?tags|topics|categories|share this)\s*:?$/iu;

/** "About Kelvra Instruments": a press release's company boilerplate (case-sensitive: a name). */
const ABOUT_NAME_HEADING = /^About (?!(?:the|this|these|our|how|why|what)\b)\p{Lu}[\p{L}\p{N}&.,' -]{0,60}:?$/u;

const MAX_BOILERPLATE_LINE = 220;

/**
 * Button and widget labels standing alone. Not applied to table cells or list items, where "Buy"
 * or "Next" can be data.
 */
const BUTTON_LABEL = /^(?:buy|shop|subscribe|donate|sign up|log ?in|register|download|play|watch|listen|more|next|previous|close|menu|search|reply|like|follow)(?: now| here| today)?$/i;

/** True when an element's whole text is one of the boilerplate lines above. */
export function isBoilerplateLine(text: string, tagName = 'P'): boolean {
  if (text.length === 0 || text.length > MAX_BOILERPLATE_LINE) return false;
  if (tagName !== 'TD' && tagName !== 'TH' && tagName !== 'LI' && BUTTON_LABEL.test(text)) return true;
  return BOILERPLATE_LINE.some((re) => re.test(text));
}

export interface ContentCleanOptions {
  title: string | null;
  authors: string[];
  siteName?: string | null;
}

/** Pass 2 (after Readability, or on the fallback body): text-based cleanup of the content. */
export function cleanContent(root: DomElement, opts: ContentCleanOptions): void {
  removeBoilerplateSections(root);
  removeBoilerplateBlocks(root);
  removeTitleAndByline(root, opts);
  trimEdges(root, opts);
  removeEndMatter(root);
  trimEdges(root, opts);
  removeEmpty(root);
}

function headingLevel(el: DomElement): number {
  const m = /^H([1-6])$/.exec(el.tagName);
  return m ? Number(m[1]) : 0;
}

/** The heading a section-like element begins with: a real hN or a lone bold paragraph. */
function asHeading(el: DomElement): { level: number; text: string } | null {
  const level = headingLevel(el);
  if (level > 0) return { level, text: normalizedText(el) };
  if (el.tagName === 'P' && el.children.length === 1) {
    const only = el.firstElementChild!;
    if ((only.tagName === 'STRONG' || only.tagName === 'B') && normalizedText(only) === normalizedText(el)) {
      return { level: 7, text: normalizedText(el) };
    }
  }
  return null;
}

function removeBoilerplateSections(root: DomElement): void {
  const candidates = root.querySelectorAll('h1, h2, h3, h4, h5, h6, p');
  const list: DomElement[] = [];
  for (let i = 0; i < candidates.length; i++) list.push(candidates[i]!);
  for (const heading of list) {
    if (!heading.parentNode || !root.contains(heading)) continue;
    const h = asHeading(heading);
    if (!h || h.text.length > 80 || !BOILERPLATE_HEADING.test(h.text)) continue;
    // Everything after the heading up to a heading of the same or a higher level is the section.
    let sib = heading.nextElementSibling;
    const removed: DomElement[] = [heading];
    while (sib) {
      const sh = asHeading(sib);
      if (sh && sh.level <= h.level && sh.level < 7) break;
      removed.push(sib);
      sib = sib.nextElementSibling;
    }
    // A "Related" heading followed by prose paragraphs is not furniture; only link lists or short
    // blocks are. Guard: the section's text must be link-dense or short.
    const proseChars = removed.slice(1).reduce((n, el) => n + (linkDensity(el) < 0.5 ? textLength(el) : 0), 0);
    if (proseChars > 400 && !/comment|repl|respons|thoughts/i.test(h.text)) continue;
    for (const el of removed) el.remove();
    // A wrapper left holding only the heading's siblings-before is fine; an emptied wrapper is
    // removed by removeEmpty.
  }
}

function removeBoilerplateBlocks(root: DomElement): void {
  const blocks = root.querySelectorAll(BLOCK_SELECTOR);
  const list: DomElement[] = [];
  for (let i = 0; i < blocks.length; i++) list.push(blocks[i]!);
  // Innermost first would re-test parents after children vanish; document order is enough because
  // a parent that is itself a boilerplate line takes its children with it.
  for (const el of list) {
    if (!el.parentNode || !root.contains(el)) continue;
    const t = normalizedText(el);
    if (t === '') continue;
    // Containers are judged through their blocks: a figure whose credit line matches a rule must
    // keep its caption.
    if (el.querySelector(INNER_BLOCKS)) continue;
    if (isBoilerplateLine(t, el.tagName)) {
      el.remove();
      continue;
    }
    // "Read more: <a>Another headline</a>" and "RELATED: <a>...</a>" paragraphs.
    if ((el.tagName === 'P' || el.tagName === 'DIV' || el.tagName === 'LI') && t.length < 300) {
      const lead = /^(?:read|see|also|related|more|watch|listen|recommended|further reading|opinion|explainer|analysis|live)\b[^:]{0,30}:\s*/i.exec(t);
      if (lead && linkDensity(el) > 0.5) el.remove();
    }
  }
}

/** Removes trailing end-matter sections (see END_MATTER_HEADING), last first. */
function removeEndMatter(root: DomElement): void {
  for (let guard = 0; guard < 10; guard++) {
    const headings = root.querySelectorAll('h1, h2, h3, h4, h5, h6');
    // The last heading (or the last lone bold paragraph acting as one).
    let last: DomElement | null = headings.length > 0 ? headings[headings.length - 1]! : null;
    const ps = root.querySelectorAll('p');
    for (let i = ps.length - 1; i >= 0 && i >= ps.length - 8; i--) {
      const p = ps[i]!;
      const h = asHeading(p);
      if (h && h.level === 7 && (!last || precedes(last, p))) {
        last = p;
        break;
      }
    }
    if (!last) return;
    const text = normalizedText(last);
    if (text.length > 80 || !(END_MATTER_HEADING.test(text) || ABOUT_NAME_HEADING.test(text))) return;
    // Everything from the heading to the end of the content, in document order.
    const doomed: DomElement[] = [last];
    let node: DomElement | null = last;
    while (node && node !== root) {
      let sib: DomElement | null = node.nextElementSibling;
      while (sib) {
        doomed.push(sib);
        sib = sib.nextElementSibling;
      }
      node = node.parentElement;
    }
    const after = doomed.slice(1).reduce((n, el) => n + textLength(el), 0);
    // End matter is short; a long tail after such a heading is more likely the article going on.
    if (after > 1500) return;
    for (const el of doomed) removeUpToRoot(el, root);
  }
}

/** Whether `a` comes before `b` in document order. */
function precedes(a: DomNode, b: DomNode): boolean {
  const pos = (a as unknown as { compareDocumentPosition?(o: unknown): number }).compareDocumentPosition?.(b);
  return pos !== undefined ? (pos & 4) !== 0 : false;
}

function comparable(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function removeTitleAndByline(root: DomElement, opts: ContentCleanOptions): void {
  const first = firstBlocks(root, 8);
  const title = opts.title ? comparable(opts.title) : '';
  const titleAt = first.findIndex((el) => {
    const c = comparable(normalizedText(el));
    return title !== '' && headingLevel(el) > 0 && c !== '' && (c === title || (title.includes(c) && c.length > title.length * 0.6));
  });
  // What precedes the headline inside the content is header furniture (kicker, section label,
  // breadcrumb), provided it is short.
  if (titleAt > 0 && first.slice(0, titleAt).every((el) => normalizedText(el).length < 80)) {
    for (const el of first.slice(0, titleAt)) removeUpToRoot(el, root);
  }
  if (titleAt >= 0) removeUpToRoot(first[titleAt]!, root);
  let seenProse = false;
  for (const el of first.slice(titleAt + 1)) {
    if (!el.parentNode) continue;
    const t = normalizedText(el);
    if (t === '') continue;
    if (t.length < 160 && isBylineText(t, opts.authors)) {
      removeUpToRoot(el, root);
      continue;
    }
    // Before the first sentence of prose: breadcrumbs (all links), bare URLs (DOI lines) and
    // taglines naming the site ("From the Regional Encyclopedia").
    const site = opts.siteName ? comparable(opts.siteName) : '';
    const tagline = t.length < 80 && !/[.!?]$/.test(t) && ((site !== '' && comparable(t).includes(site)) || /^[Ff]rom (?:the )?\p{Lu}\S*(?:\s+\S+){0,5}$/u.test(t));
    if (!seenProse && t.length < 100 && (isAllLinks(el) || /^(?:https?:\/\/|doi:)\S+$/i.test(t) || tagline)) {
      removeUpToRoot(el, root);
      continue;
    }
    if (t.length >= 100 || /[.!?。！？]$/.test(t)) seenProse = true;
  }
}

function isAllLinks(el: DomElement): boolean {
  const links = el.getElementsByTagName('a');
  return links.length >= 2 && linkDensity(el) > 0.7;
}

/** "Jane Doe is a reporter covering ..." closing the article: the author's bio, not the story. */
function isAuthorBio(t: string, authors: string[]): boolean {
  if (t.length > 400) return false;
  return authors.some((a) => a.length > 3 && t.startsWith(a) && /^\s*(?:is|was|has|writes|covers|’s|'s|\(@)/.test(t.slice(a.length)));
}

/** "By Jane Doe", "Jane Doe and John Roe | 5 March 2024", "Posted on March 5, 2024 by admin". */
export function isBylineText(t: string, authors: string[]): boolean {
  const sentence = /[.!?。]$/.test(t.replace(/\b\p{Lu}\.$/u, ''));
  const by = /^(?:by|written by|words by|posted by|story by|reporting by)\s+(\S.*)$/i.exec(t);
  if (by) {
    // "By Tuesday, the roof had gone." is prose; a byline names people and is no sentence.
    if (authors.some((a) => by[1]!.includes(a))) return true;
    if (!sentence && /^\p{Lu}/u.test(by[1]!) && t.split(/\s+/).length <= 10) return true;
  }
  if (/^(?:posted|published|updated|last updated|first published|written|issued|dated|filed|released)\b/i.test(t) && t.length < 120 && !sentence && DATE_LIKE.test(t)) {
    return true;
  }
  if (authors.length > 0 && !sentence) {
    let rest = t;
    for (const a of authors) rest = rest.split(a).join(' ');
    if (rest !== t) {
      const leftover = rest.replace(/\b(?:and|by|with|in|on|at|updated|published|min(?:ute)?s? read|reporting|staff|writer|correspondent|editor)\b|[\d\p{P}\p{S}\s]+/giu, ' ').trim();
      // Only the names, a date, punctuation and role words are left: it is a byline.
      if (leftover.length <= 30) return true;
    }
  }
  return /^(?:\w+day,?\s+)?(?:\d{1,2}\s+\w+\s+\d{4}|\w+\.?\s+\d{1,2},\s+\d{4}|\d{4}-\d{2}-\d{2})(?:[\s,]+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*\w{0,4})?$/i.test(t);
}

/** A month name, an ISO-like date or a clock time. */
const DATE_LIKE =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|\d{4}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}:\d{2}/i;

/** The first `n` leaf-ish blocks in document order (for title / byline / date lines). */
function firstBlocks(root: DomElement, n: number): DomElement[] {
  const out: DomElement[] = [];
  const all = root.querySelectorAll('h1, h2, h3, h4, h5, h6, p, div, span, time, address, ul, li');
  for (let i = 0; i < all.length && out.length < n; i++) {
    const el = all[i]!;
    if (el.querySelector('p, h1, h2, h3, h4, h5, h6, div, ul')) continue; // not a leaf block
    if (normalizedText(el) === '') continue;
    if (el.tagName === 'SPAN' || el.tagName === 'TIME' || el.tagName === 'LI') {
      // Inline ones count only when they sit directly in the root (Readability unwraps divs).
      if (el.parentElement !== root) continue;
    }
    out.push(el);
  }
  return out;
}

/**
 * Trailing furniture that survived: from the end, drop link-dense lists/blocks and boilerplate
 * lines until real prose is reached. Leading: drop date/byline/"min read" lines before prose.
 */
function trimEdges(root: DomElement, opts: ContentCleanOptions): void {
  for (let guard = 0; guard < 30; guard++) {
    const last = lastLeafBlock(root);
    if (!last) break;
    const t = normalizedText(last);
    const dense = linkDensity(last) > 0.6 && t.length < 600;
    const heading = headingLevel(last) > 0; // a heading with nothing after it introduces nothing
    if (
      isBoilerplateLine(t, last.tagName) ||
      TRAILING_LINE.test(t) ||
      (dense && (last.tagName !== 'P' || t.length < 200)) ||
      heading ||
      isBylineText(t, opts.authors) ||
      isAuthorBio(t, opts.authors)
    ) {
      removeUpToRoot(last, root);
      continue;
    }
    break;
  }
}

function lastLeafBlock(root: DomElement): DomElement | null {
  let el: DomElement | null = root;
  for (;;) {
    let child: DomElement | null = el!.children.length > 0 ? el!.children[el!.children.length - 1]! : null;
    // Skip trailing empty elements (they are removed later anyway).
    while (child && normalizedText(child) === '' && child.tagName !== 'IMG' && !child.querySelector('img')) child = child.previousElementSibling;
    if (!child) return el === root ? null : el;
    if (/^(?:UL|OL|P|H[1-6]|BLOCKQUOTE|FIGURE|TABLE|PRE|DL)$/.test(child.tagName)) return child;
    if (INLINE_TAGS.has(child.tagName)) return el === root ? null : el;
    el = child;
  }
}

/** Remove `el`, then any ancestors it leaves empty (below `root`). */
function removeUpToRoot(el: DomElement, root: DomElement): void {
  let parent = el.parentElement;
  el.remove();
  while (parent && parent !== root && normalizedText(parent) === '' && !parent.querySelector('img')) {
    const next: DomElement | null = parent.parentElement;
    parent.remove();
    parent = next;
  }
}

/** Elements left with no text and no image after the passes above. */
function removeEmpty(root: DomElement): void {
  const all = root.querySelectorAll('p, div, section, ul, ol, li, span, h1, h2, h3, h4, h5, h6, blockquote, aside, header, footer');
  for (let i = all.length - 1; i >= 0; i--) {
    const el = all[i]!;
    if (!el.parentNode) continue;
    if (normalizedText(el) === '' && !el.querySelector('img, picture, video, table, hr, br, pre')) el.remove();
  }
}

export function childElements(el: DomNode): DomElement[] {
  const out: DomElement[] = [];
  const kids = el.childNodes;
  for (let i = 0; i < kids.length; i++) if (kids[i]!.nodeType === ELEMENT_NODE) out.push(kids[i] as DomElement);
  return out;
}
