/**
 * The benchmark's queries: a deterministic mix of single words, pairs, phrases that occur in the
 * corpus, prefixes and filtered searches, drawn from the generated library's own vocabulary.
 * Shared by search-bench.ts and search-profile.ts so both measure the same searches.
 */
import { generateArticle, rng, SITES, STANCES, TAGS, TOPICS, type GeneratedSpeaker, type Vocabulary } from './corpus-generator';

export interface BenchQuery {
  kind: 'word' | 'two-words' | 'phrase' | 'prefix' | 'filtered';
  query: string;
  /** The same search for lunr (no phrases or filters: lunr has neither). */
  lunr: string;
}

/** Words people search for: content words of middling frequency (not "the", not a one-off name). */
function searchableWord(vocab: Vocabulary, r: () => number): string {
  for (;;) {
    const rank = 120 + Math.floor(Math.pow(r(), 1.5) * 2500);
    const w = vocab.words[Math.min(rank, vocab.words.length - 1)]!;
    if (w.length >= 4 && /^[a-z]+$/.test(w)) return w;
  }
}

export function buildQueries(vocab: Vocabulary, speakers: GeneratedSpeaker[], articleCount: number, n: number): BenchQuery[] {
  const r = rng(4242);
  const out: BenchQuery[] = [];
  const kinds: BenchQuery['kind'][] = ['word', 'word', 'two-words', 'two-words', 'phrase', 'prefix', 'filtered', 'filtered'];
  for (let i = 0; out.length < n; i++) {
    const kind = kinds[i % kinds.length]!;
    const w = searchableWord(vocab, r);
    switch (kind) {
      case 'word':
        out.push({ kind, query: w, lunr: `+${w}` });
        break;
      case 'two-words': {
        const w2 = searchableWord(vocab, r);
        out.push({ kind, query: `${w} ${w2}`, lunr: `+${w} +${w2}` });
        break;
      }
      case 'phrase': {
        // Two consecutive words from a real article, so the phrase exists.
        const a = generateArticle(vocab, speakers, Math.floor(r() * articleCount));
        const words = a.text.split(/\s+/).map((x) => x.replace(/[^A-Za-z]/g, '').toLowerCase()).filter((x) => x.length > 3);
        const at = Math.floor(r() * (words.length - 2));
        out.push({ kind, query: `"${words[at]} ${words[at + 1]}"`, lunr: `+${words[at]} +${words[at + 1]}` });
        break;
      }
      case 'prefix': {
        const p = w.slice(0, Math.max(4, w.length - 3));
        out.push({ kind, query: `${p}*`, lunr: `${p}*` });
        break;
      }
      case 'filtered': {
        const filters = [
          'type:quote',
          `speaker:"${speakers[Math.floor(Math.pow(r(), 2.2) * speakers.length)]!.name}"`,
          `tag:${TAGS[Math.floor(r() * TAGS.length)]}`,
          `stance:${STANCES[Math.floor(r() * 4)]}`,
          `site:${SITES[Math.floor(r() * 5)]![1]}`,
          'after:2020',
          `topic:"${TOPICS[Math.floor(r() * TOPICS.length)]}"`,
          'type:article before:2019',
        ];
        const f = filters[Math.floor(r() * filters.length)]!;
        out.push({ kind, query: `${w} ${f}`, lunr: `+${w}` });
        break;
      }
    }
  }
  return out;
}

