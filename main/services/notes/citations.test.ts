import { describe, expect, it } from 'vitest';
import type { CitationStyle, EmbedSource } from '../../../shared/notes/resolved';
import { useTempLibrary } from '../../../test/helpers/temp-library';
import { makeNotesLibrary } from '../../../test/fixtures/notes/make-notes-library';
import { formatBibliography, formatSources } from './citations';
import { runsToMarkdown, runsToText } from './csl-html';
import { splitName } from './csl-item';

const news: EmbedSource = {
  articleId: 'news', title: 'City council approves tram line', siteName: 'The Daily Post', authors: ['Ana Silva', 'Tom Berg'],
  url: 'https://news.example.com/tram', publishedAt: '2026-03-14T09:30:00Z', clippedAt: '2026-04-01T12:00:00Z',
};
const web: EmbedSource = {
  articleId: 'web', title: 'Glacier data & what it means', siteName: 'Climate Notes', authors: [],
  url: 'https://blog.example.org/glaciers', publishedAt: null, clippedAt: '2026-04-02T08:00:00Z',
};
const single: EmbedSource = {
  articleId: 'single', title: 'The long road to a budget deal', siteName: 'Weekly Review', authors: ['Ursula von der Leyen'],
  url: null, publishedAt: '2025-11', clippedAt: '2026-01-05T08:00:00Z',
};

/** Golden strings: what each style must print for these three sources. */
const GOLDEN: Record<CitationStyle, { inText: Record<string, string>; bibliography: string[] }> = {
  'chicago-note': {
    inText: {
      news: 'Ana Silva and Tom Berg, “City Council Approves Tram Line,” The Daily Post, March 14, 2026, https://news.example.com/tram.',
      web: '“Glacier Data & What It Means,” Climate Notes, accessed April 2, 2026, https://blog.example.org/glaciers.',
      single: 'Ursula von der Leyen, “The Long Road to a Budget Deal,” Weekly Review, November 2025.',
    },
    bibliography: [
      '“Glacier Data & What It Means.” Climate Notes. Accessed April 2, 2026. https://blog.example.org/glaciers.',
      'Leyen, Ursula von der. “The Long Road to a Budget Deal.” Weekly Review, November 2025.',
      'Silva, Ana, and Tom Berg. “City Council Approves Tram Line.” The Daily Post, March 14, 2026. https://news.example.com/tram.',
    ],
  },
  'chicago-author-date': {
    inText: { news: '(Silva and Berg 2026)', web: '(“Glacier Data & What It Means” n.d.)', single: '(von der Leyen 2025)' },
    bibliography: [
      '“Glacier Data & What It Means.” n.d. Climate Notes. Accessed April 2, 2026. https://blog.example.org/glaciers.',
      'Leyen, Ursula von der. 2025. “The Long Road to a Budget Deal.” Weekly Review, November 2025.',
      'Silva, Ana, and Tom Berg. 2026. “City Council Approves Tram Line.” The Daily Post, March 14, 2026. https://news.example.com/tram.',
    ],
  },
  apa: {
    inText: { news: '(Silva & Berg, 2026)', web: '(Glacier Data & What It Means, n.d.)', single: '(von der Leyen, 2025)' },
    bibliography: [
      'Glacier data & what it means. (n.d.). Climate Notes. Retrieved April 2, 2026, from https://blog.example.org/glaciers',
      'Silva, A., & Berg, T. (2026, March 14). City council approves tram line. The Daily Post. https://news.example.com/tram',
      'von der Leyen, U. (2025, November). The long road to a budget deal. Weekly Review.',
    ],
  },
};

describe('citations through citeproc-js', () => {
  for (const style of Object.keys(GOLDEN) as CitationStyle[]) {
    it(`formats news articles and web pages in ${style}`, () => {
      const formatted = formatSources([news, web, single, news], style);
      expect(formatted.map((f) => f.sourceId)).toEqual(['news', 'web', 'single']);
      expect(Object.fromEntries(formatted.map((f) => [f.sourceId, runsToText(f.inText)]))).toEqual(GOLDEN[style].inText);
      expect(formatBibliography([news, web, single], style).map((e) => runsToText(e.runs))).toEqual(GOLDEN[style].bibliography);
    });
  }

  it('gives Chicago notes a short form for later citations: family names and the title', () => {
    const many: EmbedSource = { ...news, articleId: 'many', title: 'Tram line: what the vote means', authors: ['Ana Silva', 'Tom Berg', 'Lia Chen', 'Rui Alves'] };
    const agency: EmbedSource = { ...news, articleId: 'agency', title: 'Council votes', authors: ['Reuters Staff'] };
    const short = Object.fromEntries(formatSources([news, web, single, many, agency], 'chicago-note').map((f) => [f.sourceId, runsToText(f.shortNote ?? [])]));
    expect(short).toEqual({
      news: 'Silva and Berg, “City Council Approves Tram Line.”',
      web: '“Glacier Data & What It Means.”',
      // A note begins a sentence: the particle takes a capital there.
      single: 'Von der Leyen, “The Long Road to a Budget Deal.”',
      many: 'Silva et al., “Tram Line: What the Vote Means.”',
      agency: 'Reuters Staff, “Council Votes.”',
    });
    // Only the notes style has one.
    expect(formatSources([news], 'apa')[0]!.shortNote).toBeUndefined();
  });

  it('keeps the outlet’s italics as Markdown and escapes Markdown in titles', () => {
    const [entry] = formatBibliography([{ ...news, title: 'Trams *and* buses' }], 'chicago-note');
    expect(runsToMarkdown(entry!.runs)).toBe('Silva, Ana, and Tom Berg. “Trams \\*and\\* Buses.” *The Daily Post*, March 14, 2026. https://news.example.com/tram.');
  });

  it('splits display names for CSL, keeping particles and organisations', () => {
    expect(splitName('Maria van der Berg')).toEqual({ family: 'van der Berg', given: 'Maria' });
    expect(splitName('Reuters')).toEqual({ literal: 'Reuters' });
    expect(splitName('AP News Staff')).toEqual({ literal: 'AP News Staff' });
  });

  describe('through the API', () => {
    const lib = useTempLibrary();
    it('cites quotes through their article, lists what cannot be cited, and builds a bibliography', async () => {
      const f = await makeNotesLibrary(lib());
      const r = await lib().ok('notes.citations.get', { ids: [f.q1.id, f.silva.id, f.blog.id], style: 'apa' });
      expect(r.uncitable).toEqual([f.silva.id]);
      expect(r.citations.map((c) => [c.id, c.sourceId, c.inText.text])).toEqual([
        [f.q1.id, f.tram.id, '(van der Berg & Costa, 2026)'],
        [f.blog.id, f.blog.id, '(Glacier Data, Explained, n.d.)'],
      ]);
      expect(r.citations[0]!.reference.html).toContain('<i>The Daily Post</i>');
      const note = await lib().ok('notes.create', { title: 'N', body: `![[quote:${f.q1.id}]] ![[quote:${f.q2.id}]] [[article:${f.blog.id}]]` });
      const bib = await lib().ok('notes.bibliography.get', { noteId: note.id, style: 'chicago-author-date' });
      expect(bib.heading).toBe('References');
      expect(bib.entries).toHaveLength(2);
      expect(bib.markdown).toBe(
        '## References\n\n- Berg, Maria van der, and João Costa. 2026. “City Council Approves Tram Line.” *The Daily Post*, March 14, 2026. https://news.example.com/2026/03/tram.\n- “Glacier Data, Explained.” n.d. Climate Notes. Accessed January 1, 2026. https://blog.example.org/glaciers.\n',
      );
    });
  });
});
