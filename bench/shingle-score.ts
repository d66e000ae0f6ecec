/**
 * Text similarity for extraction quality: precision / recall / F1 over token 4-gram shingles.
 *
 * Tokens are lower-cased runs of letters and digits (\p{L}\p{N}); Han, Hiragana and Katakana
 * characters are tokens on their own, because those scripts do not separate words with spaces and
 * a whole sentence would otherwise be one token. Shingles are counted as a multiset, so text that
 * is extracted twice is penalised in precision.
 */

// One CJK character, or a run of other letters and digits ("2024年" is "2024" + "年").
const TOKEN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}])+/gu;

export function tokenize(text: string): string[] {
  return Array.from(text.toLowerCase().matchAll(TOKEN), (m) => m[0]);
}

/** Multiset of n-token shingles; texts shorter than n tokens yield one shingle of all of them. */
export function shingles(tokens: readonly string[], n = 4): Map<string, number> {
  const out = new Map<string, number>();
  if (tokens.length === 0) return out;
  if (tokens.length < n) {
    out.set(tokens.join(' '), 1);
    return out;
  }
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(' ');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

export interface ShingleScore {
  precision: number;
  recall: number;
  f1: number;
}

/** How well `extracted` matches `expected` (1 = same shingles, 0 = nothing in common). */
export function shingleScore(extracted: string, expected: string, n = 4): ShingleScore {
  const a = shingles(tokenize(extracted), n);
  const b = shingles(tokenize(expected), n);
  let sizeA = 0;
  let sizeB = 0;
  for (const v of a.values()) sizeA += v;
  for (const v of b.values()) sizeB += v;
  if (sizeA === 0 && sizeB === 0) return { precision: 1, recall: 1, f1: 1 };
  let common = 0;
  for (const [k, v] of a) common += Math.min(v, b.get(k) ?? 0);
  const precision = sizeA === 0 ? 0 : common / sizeA;
  const recall = sizeB === 0 ? 0 : common / sizeB;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
