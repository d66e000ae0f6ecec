/**
 * Scoring of quote and source suggestions against hand-marked gold (test/fixtures/quotes/).
 *
 * - A predicted quote matches a gold quote when their texts overlap by at least 90%: the longest
 *   common subsequence of their normalised word tokens (CJK: characters) divided by the longer of
 *   the two. Normalising drops quote marks, unifies apostrophes and folds case and white space, so
 *   a multi-paragraph quote matches whatever paragraph breaks and continuation marks it spans.
 * - End to end, the speaker must also be equal after normalisation (case, titles, a leading "the",
 *   punctuation). A surname alone does not equal a full name.
 * - Matching is one-to-one, greedy by overlap.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export interface GoldQuote {
  text: string;
  speaker: string | null;
}

export interface Gold {
  quotes: GoldQuote[];
  sources: string[];
}

export interface Fixture {
  name: string;
  text: string;
  links: { href: string; text: string }[];
  gold: Gold;
}

export interface Counts {
  predicted: number;
  gold: number;
  matched: number;
  matchedWithSpeaker: number;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

const QUOTE_MARKS = /["“”„‟«»‹›「」『』]/gu;
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/u;

export function quoteTokens(text: string): string[] {
  const norm = text.normalize('NFKC').toLowerCase().replace(QUOTE_MARKS, ' ').replace(/[’‘`´]/g, "'");
  const out: string[] = [];
  for (const m of norm.matchAll(/[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu)) {
    const word = m[0];
    if (CJK.test(word)) for (const ch of word) out.push(ch);
    else out.push(word);
  }
  return out;
}

function lcs(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** Overlap in [0, 1]: LCS of normalised tokens over the longer token list. */
export function quoteOverlap(a: string, b: string): number {
  const ta = quoteTokens(a);
  const tb = quoteTokens(b);
  const longest = Math.max(ta.length, tb.length);
  return longest === 0 ? 0 : lcs(ta, tb) / longest;
}

const TITLES = /^(mr|mrs|ms|miss|mx|dr|prof|professor|sen|senator|rep|gov|governor|president|judge|mayor|sir|dame|m|mme|herr|frau)\.?\s+/u;

export function normaliseSpeaker(s: string | null | undefined): string {
  if (!s) return '';
  let n = s.normalize('NFC').toLowerCase().replace(/[’‘`´]/g, "'").replace(/\s+/g, ' ').trim();
  n = n.replace(/^the\s+/u, '');
  for (let i = 0; i < 3 && TITLES.test(n); i++) n = n.replace(TITLES, '');
  n = n.replace(/[^\p{L}\p{N}' -]/gu, '').replace(/\s+/g, ' ').trim();
  return n;
}

export function normaliseSource(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/^(the|l['’])\s*/u, '').replace(/[’]/g, "'").trim();
}

export interface Predicted {
  text: string;
  speaker: string | null;
}

export interface ArticleScore {
  counts: Counts;
  /** Gold quotes not found, predicted quotes that match nothing, and speaker mismatches. */
  missed: GoldQuote[];
  spurious: Predicted[];
  wrongSpeaker: { text: string; gold: string | null; predicted: string | null }[];
}

export function scoreArticle(predicted: Predicted[], gold: GoldQuote[], threshold = 0.9): ArticleScore {
  const pairs: { p: number; g: number; overlap: number; same: boolean }[] = [];
  predicted.forEach((p, pi) => {
    gold.forEach((g, gi) => {
      const overlap = quoteOverlap(p.text, g.text);
      if (overlap >= threshold) pairs.push({ p: pi, g: gi, overlap, same: normaliseSpeaker(p.speaker) === normaliseSpeaker(g.speaker) });
    });
  });
  pairs.sort((a, b) => b.overlap - a.overlap || Number(b.same) - Number(a.same));
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  const result: ArticleScore = { counts: { predicted: predicted.length, gold: gold.length, matched: 0, matchedWithSpeaker: 0 }, missed: [], spurious: [], wrongSpeaker: [] };
  for (const pair of pairs) {
    if (usedP.has(pair.p) || usedG.has(pair.g)) continue;
    usedP.add(pair.p);
    usedG.add(pair.g);
    result.counts.matched++;
    if (pair.same) result.counts.matchedWithSpeaker++;
    else result.wrongSpeaker.push({ text: gold[pair.g]!.text, gold: gold[pair.g]!.speaker, predicted: predicted[pair.p]!.speaker });
  }
  gold.forEach((g, gi) => { if (!usedG.has(gi)) result.missed.push(g); });
  predicted.forEach((p, pi) => { if (!usedP.has(pi)) result.spurious.push(p); });
  return result;
}

export function addCounts(a: Counts, b: Counts): Counts {
  return { predicted: a.predicted + b.predicted, gold: a.gold + b.gold, matched: a.matched + b.matched, matchedWithSpeaker: a.matchedWithSpeaker + b.matchedWithSpeaker };
}

export const emptyCounts = (): Counts => ({ predicted: 0, gold: 0, matched: 0, matchedWithSpeaker: 0 });

export function prf(tp: number, predicted: number, gold: number): Prf {
  const precision = predicted === 0 ? (gold === 0 ? 1 : 0) : tp / predicted;
  const recall = gold === 0 ? 1 : tp / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: round(precision), recall: round(recall), f1: round(f1) };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function detection(c: Counts): Prf {
  return prf(c.matched, c.predicted, c.gold);
}

export function endToEnd(c: Counts): Prf {
  return prf(c.matchedWithSpeaker, c.predicted, c.gold);
}

export interface SourceCounts {
  predicted: number;
  gold: number;
  matched: number;
}

export function scoreSources(predicted: string[], gold: string[]): SourceCounts {
  const g = new Set(gold.map(normaliseSource));
  const p = new Set(predicted.map(normaliseSource));
  let matched = 0;
  for (const name of p) if (g.has(name)) matched++;
  return { predicted: p.size, gold: g.size, matched };
}

/** Fixtures in `dir`: NAME.txt + NAME.expected.json (+ optional NAME.links.json). */
export function loadFixtures(dir: string): Fixture[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -4);
      const linksPath = join(dir, `${name}.links.json`);
      return {
        name,
        text: readFileSync(join(dir, f), 'utf8'),
        links: existsSync(linksPath) ? (JSON.parse(readFileSync(linksPath, 'utf8')) as Fixture['links']) : [],
        gold: JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8')) as Gold,
      };
    });
}
