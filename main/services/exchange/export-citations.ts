import type { ArticleSummary } from '../../../shared/domain/entities';
import { PARTICLES, dateParts, splitName, type PersonName } from './dates-names';

/**
 * Articles as citations Zotero (and any reference manager) imports: CSL-JSON, BibTeX (biblatex
 * entry types and fields) and RIS.
 *
 * Type: a dated piece from a named outlet is a newspaper article (CSL `article-newspaper`, BibTeX
 * `@article` in its `journaltitle`, RIS `NEWS`); anything else is a web page (`webpage`,
 * `@online`, `ELEC`). The date clipped is the date accessed.
 */

const isNews = (a: ArticleSummary) => Boolean(a.siteName && a.publishedAt);
const urlOf = (a: ArticleSummary) => a.canonicalUrl ?? a.url;
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

// ---------------------------------------------------------------- CSL-JSON

export interface CslItem {
  id: string;
  type: 'article-newspaper' | 'webpage';
  title: string;
  author?: PersonName[];
  'container-title'?: string;
  URL?: string;
  issued?: { 'date-parts': number[][] };
  accessed?: { 'date-parts': number[][] };
  abstract?: string;
  language?: string;
  keyword?: string;
}

export function toCslItem(a: ArticleSummary): CslItem {
  const item: CslItem = { id: a.id, type: isNews(a) ? 'article-newspaper' : 'webpage', title: a.title };
  const authors = a.authors.map(splitName).filter((n) => n.family || n.literal);
  if (authors.length) item.author = authors;
  if (a.siteName) item['container-title'] = a.siteName;
  const url = urlOf(a);
  if (url) item.URL = url;
  const issued = dateParts(a.publishedAt);
  if (issued) item.issued = { 'date-parts': [issued] };
  const accessed = dateParts(a.clippedAt);
  if (accessed) item.accessed = { 'date-parts': [accessed] };
  if (a.excerpt) item.abstract = a.excerpt;
  if (a.lang) item.language = a.lang;
  if (a.tags.length) item.keyword = a.tags.join(', ');
  return item;
}

export function toCslJson(articles: ArticleSummary[]): string {
  return `${JSON.stringify(articles.map(toCslItem), null, 2)}\n`;
}

// ---------------------------------------------------------------- BibTeX

const BIBTEX_SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', '%': '\\%', '&': '\\&', '$': '\\$', '#': '\\#', _: '\\_', '^': '\\^{}', '~': '\\~{}',
};

/** Text for a BibTeX field: LaTeX's special characters escaped, so it reads back as typed. */
export function escapeBibtex(text: string): string {
  // `-{}-` keeps a typed double hyphen from turning into an en dash.
  return oneLine(text).replace(/[\\{}%&$#_^~]/g, (ch) => BIBTEX_SPECIAL[ch]!).replace(/-(?=-)/g, '-{}');
}

/** URLs are read verbatim by biblatex and Zotero; only braces (which would end the field) are encoded. */
const bibtexUrl = (url: string) => url.replace(/\{/g, '%7B').replace(/\}/g, '%7D').replace(/\s/g, '%20');

const asciiWord = (text: string) =>
  text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
const STOP = new Set(['a', 'an', 'the', 'of', 'on', 'in', 'and', 'to', 'for', 'at', 'by', 'is', 'la', 'le', 'les', 'der', 'die', 'das', 'el']);

/**
 * Citation keys: first author's family name (else the outlet) + year + the title's first
 * significant word, e.g. `lopez2024tram`; keys that would repeat get a, b, c… in id order, so the
 * same library gives the same keys on every export.
 */
export function citationKeys(articles: ArticleSummary[]): Map<string, string> {
  const base = new Map<string, string>();
  for (const a of articles) {
    const first = a.authors[0] ? splitName(a.authors[0]) : null;
    const who = asciiWord(first?.family ?? first?.literal ?? a.siteName ?? '').find((w) => !PARTICLES.has(w)) ?? 'anon';
    const year = /^\d{4}/.exec(a.publishedAt ?? '')?.[0] ?? 'nd';
    const word = asciiWord(a.title).find((w) => !STOP.has(w)) ?? '';
    base.set(a.id, `${who}${year}${word}`.slice(0, 60));
  }
  const keys = new Map<string, string>();
  const groups = new Map<string, string[]>();
  for (const [id, key] of base) groups.set(key, [...(groups.get(key) ?? []), id]);
  for (const [key, ids] of groups) {
    if (ids.length === 1) keys.set(ids[0]!, key);
    else [...ids].sort().forEach((id, i) => keys.set(id, `${key}${suffixLetters(i)}`));
  }
  return keys;
}

function suffixLetters(i: number): string {
  let n = i;
  let out = '';
  do {
    out = String.fromCharCode(97 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}

const bibtexName = (n: PersonName) => (n.literal ? `{${escapeBibtex(n.literal)}}` : n.given ? `${escapeBibtex(n.family ?? '')}, ${escapeBibtex(n.given)}` : escapeBibtex(n.family ?? ''));
const isoDay = (iso: string | null) => (dateParts(iso) ?? []).map((p, i) => (i === 0 ? String(p).padStart(4, '0') : String(p).padStart(2, '0'))).join('-');

export function toBibtex(articles: ArticleSummary[]): string {
  const keys = citationKeys(articles);
  const entries = articles.map((a) => {
    const fields: [string, string][] = [['title', escapeBibtex(a.title)]];
    const authors = a.authors.map(splitName).filter((n) => n.family || n.literal);
    if (authors.length) fields.push(['author', authors.map(bibtexName).join(' and ')]);
    if (a.siteName) fields.push([isNews(a) ? 'journaltitle' : 'organization', escapeBibtex(a.siteName)]);
    if (a.publishedAt && isoDay(a.publishedAt)) fields.push(['date', isoDay(a.publishedAt)]);
    const url = urlOf(a);
    if (url) fields.push(['url', bibtexUrl(url)]);
    if (isoDay(a.clippedAt)) fields.push(['urldate', isoDay(a.clippedAt)]);
    if (a.excerpt) fields.push(['abstract', escapeBibtex(a.excerpt)]);
    if (a.lang) fields.push(['language', escapeBibtex(a.lang)]);
    if (a.tags.length) fields.push(['keywords', escapeBibtex(a.tags.join(', '))]);
    const body = fields.map(([name, value]) => `  ${name} = {${value}}`).join(',\n');
    return `@${isNews(a) ? 'article' : 'online'}{${keys.get(a.id)},\n${body}\n}\n`;
  });
  return entries.join('\n');
}

// ---------------------------------------------------------------- RIS

const risDate = (iso: string | null) => {
  const parts = dateParts(iso);
  if (!parts) return null;
  const [y, m, d] = parts;
  return `${String(y).padStart(4, '0')}/${m ? String(m).padStart(2, '0') : ''}/${d ? String(d).padStart(2, '0') : ''}/`;
};

/** RIS with CRLF line ends (as the format specifies): one `TAG  - value` per line, `ER  - ` closing each record. */
export function toRis(articles: ArticleSummary[]): string {
  const records = articles.map((a) => {
    const lines: string[] = [`TY  - ${isNews(a) ? 'NEWS' : 'ELEC'}`, `TI  - ${oneLine(a.title)}`];
    for (const n of a.authors.map(splitName)) {
      if (n.literal) lines.push(`AU  - ${oneLine(n.literal)}`);
      else if (n.family) lines.push(`AU  - ${oneLine(n.family)}${n.given ? `, ${oneLine(n.given)}` : ''}`);
    }
    if (a.siteName) lines.push(`T2  - ${oneLine(a.siteName)}`);
    const year = dateParts(a.publishedAt)?.[0];
    if (year) lines.push(`PY  - ${String(year).padStart(4, '0')}`);
    const da = risDate(a.publishedAt);
    if (da) lines.push(`DA  - ${da}`);
    const url = urlOf(a);
    if (url) lines.push(`UR  - ${oneLine(url)}`);
    const accessed = risDate(a.clippedAt);
    if (accessed) lines.push(`Y2  - ${accessed}`);
    if (a.excerpt) lines.push(`AB  - ${oneLine(a.excerpt)}`);
    if (a.lang) lines.push(`LA  - ${oneLine(a.lang)}`);
    for (const tag of a.tags) lines.push(`KW  - ${oneLine(tag)}`);
    lines.push('ER  - ');
    return lines.join('\r\n');
  });
  return records.length ? `${records.join('\r\n\r\n')}\r\n` : '';
}
