/**
 * Suggestion quality and robustness over the hand-marked fixtures (test/fixtures/quotes/):
 * the offsets invariant on every suggestion, floors on the scores so regressions show up, and
 * hostile inputs that must neither crash nor take unbounded time.
 */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCounts, detection, emptyCounts, endToEnd, loadFixtures, prf, scoreArticle, scoreSources, type Fixture } from '../../../bench/quote-score';
import { suggestQuotes, suggestSources } from './index';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test', 'fixtures', 'quotes');
const tuning = loadFixtures(root);
const holdout = loadFixtures(join(root, 'holdout'));

function scores(fixtures: Fixture[]) {
  let counts = emptyCounts();
  const src = { predicted: 0, gold: 0, matched: 0 };
  for (const f of fixtures) {
    counts = addCounts(counts, scoreArticle(suggestQuotes(f.text), f.gold.quotes).counts);
    const s = scoreSources(suggestSources(f.text, f.links).map((x) => x.name), f.gold.sources);
    src.predicted += s.predicted;
    src.gold += s.gold;
    src.matched += s.matched;
  }
  return { detection: detection(counts), endToEnd: endToEnd(counts), sources: prf(src.matched, src.predicted, src.gold) };
}

describe('fixtures', () => {
  it('has at least 30 articles, about 10 of them held out', () => {
    expect(tuning.length + holdout.length).toBeGreaterThanOrEqual(30);
    expect(holdout.length).toBeGreaterThanOrEqual(10);
  });

  it('marks only quotes that occur in the article', () => {
    const norm = (s: string) => s.replace(/\s+/g, ' ');
    for (const f of [...tuning, ...holdout]) {
      for (const q of f.gold.quotes) expect(norm(f.text).includes(norm(q.text)), `${f.name}: ${q.text}`).toBe(true);
    }
  });

  it('keeps text.slice(start, end) === quote.text for every suggestion', () => {
    for (const f of [...tuning, ...holdout]) {
      for (const q of suggestQuotes(f.text)) {
        expect(f.text.slice(q.start, q.end), f.name).toBe(q.text);
        expect(q.start).toBeLessThan(q.end);
      }
    }
  });

  it('stays above the score floors on the tuning set', () => {
    const s = scores(tuning);
    expect(s.detection.f1).toBeGreaterThanOrEqual(0.97);
    expect(s.endToEnd.f1).toBeGreaterThanOrEqual(0.95);
    expect(s.sources.precision).toBeGreaterThanOrEqual(0.9);
    expect(s.sources.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('stays above the score floors on the held-out set', () => {
    const s = scores(holdout);
    expect(s.detection.f1).toBeGreaterThanOrEqual(0.95);
    expect(s.endToEnd.f1).toBeGreaterThanOrEqual(0.85);
    expect(s.sources.recall).toBeGreaterThanOrEqual(0.85);
  });
});

describe('hostile input', () => {
  const article = tuning[0]?.text ?? 'Ann Lee said “hello there, everyone in the room.”';
  const oneMegabyte = (unit: string) => unit.repeat(Math.ceil(1_000_000 / unit.length)).slice(0, 1_000_000);

  it.each([
    ['1 MB of articles', oneMegabyte(`${article}\n\n`)],
    ['1 MB in one paragraph', oneMegabyte(article.replace(/\n+/g, ' '))],
    ['only quote marks', oneMegabyte('"“”„«»「」『』‘’\'')],
    ['quotes that never close', oneMegabyte('He said “this never closes and goes on. ')],
    ['emoji and joiners', oneMegabyte('😀 “I love 🍕 and 👩‍👩‍👧 families,” said Ana 🚀 Smith. ')],
    ['capitalised words only', oneMegabyte('Aaaa Bbbb Cccc Dddd ')],
  ])('%s: no crash, valid offsets, bounded time', (_name, text) => {
    const t0 = performance.now();
    const quotes = suggestQuotes(text);
    suggestSources(text, []);
    // Generous for a loaded CI machine; quadratic behaviour would take minutes.
    expect(performance.now() - t0).toBeLessThan(20_000);
    for (const q of quotes.slice(0, 2000)) expect(text.slice(q.start, q.end)).toBe(q.text);
  });

  it('handles empty and tiny inputs', () => {
    for (const text of ['', '"', '“', '”', '«»', '""', 'A', '\n\n\n', '“ ”', 'Q: A:']) {
      expect(() => suggestQuotes(text)).not.toThrow();
      expect(() => suggestSources(text, [{ href: '', text: '' }])).not.toThrow();
    }
  });

  it('never throws and keeps offsets valid on random text', () => {
    const alphabet = fc.constantFrom(...'aAbBsS e.,:;?!-—"“”„«»「」‘’\'\n()0123456789😀'.split(''), ' said ', ' Smith ', ' he ', '\n\n', ' Dr. ', ' according to ', 'Q: ', 'A: ');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 400 }), (parts) => {
        const text = parts.join('');
        for (const q of suggestQuotes(text)) {
          if (text.slice(q.start, q.end) !== q.text || q.start >= q.end) return false;
        }
        suggestSources(text, []);
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
