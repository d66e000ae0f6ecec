/**
 * Quote and source suggestion quality on the hand-marked fixtures: `npx tsx bench/quotes-bench.ts`.
 * Prints JSON for the tuning set (test/fixtures/quotes/) and the held-out set (…/holdout/, never
 * used to tune the rules), plus an ablation of returning unattributed quotations. `--errors`
 * adds per-article misses, spurious quotes and wrong speakers.
 */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { suggestQuotes, suggestSources } from '../main/services/suggest';
import {
  addCounts, detection, emptyCounts, endToEnd, loadFixtures, prf, scoreArticle, scoreSources, type Fixture,
} from './quote-score';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'quotes');
// Errors are listed for the tuning set only, so the held-out numbers stay an honest estimate.
const showErrors = process.argv.includes('--errors');

function evaluate(fixtures: Fixture[], includeUnattributed: boolean, listErrors = false) {
  let counts = emptyCounts();
  const sources = { predicted: 0, gold: 0, matched: 0 };
  const errors: Record<string, unknown> = {};
  let ms = 0;
  const repeats = 20;
  for (const f of fixtures) {
    suggestQuotes(f.text, { includeUnattributed }); // warm-up
    const t0 = performance.now();
    let predicted = suggestQuotes(f.text, { includeUnattributed });
    for (let i = 1; i < repeats; i++) predicted = suggestQuotes(f.text, { includeUnattributed });
    ms += (performance.now() - t0) / repeats;
    const score = scoreArticle(predicted, f.gold.quotes);
    counts = addCounts(counts, score.counts);
    const s = scoreSources(suggestSources(f.text, f.links).map((x) => x.name), f.gold.sources);
    sources.predicted += s.predicted;
    sources.gold += s.gold;
    sources.matched += s.matched;
    if (listErrors && (score.missed.length || score.spurious.length || score.wrongSpeaker.length || s.matched !== s.gold || s.predicted !== s.matched)) {
      errors[f.name] = {
        missed: score.missed,
        spurious: score.spurious,
        wrongSpeaker: score.wrongSpeaker,
        sources: { predicted: suggestSources(f.text, f.links), gold: f.gold.sources },
      };
    }
  }
  const sourcePrf = prf(sources.matched, sources.predicted, sources.gold);
  return {
    articles: fixtures.length,
    goldQuotes: counts.gold,
    predictedQuotes: counts.predicted,
    quoteDetection: detection(counts),
    endToEnd: endToEnd(counts),
    msPerArticle: Math.round((ms / Math.max(1, fixtures.length)) * 1000) / 1000,
    sources: { precision: sourcePrf.precision, recall: sourcePrf.recall, gold: sources.gold, predicted: sources.predicted },
    ...(listErrors ? { errors } : {}),
  };
}

const tuning = loadFixtures(root);
const holdout = loadFixtures(join(root, 'holdout'));
const report = {
  tuning: evaluate(tuning, true, showErrors),
  holdout: evaluate(holdout, true),
  withoutUnattributed: {
    tuning: (({ quoteDetection, endToEnd: e2e }) => ({ quoteDetection, endToEnd: e2e }))(evaluate(tuning, false)),
    holdout: (({ quoteDetection, endToEnd: e2e }) => ({ quoteDetection, endToEnd: e2e }))(evaluate(holdout, false)),
  },
};
console.log(JSON.stringify(report, null, 2));
