import { compileText, quoteFts } from '../../../shared/search/compile-match';
import { positiveLeavesOf, type TextNode } from '../../../shared/search/query-ast';
import { likeContains } from '../../db/repositories/rows';
import type { Params } from './filter-sql';
import type { TypeSpec } from './type-specs';

/**
 * Substring search through the trigram indexes, for what the word index cannot find:
 * - CJK text, which has no spaces, so unicode61 keeps a whole run of characters as one token and a
 *   word inside it is never found;
 * - a word that matched nothing as a word may still be part of a title or name ("ebook" in
 *   "Facebook"), tried when the normal search finds nothing.
 * Trigram indexes hold titles and names of everything, and the body only of text with CJK in it.
 * The text tree becomes a SQL condition on the item row `x`; no bm25 here (results by recency).
 */
const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]/u;

export const hasCjk = (text: string) => CJK.test(text);

/** Trigrams match 3+ characters; shorter pieces fall back to LIKE (a scan: fine for rare CJK words). */
const TRIGRAM_MIN = 3;

export function trigramCondition(node: TextNode, spec: TypeSpec, p: Params): string {
  switch (node.kind) {
    case 'term':
    case 'phrase': {
      const text = node.text.trim();
      if (!spec.tri) {
        // Topics: few rows, no trigram index.
        const like = p.add(likeContains(text));
        return `(x.title LIKE ${like} ESCAPE '\\' OR x.description LIKE ${like} ESCAPE '\\')`;
      }
      if ([...text].length >= TRIGRAM_MIN) {
        return `x.rowid IN (SELECT rowid FROM ${spec.tri.fts} WHERE ${spec.tri.fts} MATCH ${p.add(quoteFts(text))})`;
      }
      const like = p.add(likeContains(text));
      return `x.rowid IN (SELECT rid FROM ${spec.tri.view} WHERE ${spec.tri.columns.map((c) => `${c} LIKE ${like} ESCAPE '\\'`).join(' OR ')})`;
    }
    case 'not': {
      // The trigram indexes hold only titles, names and CJK bodies: an exclusion must also look in
      // the word index, which holds every text, or "tax -farmers" would keep an article about farmers.
      const words = compileText(node.child).match;
      const inWords = words ? ` OR x.rowid IN (SELECT rowid FROM ${spec.fts} WHERE ${spec.fts} MATCH ${p.add(words)})` : '';
      return `NOT (${trigramCondition(node.child, spec, p)}${inWords})`;
    }
    case 'and':
    case 'or':
      return `(${node.children.map((c) => trigramCondition(c, spec, p)).join(node.kind === 'and' ? ' AND ' : ' OR ')})`;
  }
}

/** Can the substring fallback run? Every word to find must have 3+ characters (else it scans). */
export function isSubstringFallbackUseful(node: TextNode | null): boolean {
  const leaves = positiveLeavesOf(node);
  return leaves.length > 0 && leaves.every((l) => [...l.text.trim()].length >= TRIGRAM_MIN);
}

/** A snippet cut around the first occurrence of a searched piece, with match markers. */
export function substringSnippet(text: string, node: TextNode | null, width = 160): string {
  const needles = positiveLeavesOf(node).map((l) => l.text.trim().toLowerCase()).filter(Boolean);
  const lower = text.toLowerCase();
  // Lower-casing can change the length of a few characters (İ); then offsets would not line up.
  if (lower.length !== text.length) return text.length > width ? `${text.slice(0, width)}…` : text;
  let best = -1;
  let needle = '';
  for (const n of needles) {
    const at = lower.indexOf(n);
    if (at >= 0 && (best < 0 || at < best)) [best, needle] = [at, n];
  }
  if (best < 0) return text.length > width ? `${text.slice(0, width)}…` : text;
  const from = Math.max(0, best - Math.floor(width / 3));
  const to = Math.min(text.length, best + needle.length + Math.ceil((width * 2) / 3));
  return `${from > 0 ? '…' : ''}${text.slice(from, best)}\u0002${text.slice(best, best + needle.length)}\u0003${text.slice(best + needle.length, to)}${to < text.length ? '…' : ''}`;
}
